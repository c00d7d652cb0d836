//! Security schemes: who is calling.

use poem::Request;
use poem_openapi::SecurityScheme;
use poem_openapi::auth::Bearer;

use crate::api::ApiError;
use crate::http::client::client_info;
use crate::service::Authenticated;
use crate::state::AppState;

/// A session token from `POST /api/v1/sessions`, as `Authorization: Bearer stw_s_…`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "stw_s_…", checker = "check_session")]
pub struct SessionAuth(pub Authenticated);

async fn check_session(req: &Request, bearer: Bearer) -> poem::Result<Authenticated> {
    let state = req.data::<AppState>().ok_or_else(ApiError::internal)?;
    let auth = crate::service::sessions::authenticate(state, &bearer.token, &client_info(req))
        .await
        .map_err(ApiError::from)?;
    if crate::service::account::terms_outdated(state, &auth.account)
        && !allowed_before_terms(req.method(), req.uri().path())
    {
        return Err(ApiError::from(crate::service::Error::TermsNotAccepted).into());
    }
    Ok(auth)
}

/// What an account may do before it accepts newer terms: read its account, accept, and
/// also sign out or delete itself (declining the terms must leave a way out).
fn allowed_before_terms(method: &poem::http::Method, path: &str) -> bool {
    use poem::http::Method;
    matches!(
        (method, path),
        (&Method::GET, "/api/v1/account")
            | (&Method::POST, "/api/v1/account/terms")
            | (&Method::DELETE, "/api/v1/account")
            | (&Method::DELETE, "/api/v1/sessions/current")
            | (&Method::POST, "/api/v1/sessions/current/reauthenticate")
    )
}
