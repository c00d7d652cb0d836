//! Queueing mail: an outbox row and its SendEmail job, in the caller's transaction.

use serde_json::{Value, json};
use sqlx::SqliteConnection;

use crate::clock::Timestamp;
use crate::db::email_tokens::{self, NewEmailToken, Purpose};
use crate::db::outbox::{self, NewMail};
use crate::ids::{AccountId, EmailTokenId, OutboxId};
use crate::jobs;

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
    conn: &mut SqliteConnection,
    now: Timestamp,
    mail: Mail<'_>,
) -> anyhow::Result<OutboxId> {
    let id = OutboxId::new();
    let data = serde_json::to_string(&mail.data)?;
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
    jobs::enqueue_send_email(conn, id).await?;
    Ok(id)
}

/// Queues a notice about a change to the account's security, to its address.
pub async fn notice(
    conn: &mut SqliteConnection,
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
    conn: &mut SqliteConnection,
    now: Timestamp,
    mail: LinkMail<'_>,
) -> anyhow::Result<EmailTokenId> {
    let token_id = EmailTokenId::new();
    let mut data = mail.data;
    if let Value::Object(map) = &mut data {
        map.insert("token_id".into(), json!(token_id));
        map.insert("link_path".into(), json!(mail.link_path));
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
