//! "Devices" (`/account/sessions`): every live session of the account, where and when it
//! was last seen, "Sign out" per session and "Sign out of all other sessions". Signing
//! out the session of this browser signs this browser out.

use poem::http::StatusCode;
use poem::web::{Data, Form, Path, Query, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler, post};
use serde::Deserialize;

use super::{CsrfForm, Terms, error_page, form_person, page, signed_in, signed_out};
use crate::http::client::client_info;
use crate::i18n::text;
use crate::ids::SessionId;
use crate::pages::render::{say, time};
use crate::service::{Error, Page, sessions};
use crate::state::AppState;

const PATH: &str = "/account/sessions";

pub fn routes(route: Route) -> Route {
    route
        .at(PATH, get(list))
        .at("/account/sessions/revoke-others", post(revoke_others))
        .at("/account/sessions/:id/sign-out", post(revoke))
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    cursor: Option<String>,
    /// How many other sessions the last "Sign out of all other sessions" ended.
    others: Option<u64>,
    /// Set after one session was signed out.
    signed_out: Option<String>,
}

#[handler]
async fn list(state: Data<&AppState>, req: &Request, Query(q): Query<ListQuery>) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let page_of = Page::new(Some(Page::MAX_LIMIT as u32), q.cursor.clone());
    let (items, next) = match sessions::list(&state, &person.auth, page_of).await {
        Ok(found) => found,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    let current = person.auth.session.id;
    // this browser's own session first, the others as the list orders them
    let (mine, others): (Vec<_>, Vec<_>) = items.iter().partition(|s| s.id == current);
    let devices: Vec<_> = mine
        .into_iter()
        .chain(others)
        .map(|s| {
            minijinja::context! {
                id => s.id.to_string(),
                name => s.device_name.clone(),
                user_agent => s.user_agent.clone(),
                ip => s.ip.clone(),
                last_seen => time(s.last_seen_at),
                created => time(s.created_at),
                current => s.id == current,
            }
        })
        .collect();
    let notice = match (q.others, q.signed_out.is_some()) {
        (Some(n), _) => Some(text("notice-signed-out-others").with("count", n)),
        (None, true) => Some(text("notice-signed-out-one")),
        (None, false) => None,
    };
    let notice = notice.map(|n| say(&state, n));
    let ctx = minijinja::context! {
        nav => "sessions",
        devices,
        // another session to end: more than this one, or more on a later page
        others => items.len() > 1 || next.is_some(),
        next => next.map(|id| id.to_string()),
        notice,
    };
    page(
        &state,
        Some(&person),
        StatusCode::OK,
        "console/sessions.html",
        ctx,
    )
}

#[handler]
async fn revoke(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MayBeOutdated).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let Ok(id) = id.parse::<SessionId>() else {
        return error_page(&state, req, Some(&person), Error::NotFound);
    };
    match sessions::revoke(&state, &person.auth, id, &client_info(req)).await {
        Ok(()) if id == person.auth.session.id => signed_out(&state, "/sign-in"),
        Ok(()) => Redirect::see_other(format!("{PATH}?signed_out=1")).into_response(),
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}

#[handler]
async fn revoke_others(state: Data<&AppState>, req: &Request, Form(f): Form<CsrfForm>) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MayBeOutdated).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    match sessions::revoke_others(&state, &person.auth, &client_info(req)).await {
        Ok(n) => Redirect::see_other(format!("{PATH}?others={n}")).into_response(),
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}
