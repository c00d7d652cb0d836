//! The email_tokens table: single-use tokens behind email links.

use crate::clock::Timestamp;
use crate::ids::{AccountId, EmailTokenId};
pub use steward_store::email_tokens::*;

crate::db::dispatch! { email_tokens;
    pub async fn insert_pending(new: &NewEmailToken<'_>) -> sqlx::Result<()>;
    pub async fn mint(id: EmailTokenId, token_hash: &[u8], now: Timestamp) -> sqlx::Result<bool>;
    pub async fn find_by_hash(purpose: Purpose, token_hash: &[u8]) -> sqlx::Result<Option<EmailToken>>;
    pub async fn mark_used(id: EmailTokenId, now: Timestamp) -> sqlx::Result<bool>;
    pub async fn delete_unused(account_id: AccountId, purpose: Purpose) -> sqlx::Result<u64>;
}
