//! Deleting what expired. Run by maintenance; each statement is one short transaction.

use crate::clock::Timestamp;
pub use steward_store::purge::*;

crate::db::dispatch! { purge;
    pub async fn email_tokens(now: Timestamp) -> sqlx::Result<u64>;
    pub async fn sessions(now: Timestamp, idle_cutoff: Timestamp) -> sqlx::Result<u64>;
    pub async fn mfa_tickets(now: Timestamp) -> sqlx::Result<u64>;
    pub async fn enrollments(now: Timestamp) -> sqlx::Result<u64>;
    pub async fn password_resets(now: Timestamp) -> sqlx::Result<u64>;
    pub async fn throttle(now: Timestamp) -> sqlx::Result<u64>;
    pub async fn finished_jobs() -> sqlx::Result<u64>;
    pub async fn busy_jobs(queue: &str, alive_seconds: i64) -> sqlx::Result<i64>;
}
