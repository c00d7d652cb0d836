//! The accounts table.

use crate::clock::Timestamp;
use crate::ids::AccountId;
pub use steward_store::accounts::*;

/// The account of an address with its lock taken ([`crate::db::lock_account`]), read
/// again under it; None when the address has no account, or no longer has it.
pub async fn find_by_email_locked(
    tx: &mut crate::db::Tx,
    email: &str,
) -> anyhow::Result<Option<Account>> {
    let Some(found) = find_by_email(tx, email).await? else {
        return Ok(None);
    };
    crate::db::lock_account(tx, found.id).await?;
    Ok(find(tx, found.id)
        .await?
        .filter(|again| again.email.eq_ignore_ascii_case(email)))
}

crate::db::dispatch! { accounts;
    pub async fn insert(new: &NewAccount<'_>) -> sqlx::Result<()>;
    pub async fn find_by_email(email: &str) -> sqlx::Result<Option<Account>>;
    pub async fn find(id: AccountId) -> sqlx::Result<Option<Account>>;
    pub async fn mark_verified(id: AccountId, password_hash: Option<&str>, now: Timestamp) -> sqlx::Result<()>;
    pub async fn set_display_name(id: AccountId, display_name: Option<&str>, now: Timestamp) -> sqlx::Result<()>;
    pub async fn set_locale(id: AccountId, locale: &str, now: Timestamp) -> sqlx::Result<()>;
    pub async fn locale(id: AccountId) -> sqlx::Result<Option<String>>;
    pub async fn set_password(id: AccountId, password_hash: &str, now: Timestamp) -> sqlx::Result<()>;
    pub async fn set_email(id: AccountId, email: &str, now: Timestamp) -> sqlx::Result<()>;
    pub async fn mark_deleting(id: AccountId, now: Timestamp) -> sqlx::Result<bool>;
    pub async fn deleting(limit: i64) -> sqlx::Result<Vec<AccountId>>;
    pub async fn delete(id: AccountId) -> sqlx::Result<u64>;
    pub async fn set_terms(id: AccountId, version: &str, now: Timestamp) -> sqlx::Result<()>;
}
