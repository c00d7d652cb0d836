//! The `[webhooks]` section: how webhook deliveries are sent and retried.

use serde::{Deserialize, Serialize};

/// Webhook deliveries (`[webhooks]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebhooksConfig {
    /// Let endpoints reach loopback, private, link-local and other internal addresses.
    /// Off: a webhook URL could otherwise make the server call into its own network.
    pub allow_private_addresses: bool,
    /// How long a receiver has to answer (connecting included), in seconds.
    pub timeout_seconds: u64,
    /// Tries of one delivery before it is marked failed (admins can retry it).
    pub max_attempts: u32,
    /// Seconds before the first retry; each further retry waits twice as long (with
    /// jitter), at most `retry_max_seconds`.
    pub retry_base_seconds: u64,
    pub retry_max_seconds: u64,
    /// Deliveries sent at once (to different endpoints: one endpoint's go in order).
    pub concurrency: usize,
    /// Days a delivered or finally failed delivery stays in the log before maintenance
    /// removes it (pending ones always stay). At least 1.
    pub keep_deliveries_days: u32,
}

impl Default for WebhooksConfig {
    fn default() -> Self {
        Self {
            allow_private_addresses: false,
            timeout_seconds: 10,
            // 60 s doubling, capped at 6 h: 12 tries span about 20 hours
            max_attempts: 12,
            retry_base_seconds: 60,
            retry_max_seconds: 6 * 3600,
            concurrency: 8,
            keep_deliveries_days: 30,
        }
    }
}
