//! New terms: once the configured version is newer than the one a person accepted,
//! every other console page leads here first (see `signed_in`), until "Accept".

use poem::http::StatusCode;
use poem::web::{Data, Form, Query, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler};
use serde::Deserialize;

use super::{Person, Terms, form_failure, form_person, page, safe_next, signed_in};
use crate::http::client::client_info;
use crate::i18n::text;
use crate::pages::render::say;
use crate::service::account;
use crate::state::AppState;

const PATH: &str = "/terms";
const TEMPLATE: &str = "console/terms.html";

pub fn routes(route: Route) -> Route {
    route.at(PATH, get(form).post(submit))
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn context(state: &AppState, person: &Person, next: &str) -> minijinja::Value {
    let terms = &state.config.terms;
    minijinja::context! {
        next,
        terms_url => terms.url,
        version => terms.version,
        outdated => account::terms_outdated(state, &person.auth.account),
    }
}

#[handler]
async fn form(state: Data<&AppState>, req: &Request, Query(q): Query<NextQuery>) -> Response {
    let person = match signed_in(&state, req, Terms::MayBeOutdated).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let next = q.next.as_deref().and_then(safe_next).unwrap_or_default();
    let ctx = context(&state, &person, &next);
    page(&state, Some(&person), StatusCode::OK, TEMPLATE, ctx)
}

#[derive(Debug, Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    csrf: String,
    /// The version the page showed: terms that changed meanwhile are shown again.
    #[serde(default)]
    version: String,
    #[serde(default)]
    next: String,
}

#[handler]
async fn submit(state: Data<&AppState>, req: &Request, Form(f): Form<AcceptForm>) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MayBeOutdated).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let next = safe_next(&f.next);
    let client = client_info(req);
    match account::accept_terms(&state, &person.auth, &f.version, &client).await {
        Ok(()) => Redirect::see_other(next.as_deref().unwrap_or("/account")).into_response(),
        Err(e) => match form_failure(&state, req, Some(&person), e, PATH) {
            Ok(errors) => {
                let ctx = context(&state, &person, next.as_deref().unwrap_or_default());
                let ctx = minijinja::context! {
                    error => say(&state, text("console-terms-changed")),
                    ..ctx
                };
                let mut response = page(&state, Some(&person), errors.status, TEMPLATE, ctx);
                errors.add_retry_after(&mut response);
                response
            }
            Err(response) => response,
        },
    }
}
