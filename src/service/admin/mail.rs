//! The mail outbox as operators see it, and retrying a failed mail.

use serde_json::json;

use crate::db::admin::{self as store};
use crate::db::outbox::MailStatus;
use crate::db::{self};
use crate::jobs::queue::{self};
use crate::service::{ClientInfo, Page};
use crate::service::{Error, Result};
use crate::state::AppState;

use crate::i18n::text;
use crate::service::admin::Actor;
use crate::service::audit::{Kind, record_by};

/// The mail outbox, newest first; optionally one status (`failed` for what needs help).
pub async fn emails(
    state: &AppState,
    status: Option<&str>,
    page: Page,
) -> Result<(Vec<store::OutboxMail>, Option<crate::ids::OutboxId>)> {
    let status = status
        .map(str::parse::<MailStatus>)
        .transpose()
        .map_err(|_| Error::field("status", text("invalid-mail-status")))?;
    let before = page.cursor_id()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let mut items = store::emails(&mut conn, status, before, page.limit + 1).await?;
    let next = page.next_cursor(&mut items, |m| m.id);
    Ok((items, next))
}

/// Sends a failed mail again, with a fresh set of tries.
pub async fn retry_email(
    state: &AppState,
    actor: &Actor,
    id: crate::ids::OutboxId,
    client: &ClientInfo,
) -> Result<store::OutboxMail> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let mail = store::email(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if !crate::db::outbox::retry(&mut tx, id, now).await? {
        return Err(Error::MailNotFailed);
    }
    queue::enqueue_send_email(&mut tx, id).await?;
    record_by(
        &mut tx,
        now,
        mail.account_id,
        Kind::AdminEmailRetried,
        actor,
        client,
        json!({"email_id": id, "template": mail.template, "recipient": mail.recipient}),
    )
    .await?;
    let mail = store::email(&mut tx, id).await?.ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(mail)
}
