//! The password_links table: single-use links that set a password (invitations, resets
//! an operator started).

use crate::Timestamp;
use crate::ids::{AccountId, OutboxId, PasswordLinkId};

/// Why the link exists. Stored as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A new account made by an admin: the person chooses their first password.
    Invite,
    /// An admin sent the person a reset mail.
    AdminReset,
    /// Printed at the console by `steward user reset-password`.
    Console,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Invite => "invite",
            Kind::AdminReset => "admin_reset",
            Kind::Console => "console",
        }
    }

    /// The kind stored as `s` (the schema allows no other values).
    pub fn parse(s: &str) -> Self {
        match s {
            "invite" => Kind::Invite,
            "admin_reset" => Kind::AdminReset,
            _ => Kind::Console,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PasswordLink {
    pub id: PasswordLinkId,
    pub account_id: AccountId,
    pub kind: Kind,
    pub email: String,
    pub expires_at: Option<Timestamp>,
    pub used_at: Option<Timestamp>,
}

pub struct NewLink<'a> {
    pub id: PasswordLinkId,
    pub account_id: AccountId,
    pub kind: Kind,
    pub email: &'a str,
    /// The mail that carries it; None for a link printed at the console.
    pub outbox_id: Option<OutboxId>,
    pub lifetime_seconds: i64,
    pub now: Timestamp,
}
