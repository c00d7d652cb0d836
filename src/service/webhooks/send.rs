//! Sending one webhook delivery: the rules. A try claims the delivery (only the oldest
//! pending one of its endpoint, so each endpoint gets its events in order, and only one
//! try at a time), signs the body (Standard Webhooks; both keys during a rotation),
//! posts it with the guarded client, and records the outcome: delivered on 2xx; on 410
//! the endpoint is turned off; otherwise a retry with exponential backoff and jitter,
//! or failed after the last try. Then the endpoint's next delivery is queued.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;
use time::OffsetDateTime;

use crate::clock::Timestamp;
use crate::crypto::webhook;
use crate::db::webhooks::{self as store, ClaimedDelivery, Endpoint};
use crate::db::{self};
use crate::ids::{WebhookDeliveryId, WebhookEndpointId};
use crate::jobs::queue::enqueue_webhook;
use crate::service::ClientInfo;
use crate::service::audit::{Actor, Kind, record_by};
use crate::state::AppState;

/// How much of an answer is read: the rest is never downloaded.
pub const ANSWER_LIMIT: usize = 64 * 1024;
/// How much of an answer the delivery log keeps.
const EXCERPT_CHARS: usize = 200;

/// What became of a try.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not the endpoint's next delivery, not pending, leased by another try, a stale
    /// copy of its job, or its endpoint is off: left alone.
    NotMine,
    Delivered,
    /// Scheduled for another try.
    Retry,
    Failed,
    /// The receiver answered 410: the endpoint is off now.
    Disabled,
    /// An earlier try never finished: failed now, and must not run again.
    GaveUp(String),
}

/// The answer to one try, or why there was none.
struct Answer {
    status: Option<StatusCode>,
    /// For the log: the start of the answer's body, or the error.
    excerpt: String,
}

/// Tries delivery `id`, if it has had `attempts` tries so far. Idempotent.
pub async fn deliver(
    state: &AppState,
    id: WebhookDeliveryId,
    attempts: i64,
) -> anyhow::Result<Outcome> {
    let cfg = &state.config.webhooks;
    let now = state.clock.now();
    // the lease outlasts one try; a crash mid-send frees it by expiry
    let lease = Timestamp(now.0 + 2 * cfg.timeout_seconds as i64 + 30);
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let Some(delivery) = store::claim_delivery(&mut tx, id, attempts, now, lease).await? else {
        return Ok(Outcome::NotMine);
    };
    let Some(endpoint) = store::find_endpoint(&mut tx, delivery.endpoint_id).await? else {
        return Ok(Outcome::NotMine);
    };
    tx.commit().await?;
    let max = i64::from(cfg.max_attempts);
    if delivery.attempts > max {
        // The previous try never finished (the process died): stop here.
        let why = format!("gave up after {max} tries; the last one did not finish");
        let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
        store::mark_failed(&mut tx, id, None, &why).await?;
        queue_next(&mut tx, endpoint.id).await?;
        tx.commit().await?;
        state.metrics.webhook("failed");
        tracing::error!(delivery_id = %id, endpoint_id = %endpoint.id, why, "webhook failed for good");
        return Ok(Outcome::GaveUp(why));
    }

    let started = Instant::now();
    let answer = post(state, &endpoint, &delivery).await;
    state.metrics.webhook_latency(started.elapsed());

    let now = state.clock.now();
    let code = answer.status.map(|s| i64::from(s.as_u16()));
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let outcome = match answer.status {
        Some(status) if status.is_success() => {
            store::mark_delivered(&mut tx, id, i64::from(status.as_u16()), now).await?;
            queue_next(&mut tx, endpoint.id).await?;
            tracing::info!(delivery_id = %id, endpoint_id = %endpoint.id, status = status.as_u16(), attempt = delivery.attempts, "webhook delivered");
            Outcome::Delivered
        }
        Some(StatusCode::GONE) => {
            let why = "the receiver answered 410 Gone: the endpoint is turned off";
            store::mark_failed(&mut tx, id, code, why).await?;
            if store::disable_endpoint(&mut tx, endpoint.id, now).await? {
                record_by(
                    &mut tx,
                    now,
                    None,
                    Kind::WebhookDisabled,
                    &Actor::Owner,
                    &ClientInfo::default(),
                    json!({"webhook_id": endpoint.id, "url": endpoint.url, "reason": "410 Gone"}),
                )
                .await?;
            }
            tracing::warn!(delivery_id = %id, endpoint_id = %endpoint.id, "webhook receiver answered 410; endpoint turned off");
            Outcome::Disabled
        }
        _ if delivery.attempts < max => {
            let delay = backoff(state, delivery.attempts);
            let next = Timestamp(now.0 + delay.as_secs() as i64);
            store::mark_retry(&mut tx, id, code, &answer.excerpt, next).await?;
            enqueue_webhook(&mut tx, id, delivery.attempts, Some(delay)).await?;
            tracing::warn!(delivery_id = %id, endpoint_id = %endpoint.id, status = code, attempt = delivery.attempts, retry_in_s = delay.as_secs(), error = %answer.excerpt, "webhook not delivered; will retry");
            Outcome::Retry
        }
        _ => {
            store::mark_failed(&mut tx, id, code, &answer.excerpt).await?;
            queue_next(&mut tx, endpoint.id).await?;
            tracing::error!(delivery_id = %id, endpoint_id = %endpoint.id, status = code, attempt = delivery.attempts, error = %answer.excerpt, "webhook failed for good");
            Outcome::Failed
        }
    };
    tx.commit().await?;
    state.metrics.webhook(match outcome {
        Outcome::Delivered => "delivered",
        Outcome::Retry => "retry",
        _ => "failed",
    });
    Ok(outcome)
}

