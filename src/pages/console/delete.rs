//! "Delete your account" (`/account/delete`): says what goes with it (every subscription,
//! host and integration, by count), asks for the email address typed out after
//! "Confirm your identity", then schedules the deletion, signs this browser out and
//! says "Your account is being deleted". Allowed with the terms outdated.

use poem::http::StatusCode;
use poem::web::{Data, Form};
use poem::{Request, Response, Route, get, handler};
use serde::Deserialize;

use super::{
    FormErrors, Person, Terms, error_page, form_failure, form_person, page, require_elevated,
    signed_in, signed_out,
};
use crate::http::client::client_info;
use crate::i18n::text;
use crate::pages::render::say;
use crate::service::{deletion, hosting};
use crate::state::AppState;

const PATH: &str = "/account/delete";
const DELETED: &str = "/account/deleted";
const TEMPLATE: &str = "console/delete.html";

pub fn routes(route: Route) -> Route {
    route
        .at(PATH, get(show).post(submit))
        .at(DELETED, get(deleted))
}

/// The delete page: what the account holds, and the form (its errors and what was typed).
async fn render(
    state: &AppState,
    req: &Request,
    person: &Person,
    form: Option<(&FormErrors, minijinja::Value)>,
) -> Response {
    let held = match hosting::holdings(state, &person.auth).await {
        Ok(held) => held,
        Err(e) => return error_page(state, req, Some(person), e),
    };
    let ctx = minijinja::context! {
        nav => "account",
        subscriptions => held.subscriptions,
        hosts => held.hosts,
        integrations => held.integrations,
        values => form.as_ref().map_or_else(|| minijinja::context! {}, |(_, v)| v.clone()),
    };
    match form {
        Some((errors, _)) => errors.render(state, Some(person), TEMPLATE, ctx),
        None => page(state, Some(person), StatusCode::OK, TEMPLATE, ctx),
    }
}

#[handler]
async fn show(state: Data<&AppState>, req: &Request) -> Response {
    let person = match signed_in(&state, req, Terms::MayBeOutdated).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    if let Err(response) = require_elevated(&state, &person, PATH) {
        return response;
    }
    render(&state, req, &person, None).await
}

#[derive(Debug, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

#[handler]
async fn submit(state: Data<&AppState>, req: &Request, Form(f): Form<DeleteForm>) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MayBeOutdated).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    if let Err(response) = require_elevated(&state, &person, PATH) {
        return response;
    }
    let values = minijinja::context! { email => f.email };
    if !f
        .email
        .trim()
        .eq_ignore_ascii_case(&person.auth.account.email)
    {
        let errors = FormErrors::field("email", say(&state, text("console-delete-not-your-email")));
        return render(&state, req, &person, Some((&errors, values))).await;
    }
    match deletion::request_account_deletion(&state, &person.auth, &client_info(req)).await {
        Ok(()) => signed_out(&state, DELETED),
        Err(e) => match form_failure(&state, req, Some(&person), e, PATH) {
            Ok(errors) => render(&state, req, &person, Some((&errors, values))).await,
            Err(response) => response,
        },
    }
}

/// Where a deletion leads: signed out by then, so a page for anyone.
#[handler]
async fn deleted(state: Data<&AppState>) -> Response {
    page(
        &state,
        None,
        StatusCode::OK,
        "console/deleted.html",
        minijinja::context! {},
    )
}
