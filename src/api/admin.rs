//! The admin API: users and API tokens. For admin sessions and admin API tokens.

use poem::Request;
use poem::web::Data;
use poem_openapi::auth::Bearer;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, SecurityScheme};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::common::Deleting;
use crate::api::common::{Revoked, Session, SessionList};
use crate::api::{ApiError, ApiResult, ApiTags, NoContent, Text};
use crate::clock::Timestamp;
use crate::db::admin::UserFilter;
use crate::db::api_tokens::ApiToken as ApiTokenRow;
use crate::http::client::client_info;
use crate::ids::{AccountId, ApiTokenId, OutboxId, SessionId};
use crate::service::Page;
use crate::service::admin::{self, Actor, NewUser, UserUpdate, UserView};
use crate::state::AppState;

pub struct AdminApi;

/// An admin's session token (`stw_s_…`) or an admin API token (`stw_a_…`).
#[derive(SecurityScheme)]
#[oai(ty = "bearer", checker = "check_admin")]
pub struct AdminAuth(pub Actor);

async fn check_admin(req: &Request, bearer: Bearer) -> poem::Result<Actor> {
    let state = req.data::<AppState>().ok_or_else(ApiError::internal)?;
    let actor = if bearer.token.starts_with(admin::API_TOKEN_PREFIX) {
        admin::authenticate_token(state, &bearer.token)
            .await
            .map(Actor::Token)
    } else {
        match crate::service::sessions::authenticate(state, &bearer.token, &client_info(req)).await
        {
            Ok(auth) => admin::require_admin(auth),
            Err(e) => Err(e),
        }
    };
    actor.map_err(|e| ApiError::from(e).into())
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum UserStatus {
    Active,
    Deactivated,
    /// Being deleted by a job.
    Deleting,
}

/// A user as operators see it.
#[derive(Debug, Object)]
pub struct AdminUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: Option<String>,
    pub email_verified: bool,
    pub is_admin: bool,
    pub status: UserStatus,
    pub two_factor_enabled: bool,
    pub created_at: OffsetDateTime,
    pub last_sign_in_at: Option<OffsetDateTime>,
    pub subscriptions: i64,
    pub hosts: i64,
    pub totp_devices: i64,
    /// Live sessions.
    pub sessions: i64,
}

impl From<UserView> for AdminUser {
    fn from(v: UserView) -> Self {
        let a = v.account;
        Self {
            id: a.id.0,
            email_verified: a.email_verified_at.is_some(),
            status: match a.status.as_str() {
                "deactivated" => UserStatus::Deactivated,
                "deleting" => UserStatus::Deleting,
                _ => UserStatus::Active,
            },
            email: a.email,
            display_name: a.display_name,
            is_admin: a.is_admin,
            two_factor_enabled: v.two_factor_enabled,
            created_at: a.created_at.to_datetime(),
            last_sign_in_at: v.last_sign_in_at.map(Timestamp::to_datetime),
            subscriptions: v.counts.subscriptions,
            hosts: v.counts.hosts,
            totp_devices: v.counts.totp_devices,
            sessions: v.counts.sessions,
        }
    }
}

#[derive(Debug, Object)]
pub struct AdminUserList {
    pub items: Vec<AdminUser>,
    pub next_cursor: Option<String>,
    /// Users matching the filter, on every page.
    pub total: i64,
}

fn default_false() -> bool {
    false
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Object)]
pub struct NewUserBody {
    #[oai(validator(max_length = 254))]
    pub email: Text,
    #[oai(validator(max_length = 100))]
    pub display_name: Option<Text>,
    /// Without one, the account can't sign in until a password is set for it.
    #[oai(validator(max_length = 1024))]
    pub password: Option<Text>,
    #[oai(default = "default_false")]
    pub is_admin: bool,
    /// Mark the address verified (the admin vouches for it).
    #[oai(default = "default_false")]
    pub email_verified: bool,
    /// Mail an invitation whose link lets the person choose a password (and verifies
    /// the address). Leave out `password` then.
    #[oai(default = "default_false")]
    pub send_invite: bool,
}

