//! What operators query across accounts: user search with filters, counts.

use crate::Timestamp;
use crate::accounts::{Account, AccountStatus};
use crate::ids::AccountId;
use crate::outbox::MailStatus;

/// A filter of the user list. `query` matches a substring of the email or the name.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub query: Option<String>,
    pub status: Option<AccountStatus>,
}

impl UserFilter {
    /// The text to look for, when there is one.
    pub fn text(&self) -> Option<&str> {
        self.query.as_deref().filter(|q| !q.is_empty())
    }

    /// The text as a LIKE pattern that finds it anywhere, its wildcards escaped with a
    /// backslash: a search for "a_b" finds "a_b", not "axb".
    pub fn like_pattern(&self) -> Option<String> {
        let escaped = self
            .text()?
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        Some(format!("%{escaped}%"))
    }
}

/// An account with what the operators' list shows of it.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub account: Account,
    pub counts: Counts,
    pub last_sign_in_at: Option<Timestamp>,
}

/// What an account owns and uses, for the admin's detail view.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub subscriptions: i64,
    pub hosts: i64,
    pub totp_devices: i64,
    pub passkeys: i64,
    pub sessions: i64,
}

/// One audit event, as operators see it across accounts.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AdminEvent {
    pub id: crate::ids::AuditEventId,
    pub account_id: Option<AccountId>,
    pub actor_id: Option<AccountId>,
    #[sqlx(rename = "type")]
    pub kind: String,
    pub at: Timestamp,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub detail: String,
}

/// One mail of the outbox (without its template data).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxMail {
    pub id: crate::ids::OutboxId,
    pub account_id: Option<AccountId>,
    pub recipient: String,
    pub template: String,
    pub status: MailStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: Timestamp,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_like_pattern_finds_its_text_literally_anywhere() {
        let filter = |q: &str| UserFilter {
            query: Some(q.to_owned()),
            status: None,
        };
        assert_eq!(filter(r"a_%\").like_pattern().unwrap(), r"%a\_\%\\%");
        assert_eq!(filter("").like_pattern(), None);
        assert_eq!(UserFilter::default().text(), None);
    }
}
