//! Passkeys (WebAuthn): registering and managing them, signing in with one alone, and
//! the options to prove one as a second factor.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::security::SessionAuth;
use crate::api::sessions::SignedIn;
use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::db::passkeys::Passkey as PasskeyRow;
use crate::http::client::client_info;
use crate::ids::{PasskeyChallengeId, PasskeyId, PasswordResetId};
use crate::service::passkeys::{self, Started, sign_in};
use crate::service::password_reset;
use crate::state::AppState;

pub struct PasskeysApi;

#[derive(Debug, Object)]
pub struct PasskeyRegistrationRequest {
    /// A name for the passkey ("Laptop", "Phone"), at most 100 characters.
    #[oai(validator(max_length = 100))]
    pub name: Text,
}

/// Options for `navigator.credentials.create`: pass `options` to
/// `PublicKeyCredential.parseCreationOptionsFromJSON`.
#[derive(Debug, Object)]
pub struct PasskeyRegistration {
    pub registration_id: Uuid,
    /// WebAuthn `PublicKeyCredentialCreationOptionsJSON` (binary fields base64url).
    pub options: Value,
    /// Complete the registration before this time (5 minutes).
    pub expires_at: OffsetDateTime,
}

#[derive(ApiResponse)]
pub enum PasskeyRegistrationResponse {
    #[oai(status = 201)]
    Created(Json<PasskeyRegistration>),
}

#[derive(Debug, Object)]
pub struct PasskeyCredentialRequest {
    /// The browser's answer, `credential.toJSON()` (WebAuthn JSON, binary fields
    /// base64url).
    pub credential: Value,
}

/// A passkey that signs in to this account.
#[derive(Debug, Object)]
pub struct PasskeyInfo {
    pub id: Uuid,
    pub name: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    /// Whether the passkey may be synced to other devices (backup eligible).
    pub synced: bool,
}

impl From<PasskeyRow> for PasskeyInfo {
    fn from(p: PasskeyRow) -> Self {
        Self {
            id: p.id.0,
            name: p.name,
            created_at: p.created_at.to_datetime(),
            last_used_at: p.last_used_at.map(|t| t.to_datetime()),
            synced: p.backup_eligible,
        }
    }
}

#[derive(Debug, Object)]
pub struct PasskeyAdded {
    pub passkey: PasskeyInfo,
    /// With the account's first second factor only: ten single-use codes for when
    /// every passkey and app is lost. Shown only here.
    #[oai(skip_serializing_if_is_none)]
    pub recovery_codes: Option<Vec<String>>,
}

#[derive(ApiResponse)]
pub enum PasskeyAddedResponse {
    #[oai(status = 201)]
    Created(Json<PasskeyAdded>),
}

#[derive(Debug, Object)]
pub struct PasskeyList {
    pub items: Vec<PasskeyInfo>,
    /// Always null: every passkey is in `items`.
    pub next_cursor: Option<String>,
}

#[derive(ApiResponse)]
pub enum PasskeyListResponse {
    #[oai(status = 200)]
    Ok(Json<PasskeyList>),
}

#[derive(Debug, Object)]
pub struct PasskeyRename {
    #[oai(validator(max_length = 100))]
    pub name: Text,
}

#[derive(ApiResponse)]
pub enum PasskeyResponse {
    #[oai(status = 200)]
    Ok(Json<PasskeyInfo>),
}

/// Options for `navigator.credentials.get`: pass `options` to
/// `PublicKeyCredential.parseRequestOptionsFromJSON`.
#[derive(Debug, Object)]
pub struct PasskeyChallenge {
    pub challenge_id: Uuid,
    /// WebAuthn `PublicKeyCredentialRequestOptionsJSON` (binary fields base64url).
    pub options: Value,
    /// Answer before this time (5 minutes); each challenge is answered once.
    pub expires_at: OffsetDateTime,
}

