//! Delivering one outbox mail: the rules of sending. A try leases the row (so two never
//! send it at once), gives up on a mail whose earlier try never finished (a poison
//! mail), mints the link's token at send time (only its digest is stored, and only a
//! mail that leaves carries a live one), renders, sends over SMTP, and records the
//! outcome: sent, a retry with exponential backoff, or failed for good (shown to admins).

use std::time::Duration;

use serde_json::{Value, json};

use crate::clock::Timestamp;
use crate::crypto::{random_token, token_digest};
use crate::db::{self, email_tokens, outbox, password_links};
use crate::ids::OutboxId;
use crate::jobs::queue::enqueue_send_email_after;
use crate::mail::{self, SendError, Sent};
use crate::service::mail::{LOCALE_KEY, LinkTarget, MailLink};
use crate::state::AppState;

/// What became of a try.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivery {
    /// The row is sent, failed, or leased by another try: left alone.
    NotMine,
    /// Its link was used or voided before it left: not sent.
    Skipped,
    /// Sent, or scheduled for another try, or failed for good: the row says which.
    Tried,
    /// An earlier try never finished: the mail is failed now and must not run again.
    GaveUp(String),
}

/// Tries to send outbox row `id`. Idempotent: a row that is sent, failed or leased by
/// another try is left alone.
pub async fn deliver(state: &AppState, id: OutboxId) -> anyhow::Result<Delivery> {
    let cfg = &state.config;
    let now = state.clock.now();
    // The lease outlasts one SMTP conversation; a crash mid-send frees it by expiry.
    let lease = Timestamp(now.0 + 2 * cfg.mail.smtp.timeout_seconds as i64 + 30);
    let mut conn = state.db.acquire().await?;
    let Some(mail) = outbox::claim(&mut conn, id, now, lease).await? else {
        return Ok(Delivery::NotMine);
    };
    drop(conn);
    let max = i64::from(cfg.jobs.mail_max_attempts);
    if mail.attempts > max {
        // The previous try never finished (it took the process down, or the process
        // died): stop here rather than loop on a poison mail.
        let why = format!("gave up after {max} tries; the last one did not finish");
        finish_failed(state, id, &why).await?;
        return Ok(Delivery::GaveUp(why));
    }

    let mut context = match serde_json::from_str::<Value>(&mail.data) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    // A link's token is minted now, so that only a mail that leaves carries a live one.
    if let Some(link) = MailLink::read(&context)? {
        let token = random_token("");
        let digest = token_digest(&token);
        let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
        let live = match link.target {
            LinkTarget::EmailToken(id) => email_tokens::mint(&mut tx, id, &digest, now).await?,
            LinkTarget::PasswordLink(id) => password_links::mint(&mut tx, id, &digest, now).await?,
        };
        if !live {
            outbox::mark_skipped(&mut tx, id, "the link was used or voided before sending").await?;
            tx.commit().await?;
            return Ok(Delivery::Skipped);
        }
        tx.commit().await?;
        let url = format!("{}{}?token={token}", cfg.public_url(), link.path);
        context.insert("link".into(), json!(url));
    }
    context.insert("app_name".into(), json!(cfg.console.product_name()));
    context.insert("support_link".into(), json!(cfg.console.support_link()));
    context.insert("support_label".into(), json!(cfg.console.support_label()));
    context.insert("public_url".into(), json!(cfg.public_url()));
    context.insert("recipient".into(), json!(mail.recipient));
    let locale = context.get(LOCALE_KEY).and_then(Value::as_str);
    let locale = state.templates.i18n().pick([locale]).to_owned();
    context.insert(LOCALE_KEY.into(), json!(locale));
    if let Some(minutes) = link_lifetime_minutes(&cfg.security, &mail.template) {
        // whole hours say hours; the words, and their plural, are the locale's
        let hours = if minutes % 60 == 0 { minutes / 60 } else { 0 };
        context.insert("expires_hours".into(), json!(hours));
        context.insert("expires_minutes".into(), json!(minutes));
    }

    let result = match mail::render(&state.templates, &mail.template, &context) {
        Ok(rendered) => {
            let message_id = state.mailer.message_id(&id.to_string());
            state
                .mailer
                .send(&mail.recipient, &rendered, &message_id)
                .await
                .map(|sent| (message_id, sent))
        }
        Err(e) => Err(SendError::Permanent(format!("{e:#}"))),
    };

    let error = match result {
        Ok((message_id, sent)) => {
            // Marked at once, on a connection of its own, not behind other writers: until
            // the mark commits, a process that dies leaves the mail to be sent again, so
            // that window stays as short as it can be.
            let mut conn = state.db.acquire().await?;
            outbox::mark_sent(&mut conn, id, state.clock.now(), &message_id).await?;
            state.metrics.mail("sent");
            match sent {
                Sent::File(path) => {
                    tracing::info!(outbox_id = %id, template = %mail.template, file = %path.display(), "mail written (file transport, not sent; the .txt beside it is its text)")
                }
                Sent::Log => {
                    tracing::info!(outbox_id = %id, template = %mail.template, "mail logged (log transport, not sent)")
                }
                Sent::Smtp => {
                    tracing::info!(outbox_id = %id, template = %mail.template, attempt = mail.attempts, "mail sent")
                }
            }
            return Ok(Delivery::Tried);
        }
        Err(error) => error,
    };
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    match error {
        SendError::Transient(error) if mail.attempts < max => {
            let delay = backoff(state, mail.attempts);
            let next = Timestamp(state.clock.now().0 + delay.as_secs() as i64);
            outbox::mark_retry(&mut tx, id, &error, next).await?;
            enqueue_send_email_after(&mut tx, id, delay).await?;
            state.metrics.mail("retry");
            tracing::warn!(outbox_id = %id, attempt = mail.attempts, retry_in_s = delay.as_secs(), %error, "mail not sent; will retry");
        }
        SendError::Transient(error) | SendError::Permanent(error) => {
            outbox::mark_failed(&mut tx, id, &error).await?;
            state.metrics.mail("failed");
            tracing::error!(outbox_id = %id, attempt = mail.attempts, %error, "mail failed for good");
        }
    }
    tx.commit().await?;
    Ok(Delivery::Tried)
}

async fn finish_failed(state: &AppState, id: OutboxId, why: &str) -> anyhow::Result<()> {
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
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

/// How long the link of a mail made from `template` lives, as configured.
fn link_lifetime_minutes(security: &crate::config::SecurityConfig, template: &str) -> Option<i64> {
    match template {
        "verify_email" => Some(security.email_verification_ttl_hours * 60),
        "change_email" => Some(security.email_change_ttl_hours * 60),
        "reset_password" | "set_password" => Some(security.password_reset_ttl_minutes),
        "invite" => Some(security.invite_ttl_hours * 60),
        _ => None,
    }
}