#[derive(Debug, Object)]
pub struct UserPatch {
    /// The new address, used at once (no confirmation mail).
    #[oai(validator(max_length = 254))]
    pub email: Option<Text>,
    #[oai(validator(max_length = 100))]
    pub display_name: MaybeUndefined<Text>,
    pub is_admin: Option<bool>,
    pub email_verified: Option<bool>,
}

#[derive(Debug, Object)]
pub struct PasswordSet {
    #[oai(validator(max_length = 1024))]
    pub new_password: Text,
    /// End every session of the user (the default).
    #[oai(default = "default_true")]
    pub sign_out_sessions: bool,
}

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
pub enum UserResponse {
    #[oai(status = 200)]
    Ok(Json<AdminUser>),
    #[oai(status = 201)]
    Created(Json<AdminUser>),
}

#[derive(ApiResponse)]
pub enum MailQueued {
    /// The mail is queued; the outbox sends it shortly.
    #[oai(status = 202)]
    Accepted,
}

#[derive(ApiResponse)]
pub enum UserListResponse {
    #[oai(status = 200)]
    Ok(Json<AdminUserList>),
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

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum MailStatus {
    /// Waiting for its first try or its next one.
    Pending,
    Sent,
    /// Every try failed, or the server refused it for good: retry it once fixed.
    Failed,
    /// Nothing to send any more (its link was used or replaced first).
    Skipped,
}

impl MailStatus {
    fn as_str(self) -> &'static str {
        match self {
            MailStatus::Pending => "pending",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
            MailStatus::Skipped => "skipped",
        }
    }
}

/// A mail of the outbox.
#[derive(Debug, Object)]
pub struct OutboxMail {
    pub id: Uuid,
    pub account_id: Option<Uuid>,
    pub recipient: String,
    /// Which mail it is, e.g. `verify_email`, `invite`.
    pub template: String,
    pub status: MailStatus,
    pub attempts: i64,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// When a pending mail is tried next.
    pub next_attempt_at: OffsetDateTime,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
}

impl From<crate::db::admin::OutboxMail> for OutboxMail {
    fn from(m: crate::db::admin::OutboxMail) -> Self {
        Self {
            id: m.id.0,
            account_id: m.account_id.map(|a| a.0),
            recipient: m.recipient,
            template: m.template,
            status: match m.status.as_str() {
                "sent" => MailStatus::Sent,
                "failed" => MailStatus::Failed,
                "skipped" => MailStatus::Skipped,
                _ => MailStatus::Pending,
            },
            attempts: m.attempts,
            last_error: m.last_error,
            next_attempt_at: m.next_attempt_at.to_datetime(),
            created_at: m.created_at.to_datetime(),
            sent_at: m.sent_at.map(Timestamp::to_datetime),
        }
    }
}

#[derive(Debug, Object)]
pub struct OutboxMailList {
    pub items: Vec<OutboxMail>,
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum AdminEventListResponse {
    #[oai(status = 200)]
    Ok(Json<AdminEventList>),
}

#[derive(ApiResponse)]
pub enum OutboxMailListResponse {
    #[oai(status = 200)]
    Ok(Json<OutboxMailList>),
}

#[derive(ApiResponse)]
pub enum OutboxMailResponse {
    /// Queued again with a fresh set of tries.
    #[oai(status = 202)]
    Accepted(Json<OutboxMail>),
}

#[OpenApi(prefix_path = "/api/v1/admin", tag = "ApiTags::Admin")]
impl AdminApi {
    /// List and search users
    ///
    /// `query` matches a part of the email address or the name.
    #[oai(path = "/users", method = "get", operation_id = "admin_list_users")]
    async fn users(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
        #[oai(validator(max_length = 254))] query: Query<Option<String>>,
        /// active, deactivated or deleting.
        #[oai(validator(max_length = 20))]
        status: Query<Option<String>>,
        /// Items per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// The `next_cursor` of the previous page.
        #[oai(validator(max_length = 100))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<UserListResponse> {
        let filter = UserFilter {
            query: query.0,
            status: status.0,
        };
        let (items, next, total) =
            admin::users(&state, filter, Page::new(limit.0, cursor.0)).await?;
        Ok(UserListResponse::Ok(Json(AdminUserList {
            items: items.into_iter().map(Into::into).collect(),
            next_cursor: next.map(|id| id.to_string()),
            total,
        })))
    }

