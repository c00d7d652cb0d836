//! The admin API's webhooks: endpoints (register, list, change, remove, rotate the
//! secret, send a test event) and their delivery log, with the retry of a failed one.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use super::AdminAuth;
use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::clock::Timestamp;
use crate::db::webhooks::{Delivery as DeliveryRow, DeliveryStatus as Stored};
use crate::http::client::client_info;
use crate::ids::{WebhookDeliveryId, WebhookEndpointId};
use crate::service::Page;
use crate::service::webhooks::endpoints::{self, EndpointUpdate, EndpointView, NewEndpoint};
use crate::state::AppState;

pub struct WebhooksApi;

/// A webhook endpoint (its secret is shown only when made and on rotation).
#[derive(Debug, Object)]
pub struct Webhook {
    pub id: Uuid,
    pub url: String,
    /// The event types it gets, or `["*"]` for all.
    pub events: Vec<String>,
    pub description: Option<String>,
    /// Off: nothing is sent (a receiver that answers 410 turns its endpoint off).
    pub enabled: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    /// After a rotation: until when deliveries are signed with the old secret too.
    pub previous_secret_expires_at: Option<OffsetDateTime>,
}

impl From<EndpointView> for Webhook {
    fn from(e: EndpointView) -> Self {
        Self {
            id: e.id.0,
            url: e.url,
            events: e.events,
            description: e.description,
            enabled: e.enabled,
            created_at: e.created_at.to_datetime(),
            updated_at: e.updated_at.to_datetime(),
            previous_secret_expires_at: e.previous_secret_expires_at.map(Timestamp::to_datetime),
        }
    }
}

/// A new endpoint and its secret.
#[derive(Debug, Object)]
pub struct WebhookCreated {
    pub id: Uuid,
    pub url: String,
    pub events: Vec<String>,
    pub description: Option<String>,
    pub enabled: bool,
    /// The signing secret (`whsec_…`), for the receiver's Standard Webhooks library.
    /// Shown only here and on rotation.
    pub secret: String,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Object)]
pub struct NewWebhook {
    /// Where to POST events: an http or https URL. Loopback, private and link-local
    /// destinations are refused unless the server allows them.
    #[oai(validator(max_length = 2000))]
    pub url: Text,
    /// Event types (e.g. `host.created`), or `["*"]` for every event.
    #[oai(validator(max_items = 20))]
    pub events: Vec<String>,
    /// What receives them, for admins. At most 200 characters.
    #[oai(validator(max_length = 200))]
    pub description: Option<Text>,
    /// On unless false.
    pub enabled: Option<bool>,
}

#[derive(Debug, Object)]
pub struct WebhookPatch {
    #[oai(validator(max_length = 2000))]
    pub url: Option<Text>,
    #[oai(validator(max_items = 20))]
    pub events: Option<Vec<String>>,
    /// null clears it.
    #[oai(validator(max_length = 200))]
    pub description: MaybeUndefined<Text>,
    /// Turning an endpoint on again sends what waited meanwhile, in order.
    pub enabled: Option<bool>,
}

#[derive(Debug, Object)]
pub struct WebhookList {
    pub items: Vec<Webhook>,
    /// Always null: every endpoint is in `items`.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Object)]
pub struct WebhookSecret {
    /// The new secret (`whsec_…`). The old one also signs for 24 hours.
    pub secret: String,
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first try or its next one.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Every try failed (or the receiver answered 410): retry it once fixed.
    Failed,
}

/// One event's delivery to the endpoint.
#[derive(Debug, Object)]
pub struct WebhookDelivery {
    pub id: Uuid,
    pub webhook_id: Uuid,
    /// The `webhook-id` header: the same on every try.
    pub event_id: Uuid,
    /// The event type, e.g. `host.created`.
    #[oai(rename = "type")]
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    /// The HTTP status of the last answer, if there was one.
    pub last_status_code: Option<i64>,
    /// Why the last try failed: the start of the answer, or the error.
    pub last_error: Option<String>,
    /// When a pending delivery is tried next.
    pub next_attempt_at: OffsetDateTime,
    pub created_at: OffsetDateTime,
    pub delivered_at: Option<OffsetDateTime>,
}

impl From<DeliveryRow> for WebhookDelivery {
    fn from(d: DeliveryRow) -> Self {
        Self {
            id: d.id.0,
            webhook_id: d.endpoint_id.0,
            event_id: d.event_id.0,
            event_type: d.event_type,
            status: match d.status {
                Stored::Pending => DeliveryStatus::Pending,
                Stored::Delivered => DeliveryStatus::Delivered,
                Stored::Failed => DeliveryStatus::Failed,
            },
            attempts: d.attempts,
            last_status_code: d.last_status_code,
            last_error: d.last_error,
            next_attempt_at: d.next_attempt_at.to_datetime(),
            created_at: d.created_at.to_datetime(),
            delivered_at: d.delivered_at.map(Timestamp::to_datetime),
        }
    }
}

#[derive(Debug, Object)]
pub struct WebhookDeliveryList {
    pub items: Vec<WebhookDelivery>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Object)]
