//! The password_resets table.

use crate::Timestamp;
use crate::ids::{AccountId, EmailTokenId, PasswordResetId};

#[derive(Debug, Clone)]
pub struct Reset {
    pub id: PasswordResetId,
    pub account_id: Option<AccountId>,
    pub client_secret_hash: Vec<u8>,
    pub email_token_id: Option<EmailTokenId>,
    pub expires_at: Timestamp,
    pub validated_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
}
