//! What several instances on one database share: periodic ticks and per-IP attempts.

use crate::clock::Timestamp;

crate::db::dispatch! { instances;
    pub async fn claim_tick(name: &str, tick: Timestamp) -> sqlx::Result<bool>;
    pub async fn hit_ip(ip: &str, window_start: Timestamp) -> sqlx::Result<i64>;
    pub async fn purge_ip_attempts(cutoff: Timestamp) -> sqlx::Result<u64>;
}
