//! Registration and email verification.

use poem::Request;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use uuid::Uuid;

use crate::api::{ApiResult, ApiTags, Text};
use crate::http::client::browser_locale;
use crate::service::registration::{self, Registration};
use crate::state::AppState;

pub struct RegistrationApi;

#[derive(Debug, Object)]
pub struct RegistrationRequest {
    /// The address to register; a verification link is mailed to it.
    #[oai(validator(max_length = 254))]
    pub email: Text,
    /// At least 12 characters (configurable), at most 1024, not the email address.
    #[oai(validator(max_length = 1024))]
    pub password: Text,
    /// The name shown to people, at most 100 characters.
    #[oai(validator(max_length = 100))]
    pub display_name: Option<Text>,
    /// Must be true: the person accepts the current terms (`GET /api/v1/terms`).
    pub accept_terms: bool,
    /// The language of the account's pages and mail, one of `GET /api/v1/locales`.
    /// Absent: the first offered language of the request's `Accept-Language`, else the
    /// server's default.
    #[oai(validator(max_length = 35))]
    pub locale: Option<Text>,
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum VerificationStatus {
    VerificationSent,
}

/// The same answer whatever the address: whether it has an account shows only in the
/// mailbox.
#[derive(Debug, Object)]
pub struct VerificationSent {
    pub status: VerificationStatus,
}

#[derive(ApiResponse)]
pub enum RegisterResponse {
    /// Accepted; a mail is on its way (unless the address cannot receive one).
    #[oai(status = 202)]
    Accepted(Json<VerificationSent>),
}

impl RegisterResponse {
    fn accepted() -> Self {
        Self::Accepted(Json(VerificationSent {
            status: VerificationStatus::VerificationSent,
        }))
    }
}

#[derive(Debug, Object)]
pub struct ResendRequest {
    #[oai(validator(max_length = 254))]
    pub email: Text,
}

#[derive(Debug, Object)]
pub struct ConfirmRequest {
    /// The `token` parameter of the link in the verification mail.
    #[oai(validator(max_length = 512))]
    pub token: Text,
}

#[derive(Debug, Object)]
pub struct EmailVerified {
    pub account_id: Uuid,
    pub email: String,
}

#[derive(ApiResponse)]
pub enum ConfirmResponse {
    /// The address is verified; the account can sign in.
    #[oai(status = 200)]
    Ok(Json<EmailVerified>),
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Registration")]
impl RegistrationApi {
    /// Register an account
    ///
    /// Creates an account and mails a verification link. Answers 202 whatever the
    /// address, so the API does not tell who has an account: an address that has one
    /// receives a notice instead of a link.
    #[oai(path = "/registrations", method = "post", operation_id = "register")]
    async fn register(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<RegistrationRequest>,
    ) -> ApiResult<RegisterResponse> {
        let body = body.0;
        let locale = match body.locale {
            Some(asked) => Some(asked.into_string()),
            None => browser_locale(&state, req).map(str::to_owned),
        };
        registration::register(
            &state,
            Registration {
                email: body.email.into_string(),
                password: body.password.into_string(),
                display_name: body.display_name.map(Text::into_string),
                accept_terms: body.accept_terms,
                locale,
            },
        )
        .await?;
        Ok(RegisterResponse::accepted())
    }

    /// Send the verification mail again
    ///
    /// Answers 202 whatever the address; at most one mail a minute goes to an address.
    #[oai(
        path = "/email-verifications/resend",
        method = "post",
        operation_id = "resend_verification"
    )]
    async fn resend(
        &self,
        state: Data<&AppState>,
        body: Json<ResendRequest>,
    ) -> ApiResult<RegisterResponse> {
        registration::resend_verification(&state, &body.email).await?;
        Ok(RegisterResponse::accepted())
    }

    /// Verify an email address
    ///
    /// Uses up the token from the verification link. 400 `token_invalid` for an unknown
    /// or used token, 410 `token_expired` past its 24 hours.
    #[oai(
        path = "/email-verifications/confirm",
        method = "post",
        operation_id = "confirm_email_verification"
    )]
    async fn confirm(
        &self,
        state: Data<&AppState>,
        body: Json<ConfirmRequest>,
    ) -> ApiResult<ConfirmResponse> {
        let (account_id, email) = registration::confirm_email(&state, &body.token).await?;
        Ok(ConfirmResponse::Ok(Json(EmailVerified {
            account_id: account_id.0,
            email,
        })))
    }
}
