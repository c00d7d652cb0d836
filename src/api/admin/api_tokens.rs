//! The admin API's tokens: the bearer tokens (`stw_a_…`) that scripts use on it.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use super::AdminAuth;
use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::clock::Timestamp;
use crate::db::api_tokens::ApiToken as ApiTokenRow;
use crate::http::client::client_info;
use crate::ids::ApiTokenId;
use crate::service::admin;
use crate::state::AppState;

pub struct ApiTokensApi;

/// An admin API token (its secret is shown only when made).
#[derive(Debug, Object)]
pub struct ApiToken {
    pub id: Uuid,
    pub name: String,
    pub created_at: OffsetDateTime,
    pub expires_at: Option<OffsetDateTime>,
    pub last_used_at: Option<OffsetDateTime>,
}

impl From<ApiTokenRow> for ApiToken {
    fn from(t: ApiTokenRow) -> Self {
        Self {
            id: t.id.0,
            name: t.name,
            created_at: t.created_at.to_datetime(),
            expires_at: t.expires_at.map(Timestamp::to_datetime),
            last_used_at: t.last_used_at.map(Timestamp::to_datetime),
        }
    }
}

#[derive(Debug, Object)]
pub struct NewApiToken {
    /// What uses it, e.g. "billing sync".
    #[oai(validator(max_length = 100))]
    pub name: Text,
    /// When it stops working; never when absent.
    pub expires_at: Option<OffsetDateTime>,
}

#[derive(Debug, Object)]
pub struct ApiTokenCreated {
    pub id: Uuid,
    pub name: String,
    /// The bearer token (`stw_a_…`). Shown only here: store it in the script's secrets.
    pub token: String,
    pub expires_at: Option<OffsetDateTime>,
}

#[derive(Debug, Object)]
pub struct ApiTokenList {
    pub items: Vec<ApiToken>,
    /// Always null: every live token is in `items`.
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum ApiTokenCreatedResponse {
    #[oai(status = 201)]
    Created(Json<ApiTokenCreated>),
}

#[derive(ApiResponse)]
pub enum ApiTokenListResponse {
    #[oai(status = 200)]
    Ok(Json<ApiTokenList>),
}

#[OpenApi(prefix_path = "/api/v1/admin", tag = "ApiTags::Admin")]
impl ApiTokensApi {
    /// List API tokens
    #[oai(
        path = "/api-tokens",
        method = "get",
        operation_id = "admin_list_api_tokens"
    )]
    async fn tokens(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
    ) -> ApiResult<ApiTokenListResponse> {
        let tokens = admin::api_tokens(&state).await?;
        Ok(ApiTokenListResponse::Ok(Json(ApiTokenList {
            items: tokens.into_iter().map(Into::into).collect(),
            next_cursor: None,
        })))
    }

    /// Create an API token
    ///
    /// For scripts: use it as `Authorization: Bearer stw_a_…` on the admin API. The
    /// token is shown only in this answer.
    #[oai(
        path = "/api-tokens",
        method = "post",
        operation_id = "admin_create_api_token"
    )]
    async fn create_token(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        body: Json<NewApiToken>,
    ) -> ApiResult<ApiTokenCreatedResponse> {
        let expires = body.expires_at.map(|t| Timestamp(t.unix_timestamp()));
        let (token, secret) =
            admin::create_api_token(&state, &auth.0, &body.name, expires, &client_info(req))
                .await?;
        Ok(ApiTokenCreatedResponse::Created(Json(ApiTokenCreated {
            id: token.id.0,
            name: token.name,
            token: secret,
            expires_at: token.expires_at.map(Timestamp::to_datetime),
        })))
    }

    /// Revoke an API token
    #[oai(
        path = "/api-tokens/:id",
        method = "delete",
        operation_id = "admin_revoke_api_token"
    )]
    async fn revoke_token(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        admin::revoke_api_token(&state, &auth.0, ApiTokenId(id.0), &client_info(req)).await?;
        Ok(NoContent::Done)
    }
}
