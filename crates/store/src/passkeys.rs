//! The passkeys and passkey_challenges tables: registered WebAuthn credentials and the
//! ceremonies under way.

use crate::Timestamp;
use crate::ids::{AccountId, PasskeyChallengeId, PasskeyId};
use crate::text_enum;

text_enum! {
    /// What a ceremony is for: its answer is accepted for that only.
    pub enum Purpose {
        Registration = "registration",
        /// A sign-in without a password (discoverable credentials).
        SignIn = "sign_in",
        /// A second factor: at sign-in, reauthentication or a password reset.
        SecondFactor = "second_factor",
    }
}

/// A passkey as people see it, with webauthn-rs's record of it.
#[derive(Debug, Clone)]
pub struct Passkey {
    pub id: PasskeyId,
    pub account_id: AccountId,
    pub name: String,
    /// webauthn-rs's `Passkey`, as JSON.
    pub passkey: String,
    pub sign_count: i64,
    pub backup_eligible: bool,
    pub backup_state: bool,
    /// JSON array.
    pub transports: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

pub struct NewPasskey<'a> {
    pub id: PasskeyId,
    pub account_id: AccountId,
    pub credential_id: &'a [u8],
    pub name: &'a str,
    pub passkey: &'a str,
    pub sign_count: i64,
    pub backup_eligible: bool,
    pub backup_state: bool,
    pub transports: &'a str,
    pub now: Timestamp,
}

pub struct Challenge {
    pub id: PasskeyChallengeId,
    pub account_id: Option<AccountId>,
    pub purpose: Purpose,
    pub challenge: String,
    pub name: Option<String>,
    pub state: String,
    pub expires_at: Timestamp,
}
