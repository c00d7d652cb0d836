//! Queueing mail: an outbox row and its SendEmail job, in the caller's transaction; and
//! the link a mail carries, which [`crate::service::delivery`] mints at send time.

use serde_json::{Value, json};

use crate::clock::Timestamp;
use crate::db;
use crate::db::accounts;
use crate::db::email_tokens::{self, NewEmailToken, Purpose};
use crate::db::outbox::{self, NewMail};
use crate::ids::{AccountId, EmailTokenId, OutboxId, PasswordLinkId};
use crate::jobs::queue;

/// The stored link a mail's token is minted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget {
    /// An `email_tokens` row: verification, email change, password reset.
    EmailToken(EmailTokenId),
    /// A `password_links` row: invitation, an admin's reset.
    PasswordLink(PasswordLinkId),
}

/// The link a mail carries: whose token to mint, and the page the link opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailLink {
    pub target: LinkTarget,
    /// Path of the page, e.g. `/verify-email`.
    pub path: String,
}

// Where a link is kept in an outbox row's data. Rows queued by earlier releases carry
// these keys: they are the stored form, so they stay.
const EMAIL_TOKEN_KEY: &str = "token_id";
const PASSWORD_LINK_KEY: &str = "password_link_id";
const PATH_KEY: &str = "link_path";
/// The language a mail is written in (absent: the server's default).
pub const LOCALE_KEY: &str = "locale";

impl MailLink {
    /// Puts the link into a mail's data.
    pub fn write(&self, data: &mut serde_json::Map<String, Value>) {
        match self.target {
            LinkTarget::EmailToken(id) => data.insert(EMAIL_TOKEN_KEY.into(), json!(id)),
            LinkTarget::PasswordLink(id) => data.insert(PASSWORD_LINK_KEY.into(), json!(id)),
        };
        data.insert(PATH_KEY.into(), json!(self.path));
    }

    /// The link in a mail's data, if it has one; an error for one that can't be read
    /// (the mail must not leave without the link it promises).
    pub fn read(data: &serde_json::Map<String, Value>) -> anyhow::Result<Option<Self>> {
        let text = |key| data.get(key).and_then(Value::as_str);
        let target = match (text(EMAIL_TOKEN_KEY), text(PASSWORD_LINK_KEY)) {
            (Some(id), _) => LinkTarget::EmailToken(id.parse()?),
            (None, Some(id)) => LinkTarget::PasswordLink(id.parse()?),
            (None, None) => return Ok(None),
        };
        let path = text(PATH_KEY).unwrap_or("/").to_owned();
        Ok(Some(Self { target, path }))
    }
}

/// A mail to queue. `data` is the template's context: ids and plain facts, no secrets.
pub struct Mail<'a> {
    pub account_id: Option<AccountId>,
    pub recipient: &'a str,
    pub template: &'a str,
    pub data: Value,
}

/// Writes the mail to the outbox and enqueues its job. Both commit with the caller's
/// change or not at all.
pub async fn queue(
    conn: &mut db::Conn,
    now: Timestamp,
    mail: Mail<'_>,
) -> anyhow::Result<OutboxId> {
    let id = OutboxId::new();
    let mut data = mail.data;
    // The account's language as it is now, kept with the mail: a notice that the account
    // was deleted leaves after the account is gone.
    if let (Some(account_id), Value::Object(map)) = (mail.account_id, &mut data)
        && !map.contains_key(LOCALE_KEY)
        && let Some(locale) = accounts::locale(conn, account_id).await?
    {
        map.insert(LOCALE_KEY.into(), json!(locale));
    }
    let data = serde_json::to_string(&data)?;
    outbox::insert(
        conn,
        &NewMail {
            id,
            account_id: mail.account_id,
            recipient: mail.recipient,
            template: mail.template,
            data: &data,
            now,
        },
    )
    .await?;
    queue::enqueue_send_email(conn, id).await?;
    Ok(id)
}

/// Queues a notice about a change to the account's security, to its address.
pub async fn notice(
    conn: &mut db::Conn,
    now: Timestamp,
    account: &crate::db::accounts::Account,
    template: &str,
    data: Value,
) -> anyhow::Result<OutboxId> {
    queue(
        conn,
        now,
        Mail {
            account_id: Some(account.id),
            recipient: &account.email,
            template,
            data,
        },
    )
    .await
}

/// A mail whose link carries a single-use token, minted when the mail is sent.
pub struct LinkMail<'a> {
    pub account_id: AccountId,
    pub recipient: &'a str,
    pub template: &'a str,
    pub purpose: Purpose,
    /// Path of the page the link opens, e.g. `/verify-email`.
    pub link_path: &'a str,
    pub password_hash: Option<&'a str>,
    /// How long the link works once sent.
    pub lifetime: time::Duration,
    pub data: Value,
}

pub async fn queue_with_link(
    conn: &mut db::Conn,
    now: Timestamp,
    mail: LinkMail<'_>,
) -> anyhow::Result<EmailTokenId> {
    let token_id = EmailTokenId::new();
    let mut data = mail.data;
    if let Value::Object(map) = &mut data {
        let link = MailLink {
            target: LinkTarget::EmailToken(token_id),
            path: mail.link_path.to_owned(),
        };
        link.write(map);
    }
    let outbox_id = queue(
        conn,
        now,
        Mail {
            account_id: Some(mail.account_id),
            recipient: mail.recipient,
            template: mail.template,
            data,
        },
    )
    .await?;
    email_tokens::insert_pending(
        conn,
        &NewEmailToken {
            id: token_id,
            account_id: mail.account_id,
            purpose: mail.purpose,
            email: mail.recipient,
            password_hash: mail.password_hash,
            outbox_id,
            lifetime_seconds: mail.lifetime.whole_seconds(),
            now,
        },
    )
    .await?;
    Ok(token_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reads_back_as_written_and_as_earlier_releases_wrote_it() {
        let link = MailLink {
            target: LinkTarget::PasswordLink(PasswordLinkId::new()),
            path: "/set-password".into(),
        };
        let mut data = serde_json::Map::new();
        link.write(&mut data);
        assert_eq!(MailLink::read(&data).unwrap(), Some(link));

        let id = EmailTokenId::new();
        let old = json!({"token_id": id, "link_path": "/verify-email", "display_name": null});
        let read = MailLink::read(old.as_object().unwrap()).unwrap().unwrap();
        assert_eq!(read.target, LinkTarget::EmailToken(id));
        assert_eq!(read.path, "/verify-email");

        assert_eq!(MailLink::read(&serde_json::Map::new()).unwrap(), None);
        let broken = json!({"token_id": "not-an-id"});
        assert!(MailLink::read(broken.as_object().unwrap()).is_err());
    }
}
