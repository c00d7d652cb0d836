//! The counts `GET /metrics` reads at each scrape.

pub use steward_store::metrics::*;

crate::db::dispatch! { metrics;
    pub async fn counts() -> sqlx::Result<Counts>;
}
