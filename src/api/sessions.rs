//! Signing in and out, and the list of signed-in devices.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::common::{Revoked, Session, SessionList};
use crate::api::security::SessionAuth;
use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::http::client::client_info;
use crate::ids::SessionId;
use crate::service::Page;
use crate::service::sessions::{self, SignIn, SignInOutcome};
use crate::service::totp::SecondFactor;
use crate::state::AppState;

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

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum MfaStatus {
    MfaRequired,
}

/// The password was right; send a second factor with the ticket to
/// `POST /api/v1/sessions/mfa`.
#[derive(Debug, Object)]
pub struct MfaRequired {
    pub status: MfaStatus,
    /// Valid for 5 minutes, once.
    pub mfa_ticket: String,
    pub expires_at: OffsetDateTime,
    /// The kinds of second factor this account has.
    pub methods: Vec<SecondFactorMethod>,
    /// With `passkey` in `methods`: options for `navigator.credentials.get`
    /// (`PublicKeyCredential.parseRequestOptionsFromJSON`); send the answer as `passkey`.
    #[oai(skip_serializing_if_is_none)]
    pub passkey_options: Option<serde_json::Value>,
}

/// A kind of second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum SecondFactorMethod {
    /// A code from an authenticator app.
    Totp,
    /// One of the ten recovery codes.
    RecoveryCode,
    /// A passkey.
    Passkey,
}

fn methods(m: crate::service::passkeys::Methods) -> Vec<SecondFactorMethod> {
    let mut out = Vec::new();
    if m.totp {
        out.push(SecondFactorMethod::Totp);
    }
    out.push(SecondFactorMethod::RecoveryCode);
    if m.passkey {
        out.push(SecondFactorMethod::Passkey);
    }
    out
}

#[derive(ApiResponse)]
pub enum SignInResponse {
    /// Signed in.
    #[oai(status = 201)]
    SignedIn(Json<SignedIn>),
    /// The account has two-factor authentication: a second step is due.
    #[oai(status = 200)]
    MfaRequired(Json<MfaRequired>),
}

impl From<sessions::NewSessionToken> for SignedIn {
    fn from(created: sessions::NewSessionToken) -> Self {
        let current = created.session.id;
        Self {
            status: SignInStatus::SignedIn,
            session: Session::from_row(created.session, current),
            token: created.token,
        }
    }
}

#[derive(Debug, Object)]
pub struct MfaRequest {
    /// The `mfa_ticket` of the sign-in's first step.
    #[oai(validator(max_length = 100))]
    pub mfa_ticket: Text,
    /// The 6-digit code the authenticator app shows.
    #[oai(validator(max_length = 20))]
    pub code: Option<Text>,
    /// One of the recovery codes, instead of a code (each works once).
    #[oai(validator(max_length = 40))]
    pub recovery_code: Option<Text>,
    /// A passkey's answer (`credential.toJSON()`) to the `passkey_options` of the
    /// `mfa_required` answer, instead of a code.
    pub passkey: Option<serde_json::Value>,
}

#[derive(ApiResponse)]
pub enum MfaResponse {
    /// Signed in.
    #[oai(status = 201)]
    SignedIn(Json<SignedIn>),
}

#[derive(Debug, Object)]
pub struct ReauthenticateRequest {
    /// Required, except with `passkey` alone.
    #[oai(validator(max_length = 1024))]
    pub password: Option<Text>,
    /// Required when the account has two-factor authentication.
    #[oai(validator(max_length = 20))]
    pub code: Option<Text>,
    #[oai(validator(max_length = 40))]
    pub recovery_code: Option<Text>,
    /// A passkey's answer to the options of `reauthentication_passkey_options`; it may
    /// stand alone, without the password.
    pub passkey: Option<serde_json::Value>,
}

#[derive(Debug, Object)]
pub struct Elevated {
    /// Sensitive actions are allowed until then.
    pub elevated_until: OffsetDateTime,
}

#[derive(ApiResponse)]
pub enum ReauthenticateResponse {
    #[oai(status = 200)]
    Ok(Json<Elevated>),
}

#[derive(ApiResponse)]
pub enum ListResponse {
    #[oai(status = 200)]
    Ok(Json<SessionList>),
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
        let outcome = sessions::sign_in(
            &state,
            SignIn {
                email: body.email.into_string(),
                password: body.password.into_string(),
                device_name: body.device_name.map(Text::into_string),
            },
            &client_info(req),
        )
        .await?;
        Ok(match outcome {
            SignInOutcome::SignedIn(created) => SignInResponse::SignedIn(Json(created.into())),
            SignInOutcome::MfaRequired {
                ticket,
                expires_at,
                methods: kinds,
                passkey_options,
            } => SignInResponse::MfaRequired(Json(MfaRequired {
                status: MfaStatus::MfaRequired,
                mfa_ticket: ticket,
                expires_at: expires_at.to_datetime(),
                methods: methods(kinds),
                passkey_options,
            })),
        })
    }

    /// Sign in: second factor
    ///
    /// Completes a sign-in that answered `mfa_required`, with a code from the
    /// authenticator app or a recovery code. 401 `invalid_code` for a wrong, reused or
    /// expired code; 410 `token_expired` past the ticket's 5 minutes.
    #[oai(path = "/sessions/mfa", method = "post", operation_id = "sign_in_mfa")]
    async fn sign_in_mfa(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<MfaRequest>,
    ) -> ApiResult<MfaResponse> {
        let factor = SecondFactor::from_any(
            body.code.as_deref(),
            body.recovery_code.as_deref(),
            body.passkey.as_ref(),
        );
        let created =
            sessions::complete_mfa(&state, &body.mfa_ticket, factor, &client_info(req)).await?;
        Ok(MfaResponse::SignedIn(Json(created.into())))
    }

    /// Confirm your password
    ///
    /// Allows sensitive actions (password, email, second factors, deleting the account)
    /// for 10 minutes. Accounts with two-factor authentication send a code too.
    #[oai(
        path = "/sessions/current/reauthenticate",
        method = "post",
        operation_id = "reauthenticate"
    )]
    async fn reauthenticate(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
        body: Json<ReauthenticateRequest>,
    ) -> ApiResult<ReauthenticateResponse> {
        let factor = SecondFactor::from_any(
            body.code.as_deref(),
            body.recovery_code.as_deref(),
            body.passkey.as_ref(),
        );
        let password = body.password.as_deref().map_or("", |p| p);
        let until =
            sessions::reauthenticate(&state, &auth.0, password, factor, &client_info(req)).await?;
        Ok(ReauthenticateResponse::Ok(Json(Elevated {
            elevated_until: until.to_datetime(),
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
    async fn sign_out(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
    ) -> ApiResult<NoContent> {
        sessions::revoke(&state, &auth.0, auth.0.session.id, &client_info(req)).await?;
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
        req: &Request,
        auth: SessionAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        sessions::revoke(&state, &auth.0, SessionId(id.0), &client_info(req)).await?;
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
        req: &Request,
        auth: SessionAuth,
    ) -> ApiResult<RevokedResponse> {
        let revoked = sessions::revoke_others(&state, &auth.0, &client_info(req)).await?;
        Ok(RevokedResponse::Ok(Json(Revoked { revoked })))
    }
}
