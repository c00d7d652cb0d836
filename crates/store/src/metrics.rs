//! What `GET /metrics` reads from the database at each scrape.

/// Rows per status: of the job queue (by queue), the outbox and the webhook deliveries.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    /// (queue, status as apalis writes it, rows)
    pub jobs: Vec<(String, String, i64)>,
    /// (status, rows)
    pub outbox: Vec<(String, i64)>,
    /// (status, rows)
    pub webhook_deliveries: Vec<(String, i64)>,
}
