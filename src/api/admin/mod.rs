//! The admin API, for admin sessions and admin API tokens: the security scheme every
//! admin operation shares, and one `#[OpenApi]` struct per area of the Admin tag.

pub mod access;
pub mod api_tokens;
pub mod audit;
pub mod outbox;
pub mod users;
pub mod webhooks;

use poem::Request;
use poem_openapi::SecurityScheme;
use poem_openapi::auth::Bearer;

use crate::api::ApiError;
use crate::http::client::client_info;
use crate::service::admin::{self, Actor};
use crate::state::AppState;

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
