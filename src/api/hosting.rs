//! Plans, subscriptions, hosts and integrations.

use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::common::Deleting;
use crate::api::security::SessionAuth;
use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::config::PlanKind;
use crate::db::hosting::{
    Host as HostRow, Integration as IntegrationRow, Subscription as SubscriptionRow,
};
use crate::ids::{HostId, IntegrationId, SubscriptionId};
use crate::service::Page;
use crate::service::hosting::{self, HostUpdate, IntegrationInput, NewHost};
use crate::state::AppState;

pub struct HostingApi;

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum Kind {
    ManagedHomeserver,
    ElementOne,
    OnPremiseTrial,
}

impl From<PlanKind> for Kind {
    fn from(k: PlanKind) -> Self {
        match k {
            PlanKind::ManagedHomeserver => Kind::ManagedHomeserver,
            PlanKind::ElementOne => Kind::ElementOne,
            PlanKind::OnPremiseTrial => Kind::OnPremiseTrial,
        }
    }
}

/// A plan people can subscribe to (from the server's configuration).
#[derive(Debug, Object)]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    /// Hosts one subscription may have.
    pub max_hosts: u32,
    /// Days of trial; 0 for none.
    pub trial_days: u32,
}

#[derive(Debug, Object)]
pub struct PlanList {
    pub items: Vec<Plan>,
    /// Always null: every plan is in `items`.
    pub next_cursor: Option<String>,
}

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
            status: match s.status.as_str() {
                "trialing" => SubscriptionStatus::Trialing,
                "expired" => SubscriptionStatus::Expired,
                _ => SubscriptionStatus::Active,
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

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum HostStatus {
    Active,
}

#[derive(Debug, Object)]
pub struct Host {
    pub id: Uuid,
    pub name: String,
    pub domain: Option<String>,
    pub subscription_id: Uuid,
    pub status: HostStatus,
    pub created_at: OffsetDateTime,
}

impl From<HostRow> for Host {
    fn from(h: HostRow) -> Self {
        Self {
            id: h.id.0,
            name: h.name,
            domain: h.domain,
            subscription_id: h.subscription_id.0,
            // a host being deleted is never read (db::hosting leaves it out)
            status: HostStatus::Active,
            created_at: h.created_at.to_datetime(),
        }
    }
}

#[derive(Debug, Object)]
pub struct NewHostBody {
    pub subscription_id: Uuid,
    /// At most 100 characters.
    #[oai(validator(max_length = 100))]
    pub name: Text,
    /// A domain name like `matrix.example.org`, unique among all hosts.
    #[oai(validator(max_length = 253))]
    pub domain: Option<Text>,
}

#[derive(Debug, Object)]
pub struct HostPatch {
    #[oai(validator(max_length = 100))]
    pub name: MaybeUndefined<Text>,
    /// null removes the domain.
    #[oai(validator(max_length = 253))]
    pub domain: MaybeUndefined<Text>,
}

#[derive(Debug, Object)]
pub struct HostList {
    pub items: Vec<Host>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Object)]
