//! The admin page's API tokens for scripts: the list, a new token (its secret shown
//! once), and revoking one.

use poem::web::{Data, Form, Path, Query, Redirect};
use poem::{IntoResponse, Request, Response, handler};
use serde::Deserialize;

use super::{
    Admin, CsrfForm, DoneQuery, done_message, failure, form_admin, page, parse_id, signed_in, time,
    to_sign_in,
};
use crate::clock::Timestamp;
use crate::http::client::client_info;
use crate::i18n::text;
use crate::ids::ApiTokenId;
use crate::service::Error;
use crate::service::admin;
use crate::state::AppState;

#[handler]
pub async fn tokens(state: Data<&AppState>, req: &Request, Query(q): Query<DoneQuery>) -> Response {
    let Some(me) = signed_in(&state, req).await else {
        return to_sign_in();
    };
    tokens_page(&state, &me, None, q.done.as_deref()).await
}

async fn tokens_page(
    state: &AppState,
    me: &Admin,
    created: Option<(String, String)>,
    done: Option<&str>,
) -> Response {
    let list = match admin::api_tokens(state).await {
        Ok(list) => list,
        Err(e) => return failure(state, me, e, "/admin/tokens"),
    };
    let rows: Vec<_> = list
        .iter()
        .map(|t| {
            minijinja::context! {
                id => t.id.to_string(),
                name => t.name,
                created_at => time(t.created_at),
                expires_at => t.expires_at.map(time),
                last_used_at => t.last_used_at.map(time),
            }
        })
        .collect();
    let (created_name, created_token) = created.unzip();
    page(
        state,
        me,
        "admin/tokens.html",
        minijinja::context! {
            nav => "tokens", rows, created_name, created_token, done => done_message(state, done),
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct NewTokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    expires_days: String,
}

#[handler]
pub async fn create_token(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<NewTokenForm>,
) -> Response {
    let me = match form_admin(&state, req, &f.csrf).await {
        Ok(me) => me,
        Err(refused) => return refused,
    };
    let expires_at = match f.expires_days.trim() {
        "" => None,
        days => match days.parse::<i64>() {
            Ok(d) if (1..=3650).contains(&d) => Some(Timestamp(state.clock.now().0 + d * 86_400)),
            _ => {
                let e = Error::field("expires_days", text("invalid-expires-days"));
                return failure(&state, &me, e, "/admin/tokens");
            }
        },
    };
    match admin::create_api_token(&state, &me.actor, &f.name, expires_at, &client_info(req)).await {
        Ok((token, secret)) => tokens_page(&state, &me, Some((token.name, secret)), None).await,
        Err(e) => failure(&state, &me, e, "/admin/tokens"),
    }
}

#[handler]
pub async fn revoke_token(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let me = match form_admin(&state, req, &f.csrf).await {
        Ok(me) => me,
        Err(refused) => return refused,
    };
    let Some(id) = parse_id::<ApiTokenId>(&id) else {
        return failure(&state, &me, Error::NotFound, "/admin/tokens");
    };
    match admin::revoke_api_token(&state, &me.actor, id, &client_info(req)).await {
        Ok(()) => Redirect::see_other("/admin/tokens?done=revoked").into_response(),
        Err(e) => failure(&state, &me, e, "/admin/tokens"),
    }
}
