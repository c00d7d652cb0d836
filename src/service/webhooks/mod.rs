//! Webhooks: the events, and their recording as one delivery row per interested
//! endpoint in the transaction of the change that causes them (with the job that sends
//! each). Endpoints are managed in endpoints.rs, deliveries sent in send.rs.

mod data;
pub mod endpoints;
pub mod send;

use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

use crate::clock::Timestamp;
use crate::db;
use crate::db::webhooks::{self as store, NewDelivery};
use crate::ids::{WebhookDeliveryId, WebhookEventId};
use crate::jobs::queue;
use steward_store::text_enum;

pub use data::{account, deleted, host, integration, subscription};

text_enum! {
    /// The event types of the contract: what receivers subscribe to and branch on.
    pub enum EventType {
        /// An account whose email address is verified (it can sign in).
        AccountCreated = "account.created",
        AccountUpdated = "account.updated",
        AccountDeleted = "account.deleted",
        SubscriptionCreated = "subscription.created",
        SubscriptionCancelled = "subscription.cancelled",
        SubscriptionExpired = "subscription.expired",
        HostCreated = "host.created",
        HostUpdated = "host.updated",
        HostDeleted = "host.deleted",
        IntegrationCreated = "integration.created",
        IntegrationUpdated = "integration.updated",
        IntegrationDeleted = "integration.deleted",
        /// Sent to one endpoint on an admin's request, to try it.
        Test = "webhook.test",
    }
}

/// What an endpoint subscribing to every event lists.
pub const ALL_EVENTS: &str = "*";

/// Records an event: a delivery row and a send job for every enabled endpoint that
/// wants it, on `conn`, which is the transaction of the change (so the event is sent if
/// and only if the change commits).
pub async fn record(
    conn: &mut db::Conn,
    now: Timestamp,
    kind: EventType,
    data: Value,
) -> anyhow::Result<()> {
    let endpoints = store::endpoints(conn).await?;
    let wanted: Vec<_> = endpoints
        .into_iter()
        .filter(|e| e.enabled && wants(&e.events, kind))
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let event_id = WebhookEventId::new();
    let payload = body(kind, now, data);
    for endpoint in wanted {
        let id = WebhookDeliveryId::new();
        store::insert_delivery(
            conn,
            &NewDelivery {
                id,
                endpoint_id: endpoint.id,
                event_id,
                event_type: kind.as_str(),
                payload: &payload,
                now,
            },
        )
        .await?;
        queue::enqueue_webhook(conn, id, 0, None).await?;
    }
    Ok(())
}

/// Records an event whose data is the account `id` as it stands in this transaction.
pub async fn record_account(
    conn: &mut db::Conn,
    now: Timestamp,
    kind: EventType,
    id: crate::ids::AccountId,
) -> anyhow::Result<()> {
    if let Some(found) = crate::db::accounts::find(conn, id).await? {
        record(conn, now, kind, account(&found)).await?;
    }
    Ok(())
}

/// Records `host.deleted` for every host that is about to go with its subscription
/// (`Some`) or its account (`None`), each after `integration.deleted` for the
/// integrations that go with it: receivers that provision hosts learn of each.
/// Call it before marking them.
pub async fn record_hosts_going(
    conn: &mut db::Conn,
    now: Timestamp,
    owner: crate::ids::AccountId,
    subscription: Option<crate::ids::SubscriptionId>,
) -> anyhow::Result<()> {
    for host in crate::db::hosting::live_host_ids(conn, owner, subscription).await? {
        record_host_going(conn, now, owner, host).await?;
    }
    Ok(())
}

/// Records `integration.deleted` for each integration of `host`, then `host.deleted`:
/// the deletion job removes them later, but receivers learn of it in the transaction
/// that decides it (an integration that goes with its host is as gone as one deleted
/// alone).
pub async fn record_host_going(
    conn: &mut db::Conn,
    now: Timestamp,
    owner: crate::ids::AccountId,
    host: crate::ids::HostId,
) -> anyhow::Result<()> {
    for integration in crate::db::hosting::integration_ids_of_host(conn, host).await? {
        let data = deleted(integration, owner);
        record(conn, now, EventType::IntegrationDeleted, data).await?;
    }
    record(conn, now, EventType::HostDeleted, deleted(host, owner)).await?;
    Ok(())
}

/// Queues a `webhook.test` event to one endpoint, whatever events it asked for.
pub async fn record_test(
    conn: &mut db::Conn,
    now: Timestamp,
    endpoint_id: crate::ids::WebhookEndpointId,
) -> anyhow::Result<WebhookDeliveryId> {
    let id = WebhookDeliveryId::new();
    let data = json!({"webhook_id": endpoint_id, "message": "A test event sent by an admin."});
    let payload = body(EventType::Test, now, data);
    store::insert_delivery(
        conn,
        &NewDelivery {
            id,
            endpoint_id,
            event_id: WebhookEventId::new(),
            event_type: EventType::Test.as_str(),
            payload: &payload,
            now,
        },
    )
    .await?;
    queue::enqueue_webhook(conn, id, 0, None).await?;
    Ok(id)
}

/// The body receivers get: `{"type", "timestamp", "data"}`.
fn body(kind: EventType, now: Timestamp, data: Value) -> String {
    json!({
        "type": kind.as_str(),
        "timestamp": rfc3339(now),
        "data": data,
    })
    .to_string()
}

pub(crate) fn rfc3339(at: Timestamp) -> String {
    at.to_datetime().format(&Rfc3339).unwrap_or_default()
}

/// Whether an endpoint's stored event list (a JSON array) includes `kind`. The test
/// event goes only where an admin sends it, never through here.
fn wants(events: &str, kind: EventType) -> bool {
    if kind == EventType::Test {
        return false;
    }
    serde_json::from_str::<Vec<String>>(events)
        .unwrap_or_default()
        .iter()
        .any(|e| e == ALL_EVENTS || e == kind.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_get_what_they_listed() {
        assert!(wants(r#"["*"]"#, EventType::HostCreated));
        assert!(wants(r#"["host.created"]"#, EventType::HostCreated));
        assert!(!wants(r#"["host.deleted"]"#, EventType::HostCreated));
        assert!(!wants(r#"["*"]"#, EventType::Test));
    }
}