pub struct Integration {
    pub id: Uuid,
    pub host_id: Uuid,
    pub kind: String,
    pub name: String,
    /// The integration's settings, a JSON object.
    pub settings: serde_json::Value,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl From<IntegrationRow> for Integration {
    fn from(i: IntegrationRow) -> Self {
        Self {
            id: i.id.0,
            host_id: i.host_id.0,
            kind: i.kind,
            name: i.name,
            settings: serde_json::from_str(&i.settings).unwrap_or_default(),
            created_at: i.created_at.to_datetime(),
            updated_at: i.updated_at.to_datetime(),
        }
    }
}

#[derive(Debug, Object)]
pub struct NewIntegration {
    /// What it is: 1 to 50 of a-z, 0-9, `_` and `-` (e.g. `slack_bridge`).
    #[oai(validator(max_length = 50))]
    pub kind: Text,
    #[oai(validator(max_length = 100))]
    pub name: Text,
    /// A JSON object of at most 16 KiB.
    pub settings: Option<serde_json::Value>,
}

#[derive(Debug, Object)]
pub struct IntegrationPatch {
    #[oai(validator(max_length = 100))]
    pub name: Option<Text>,
    /// Replaces the settings: a JSON object of at most 16 KiB.
    pub settings: Option<serde_json::Value>,
}

#[derive(Debug, Object)]
pub struct IntegrationList {
    pub items: Vec<Integration>,
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum PlansResponse {
    #[oai(status = 200)]
    Ok(Json<PlanList>),
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

#[derive(ApiResponse)]
pub enum HostResponse {
    #[oai(status = 200)]
    Ok(Json<Host>),
    #[oai(status = 201)]
    Created(Json<Host>),
}

#[derive(ApiResponse)]
pub enum HostListResponse {
    #[oai(status = 200)]
    Ok(Json<HostList>),
}

#[derive(ApiResponse)]
pub enum IntegrationResponse {
    #[oai(status = 200)]
    Ok(Json<Integration>),
    #[oai(status = 201)]
    Created(Json<Integration>),
}

#[derive(ApiResponse)]
pub enum IntegrationListResponse {
    #[oai(status = 200)]
    Ok(Json<IntegrationList>),
}

fn page(limit: Option<u32>, cursor: Option<String>) -> Page {
    Page::new(limit, cursor)
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Hosting")]
impl HostingApi {
    /// List the plans
    #[oai(path = "/plans", method = "get", operation_id = "list_plans")]
    async fn plans(&self, state: Data<&AppState>) -> ApiResult<PlansResponse> {
        Ok(PlansResponse::Ok(Json(PlanList {
            items: hosting::plans(&state)
                .iter()
                .map(|p| Plan {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    kind: p.kind.into(),
                    max_hosts: p.max_hosts,
                    trial_days: p.trial_days,
                })
                .collect(),
            next_cursor: None,
        })))
    }

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
            hosting::subscriptions(&state, &auth.0, page(limit.0, cursor.0)).await?;
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

    /// Add a host
    ///
    /// Under one of your active subscriptions, within its plan's `max_hosts` (409
    /// `plan_limit_reached`). 409 `domain_taken` when another host has the domain.
    #[oai(path = "/hosts", method = "post", operation_id = "create_host")]
    async fn create_host(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        body: Json<NewHostBody>,
    ) -> ApiResult<HostResponse> {
        let body = body.0;
        let host = hosting::create_host(
            &state,
            &auth.0,
            NewHost {
                subscription_id: SubscriptionId(body.subscription_id),
                name: body.name.into_string(),
                domain: body.domain.map(Text::into_string),
            },
        )
        .await?;
        Ok(HostResponse::Created(Json(host.into())))
    }

    /// List your hosts
    #[oai(path = "/hosts", method = "get", operation_id = "list_hosts")]
    async fn hosts(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        /// Items per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// The `next_cursor` of the previous page.
        #[oai(validator(max_length = 100))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<HostListResponse> {
        let (items, next) = hosting::hosts(&state, &auth.0, page(limit.0, cursor.0)).await?;
        Ok(HostListResponse::Ok(Json(HostList {
            items: items.into_iter().map(Into::into).collect(),
            next_cursor: next.map(|id| id.to_string()),
        })))
    }

    /// Get a host
    #[oai(path = "/hosts/:id", method = "get", operation_id = "get_host")]
    async fn host(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        id: Path<Uuid>,
    ) -> ApiResult<HostResponse> {
        let host = hosting::host(&state, &auth.0, HostId(id.0)).await?;
        Ok(HostResponse::Ok(Json(host.into())))
    }

    /// Rename a host or change its domain
    #[oai(path = "/hosts/:id", method = "patch", operation_id = "update_host")]
    async fn update_host(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        id: Path<Uuid>,
        body: Json<HostPatch>,
    ) -> ApiResult<HostResponse> {
        let body = body.0;
        let update = HostUpdate {
            name: match body.name {
                MaybeUndefined::Value(n) => Some(n.into_string()),
                MaybeUndefined::Null => Some(String::new()),
                MaybeUndefined::Undefined => None,
            },
            domain: match body.domain {
                MaybeUndefined::Value(d) => Some(Some(d.into_string())),
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Undefined => None,
            },
        };
        let host = hosting::update_host(&state, &auth.0, HostId(id.0), update).await?;
        Ok(HostResponse::Ok(Json(host.into())))
    }

    /// Delete a host
    ///
    /// Its integrations are deleted by a job, then the host. Both are gone at once: from
    /// the 202 on, every call answers 404 for them.
    #[oai(path = "/hosts/:id", method = "delete", operation_id = "delete_host")]
    async fn delete_host(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        id: Path<Uuid>,
    ) -> ApiResult<Deleting> {
        hosting::delete_host(&state, &auth.0, HostId(id.0)).await?;
        Ok(Deleting::scheduled())
    }

    /// Add an integration to a host
    #[oai(
        path = "/hosts/:host_id/integrations",
        method = "post",
        operation_id = "create_integration"
    )]
    async fn create_integration(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        host_id: Path<Uuid>,
        body: Json<NewIntegration>,
    ) -> ApiResult<IntegrationResponse> {
        let body = body.0;
        let integration = hosting::create_integration(
            &state,
            &auth.0,
            HostId(host_id.0),
            IntegrationInput {
                kind: Some(body.kind.into_string()),
                name: Some(body.name.into_string()),
                settings: body.settings,
            },
        )
        .await?;
        Ok(IntegrationResponse::Created(Json(integration.into())))
    }

    /// List a host's integrations
    #[oai(
        path = "/hosts/:host_id/integrations",
        method = "get",
        operation_id = "list_integrations"
    )]
    async fn integrations(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        host_id: Path<Uuid>,
        /// Items per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// The `next_cursor` of the previous page.
        #[oai(validator(max_length = 100))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<IntegrationListResponse> {
        let (items, next) =
            hosting::integrations(&state, &auth.0, HostId(host_id.0), page(limit.0, cursor.0))
                .await?;
        Ok(IntegrationListResponse::Ok(Json(IntegrationList {
            items: items.into_iter().map(Into::into).collect(),
            next_cursor: next.map(|id| id.to_string()),
        })))
    }

