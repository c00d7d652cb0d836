//! The audit_events table.

use crate::ids::{AccountId, AuditEventId};
pub use steward_store::audit::*;

crate::db::dispatch! { audit;
    pub async fn insert(e: &NewEvent<'_>) -> sqlx::Result<AuditEventId>;
    pub async fn list_for_account(account_id: AccountId, before: Option<AuditEventId>, limit: i64) -> sqlx::Result<Vec<Event>>;
}
