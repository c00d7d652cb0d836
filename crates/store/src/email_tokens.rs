//! The email_tokens table: single-use tokens behind email links.

use crate::Timestamp;
use crate::ids::{AccountId, EmailTokenId, OutboxId};

/// What a token proves. Stored as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ChangeEmail,
    ResetPassword,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ChangeEmail => "change_email",
            Purpose::ResetPassword => "reset_password",
        }
    }
}

#[derive(Debug, Clone)]
pub struct EmailToken {
    pub id: EmailTokenId,
    pub account_id: AccountId,
    pub email: String,
    pub password_hash: Option<String>,
    pub expires_at: Option<Timestamp>,
    pub used_at: Option<Timestamp>,
}

pub struct NewEmailToken<'a> {
    pub id: EmailTokenId,
    pub account_id: AccountId,
    pub purpose: Purpose,
    pub email: &'a str,
    pub password_hash: Option<&'a str>,
    pub outbox_id: OutboxId,
    pub lifetime_seconds: i64,
    pub now: Timestamp,
}