/// Queues the endpoint's next delivery (its own job may have come and gone while an
/// earlier one was under way).
async fn queue_next(conn: &mut db::Conn, endpoint: WebhookEndpointId) -> anyhow::Result<()> {
    if let Some(head) = store::head(conn, endpoint).await? {
        enqueue_webhook(conn, head.id, head.attempts, None).await?;
    }
    Ok(())
}

/// Posts the signed body and reads at most [`ANSWER_LIMIT`] of the answer.
async fn post(state: &AppState, endpoint: &Endpoint, delivery: &ClaimedDelivery) -> Answer {
    let failed = |excerpt: String| Answer {
        status: None,
        excerpt,
    };
    let allow = state.config.webhooks.allow_private_addresses;
    // an address in the URL is checked here; the client's resolver checks names
    let url = match crate::outbound::parse_url(&endpoint.url, allow) {
        Ok(url) => url,
        Err(e) => return failed(format!("refused: {e}")),
    };
    let keys = match signing_keys(state, endpoint) {
        Ok(keys) => keys,
        Err(e) => return failed(format!("cannot open the endpoint's secret: {e}")),
    };
    let key_refs: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
    let msg_id = delivery.event_id.to_string();
    // the receiver checks the timestamp against its own clock: the real time
    let timestamp = OffsetDateTime::now_utc().unix_timestamp();
    let signature = webhook::signature_header(&key_refs, &msg_id, timestamp, &delivery.payload);
    let sent = state
        .webhook_client
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", &msg_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(delivery.payload.clone())
        .send()
        .await;
    let mut response = match sent {
        Ok(r) => r,
        Err(e) => return failed(describe(&e)),
    };
    let status = response.status();
    let mut body = Vec::new();
    let mut note = String::new();
    while body.len() < ANSWER_LIMIT {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(e) => {
                note = format!(" (answer cut short: {})", describe(&e));
                break;
            }
        }
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(ANSWER_LIMIT)]);
    let mut excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
    if status.is_redirection() {
        let to = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("?");
        excerpt = format!("redirect to {to} (not followed): {excerpt}");
    }
    excerpt = format!("HTTP {}: {}{note}", status.as_u16(), excerpt.trim());
    Answer {
        status: Some(status),
        excerpt,
    }
}

/// The endpoint's key, and the previous one while its rotation overlap lasts.
fn signing_keys(state: &AppState, endpoint: &Endpoint) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut keys = vec![state.secrets.open(&endpoint.secret_sealed)?];
    if let (Some(previous), Some(until)) = (
        &endpoint.previous_secret_sealed,
        endpoint.previous_secret_expires_at,
    ) && until > state.clock.now()
    {
        keys.push(state.secrets.open(previous)?);
    }
    Ok(keys)
}

/// A client error in words for the log, with its cause (reqwest's own text says only
/// "error sending request"); never the URL's query, which may carry a token.
fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "no answer in time"
    } else if e.is_connect() {
        "cannot connect"
    } else {
        "request failed"
    };
    let mut cause = String::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        cause = s.to_string();
        source = s.source();
    }
    if cause.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {cause}")
    }
}

/// base · 2^(attempt-1), capped, ±20% so that endpoints that failed together do not
/// all retry in the same second.
fn backoff(state: &AppState, attempt: i64) -> Duration {
    let cfg = &state.config.webhooks;
    let exp = u32::try_from(attempt.saturating_sub(1))
        .unwrap_or(u32::MAX)
        .min(30);
    let secs = cfg
        .retry_base_seconds
        .saturating_mul(1u64 << exp)
        .min(cfg.retry_max_seconds)
        .max(1);
    let jitter = rand::random_range(0.8..1.2);
    Duration::from_secs_f64(secs as f64 * jitter)
}
