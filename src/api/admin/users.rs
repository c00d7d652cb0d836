//! The admin API's users: list and search them, create, read, update, deactivate,
//! reactivate and delete them.

use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use time::OffsetDateTime;
use uuid::Uuid;

use super::AdminAuth;
use crate::api::common::Deleting;
use crate::api::passkeys::{PasskeyInfo, PasskeyList, PasskeyListResponse};
use crate::api::{ApiResult, ApiTags, NoContent, Text};
use crate::clock::Timestamp;
use crate::db::accounts::AccountStatus;
use crate::http::client::client_info;
use crate::ids::AccountId;
use crate::service::Page;
use crate::service::admin::{self, NewUser, UserUpdate, UserView};
use crate::state::AppState;

pub struct UsersApi;

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
    /// Registered passkeys.
    pub passkeys: i64,
    /// Live sessions.
    pub sessions: i64,
}

impl From<UserView> for AdminUser {
    fn from(v: UserView) -> Self {
        let a = v.account;
        Self {
            id: a.id.0,
            email_verified: a.email_verified_at.is_some(),
            status: match a.status {
                AccountStatus::Active => UserStatus::Active,
                AccountStatus::Deactivated => UserStatus::Deactivated,
                AccountStatus::Deleting => UserStatus::Deleting,
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
            passkeys: v.counts.passkeys,
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
    /// The language of the account's pages and mail, one of `GET /api/v1/locales`;
    /// absent: the server's default.
    #[oai(validator(max_length = 35))]
    pub locale: Option<Text>,
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

#[derive(ApiResponse)]
pub enum UserResponse {
    #[oai(status = 200)]
    Ok(Json<AdminUser>),
    #[oai(status = 201)]
    Created(Json<AdminUser>),
}

#[derive(ApiResponse)]
pub enum UserListResponse {
    #[oai(status = 200)]
    Ok(Json<AdminUserList>),
}

#[OpenApi(prefix_path = "/api/v1/admin", tag = "ApiTags::Admin")]
impl UsersApi {
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
        let filter = admin::user_filter(query.0, status.0.as_deref())?;
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
                locale: body.locale.map(Text::into_string),
            },
            &client_info(req),
        )
        .await?;
        Ok(UserResponse::Created(Json(user.into())))
    }

    /// Get a user
    ///
    /// With counts of subscriptions, hosts, authenticator apps, passkeys and live
    /// sessions (`admin_list_user_passkeys` names the passkeys).
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

    /// List a user's passkeys
    ///
    /// Their names, when each was added and last used (`admin_get_user` counts them).
    #[oai(
        path = "/users/:id/passkeys",
        method = "get",
        operation_id = "admin_list_user_passkeys"
    )]
    async fn passkeys(
        &self,
        state: Data<&AppState>,
        _auth: AdminAuth,
        id: Path<Uuid>,
    ) -> ApiResult<PasskeyListResponse> {
        let items = admin::user_passkeys(&state, AccountId(id.0)).await?;
        Ok(PasskeyListResponse::Ok(Json(PasskeyList {
            items: items.into_iter().map(PasskeyInfo::from).collect(),
            next_cursor: None,
        })))
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
}
