//! The signed-in person's own account.

use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::security::SessionAuth;
use crate::api::{ApiResult, ApiTags, Text};
use crate::app::AppState;
use crate::service::account::{self, AccountUpdate};

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

impl From<account::Account> for Account {
    fn from(a: account::Account) -> Self {
        Self {
            id: a.id.0,
            email_verified: a.email_verified_at.is_some(),
            email: a.email,
            pending_email: None,
            display_name: a.display_name,
            is_admin: a.is_admin,
            two_factor_enabled: false,
            terms_version_accepted: a.terms_version_accepted,
            created_at: a.created_at.to_datetime(),
        }
    }
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
    async fn get(&self, auth: SessionAuth) -> ApiResult<AccountResponse> {
        Ok(AccountResponse::Ok(Json(auth.0.account.into())))
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
        Ok(AccountResponse::Ok(Json(account.into())))
    }
}
