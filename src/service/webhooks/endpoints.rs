//! Webhook endpoints as admins manage them: register (the secret shown once), list,
//! change, remove, rotate the secret (the old one keeps signing for a day), send a test
//! event, read the delivery log and retry a failed delivery. Every change is audited.

use serde_json::json;

use super::{ALL_EVENTS, EventType, record_test};
use crate::clock::Timestamp;
use crate::crypto::webhook;
use crate::db::webhooks::{self as store, Delivery, DeliveryStatus, Endpoint};
use crate::db::{self};
use crate::i18n::text;
use crate::ids::{WebhookDeliveryId, WebhookEndpointId};
use crate::jobs::queue::enqueue_webhook;
use crate::outbound::{self, Refusal};
use crate::service::audit::{Actor, Kind, record_by};
use crate::service::validate::{self, Checks, FieldError};
use crate::service::{ClientInfo, Error, Page, Result};
use crate::state::AppState;

pub const URL_MAX: usize = 2000;
pub const DESCRIPTION_MAX: usize = 200;
/// How long the old secret keeps signing after a rotation.
pub const ROTATION_OVERLAP_SECONDS: i64 = 24 * 3600;

/// An endpoint as admins see it (never its secret).
#[derive(Debug, Clone)]
pub struct EndpointView {
    pub id: WebhookEndpointId,
    pub url: String,
    pub events: Vec<String>,
    pub description: Option<String>,
    pub enabled: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// While a rotation lasts: when the old secret stops signing.
    pub previous_secret_expires_at: Option<Timestamp>,
}

impl EndpointView {
    fn of(e: Endpoint, now: Timestamp) -> Self {
        Self {
            id: e.id,
            url: e.url,
            events: serde_json::from_str(&e.events).unwrap_or_default(),
            description: e.description,
            enabled: e.enabled,
            created_at: e.created_at,
            updated_at: e.updated_at,
            previous_secret_expires_at: e.previous_secret_expires_at.filter(|at| *at > now),
        }
    }
}

pub struct NewEndpoint {
    pub url: String,
    pub events: Vec<String>,
    pub description: Option<String>,
    pub enabled: Option<bool>,
}

/// Registers an endpoint. Returns it and its secret (`whsec_…`), which is shown only now.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: NewEndpoint,
    client: &ClientInfo,
) -> Result<(EndpointView, String)> {
    let mut checks = Checks::default();
    let url = checks.check(check_url(state, &input.url).await?);
    let events = checks.check(check_events(&input.events));
    let description = checks.check(check_description(input.description.as_deref()));
    let (url, events, description) = checks.finish(|| Some((url?, events?, description?)))?;
    let key = webhook::new_key();
    let now = state.clock.now();
    let endpoint = Endpoint {
        id: WebhookEndpointId::new(),
        url,
        events,
        description,
        enabled: input.enabled.unwrap_or(true),
        secret_sealed: state.secrets.seal(&key)?,
        previous_secret_sealed: None,
        previous_secret_expires_at: None,
        created_at: now,
        updated_at: now,
    };
    let mut tx = db::begin_write(&state.db, db::Lock::Global).await?;
    store::insert_endpoint(&mut tx, &endpoint).await?;
    audit(
        &mut tx,
        now,
        actor,
        Kind::AdminWebhookCreated,
        &endpoint,
        client,
    )
    .await?;
    tx.commit().await?;
    Ok((EndpointView::of(endpoint, now), webhook::secret_text(&key)))
}

pub async fn list(state: &AppState) -> Result<Vec<EndpointView>> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    Ok(store::endpoints(&mut conn)
        .await?
        .into_iter()
        .map(|e| EndpointView::of(e, now))
        .collect())
}

pub async fn get(state: &AppState, id: WebhookEndpointId) -> Result<EndpointView> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let endpoint = store::find_endpoint(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(EndpointView::of(endpoint, state.clock.now()))
}

