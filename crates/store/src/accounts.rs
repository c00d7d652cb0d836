//! The accounts table.

use crate::Timestamp;
use crate::ids::AccountId;
use crate::text_enum;

text_enum! {
    /// Where an account stands. Stored in `accounts.status`.
    pub enum AccountStatus {
        Active = "active",
        /// Signed out everywhere and unable to sign in until an admin reactivates it.
        Deactivated = "deactivated",
        /// Marked for deletion; a job deletes it with everything it owns.
        Deleting = "deleting",
    }
}

#[derive(Debug, Clone)]
pub struct Account {
    pub id: AccountId,
    pub email: String,
    pub email_verified_at: Option<Timestamp>,
    pub password_hash: Option<String>,
    pub display_name: Option<String>,
    pub is_admin: bool,
    pub status: AccountStatus,
    pub terms_version_accepted: Option<String>,
    /// The language of its pages and mail (`None`: the server's default).
    pub locale: Option<String>,
    pub created_at: Timestamp,
}

impl Account {
    pub fn is_active(&self) -> bool {
        self.status == AccountStatus::Active
    }

    pub fn is_being_deleted(&self) -> bool {
        self.status == AccountStatus::Deleting
    }
}

pub struct NewAccount<'a> {
    pub id: AccountId,
    pub email: &'a str,
    pub password_hash: Option<&'a str>,
    pub display_name: Option<&'a str>,
    pub terms_version_accepted: Option<&'a str>,
    pub locale: Option<&'a str>,
    pub now: Timestamp,
}

/// What an account's profile shows beyond its row: whether it has a second factor, and
/// the address of an email change under way. Loaded with the session
/// (`sessions::find_with_account`).
#[derive(Debug, Clone, Default)]
pub struct AccountFacts {
    pub two_factor: bool,
    pub pending_email: Option<String>,
}