    /// Create a user
    #[oai(path = "/users", method = "post", operation_id = "admin_create_user")]
    async fn create(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        body: Json<NewUserBody>,
    ) -> ApiResult<UserResponse> {
        let body = body.0;
        let user = admin::create_user(
            &state,
            &auth.0,
            NewUser {
                email: body.email.into_string(),
                display_name: body.display_name.map(Text::into_string),
                password: body.password.map(Text::into_string),
                is_admin: body.is_admin,
                email_verified: body.email_verified,
                send_invite: body.send_invite,
            },
            &client_info(req),
        )
        .await?;
        Ok(UserResponse::Created(Json(user.into())))
    }

    /// Get a user
    ///
    /// With counts of subscriptions, hosts, authenticator apps and live sessions.
    #[oai(path = "/users/:id", method = "get", operation_id = "admin_get_user")]
    async fn user(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<UserResponse> {
        Ok(UserResponse::Ok(Json(
            admin::user(&state, AccountId(id.0)).await?.into(),
        )))
    }

    /// Update a user
    #[oai(
        path = "/users/:id",
        method = "patch",
        operation_id = "admin_update_user"
    )]
    async fn update(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
        body: Json<UserPatch>,
    ) -> ApiResult<UserResponse> {
        let body = body.0;
        let update = UserUpdate {
            email: body.email.map(Text::into_string),
            display_name: match body.display_name {
                MaybeUndefined::Value(n) => Some(Some(n.into_string())),
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Undefined => None,
            },
            is_admin: body.is_admin,
            email_verified: body.email_verified,
        };
        let user =
            admin::update_user(&state, &auth.0, AccountId(id.0), update, &client_info(req)).await?;
        Ok(UserResponse::Ok(Json(user.into())))
    }

    /// Deactivate a user
    ///
    /// Every session ends at once; signing in answers 403 `account_deactivated`.
    #[oai(
        path = "/users/:id/deactivate",
        method = "post",
        operation_id = "admin_deactivate_user"
    )]
    async fn deactivate(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        admin::set_active(&state, &auth.0, AccountId(id.0), false, &client_info(req)).await?;
        Ok(NoContent::Done)
    }

    /// Reactivate a user
    #[oai(
        path = "/users/:id/reactivate",
        method = "post",
        operation_id = "admin_reactivate_user"
    )]
    async fn reactivate(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        admin::set_active(&state, &auth.0, AccountId(id.0), true, &client_info(req)).await?;
        Ok(NoContent::Done)
    }

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

    /// Delete a user
    ///
    /// As if they had deleted their account: sessions end now, a goodbye mail goes out,
    /// a job deletes the rest.
    #[oai(
        path = "/users/:id",
        method = "delete",
        operation_id = "admin_delete_user"
    )]
    async fn delete(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<Deleting> {
        admin::delete_user(&state, &auth.0, AccountId(id.0), &client_info(req)).await?;
        Ok(Deleting::scheduled())
    }

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

    /// The mail outbox
    ///
    /// Newest first; `?status=failed` lists the mail that needs an operator.
    #[oai(path = "/emails", method = "get", operation_id = "admin_list_emails")]
    async fn emails(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
        status: Query<Option<MailStatus>>,
        /// Items per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// The `next_cursor` of the previous page.
        #[oai(validator(max_length = 100))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<OutboxMailListResponse> {
        let (items, next) = admin::emails(
            &state,
            status.0.map(MailStatus::as_str),
            Page::new(limit.0, cursor.0),
        )
        .await?;
        Ok(OutboxMailListResponse::Ok(Json(OutboxMailList {
            items: items.into_iter().map(Into::into).collect(),
            next_cursor: next.map(|id| id.to_string()),
        })))
    }

    /// Retry a failed mail
    ///
    /// Queues it again with a fresh set of tries (after fixing what made it fail, e.g.
    /// the SMTP settings). 409 `mail_not_failed` for a mail that is not failed.
    #[oai(
        path = "/emails/:id/retry",
        method = "post",
        operation_id = "admin_retry_email"
    )]
    async fn retry_email(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<OutboxMailResponse> {
        let mail = admin::retry_email(&state, &auth.0, OutboxId(id.0), &client_info(req)).await?;
        Ok(OutboxMailResponse::Accepted(Json(mail.into())))
    }

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
