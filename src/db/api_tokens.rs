//! The api_tokens table: bearer tokens for scripts using the admin API.

use crate::clock::Timestamp;
use crate::ids::ApiTokenId;
pub use steward_store::api_tokens::*;

crate::db::dispatch! { api_tokens;
    pub async fn insert(t: &ApiToken, token_hash: &[u8]) -> sqlx::Result<()>;
    pub async fn find_by_hash(token_hash: &[u8]) -> sqlx::Result<Option<ApiToken>>;
    pub async fn list() -> sqlx::Result<Vec<ApiToken>>;
    pub async fn touch(id: ApiTokenId, now: Timestamp) -> sqlx::Result<()>;
    pub async fn revoke(id: ApiTokenId, now: Timestamp) -> sqlx::Result<bool>;
}
