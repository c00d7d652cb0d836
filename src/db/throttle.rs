//! The login_throttle table: failed attempts per (lowercased) address.

use crate::clock::Timestamp;

crate::db::dispatch! { throttle;
    pub async fn locked_until(email: &str, now: Timestamp) -> sqlx::Result<Option<Timestamp>>;
    pub async fn record_failure(email: &str, now: Timestamp) -> sqlx::Result<i64>;
    pub async fn lock(email: &str, until: Timestamp) -> sqlx::Result<()>;
    pub async fn clear(email: &str) -> sqlx::Result<()>;
}
