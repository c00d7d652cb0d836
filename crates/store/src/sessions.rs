//! The sessions table: one row per signed-in device, found by the digest of its token.

use crate::Timestamp;
use crate::ids::{AccountId, SessionId};

#[derive(Debug, Clone)]
pub struct Session {
    pub id: SessionId,
    pub account_id: AccountId,
    pub device_name: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub expires_at: Timestamp,
    pub elevated_until: Option<Timestamp>,
}

pub struct NewSession<'a> {
    pub id: SessionId,
    pub account_id: AccountId,
    pub token_hash: &'a [u8],
    pub device_name: Option<&'a str>,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub now: Timestamp,
    pub expires_at: Timestamp,
    pub elevated_until: Option<Timestamp>,
}
