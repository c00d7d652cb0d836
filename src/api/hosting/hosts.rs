//! Hosts under a subscription: add, list, read, change and delete them.

use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::common::Deleting;
use crate::api::security::SessionAuth;
use crate::api::{ApiResult, ApiTags, Text};
use crate::db::hosting::Host as HostRow;
use crate::ids::{HostId, SubscriptionId};
use crate::service::Page;
use crate::service::hosting::{self, HostUpdate, NewHost};
use crate::state::AppState;

pub struct HostsApi;

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

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Hosting")]
impl HostsApi {
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
        let (items, next) = hosting::hosts(&state, &auth.0, Page::new(limit.0, cursor.0)).await?;
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
}
