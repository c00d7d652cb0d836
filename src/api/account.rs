//! The signed-in person's own account.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::security::{SessionAuth, client_info};
use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::app::AppState;
use crate::service::account::{self, AccountUpdate, Profile};
use crate::service::sessions::Page;

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
    pub created_at: OffsetDateTime,
}

impl From<Profile> for Account {
    fn from(p: Profile) -> Self {
        let a = p.account;
        Self {
            id: a.id.0,
            email_verified: a.email_verified_at.is_some(),
            email: a.email,
            pending_email: p.pending_email,
            display_name: a.display_name,
            is_admin: a.is_admin,
            two_factor_enabled: p.two_factor_enabled,
            terms_version_accepted: a.terms_version_accepted,
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
        let profile = account::profile(&state, auth.0.account).await?;
        Ok(AccountResponse::Ok(Json(profile.into())))
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
        let account = account::update(&state, &auth.0, AccountUpdate { display_name }).await?;
        let profile = account::profile(&state, account).await?;
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