impl From<Started> for PasskeyChallenge {
    fn from(s: Started) -> Self {
        Self {
            challenge_id: s.id.0,
            options: s.options,
            expires_at: s.expires_at.to_datetime(),
        }
    }
}

#[derive(ApiResponse)]
pub enum PasskeyChallengeResponse {
    #[oai(status = 200)]
    Ok(Json<PasskeyChallenge>),
}

/// An empty body: nothing is asked before the passkey.
#[derive(Debug, Object)]
pub struct PasskeySignInRequest {}

#[derive(Debug, Object)]
pub struct PasskeySignInCompletion {
    /// The browser's answer, `credential.toJSON()`.
    pub credential: Value,
    /// A name for this device, shown in the list of sessions.
    #[oai(validator(max_length = 100))]
    pub device_name: Option<Text>,
}

#[derive(ApiResponse)]
pub enum PasskeySignInResponse {
    /// Signed in.
    #[oai(status = 201)]
    SignedIn(Json<SignedIn>),
}

#[derive(Debug, Object)]
pub struct ResetPasskeyOptionsRequest {
    /// The secret the client chose when it asked for the reset.
    #[oai(validator(max_length = 255))]
    pub client_secret: Text,
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Passkeys")]
impl PasskeysApi {
    /// Start adding a passkey
    ///
    /// Needs a recent sign-in or reauthentication. Answers the options for
    /// `navigator.credentials.create`; send its answer to the `complete` operation
    /// within 5 minutes. 409 `passkeys_unavailable` when the server's public URL is an
    /// IP address.
    #[oai(
        path = "/account/passkeys/registrations",
        method = "post",
        operation_id = "begin_passkey_registration"
    )]
    async fn begin_registration(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        body: Json<PasskeyRegistrationRequest>,
    ) -> ApiResult<PasskeyRegistrationResponse> {
        let started = passkeys::begin_registration(&state, &auth.0, &body.name).await?;
        Ok(PasskeyRegistrationResponse::Created(Json(
            PasskeyRegistration {
                registration_id: started.id.0,
                options: started.options,
                expires_at: started.expires_at.to_datetime(),
            },
        )))
    }

    /// Finish adding a passkey
    ///
    /// With the browser's answer. The account's first second factor also answers ten
    /// recovery codes. 400 `invalid_credential` for an answer that does not verify (wrong
    /// origin, another challenge, unreadable); 409 `passkey_already_registered`; 410
    /// `registration_expired` after 5 minutes; 404 once used.
    #[oai(
        path = "/account/passkeys/registrations/:registration_id/complete",
        method = "post",
        operation_id = "complete_passkey_registration"
    )]
    async fn complete_registration(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
        registration_id: Path<Uuid>,
        body: Json<PasskeyCredentialRequest>,
    ) -> ApiResult<PasskeyAddedResponse> {
        let added = passkeys::complete_registration(
            &state,
            &auth.0,
            PasskeyChallengeId(registration_id.0),
            &body.credential,
            &client_info(req),
        )
        .await?;
        Ok(PasskeyAddedResponse::Created(Json(PasskeyAdded {
            passkey: added.passkey.into(),
            recovery_codes: added.recovery_codes,
        })))
    }

    /// List your passkeys
    #[oai(
        path = "/account/passkeys",
        method = "get",
        operation_id = "list_passkeys"
    )]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
    ) -> ApiResult<PasskeyListResponse> {
        let items = passkeys::list(&state, &auth.0).await?;
        Ok(PasskeyListResponse::Ok(Json(PasskeyList {
            items: items.into_iter().map(PasskeyInfo::from).collect(),
            next_cursor: None,
        })))
    }

    /// Rename a passkey
    #[oai(
        path = "/account/passkeys/:id",
        method = "patch",
        operation_id = "rename_passkey"
    )]
    async fn rename(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
        id: Path<Uuid>,
        body: Json<PasskeyRename>,
    ) -> ApiResult<PasskeyResponse> {
        let passkey = passkeys::rename(
            &state,
            &auth.0,
            PasskeyId(id.0),
            &body.name,
            &client_info(req),
        )
        .await?;
        Ok(PasskeyResponse::Ok(Json(passkey.into())))
    }

    /// Remove a passkey
    ///
    /// Needs a recent sign-in or reauthentication. Removing the account's last second
    /// factor turns two-factor authentication off and voids the recovery codes.
    #[oai(
        path = "/account/passkeys/:id",
        method = "delete",
        operation_id = "remove_passkey"
    )]
    async fn remove(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
        id: Path<Uuid>,
    ) -> ApiResult<NoContent> {
        passkeys::remove(&state, &auth.0, PasskeyId(id.0), &client_info(req)).await?;
        Ok(NoContent::Done)
    }

    /// Start signing in with a passkey
    ///
    /// No email or password: the person picks one of their passkeys for this site.
    /// Answers the options for `navigator.credentials.get`.
    #[oai(
        path = "/sessions/passkey",
        method = "post",
        operation_id = "begin_passkey_sign_in"
    )]
    async fn begin_sign_in(
        &self,
        state: Data<&AppState>,
        #[allow(unused_variables)] body: Json<PasskeySignInRequest>,
    ) -> ApiResult<PasskeyChallengeResponse> {
        let started = sign_in::begin(&state).await?;
        Ok(PasskeyChallengeResponse::Ok(Json(started.into())))
    }

    /// Sign in with a passkey
    ///
    /// With the browser's answer to the options of `begin_passkey_sign_in`. 401
    /// `invalid_credential` for an answer that does not verify, an unknown passkey, or
    /// a challenge expired or used already; throttled like signing in with a password.
    #[oai(
        path = "/sessions/passkey/:challenge_id/complete",
        method = "post",
        operation_id = "complete_passkey_sign_in"
    )]
    async fn complete_sign_in(
        &self,
        state: Data<&AppState>,
        req: &Request,
        challenge_id: Path<Uuid>,
        body: Json<PasskeySignInCompletion>,
    ) -> ApiResult<PasskeySignInResponse> {
        let created = sign_in::complete(
            &state,
            PasskeyChallengeId(challenge_id.0),
            &body.credential,
            body.device_name.as_deref(),
            &client_info(req),
        )
        .await?;
        Ok(PasskeySignInResponse::SignedIn(Json(created.into())))
    }

    /// Passkey options to confirm your identity
    ///
    /// Options for `navigator.credentials.get`; send the answer as `passkey` to
    /// `reauthenticate` (the password may then be left out). 409
    /// `two_factor_not_enabled` without a passkey.
    #[oai(
        path = "/sessions/current/reauthenticate/passkey-options",
        method = "post",
        operation_id = "reauthentication_passkey_options"
    )]
    async fn reauthentication_options(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
    ) -> ApiResult<PasskeyChallengeResponse> {
        let started = passkeys::reauthentication_options(&state, &auth.0).await?;
        Ok(PasskeyChallengeResponse::Ok(Json(started.into())))
    }

    /// Passkey options to finish a password reset
    ///
    /// Once the mailed link was confirmed, options for `navigator.credentials.get`; send
    /// the answer as `passkey` to `complete_password_reset`. 409 `email_not_validated`
    /// before; 409 `two_factor_not_enabled` without a passkey.
    #[oai(
        path = "/password-resets/:reset_id/passkey-options",
        method = "post",
        operation_id = "password_reset_passkey_options"
    )]
    async fn reset_options(
        &self,
        state: Data<&AppState>,
        reset_id: Path<Uuid>,
        body: Json<ResetPasskeyOptionsRequest>,
    ) -> ApiResult<PasskeyChallengeResponse> {
        let started = password_reset::passkey_options(
            &state,
            PasswordResetId(reset_id.0),
            &body.client_secret,
        )
        .await?;
        Ok(PasskeyChallengeResponse::Ok(Json(started.into())))
    }
}
