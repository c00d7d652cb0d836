//! Signing in and out, and the list of signed-in devices.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::security::{SessionAuth, client_info};
use crate::api::{ApiResult, ApiTags, Text};
use crate::app::AppState;
use crate::db::sessions::Session as SessionRow;
use crate::ids::SessionId;
use crate::service::sessions::{self, Page, SignIn};

pub struct SessionsApi;

#[derive(Debug, Object)]
pub struct SignInRequest {
    #[oai(validator(max_length = 254))]
    pub email: Text,
    #[oai(validator(max_length = 1024))]
    pub password: Text,
    /// A name for this device, shown in the list of sessions ("Laptop", "CI script").
    #[oai(validator(max_length = 100))]
    pub device_name: Option<Text>,
}

/// One signed-in device.
#[derive(Debug, Object)]
pub struct Session {
    pub id: Uuid,
    pub device_name: Option<String>,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    /// When the session ends at the latest (it also ends after 14 days unused).
    pub expires_at: OffsetDateTime,
    /// The address the session was last used from.
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// Whether this is the session making the request.
    pub current: bool,
}

impl Session {
    fn from_row(row: SessionRow, current: SessionId) -> Self {
        Self {
            id: row.id.0,
            current: row.id == current,
            device_name: row.device_name,
            created_at: row.created_at.to_datetime(),
            last_seen_at: row.last_seen_at.to_datetime(),
            expires_at: row.expires_at.to_datetime(),
            ip: row.ip,
            user_agent: row.user_agent,
        }
    }
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum SignInStatus {
    SignedIn,
}

#[derive(Debug, Object)]
pub struct SignedIn {
    pub status: SignInStatus,
    pub session: Session,
    /// The bearer token of the new session. Shown only here: keep it secret.
    pub token: String,
}

#[derive(ApiResponse)]
pub enum SignInResponse {
    /// Signed in.
    #[oai(status = 201)]
    SignedIn(Json<SignedIn>),
}

#[derive(Debug, Object)]
pub struct SessionList {
    pub items: Vec<Session>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum ListResponse {
    #[oai(status = 200)]
    Ok(Json<SessionList>),
}

#[derive(ApiResponse)]
pub enum NoContent {
    /// Done.
    #[oai(status = 204)]
    Done,
}

#[derive(Debug, Object)]
pub struct Revoked {
    /// How many sessions were ended.
    pub revoked: u64,
}

#[derive(ApiResponse)]
pub enum RevokedResponse {
    #[oai(status = 200)]
    Ok(Json<Revoked>),
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Sessions")]
impl SessionsApi {
    /// Sign in
    ///
    /// With the email and password of a verified account, answers 201 with a session
    /// token. 401 `invalid_credentials` for a wrong pair (the same for unknown
    /// addresses); 403 `email_not_verified` or `account_deactivated` after a correct
    /// password only.
    #[oai(path = "/sessions", method = "post", operation_id = "sign_in")]
    async fn sign_in(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<SignInRequest>,
    ) -> ApiResult<SignInResponse> {
        let body = body.0;
        let created = sessions::sign_in(
            &state,
            SignIn {
                email: body.email.into_string(),
                password: body.password.into_string(),
                device_name: body.device_name.map(Text::into_string),
            },
            &client_info(req),
        )
        .await?;
        let current = created.session.id;
        Ok(SignInResponse::SignedIn(Json(SignedIn {
            status: SignInStatus::SignedIn,
            session: Session::from_row(created.session, current),
            token: created.token,
        })))
    }

    /// List your sessions
    ///
    /// The devices signed in to this account, newest first.
    #[oai(path = "/sessions", method = "get", operation_id = "list_sessions")]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        /// Items per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// The `next_cursor` of the previous page.
        #[oai(validator(max_length = 100))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<ListResponse> {
        let (rows, next) = sessions::list(&state, &auth.0, Page::new(limit.0, cursor.0)).await?;
        let current = auth.0.session.id;
        Ok(ListResponse::Ok(Json(SessionList {
            items: rows
                .into_iter()
                .map(|r| Session::from_row(r, current))
                .collect(),
            next_cursor: next.map(|id| id.to_string()),
        })))
    }

    /// Sign out
    ///
    /// Ends the session making the request.
    #[oai(
        path = "/sessions/current",
        method = "delete",
        operation_id = "sign_out"
    )]
    async fn sign_out(&self, state: Data<&AppState>, auth: SessionAuth) -> ApiResult<NoContent> {
        sessions::revoke(&state, &auth.0, auth.0.session.id).await?;
        Ok(NoContent::Done)
    }

    /// End a session
    ///
    /// Signs one of your devices out. 404 for an id that is not one of your sessions.
    #[oai(
        path = "/sessions/:id",
        method = "delete",
        operation_id = "revoke_session"
    )]
    async fn revoke(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        sessions::revoke(&state, &auth.0, SessionId(id.0)).await?;
        Ok(NoContent::Done)
    }

    /// End every other session
    ///
    /// Signs out every device but the one making the request.
    #[oai(
        path = "/sessions/revoke-others",
        method = "post",
        operation_id = "revoke_other_sessions"
    )]
    async fn revoke_others(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
    ) -> ApiResult<RevokedResponse> {
        let revoked = sessions::revoke_others(&state, &auth.0).await?;
        Ok(RevokedResponse::Ok(Json(Revoked { revoked })))
    }
}
