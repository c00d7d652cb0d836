//! Security schemes: who is calling.

use poem::Request;
use poem_openapi::SecurityScheme;
use poem_openapi::auth::Bearer;

use crate::api::ApiError;
use crate::app::AppState;
use crate::service::sessions::{Authenticated, ClientInfo};

/// A session token from `POST /api/v1/sessions`, as `Authorization: Bearer stw_s_…`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "stw_s_…", checker = "check_session")]
pub struct SessionAuth(pub Authenticated);

async fn check_session(req: &Request, bearer: Bearer) -> poem::Result<Authenticated> {
    let state = req.data::<AppState>().ok_or_else(ApiError::internal)?;
    crate::service::sessions::authenticate(state, &bearer.token, &client_info(req))
        .await
        .map_err(|e| ApiError::from(e).into())
}

/// The caller's address and user agent, as recorded on sessions.
pub fn client_info(req: &Request) -> ClientInfo {
    let user_agent = req
        .headers()
        .get(poem::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(512).collect());
    ClientInfo {
        ip: req
            .remote_addr()
            .as_socket_addr()
            .map(|a| a.ip().to_string()),
        user_agent,
    }
}
