//! The webhook_endpoints and webhook_deliveries tables: where events go, and each
//! event's delivery to each endpoint, from the change that causes it to its answer.

use crate::clock::Timestamp;
use crate::ids::{WebhookDeliveryId, WebhookEndpointId};
pub use steward_store::webhooks::*;

crate::db::dispatch! { webhooks;
    pub async fn insert_endpoint(e: &Endpoint) -> sqlx::Result<()>;
    pub async fn endpoints() -> sqlx::Result<Vec<Endpoint>>;
    pub async fn find_endpoint(id: WebhookEndpointId) -> sqlx::Result<Option<Endpoint>>;
    pub async fn update_endpoint(e: &Endpoint) -> sqlx::Result<()>;
    pub async fn disable_endpoint(id: WebhookEndpointId, now: Timestamp) -> sqlx::Result<bool>;
    pub async fn rotate_secret(id: WebhookEndpointId, secret_sealed: &[u8], previous_sealed: &[u8], previous_expires_at: Timestamp, now: Timestamp) -> sqlx::Result<bool>;
    pub async fn delete_endpoint(id: WebhookEndpointId) -> sqlx::Result<bool>;
    pub async fn insert_delivery(d: &NewDelivery<'_>) -> sqlx::Result<()>;
    pub async fn claim_delivery(id: WebhookDeliveryId, attempts: i64, now: Timestamp, lease_until: Timestamp) -> sqlx::Result<Option<ClaimedDelivery>>;
    pub async fn mark_delivered(id: WebhookDeliveryId, status_code: i64, now: Timestamp) -> sqlx::Result<()>;
    pub async fn mark_retry(id: WebhookDeliveryId, status_code: Option<i64>, error: &str, next_attempt_at: Timestamp) -> sqlx::Result<()>;
    pub async fn mark_failed(id: WebhookDeliveryId, status_code: Option<i64>, error: &str) -> sqlx::Result<()>;
    pub async fn head(endpoint_id: WebhookEndpointId) -> sqlx::Result<Option<QueueHead>>;
    pub async fn due_heads(cutoff: Timestamp, now: Timestamp, limit: i64) -> sqlx::Result<Vec<QueueHead>>;
    pub async fn release_leases() -> sqlx::Result<u64>;
    pub async fn deliveries(endpoint_id: WebhookEndpointId, status: Option<DeliveryStatus>, before_seq: Option<i64>, limit: i64) -> sqlx::Result<Vec<(i64, Delivery)>>;
    pub async fn find_delivery(id: WebhookDeliveryId) -> sqlx::Result<Option<Delivery>>;
    pub async fn retry_delivery(id: WebhookDeliveryId, now: Timestamp) -> sqlx::Result<bool>;
    pub async fn purge_done(cutoff: Timestamp, limit: i64) -> sqlx::Result<u64>;
}
