//! The outbox table: every mail, from the request that causes it to its delivery.

use crate::clock::Timestamp;
use crate::ids::OutboxId;
pub use steward_store::outbox::*;

crate::db::dispatch! { outbox;
    pub async fn insert(new: &NewMail<'_>) -> sqlx::Result<()>;
    pub async fn claim(id: OutboxId, now: Timestamp, lease_until: Timestamp) -> sqlx::Result<Option<ClaimedMail>>;
    pub async fn mark_sent(id: OutboxId, now: Timestamp, message_id: &str) -> sqlx::Result<()>;
    pub async fn mark_retry(id: OutboxId, error: &str, next_attempt_at: Timestamp) -> sqlx::Result<()>;
    pub async fn mark_failed(id: OutboxId, error: &str) -> sqlx::Result<()>;
    pub async fn mark_skipped(id: OutboxId, why: &str) -> sqlx::Result<()>;
    pub async fn due_unleased(cutoff: Timestamp, now: Timestamp, limit: i64) -> sqlx::Result<Vec<OutboxId>>;
    pub async fn release_leases() -> sqlx::Result<u64>;
    pub async fn count_recent(recipient: &str, template: &str, since: Timestamp) -> sqlx::Result<i64>;
    pub async fn retry(id: OutboxId, now: Timestamp) -> sqlx::Result<bool>;
}
