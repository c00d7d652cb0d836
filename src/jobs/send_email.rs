//! SendEmail: renders and sends one outbox row, at most once at a time, retrying with
//! exponential backoff and giving up (status failed, shown to admins) after the last try.

use std::time::Duration;

use apalis::prelude::{AbortError, BoxDynError, Data};
use serde_json::{Value, json};

use crate::app::AppState;
use crate::clock::Timestamp;
use crate::crypto::{random_token, token_digest};
use crate::db::{self, email_tokens, outbox, password_links};
use crate::ids::{EmailTokenId, OutboxId, PasswordLinkId};
use crate::jobs::{SendEmail, enqueue_send_email_after};
use crate::mail::{self, SendError};

pub(super) async fn handle(job: SendEmail, state: Data<AppState>) -> Result<(), BoxDynError> {
    // Its own task (see `jobs::tracked`): a send under way at shutdown finishes and is
    // recorded; one not started yet is resumed at the next start.
    let state = (*state).clone();
    let done = super::tracked(&state.clone(), async move {
        send(&state, job.outbox_id).await.map_err(|e| {
            tracing::error!(outbox_id = %job.outbox_id, error = %e, "mail job failed");
            e.to_string()
        })
    })
    .await?;
    done.unwrap_or(Ok(())).map_err(Into::into)
}

enum LinkToken {
    Email(EmailTokenId),
    Password(PasswordLinkId),
}

/// Idempotent: a row that is sent, failed or leased by another try is left alone.
pub async fn send(state: &AppState, id: OutboxId) -> Result<(), BoxDynError> {
    let cfg = &state.config;
    let now = state.clock.now();
    // The lease outlasts one SMTP conversation; a crash mid-send frees it by expiry.
    let lease = Timestamp(now.0 + 2 * cfg.mail.smtp.timeout_seconds as i64 + 30);
    let mut conn = state.db.acquire().await?;
    let Some(mail) = outbox::claim(&mut conn, id, now, lease).await? else {
        return Ok(());
    };
    drop(conn);
    let max = i64::from(cfg.jobs.mail_max_attempts);
    if mail.attempts > max {
        // The previous try never finished (it took the process down, or the process
        // died): stop here rather than loop on a poison mail.
        let why = format!("gave up after {max} tries; the last one did not finish");
        finish_failed(state, id, &why).await?;
        return Err(AbortError::new(why).into());
    }

    let mut context = match serde_json::from_str::<Value>(&mail.data) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    // A link's token is minted now, so that only a mail that leaves carries a live one.
    let link = match (context.get("token_id"), context.get("password_link_id")) {
        (Some(Value::String(id)), _) => Some(LinkToken::Email(id.parse()?)),
        (_, Some(Value::String(id))) => Some(LinkToken::Password(id.parse()?)),
        _ => None,
    };
    if let Some(link) = link {
        let path = context
            .get("link_path")
            .and_then(Value::as_str)
            .unwrap_or("/")
            .to_owned();
        let token = random_token("");
        let digest = token_digest(&token);
        let mut tx = db::begin_immediate(&state.db).await?;
        let live = match link {
            LinkToken::Email(id) => email_tokens::mint(&mut tx, id, &digest, now).await?,
            LinkToken::Password(id) => password_links::mint(&mut tx, id, &digest, now).await?,
        };
        if !live {
            outbox::mark_skipped(&mut tx, id, "the link was used or voided before sending").await?;
            tx.commit().await?;
            return Ok(());
        }
        tx.commit().await?;
        context.insert(
            "link".into(),
            json!(format!("{}{path}?token={token}", cfg.public_url())),
        );
    }
    context.insert("app_name".into(), json!("Steward"));
    context.insert("public_url".into(), json!(cfg.public_url()));
    context.insert("recipient".into(), json!(mail.recipient));

    let result = match mail::render(&state.templates, &mail.template, &context) {
        Ok(rendered) => {
            let message_id = state.mailer.message_id(&id.to_string());
            state
                .mailer
                .send(&mail.recipient, &rendered, &message_id)
                .await
                .map(|()| message_id)
        }
        Err(e) => Err(SendError::Permanent(format!("{e:#}"))),
    };

    let mut tx = db::begin_immediate(&state.db).await?;
    match result {
        Ok(message_id) => {
            outbox::mark_sent(&mut tx, id, state.clock.now(), &message_id).await?;
            state.metrics.mail("sent");
            tracing::info!(outbox_id = %id, template = %mail.template, attempt = mail.attempts, "mail sent");
        }
        Err(SendError::Transient(error)) if mail.attempts < max => {
            let delay = backoff(state, mail.attempts);
            let next = Timestamp(state.clock.now().0 + delay.as_secs() as i64);
            outbox::mark_retry(&mut tx, id, &error, next).await?;
            enqueue_send_email_after(&mut tx, id, delay).await?;
            state.metrics.mail("retry");
            tracing::warn!(outbox_id = %id, attempt = mail.attempts, retry_in_s = delay.as_secs(), %error, "mail not sent; will retry");
        }
        Err(SendError::Transient(error) | SendError::Permanent(error)) => {
            outbox::mark_failed(&mut tx, id, &error).await?;
            state.metrics.mail("failed");
            tracing::error!(outbox_id = %id, attempt = mail.attempts, %error, "mail failed for good");
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn finish_failed(state: &AppState, id: OutboxId, why: &str) -> anyhow::Result<()> {
    let mut tx = db::begin_immediate(&state.db).await?;
    outbox::mark_failed(&mut tx, id, why).await?;
    tx.commit().await?;
    tracing::error!(outbox_id = %id, why, "mail failed for good");
    Ok(())
}

/// base · 2^(attempt-1), capped.
fn backoff(state: &AppState, attempt: i64) -> Duration {
    let jobs = &state.config.jobs;
    let exp = u32::try_from(attempt.saturating_sub(1))
        .unwrap_or(u32::MAX)
        .min(20);
    let secs = jobs.mail_retry_base_seconds.saturating_mul(1u64 << exp);
    Duration::from_secs(secs.min(jobs.mail_retry_max_seconds).max(1))
}
