//! A host's integrations: add, list, read, change and delete them.

use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::security::SessionAuth;
use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::db::hosting::Integration as IntegrationRow;
use crate::ids::{HostId, IntegrationId};
use crate::service::Page;
use crate::service::hosting::{self, IntegrationInput};
use crate::state::AppState;

pub struct IntegrationsApi;

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

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Hosting")]
impl IntegrationsApi {
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
        let (items, next) = hosting::integrations(
            &state,
            &auth.0,
            HostId(host_id.0),
            Page::new(limit.0, cursor.0),
        )
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
