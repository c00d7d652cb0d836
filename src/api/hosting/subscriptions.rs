//! Subscriptions to a plan: subscribe, list, read and cancel them.

use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::common::Deleting;
use crate::api::security::SessionAuth;
use crate::api::{ApiResult, ApiTags, Text};
use crate::db::hosting::Subscription as SubscriptionRow;
use crate::db::hosting::SubscriptionStatus as Stored;
use crate::ids::SubscriptionId;
use crate::service::Page;
use crate::service::hosting;
use crate::state::AppState;

pub struct SubscriptionsApi;

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    Active,
    Trialing,
    Expired,
}

#[derive(Debug, Object)]
pub struct Subscription {
    pub id: Uuid,
    pub plan_id: String,
    pub status: SubscriptionStatus,
    pub created_at: OffsetDateTime,
    pub trial_ends_at: Option<OffsetDateTime>,
}

impl From<SubscriptionRow> for Subscription {
    fn from(s: SubscriptionRow) -> Self {
        Self {
            id: s.id.0,
            plan_id: s.plan_id,
            status: match s.status {
                Stored::Trialing => SubscriptionStatus::Trialing,
                Stored::Expired => SubscriptionStatus::Expired,
                // a cancelled subscription is gone for every read: never shown
                Stored::Active | Stored::Cancelling => SubscriptionStatus::Active,
            },
            created_at: s.created_at.to_datetime(),
            trial_ends_at: s.trial_ends_at.map(|t| t.to_datetime()),
        }
    }
}

#[derive(Debug, Object)]
pub struct NewSubscription {
    /// One of `GET /api/v1/plans`.
    #[oai(validator(max_length = 100))]
    pub plan_id: Text,
}

#[derive(Debug, Object)]
pub struct SubscriptionList {
    pub items: Vec<Subscription>,
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum SubscriptionResponse {
    #[oai(status = 200)]
    Ok(Json<Subscription>),
    #[oai(status = 201)]
    Created(Json<Subscription>),
}

#[derive(ApiResponse)]
pub enum SubscriptionListResponse {
    #[oai(status = 200)]
    Ok(Json<SubscriptionList>),
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Hosting")]
impl SubscriptionsApi {
    /// Subscribe to a plan
    ///
    /// A plan with trial days starts `trialing` and becomes `expired` when the trial ends.
    #[oai(
        path = "/subscriptions",
        method = "post",
        operation_id = "create_subscription"
    )]
    async fn subscribe(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        body: Json<NewSubscription>,
    ) -> ApiResult<SubscriptionResponse> {
        let s = hosting::create_subscription(&state, &auth.0, &body.plan_id).await?;
        Ok(SubscriptionResponse::Created(Json(s.into())))
    }

    /// List your subscriptions
    #[oai(
        path = "/subscriptions",
        method = "get",
        operation_id = "list_subscriptions"
    )]
    async fn subscriptions(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        /// Items per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// The `next_cursor` of the previous page.
        #[oai(validator(max_length = 100))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<SubscriptionListResponse> {
        let (items, next) =
            hosting::subscriptions(&state, &auth.0, Page::new(limit.0, cursor.0)).await?;
        Ok(SubscriptionListResponse::Ok(Json(SubscriptionList {
            items: items.into_iter().map(Into::into).collect(),
            next_cursor: next.map(|id| id.to_string()),
        })))
    }

    /// Get a subscription
    #[oai(
        path = "/subscriptions/:id",
        method = "get",
        operation_id = "get_subscription"
    )]
    async fn subscription(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        id: Path<Uuid>,
    ) -> ApiResult<SubscriptionResponse> {
        let s = hosting::subscription(&state, &auth.0, SubscriptionId(id.0)).await?;
        Ok(SubscriptionResponse::Ok(Json(s.into())))
    }

    /// Cancel a subscription
    ///
    /// Its hosts and their integrations are deleted by a job, then the subscription. All of
    /// them are gone at once: from the 202 on, every call answers 404 for them.
    #[oai(
        path = "/subscriptions/:id",
        method = "delete",
        operation_id = "cancel_subscription"
    )]
    async fn cancel(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        id: Path<Uuid>,
    ) -> ApiResult<Deleting> {
        hosting::cancel_subscription(&state, &auth.0, SubscriptionId(id.0)).await?;
        Ok(Deleting::scheduled())
    }
}
