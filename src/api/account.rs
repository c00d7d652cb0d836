//! The signed-in person's own account.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::common::Deleting;
use crate::api::security::SessionAuth;
use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::http::client::client_info;
use crate::service::Page;
use crate::service::account::{self, AccountUpdate, Profile};
use crate::service::{deletion, email_change};
use crate::state::AppState;

pub struct AccountApi;

/// Your account.
#[derive(Debug, Object)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub email_verified: bool,
    /// A new address waiting for confirmation from its mailbox, if any.
    pub pending_email: Option<String>,
    pub display_name: Option<String>,
    pub is_admin: bool,
    /// Whether signing in needs a code from an authenticator app.
    pub two_factor_enabled: bool,
    /// The version of the terms this account accepted last.
    pub terms_version_accepted: Option<String>,
    /// The language of your pages and mail, one of `GET /api/v1/locales`.
    pub locale: String,
    pub created_at: OffsetDateTime,
}

impl From<Profile> for Account {
    fn from(p: Profile) -> Self {
        let a = p.account;
        Self {
            id: a.id.0,
            email_verified: a.email_verified_at.is_some(),
            email: a.email,
            pending_email: p.facts.pending_email,
            display_name: a.display_name,
            is_admin: a.is_admin,
            two_factor_enabled: p.facts.two_factor,
            terms_version_accepted: a.terms_version_accepted,
            locale: p.locale,
            created_at: a.created_at.to_datetime(),
        }
    }
}

#[derive(Debug, Object)]
pub struct PasswordChange {
    /// At least 12 characters (configurable), at most 1024, not the email address.
    #[oai(validator(max_length = 1024))]
    pub new_password: Text,
}

/// One entry of the account's audit trail.
#[derive(Debug, Object)]
pub struct Event {
    pub id: Uuid,
    /// What happened, e.g. `sign_in.succeeded`, `password.changed`.
    #[oai(rename = "type")]
    pub kind: String,
    pub at: OffsetDateTime,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// Facts of this event (a device's name, the reason of a failure…).
    pub detail: serde_json::Value,
}

#[derive(Debug, Object)]
pub struct EventList {
    pub items: Vec<Event>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Object)]
pub struct EmailChangeRequest {
    /// The address to move to; a confirmation link goes there.
    #[oai(validator(max_length = 254))]
    pub new_email: Text,
}

#[derive(Debug, Clone, Copy, poem_openapi::Enum)]
#[oai(rename_all = "snake_case")]
pub enum EmailChangeStatus {
    ConfirmationSent,
}

#[derive(Debug, Object)]
pub struct EmailChangeAccepted {
    pub status: EmailChangeStatus,
    /// Shown as `pending_email` on the account until confirmed or cancelled.
    pub pending_email: String,
}

#[derive(ApiResponse)]
pub enum EmailChangeResponse {
    /// A link is on its way to the new address, a notice to the current one.
    #[oai(status = 202)]
    Accepted(Json<EmailChangeAccepted>),
}

#[derive(Debug, Object)]
pub struct EmailChangeConfirm {
    /// The `token` parameter of the link mailed to the new address.
    #[oai(validator(max_length = 512))]
    pub token: Text,
}

#[derive(Debug, Object)]
pub struct EmailChanged {
    pub account_id: Uuid,
    /// The account's address now.
    pub email: String,
}

#[derive(ApiResponse)]
pub enum EmailChangedResponse {
    #[oai(status = 200)]
    Ok(Json<EmailChanged>),
}

/// The terms of service in force.
#[derive(Debug, Object)]
pub struct Terms {
    pub version: String,
    pub url: String,
}

#[derive(ApiResponse)]
pub enum TermsResponse {
    #[oai(status = 200)]
    Ok(Json<Terms>),
}

#[derive(Debug, Object)]
pub struct TermsAcceptance {
    /// The `version` of `GET /api/v1/terms`.
    #[oai(validator(max_length = 100))]
    pub version: Text,
}

#[derive(ApiResponse)]
pub enum EventListResponse {
    #[oai(status = 200)]
    Ok(Json<EventList>),
}

#[derive(Debug, Object)]
pub struct AccountPatch {
    /// The new name, at most 100 characters; null or "" removes it; absent keeps it.
    #[oai(validator(max_length = 100))]
    pub display_name: MaybeUndefined<Text>,
    /// The language of your pages and mail, one of `GET /api/v1/locales`; absent keeps it.
    #[oai(validator(max_length = 35))]
    pub locale: Option<Text>,
}

#[derive(ApiResponse)]
pub enum AccountResponse {
    #[oai(status = 200)]
    Ok(Json<Account>),
}

#[OpenApi(prefix_path = "/api/v1", tag = "ApiTags::Account")]
impl AccountApi {
    /// Get your account
    #[oai(path = "/account", method = "get", operation_id = "get_account")]
    async fn get(&self, state: Data<&AppState>, auth: SessionAuth) -> ApiResult<AccountResponse> {
        Ok(AccountResponse::Ok(Json(
            account::Profile::of(&state, &auth.0).into(),
        )))
    }

