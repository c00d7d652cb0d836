//! The password_links table: single-use links that set a password (invitations, resets
//! an operator started).

use crate::clock::Timestamp;
use crate::ids::{AccountId, PasswordLinkId};
pub use steward_store::password_links::*;

crate::db::dispatch! { password_links;
    pub async fn insert(new: &NewLink<'_>) -> sqlx::Result<()>;
    pub async fn mint(id: PasswordLinkId, token_hash: &[u8], now: Timestamp) -> sqlx::Result<bool>;
    pub async fn find_by_hash(token_hash: &[u8]) -> sqlx::Result<Option<PasswordLink>>;
    pub async fn mark_used(id: PasswordLinkId, now: Timestamp) -> sqlx::Result<bool>;
    pub async fn void_unused(account_id: AccountId) -> sqlx::Result<u64>;
    pub async fn purge(now: Timestamp) -> sqlx::Result<u64>;
}