#[derive(Default)]
pub struct EndpointUpdate {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    /// `Some(None)` clears it.
    pub description: Option<Option<String>>,
    pub enabled: Option<bool>,
}

/// Changes an endpoint. Turning it on again resumes its pending deliveries.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: WebhookEndpointId,
    update: EndpointUpdate,
    client: &ClientInfo,
) -> Result<EndpointView> {
    let mut checks = Checks::default();
    let url = match update.url.as_deref() {
        Some(raw) => checks.check(check_url(state, raw).await?.map(Some)),
        None => Some(None),
    };
    let events = checks.check(update.events.as_deref().map(check_events).transpose());
    let description = checks.check(
        update
            .description
            .as_ref()
            .map(|d| check_description(d.as_deref()))
            .transpose(),
    );
    let (url, events, description) = checks.finish(|| Some((url?, events?, description?)))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Global).await?;
    let mut endpoint = store::find_endpoint(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    let was_enabled = endpoint.enabled;
    if let Some(url) = url {
        endpoint.url = url;
    }
    if let Some(events) = events {
        endpoint.events = events;
    }
    if let Some(description) = description {
        endpoint.description = description;
    }
    if let Some(enabled) = update.enabled {
        endpoint.enabled = enabled;
    }
    endpoint.updated_at = now;
    store::update_endpoint(&mut tx, &endpoint).await?;
    if endpoint.enabled
        && !was_enabled
        && let Some(head) = store::head(&mut tx, id).await?
    {
        enqueue_webhook(&mut tx, head.id, head.attempts, None).await?;
    }
    audit(
        &mut tx,
        now,
        actor,
        Kind::AdminWebhookUpdated,
        &endpoint,
        client,
    )
    .await?;
    tx.commit().await?;
    Ok(EndpointView::of(endpoint, now))
}