    /// Update your account
    ///
    /// Changes the fields given; others stay as they are.
    #[oai(path = "/account", method = "patch", operation_id = "update_account")]
    async fn update(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        body: Json<AccountPatch>,
    ) -> ApiResult<AccountResponse> {
        let display_name = match body.0.display_name {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(v) => Some(Some(v.into_string())),
        };
        let update = AccountUpdate {
            display_name,
            locale: body.0.locale.map(Text::into_string),
        };
        let account = account::update(&state, &auth.0, update).await?;
        let profile = account::Profile::with(&state, account, &auth.0);
        Ok(AccountResponse::Ok(Json(profile.into())))
    }

    /// Change your password
    ///
    /// Needs a recent sign-in or reauthentication. Every other session is signed out
    /// and a notice is mailed.
    #[oai(
        path = "/account/password",
        method = "put",
        operation_id = "change_password"
    )]
    async fn change_password(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
        body: Json<PasswordChange>,
    ) -> ApiResult<NoContent> {
        account::change_password(&state, &auth.0, &body.new_password, &client_info(req)).await?;
        Ok(NoContent::Done)
    }

    /// Change your email address
    ///
    /// Needs a recent sign-in or reauthentication. Mails a confirmation link to the new
    /// address and a notice to the current one; the address changes only when the link
    /// is confirmed (`POST /api/v1/email-changes/confirm` or the link's page). A newer
    /// request replaces a pending one.
    #[oai(
        path = "/account/email",
        method = "post",
        operation_id = "request_email_change"
    )]
    async fn change_email(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
        body: Json<EmailChangeRequest>,
    ) -> ApiResult<EmailChangeResponse> {
        let pending_email =
            email_change::request(&state, &auth.0, &body.new_email, &client_info(req)).await?;
        Ok(EmailChangeResponse::Accepted(Json(EmailChangeAccepted {
            status: EmailChangeStatus::ConfirmationSent,
            pending_email,
        })))
    }

    /// Cancel a pending email change
    ///
    /// The link sent to the new address stops working. Answers 204 also when nothing
    /// was pending.
    #[oai(
        path = "/account/email/pending",
        method = "delete",
        operation_id = "cancel_email_change"
    )]
    async fn cancel_email_change(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
    ) -> ApiResult<NoContent> {
        email_change::cancel(&state, &auth.0, &client_info(req)).await?;
        Ok(NoContent::Done)
    }

    /// Confirm a new email address
    ///
    /// Uses the token of the link mailed to the new address. 409 `email_taken` when
    /// another account has the address by now; 400 `token_invalid`; 410 `token_expired`.
    #[oai(
        path = "/email-changes/confirm",
        method = "post",
        operation_id = "confirm_email_change"
    )]
    async fn confirm_email_change(
        &self,
        state: Data<&AppState>,
        req: &Request,
        body: Json<EmailChangeConfirm>,
    ) -> ApiResult<EmailChangedResponse> {
        let (account_id, email) =
            email_change::confirm(&state, &body.token, &client_info(req)).await?;
        Ok(EmailChangedResponse::Ok(Json(EmailChanged {
            account_id: account_id.0,
            email,
        })))
    }

    /// Delete your account
    ///
    /// Needs a recent sign-in or reauthentication. Every session ends at once and a
    /// goodbye mail goes out; subscriptions, hosts and integrations are deleted by a job,
    /// then the account. This can't be undone.
    #[oai(path = "/account", method = "delete", operation_id = "delete_account")]
    async fn delete(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
    ) -> ApiResult<Deleting> {
        deletion::request_account_deletion(&state, &auth.0, &client_info(req)).await?;
        Ok(Deleting::scheduled())
    }

    /// The current terms of service
    #[oai(path = "/terms", method = "get", operation_id = "get_terms")]
    async fn terms(&self, state: Data<&AppState>) -> ApiResult<TermsResponse> {
        let terms = &state.config.terms;
        Ok(TermsResponse::Ok(Json(Terms {
            version: terms.version.clone(),
            url: terms.url.clone(),
        })))
    }

    /// Accept the terms of service
    ///
    /// While the account has not accepted the current version, other calls answer 403
    /// `terms_not_accepted` (but reading the account, signing out and deleting it).
    #[oai(
        path = "/account/terms",
        method = "post",
        operation_id = "accept_terms"
    )]
    async fn accept_terms(
        &self,
        state: Data<&AppState>,
        req: &Request,
        auth: SessionAuth,
        body: Json<TermsAcceptance>,
    ) -> ApiResult<NoContent> {
        account::accept_terms(&state, &auth.0, &body.version, &client_info(req)).await?;
        Ok(NoContent::Done)
    }

    /// Your account's security events
    ///
    /// Sign-ins (and failed ones), sign-outs, reauthentications, changes of password,
    /// email and second factors; newest first.
    #[oai(
        path = "/account/events",
        method = "get",
        operation_id = "list_account_events"
    )]
    async fn events(
        &self,
        state: Data<&AppState>,
        auth: SessionAuth,
        /// Items per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// The `next_cursor` of the previous page.
        #[oai(validator(max_length = 100))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<EventListResponse> {
        let (events, next) = account::events(&state, &auth.0, Page::new(limit.0, cursor.0)).await?;
        Ok(EventListResponse::Ok(Json(EventList {
            items: events
                .into_iter()
                .map(|e| Event {
                    id: e.id.0,
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
