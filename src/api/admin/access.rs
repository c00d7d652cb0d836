//! The admin API's hold on how a user signs in: their password, a password link, the
//! lockout, their sessions and their second factors.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use uuid::Uuid;

use super::AdminAuth;
use crate::api::common::{Revoked, Session, SessionList};
use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::http::client::client_info;
use crate::ids::{AccountId, SessionId};
use crate::service::admin;
use crate::state::AppState;

pub struct AccessApi;

fn default_true() -> bool {
    true
}

#[derive(Debug, Object)]
pub struct PasswordSet {
    #[oai(validator(max_length = 1024))]
    pub new_password: Text,
    /// End every session of the user (the default).
    #[oai(default = "default_true")]
    pub sign_out_sessions: bool,
}

#[derive(ApiResponse)]
pub enum MailQueued {
    /// The mail is queued; the outbox sends it shortly.
    #[oai(status = 202)]
    Accepted,
}

#[derive(ApiResponse)]
pub enum SessionListResponse {
    #[oai(status = 200)]
    Ok(Json<SessionList>),
}

#[derive(ApiResponse)]
pub enum RevokedResponse {
    #[oai(status = 200)]
    Ok(Json<Revoked>),
}

#[OpenApi(prefix_path = "/api/v1/admin", tag = "ApiTags::Admin")]
impl AccessApi {
    /// Set a user's password
    ///
    /// Ends the user's sessions unless `sign_out_sessions` is false; mails a notice.
    #[oai(
        path = "/users/:id/password",
        method = "put",
        operation_id = "admin_set_password"
    )]
    async fn set_password(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
        body: Json<PasswordSet>,
    ) -> ApiResult<NoContent> {
        admin::set_password(
            &state,
            &auth.0,
            AccountId(id.0),
            &body.new_password,
            body.sign_out_sessions,
            &client_info(req),
        )
        .await?;
        Ok(NoContent::Done)
    }

    /// Mail a password link
    ///
    /// Mails the user a single-use link (it lives `security.password_reset_ttl_minutes`)
    /// to a page where they choose a new password; using it ends every session. Their
    /// current password works until then. A newer link voids the older ones.
    #[oai(
        path = "/users/:id/password-reset-email",
        method = "post",
        operation_id = "admin_send_password_reset_email"
    )]
    async fn password_reset_email(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<MailQueued> {
        admin::send_password_link(&state, &auth.0, AccountId(id.0), &client_info(req)).await?;
        Ok(MailQueued::Accepted)
    }

    /// Unlock a throttled user
    ///
    /// Forgets the failed sign-ins of the user's address, ending a lockout.
    #[oai(
        path = "/users/:id/unlock",
        method = "post",
        operation_id = "admin_unlock_user"
    )]
    async fn unlock(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        admin::unlock(&state, &auth.0, AccountId(id.0), &client_info(req)).await?;
        Ok(NoContent::Done)
    }

    /// List a user's sessions
    #[oai(
        path = "/users/:id/sessions",
        method = "get",
        operation_id = "admin_list_user_sessions"
    )]
    async fn sessions(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<SessionListResponse> {
        let rows = admin::user_sessions(&state, AccountId(id.0)).await?;
        let none = SessionId(Uuid::nil());
        Ok(SessionListResponse::Ok(Json(SessionList {
            items: rows
                .into_iter()
                .map(|r| Session::from_row(r, none))
                .collect(),
            next_cursor: None,
        })))
    }

    /// End every session of a user
    #[oai(
        path = "/users/:id/sessions",
        method = "delete",
        operation_id = "admin_revoke_user_sessions"
    )]
    async fn revoke_sessions(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<RevokedResponse> {
        let revoked =
            admin::revoke_sessions(&state, &auth.0, AccountId(id.0), &client_info(req)).await?;
        Ok(RevokedResponse::Ok(Json(Revoked { revoked })))
    }

    /// Remove every second factor of a user
    ///
    /// For a person who lost their authenticator app and recovery codes. Mails a notice.
    #[oai(
        path = "/users/:id/totp",
        method = "delete",
        operation_id = "admin_remove_two_factor"
    )]
    async fn remove_totp(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        admin::remove_two_factor(&state, &auth.0, AccountId(id.0), &client_info(req)).await?;
        Ok(NoContent::Done)
    }
}
