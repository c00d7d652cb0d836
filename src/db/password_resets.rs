//! The password_resets table.

use crate::clock::Timestamp;
use crate::ids::{EmailTokenId, PasswordResetId};
pub use steward_store::password_resets::*;

crate::db::dispatch! { password_resets;
    pub async fn insert(r: &Reset, now: Timestamp) -> sqlx::Result<()>;
    pub async fn find(id: PasswordResetId) -> sqlx::Result<Option<Reset>>;
    pub async fn validate_by_token(token_id: EmailTokenId, now: Timestamp) -> sqlx::Result<bool>;
    pub async fn complete(id: PasswordResetId, now: Timestamp) -> sqlx::Result<bool>;
}
