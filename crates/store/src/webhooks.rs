//! The webhook_endpoints and webhook_deliveries tables: where events go, and each
//! event's delivery to each endpoint, from the change that causes it to its answer.

use crate::Timestamp;
use crate::ids::{WebhookDeliveryId, WebhookEndpointId, WebhookEventId};
use crate::text_enum;

text_enum! {
    /// Where a delivery stands. Stored in `webhook_deliveries.status`.
    pub enum DeliveryStatus {
        /// Waiting for its first try or its next one.
        Pending = "pending",
        /// The receiver answered 2xx.
        Delivered = "delivered",
        /// Every try failed: an admin can retry it.
        Failed = "failed",
    }
}

#[derive(Debug, Clone)]
pub struct Endpoint {
    pub id: WebhookEndpointId,
    pub url: String,
    /// A JSON array of event types, `["*"]` for all.
    pub events: String,
    pub description: Option<String>,
    pub enabled: bool,
    pub secret_sealed: Vec<u8>,
    pub previous_secret_sealed: Option<Vec<u8>>,
    pub previous_secret_expires_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

pub struct NewDelivery<'a> {
    pub id: WebhookDeliveryId,
    pub endpoint_id: WebhookEndpointId,
    pub event_id: WebhookEventId,
    pub event_type: &'a str,
    pub payload: &'a str,
    pub now: Timestamp,
}

/// A delivery a worker has claimed and may now send.
#[derive(Debug, Clone)]
pub struct ClaimedDelivery {
    pub id: WebhookDeliveryId,
    pub endpoint_id: WebhookEndpointId,
    pub event_id: WebhookEventId,
    pub payload: String,
    /// This try included.
    pub attempts: i64,
}

/// The next delivery of an endpoint, and its tries so far.
#[derive(Debug, Clone, Copy)]
pub struct QueueHead {
    pub id: WebhookDeliveryId,
    pub attempts: i64,
}

/// A delivery as the admin API and page show it.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: WebhookDeliveryId,
    pub endpoint_id: WebhookEndpointId,
    pub event_id: WebhookEventId,
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub last_status_code: Option<i64>,
    pub last_error: Option<String>,
    pub next_attempt_at: Timestamp,
    pub created_at: Timestamp,
    pub delivered_at: Option<Timestamp>,
}