/// Removes an endpoint and its delivery log.
pub async fn delete(
    state: &AppState,
    actor: &Actor,
    id: WebhookEndpointId,
    client: &ClientInfo,
) -> Result<()> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Global).await?;
    let endpoint = store::find_endpoint(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    store::delete_endpoint(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        actor,
        Kind::AdminWebhookDeleted,
        &endpoint,
        client,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A new secret; deliveries carry signatures with both the new and the old one for
/// [`ROTATION_OVERLAP_SECONDS`], so receivers can switch without missing one.
pub async fn rotate_secret(
    state: &AppState,
    actor: &Actor,
    id: WebhookEndpointId,
    client: &ClientInfo,
) -> Result<String> {
    let key = webhook::new_key();
    let sealed = state.secrets.seal(&key)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Global).await?;
    let endpoint = store::find_endpoint(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    let until = Timestamp(now.0 + ROTATION_OVERLAP_SECONDS);
    store::rotate_secret(&mut tx, id, &sealed, &endpoint.secret_sealed, until, now).await?;
    audit(
        &mut tx,
        now,
        actor,
        Kind::AdminWebhookSecretRotated,
        &endpoint,
        client,
    )
    .await?;
    tx.commit().await?;
    Ok(webhook::secret_text(&key))
}

/// Queues a `webhook.test` event to this endpoint alone.
pub async fn send_test(
    state: &AppState,
    actor: &Actor,
    id: WebhookEndpointId,
    client: &ClientInfo,
) -> Result<WebhookDeliveryId> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let endpoint = store::find_endpoint(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    let delivery = record_test(&mut tx, now, id).await?;
    audit(
        &mut tx,
        now,
        actor,
        Kind::AdminWebhookTested,
        &endpoint,
        client,
    )
    .await?;
    tx.commit().await?;
    Ok(delivery)
}

/// One page of an endpoint's deliveries, newest first.
pub async fn deliveries(
    state: &AppState,
    id: WebhookEndpointId,
    status: Option<DeliveryStatus>,
    page: Page,
) -> Result<(Vec<Delivery>, Option<i64>)> {
    let before = page.cursor_id::<i64>()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    store::find_endpoint(&mut conn, id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut rows = store::deliveries(&mut conn, id, status, before, page.limit + 1).await?;
    let next = page.next_cursor(&mut rows, |(seq, _)| *seq);
    Ok((rows.into_iter().map(|(_, d)| d).collect(), next))
}

/// Sends a failed delivery again with a fresh set of tries, after the endpoint's
/// pending ones.
pub async fn retry_delivery(
    state: &AppState,
    actor: &Actor,
    id: WebhookDeliveryId,
    client: &ClientInfo,
) -> Result<Delivery> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let delivery = store::find_delivery(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    if !store::retry_delivery(&mut tx, id, now).await? {
        return Err(Error::WebhookDeliveryNotFailed);
    }
    enqueue_webhook(&mut tx, id, 0, None).await?;
    record_by(
        &mut tx,
        now,
        None,
        Kind::AdminWebhookDeliveryRetried,
        actor,
        client,
        json!({"webhook_id": delivery.endpoint_id, "delivery_id": id, "type": delivery.event_type}),
    )
    .await?;
    let delivery = store::find_delivery(&mut tx, id)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(delivery)
}

async fn audit(
    conn: &mut db::Conn,
    now: Timestamp,
    actor: &Actor,
    kind: Kind,
    endpoint: &Endpoint,
    client: &ClientInfo,
) -> anyhow::Result<()> {
    let events: serde_json::Value = serde_json::from_str(&endpoint.events).unwrap_or_default();
    record_by(
        conn,
        now,
        None,
        kind,
        actor,
        client,
        json!({"webhook_id": endpoint.id, "url": endpoint.url, "events": events,
               "enabled": endpoint.enabled}),
    )
    .await
}

/// A URL that is well formed (else a field error) and allowed (else
/// `WebhookUrlForbidden`): http(s), and no internal address, unless configured.
async fn check_url(state: &AppState, raw: &str) -> Result<std::result::Result<String, FieldError>> {
    let allow = state.config.webhooks.allow_private_addresses;
    if raw.trim().is_empty() || raw.len() > URL_MAX {
        return Ok(Err(FieldError::new(
            "url",
            text("invalid-webhook-url-long").with("max", URL_MAX),
        )));
    }
    let checked = match outbound::parse_url(raw, allow) {
        Ok(url) => outbound::check_resolved(&url, allow).await.map(|()| url),
        Err(e) => Err(e),
    };
    match checked {
        Ok(url) => Ok(Ok(url.to_string())),
        Err(Refusal::Invalid | Refusal::NoHost) => {
            Ok(Err(FieldError::new("url", text("invalid-webhook-url"))))
        }
        Err(e @ (Refusal::Scheme | Refusal::Internal(_))) => Err(Error::WebhookUrlForbidden(
            format!("This URL may not receive webhooks: {e}."),
        )),
    }
}

/// The events an endpoint asks for: known names, or `*` for all; stored as JSON.
fn check_events(events: &[String]) -> std::result::Result<String, FieldError> {
    if events.is_empty() {
        return Err(FieldError::new(
            "events",
            text("invalid-webhook-events-empty"),
        ));
    }
    let unknown: Vec<&str> = events
        .iter()
        .map(String::as_str)
        .filter(|e| {
            *e != ALL_EVENTS
                && !EventType::ALL
                    .iter()
                    .any(|k| *k != EventType::Test && k.as_str() == *e)
        })
        .collect();
    if !unknown.is_empty() {
        return Err(FieldError::new(
            "events",
            text("invalid-webhook-events-unknown").with("events", unknown.join(", ")),
        ));
    }
    let mut events = events.to_vec();
    events.sort();
    events.dedup();
    Ok(serde_json::to_string(&events).unwrap_or_else(|_| "[]".into()))
}

fn check_description(raw: Option<&str>) -> std::result::Result<Option<String>, FieldError> {
    validate::optional_name("description", raw, DESCRIPTION_MAX)
}
