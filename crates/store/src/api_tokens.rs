//! The api_tokens table: bearer tokens for scripts using the admin API.

use crate::Timestamp;
use crate::ids::{AccountId, ApiTokenId};

#[derive(Debug, Clone)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub name: String,
    pub created_by: Option<AccountId>,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}
