//! Password reset by email.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use uuid::Uuid;

use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::http::client::client_info;
use crate::ids::PasswordResetId;
use crate::service::password_reset::{self, Completion};
use crate::service::totp::SecondFactor;
use crate::state::AppState;

pub struct PasswordResetApi;

#[derive(Debug, Object)]
pub struct PasswordResetRequest {
    #[oai(validator(max_length = 254))]
    pub email: Text,
    /// A random string the client keeps (16 to 255 characters): only it can finish the
    /// reset.
    #[oai(validator(min_length = 16, max_length = 255))]
    pub client_secret: Text,
}

#[derive(Debug, Object)]
pub struct PasswordResetStarted {
    /// Finish with `POST /api/v1/password-resets/{reset_id}/complete` once the person
    /// confirmed the mailed link.
    pub reset_id: Uuid,
}

#[derive(ApiResponse)]
pub enum PasswordResetStartedResponse {
    /// Accepted, whatever the address: a mail goes out only if it has an account.
    #[oai(status = 202)]
    Accepted(Json<PasswordResetStarted>),
}

fn sign_out_all_default() -> bool {
    true
}

#[derive(Debug, Object)]
pub struct PasswordResetCompletion {
    #[oai(validator(max_length = 255))]
    pub client_secret: Text,
    /// At least 12 characters (configurable), at most 1024, not the email address.
    #[oai(validator(max_length = 1024))]
    pub new_password: Text,
    /// For an account with two-factor authentication: a code from its app…
    #[oai(validator(max_length = 20))]
    pub code: Option<Text>,
    /// …or one of its recovery codes.
    #[oai(validator(max_length = 40))]
    pub recovery_code: Option<Text>,
    /// …or a passkey's answer to the options of `password_reset_passkey_options`.
    pub passkey: Option<serde_json::Value>,
    /// End every session of the account (the default, and what a lost password
    /// usually calls for).
    #[oai(default = "sign_out_all_default")]
    pub sign_out_all_sessions: bool,
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Account")]
impl PasswordResetApi {
    /// Start a password reset
    ///
    /// Mails a link to the address if it has an account, and answers the same either
    /// way. At most one reset mail a minute goes to an address.
    #[oai(
        path = "/password-resets",
        method = "post",
        operation_id = "request_password_reset"
    )]
    async fn request(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<PasswordResetRequest>,
    ) -> ApiResult<PasswordResetStartedResponse> {
        let id =
            password_reset::request(&state, &body.email, &body.client_secret, &client_info(req))
                .await?;
        Ok(PasswordResetStartedResponse::Accepted(Json(
            PasswordResetStarted { reset_id: id.0 },
        )))
    }

    /// Finish a password reset
    ///
    /// After the person pressed "Confirm changing my password" on the mailed link's
    /// page ("I have verified my email address"). 409 `email_not_validated` before that;
    /// 403 `two_factor_required` / 401 `invalid_code` for an account with two-factor
    /// authentication; 410 `token_expired` after an hour; 400 `token_invalid` once used;
    /// 403 `forbidden` for another client's secret.
    #[oai(
        path = "/password-resets/:reset_id/complete",
        method = "post",
        operation_id = "complete_password_reset"
    )]
    async fn complete(
        &self,
        state: Data<&AppState>,
        req: &Request,
        reset_id: Path<Uuid>,
        body: Json<PasswordResetCompletion>,
    ) -> ApiResult<NoContent> {
        let body = body.0;
        password_reset::complete(
            &state,
            PasswordResetId(reset_id.0),
            Completion {
                client_secret: &body.client_secret,
                new_password: &body.new_password,
                factor: SecondFactor::from_any(
                    body.code.as_deref(),
                    body.recovery_code.as_deref(),
                    body.passkey.as_ref(),
                ),
                sign_out_all_sessions: body.sign_out_all_sessions,
            },
            &client_info(req),
        )
        .await?;
        Ok(NoContent::Done)
    }
}
