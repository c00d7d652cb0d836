//! Redeeming an email link: the checks every link of a mail shares (address
//! verification, email change, password reset, and the links that set a password),
//! written once. A link is found by the digest of its token, counts once, until it
//! expires, and only for an account that may still use it.

use crate::clock::Timestamp;
use crate::db;
use crate::db::accounts::{self, Account};
use crate::db::email_tokens::EmailToken;
use crate::db::password_links::PasswordLink;
use crate::ids::AccountId;
use crate::service::{Error, Result};

/// What a stored link tells of itself.
pub trait StoredLink {
    fn account_id(&self) -> AccountId;
    /// The address the link was mailed to.
    fn email(&self) -> &str;
    /// None until the mail with its token was sent.
    fn expires_at(&self) -> Option<Timestamp>;
    fn used_at(&self) -> Option<Timestamp>;
}

/// Which accounts a kind of link still works for.
#[derive(Debug, Clone, Copy)]
pub struct Holder {
    /// Only an active account (not deactivated, not being deleted); otherwise any that
    /// is not being deleted (an address can be verified while deactivated).
    pub active: bool,
    /// The account must still have the address the link was mailed to.
    pub same_email: bool,
}

/// The link `found` (looked up by its token's digest) and its account, when the link
/// can be used at `now`: `TokenInvalid` for an unknown or used link or one whose
/// account may not use it, `TokenExpired` past its lifetime.
pub async fn check<L: StoredLink>(
    conn: &mut db::Conn,
    now: Timestamp,
    found: Option<L>,
    holder: Holder,
) -> Result<(L, Account)> {
    let link = found.ok_or(Error::TokenInvalid)?;
    if link.used_at().is_some() {
        return Err(Error::TokenInvalid);
    }
    if link.expires_at().is_none_or(|at| at <= now) {
        return Err(Error::TokenExpired);
    }
    let account = accounts::find(conn, link.account_id())
        .await?
        .filter(|a| {
            (if holder.active {
                a.is_active()
            } else {
                !a.is_being_deleted()
            }) && (!holder.same_email || a.email.eq_ignore_ascii_case(link.email()))
        })
        .ok_or(Error::TokenInvalid)?;
    Ok((link, account))
}

impl StoredLink for EmailToken {
    fn account_id(&self) -> AccountId {
        self.account_id
    }
    fn email(&self) -> &str {
        &self.email
    }
    fn expires_at(&self) -> Option<Timestamp> {
        self.expires_at
    }
    fn used_at(&self) -> Option<Timestamp> {
        self.used_at
    }
}

impl StoredLink for PasswordLink {
    fn account_id(&self) -> AccountId {
        self.account_id
    }
    fn email(&self) -> &str {
        &self.email
    }
    fn expires_at(&self) -> Option<Timestamp> {
        self.expires_at
    }
    fn used_at(&self) -> Option<Timestamp> {
        self.used_at
    }
}