pub struct TestQueued {
    /// The test event's delivery, in the endpoint's delivery log.
    pub delivery_id: Uuid,
}

#[derive(ApiResponse)]
pub enum WebhookCreatedResponse {
    #[oai(status = 201)]
    Created(Json<WebhookCreated>),
}

#[derive(ApiResponse)]
pub enum WebhookListResponse {
    #[oai(status = 200)]
    Ok(Json<WebhookList>),
}

#[derive(ApiResponse)]
pub enum WebhookResponse {
    #[oai(status = 200)]
    Ok(Json<Webhook>),
}

#[derive(ApiResponse)]
pub enum WebhookSecretResponse {
    #[oai(status = 200)]
    Ok(Json<WebhookSecret>),
}

#[derive(ApiResponse)]
pub enum TestQueuedResponse {
    #[oai(status = 202)]
    Accepted(Json<TestQueued>),
}

#[derive(ApiResponse)]
pub enum DeliveryListResponse {
    #[oai(status = 200)]
    Ok(Json<WebhookDeliveryList>),
}

#[derive(ApiResponse)]
pub enum DeliveryRetriedResponse {
    /// Queued again with a fresh set of tries.
    #[oai(status = 202)]
    Accepted(Json<WebhookDelivery>),
}

#[OpenApi(prefix_path = "/api/v1/admin", tag = "ApiTags::Admin")]
impl WebhooksApi {
    /// List webhook endpoints
    #[oai(
        path = "/webhooks",
        method = "get",
        operation_id = "admin_list_webhooks"
    )]
    async fn list(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
    ) -> ApiResult<WebhookListResponse> {
        let items = endpoints::list(&state).await?;
        Ok(WebhookListResponse::Ok(Json(WebhookList {
            items: items.into_iter().map(Into::into).collect(),
            next_cursor: None,
        })))
    }

    /// Register a webhook endpoint
    ///
    /// Events are POSTed to the URL signed as Standard Webhooks 1.0 says. The secret is
    /// shown only in this answer. 422 `webhook_url_forbidden` for a URL that is not http(s)
    /// or reaches an internal address; 422 `validation_failed` naming unknown event types.
    #[oai(
        path = "/webhooks",
        method = "post",
        operation_id = "admin_create_webhook"
    )]
    async fn create(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        body: Json<NewWebhook>,
    ) -> ApiResult<WebhookCreatedResponse> {
        let body = body.0;
        let input = NewEndpoint {
            url: body.url.into_string(),
            events: body.events,
            description: body.description.map(Text::into_string),
            enabled: body.enabled,
        };
        let (endpoint, secret) =
            endpoints::create(&state, &auth.0, input, &client_info(req)).await?;
        Ok(WebhookCreatedResponse::Created(Json(WebhookCreated {
            id: endpoint.id.0,
            url: endpoint.url,
            events: endpoint.events,
            description: endpoint.description,
            enabled: endpoint.enabled,
            secret,
            created_at: endpoint.created_at.to_datetime(),
        })))
    }

    /// Read a webhook endpoint
    #[oai(
        path = "/webhooks/:id",
        method = "get",
        operation_id = "admin_get_webhook"
    )]
    async fn get(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<WebhookResponse> {
        let endpoint = endpoints::get(&state, WebhookEndpointId(id.0)).await?;
        Ok(WebhookResponse::Ok(Json(endpoint.into())))
    }

    /// Change a webhook endpoint
    #[oai(
        path = "/webhooks/:id",
        method = "patch",
        operation_id = "admin_update_webhook"
    )]
    async fn update(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
        body: Json<WebhookPatch>,
    ) -> ApiResult<WebhookResponse> {
        let body = body.0;
        let update = EndpointUpdate {
            url: body.url.map(Text::into_string),
            events: body.events,
            description: match body.description {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(d) => Some(Some(d.into_string())),
            },
            enabled: body.enabled,
        };
        let endpoint = endpoints::update(
            &state,
            &auth.0,
            WebhookEndpointId(id.0),
            update,
            &client_info(req),
        )
        .await?;
        Ok(WebhookResponse::Ok(Json(endpoint.into())))
    }

    /// Remove a webhook endpoint
    ///
    /// Its delivery log goes with it; nothing more is sent to it.
    #[oai(
        path = "/webhooks/:id",
        method = "delete",
        operation_id = "admin_delete_webhook"
    )]
    async fn delete(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        endpoints::delete(&state, &auth.0, WebhookEndpointId(id.0), &client_info(req)).await?;
        Ok(NoContent::Done)
    }

    /// Rotate a webhook endpoint's secret
    ///
    /// For 24 hours deliveries carry two signatures, with the new secret and the old
    /// one, so the receiver can switch without missing an event.
    #[oai(
        path = "/webhooks/:id/rotate-secret",
        method = "post",
        operation_id = "admin_rotate_webhook_secret"
    )]
    async fn rotate(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<WebhookSecretResponse> {
        let secret =
            endpoints::rotate_secret(&state, &auth.0, WebhookEndpointId(id.0), &client_info(req))
                .await?;
        Ok(WebhookSecretResponse::Ok(Json(WebhookSecret { secret })))
    }

    /// Send a test event
    ///
    /// Queues a `webhook.test` event to this endpoint; its delivery shows in the log.
    #[oai(
        path = "/webhooks/:id/test",
        method = "post",
        operation_id = "admin_test_webhook"
    )]
    async fn test(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<TestQueuedResponse> {
        let delivery =
            endpoints::send_test(&state, &auth.0, WebhookEndpointId(id.0), &client_info(req))
                .await?;
        Ok(TestQueuedResponse::Accepted(Json(TestQueued {
            delivery_id: delivery.0,
        })))
    }

    /// A webhook endpoint's deliveries
    ///
    /// Newest first; `?status=failed` lists what needs an operator.
    #[oai(
        path = "/webhooks/:id/deliveries",
        method = "get",
        operation_id = "admin_list_webhook_deliveries"
    )]
    async fn deliveries(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
        id: Path<Uuid>,
        status: Query<Option<DeliveryStatus>>,
        /// Items per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// The `next_cursor` of the previous page.
        #[oai(validator(max_length = 100))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<DeliveryListResponse> {
        let status = status.0.map(|s| match s {
            DeliveryStatus::Pending => Stored::Pending,
            DeliveryStatus::Delivered => Stored::Delivered,
            DeliveryStatus::Failed => Stored::Failed,
        });
        let (items, next) = endpoints::deliveries(
            &state,
            WebhookEndpointId(id.0),
            status,
            Page::new(limit.0, cursor.0),
        )
        .await?;
        Ok(DeliveryListResponse::Ok(Json(WebhookDeliveryList {
            items: items.into_iter().map(Into::into).collect(),
            next_cursor: next.map(|seq| seq.to_string()),
        })))
    }

    /// Retry a failed delivery
    ///
    /// Queues it again with a fresh set of tries, after the endpoint's pending
    /// deliveries. 409 `webhook_delivery_not_failed` for one that is not failed.
    #[oai(
        path = "/webhooks/deliveries/:id/retry",
        method = "post",
        operation_id = "admin_retry_webhook_delivery"
    )]
    async fn retry(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<DeliveryRetriedResponse> {
        let delivery =
            endpoints::retry_delivery(&state, &auth.0, WebhookDeliveryId(id.0), &client_info(req))
                .await?;
        Ok(DeliveryRetriedResponse::Accepted(Json(delivery.into())))
    }
}
