//! The admin API's audit log: the events of every account.

use poem::web::Data;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use super::AdminAuth;
use crate::api::{ApiResult, ApiTags};
use crate::ids::AccountId;
use crate::service::Page;
use crate::service::admin;
use crate::state::AppState;

pub struct AuditApi;

/// An audit event of any account.
#[derive(Debug, Object)]
pub struct AdminEvent {
    pub id: Uuid,
    /// The account it concerns; null for events of no account (an API token made).
    pub account_id: Option<Uuid>,
    /// The admin who did it, when not the account itself.
    pub actor_id: Option<Uuid>,
    /// What happened, e.g. `sign_in.failed`, `admin.user_deactivated`.
    #[oai(rename = "type")]
    pub kind: String,
    pub at: OffsetDateTime,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// Facts of the event; an admin action's `by` names its actor.
    pub detail: serde_json::Value,
}

#[derive(Debug, Object)]
pub struct AdminEventList {
    pub items: Vec<AdminEvent>,
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum AdminEventListResponse {
    #[oai(status = 200)]
    Ok(Json<AdminEventList>),
}

#[OpenApi(prefix_path = "/api/v1/admin", tag = "ApiTags::Admin")]
impl AuditApi {
    /// The audit log across accounts
    ///
    /// Newest first. Filter by account and by event type (e.g. `sign_in.failed`).
    #[oai(path = "/events", method = "get", operation_id = "admin_list_events")]
    async fn events(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
        account_id: Query<Option<Uuid>>,
        /// An event type, e.g. `sign_in.failed`.
        #[oai(name = "type", validator(max_length = 100))]
        kind: Query<Option<String>>,
        /// Items per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// The `next_cursor` of the previous page.
        #[oai(validator(max_length = 100))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<AdminEventListResponse> {
        let (items, next) = admin::events(
            &state,
            account_id.0.map(AccountId),
            kind.0.as_deref().filter(|k| !k.is_empty()),
            Page::new(limit.0, cursor.0),
        )
        .await?;
        Ok(AdminEventListResponse::Ok(Json(AdminEventList {
            items: items
                .into_iter()
                .map(|e| AdminEvent {
                    id: e.id.0,
                    account_id: e.account_id.map(|a| a.0),
                    actor_id: e.actor_id.map(|a| a.0),
                    kind: e.kind,
                    at: e.at.to_datetime(),
                    ip: e.ip,
                    user_agent: e.user_agent,
                    detail: serde_json::from_str(&e.detail).unwrap_or_default(),
                })
                .collect(),
            next_cursor: next.map(|id| id.to_string()),
        })))
    }
}