    /// Get an integration
    #[oai(
        path = "/integrations/:id",
        method = "get",
        operation_id = "get_integration"
    )]
    async fn integration(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        id: Path<Uuid>,
    ) -> ApiResult<IntegrationResponse> {
        let i = hosting::integration(&state, &auth.0, IntegrationId(id.0)).await?;
        Ok(IntegrationResponse::Ok(Json(i.into())))
    }

    /// Update an integration
    #[oai(
        path = "/integrations/:id",
        method = "patch",
        operation_id = "update_integration"
    )]
    async fn update_integration(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        id: Path<Uuid>,
        body: Json<IntegrationPatch>,
    ) -> ApiResult<IntegrationResponse> {
        let body = body.0;
        let i = hosting::update_integration(
            &state,
            &auth.0,
            IntegrationId(id.0),
            IntegrationInput {
                kind: None,
                name: body.name.map(Text::into_string),
                settings: body.settings,
            },
        )
        .await?;
        Ok(IntegrationResponse::Ok(Json(i.into())))
    }

    /// Delete an integration
    #[oai(
        path = "/integrations/:id",
        method = "delete",
        operation_id = "delete_integration"
    )]
    async fn delete_integration(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        hosting::delete_integration(&state, &auth.0, IntegrationId(id.0)).await?;
        Ok(NoContent::Done)
    }
}
