//! What operators query across accounts: user search with filters, counts.

use crate::clock::Timestamp;
use crate::db::accounts::AccountStatus;
use crate::db::outbox::MailStatus;
use crate::ids::AccountId;
pub use steward_store::admin::*;

crate::db::dispatch! { admin;
    pub async fn search_users(filter: &UserFilter, before: Option<AccountId>, limit: i64, now: Timestamp) -> sqlx::Result<Vec<UserRow>>;
    pub async fn find_user(id: AccountId, now: Timestamp) -> sqlx::Result<Option<UserRow>>;
    pub async fn count_users(filter: &UserFilter) -> sqlx::Result<i64>;
    pub async fn set_status(id: AccountId, status: AccountStatus, now: Timestamp) -> sqlx::Result<bool>;
    pub async fn set_admin(id: AccountId, is_admin: bool, now: Timestamp) -> sqlx::Result<()>;
    pub async fn set_verified(id: AccountId, verified: bool, now: Timestamp) -> sqlx::Result<()>;
    pub async fn events(account_id: Option<AccountId>, kind: Option<&str>, before: Option<crate::ids::AuditEventId>, limit: i64) -> sqlx::Result<Vec<AdminEvent>>;
    pub async fn emails(status: Option<MailStatus>, before: Option<crate::ids::OutboxId>, limit: i64) -> sqlx::Result<Vec<OutboxMail>>;
    pub async fn email(id: crate::ids::OutboxId) -> sqlx::Result<Option<OutboxMail>>;
}
