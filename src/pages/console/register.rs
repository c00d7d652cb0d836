//! Creating an account: email, password, display name, the terms ticked, then "Check
//! your email" with a way to have the mail sent again. Every address gets the same
//! page, whether or not it has an account already: the mail is what differs.

use poem::http::StatusCode;
use poem::web::{Data, Form, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler, post};
use serde::Deserialize;

use super::{
    FormErrors, anonymous_csrf_ok, anonymous_page, csrf_refused, current, error_page, form_failure,
};
use crate::i18n::text;
use crate::pages::render::say;
use crate::service::registration::{self, Registration};
use crate::service::validate::EMAIL_MAX;
use crate::state::AppState;

const PATH: &str = "/register";
const TEMPLATE: &str = "console/register.html";
const CHECK_EMAIL: &str = "console/check_email.html";

pub fn routes(route: Route) -> Route {
    route
        .at(PATH, get(form).post(submit))
        .at("/register/resend", post(resend))
}

/// What the form shows besides what was typed: the terms' address, the password's
/// least length.
fn context(state: &AppState, values: minijinja::Value) -> minijinja::Value {
    minijinja::context! {
        values,
        terms_url => state.config.terms.url,
        password_min => state.config.security.password_min_length,
    }
}

#[handler]
async fn form(state: Data<&AppState>, req: &Request) -> Response {
    match current(&state, req).await {
        Ok(Some(_)) => return Redirect::see_other("/account").into_response(),
        Ok(None) => {}
        Err(response) => return response,
    }
    let ctx = context(&state, minijinja::context! {});
    anonymous_page(&state, req, StatusCode::OK, TEMPLATE, ctx)
}

#[derive(Debug, Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    display_name: String,
    /// Present (any value) when the box is ticked; browsers send nothing otherwise.
    #[serde(default)]
    accept_terms: Option<String>,
}

#[handler]
async fn submit(state: Data<&AppState>, req: &Request, Form(f): Form<RegisterForm>) -> Response {
    if !anonymous_csrf_ok(req, &f.csrf) {
        return csrf_refused(&state, req, None);
    }
    let email = f.email.trim().to_owned();
    let display_name = f.display_name.trim().to_owned();
    // what was typed comes back (never the password)
    let values = minijinja::context! {
        email => email.clone(),
        display_name => display_name.clone(),
        accept_terms => f.accept_terms.is_some(),
    };
    let input = Registration {
        email: email.clone(),
        password: f.password,
        display_name: (!display_name.is_empty()).then_some(display_name),
        accept_terms: f.accept_terms.is_some(),
        // the language this page is shown in: the picker's, else the browser's
        locale: crate::http::locale::asked(),
    };
    match registration::register(&state, input).await {
        Ok(()) => check_email(&state, req, &email, None),
        Err(e) => match form_failure(&state, req, None, e, PATH) {
            Ok(errors) => render_errors(&state, req, &errors, context(&state, values)),
            Err(response) => response,
        },
    }
}

fn render_errors(
    state: &AppState,
    req: &Request,
    errors: &FormErrors,
    ctx: minijinja::Value,
) -> Response {
    let ctx = minijinja::context! { ..errors.context(), ..ctx };
    let mut response = anonymous_page(state, req, errors.status, TEMPLATE, ctx);
    errors.add_retry_after(&mut response);
    response
}

/// "Check your email", the same for every address.
fn check_email(state: &AppState, req: &Request, email: &str, notice: Option<&str>) -> Response {
    let ctx = minijinja::context! { email, notice };
    anonymous_page(state, req, StatusCode::OK, CHECK_EMAIL, ctx)
}

#[derive(Debug, Deserialize)]
pub struct ResendForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

/// Sends the verification link again (when the address waits for one; the answer is
/// the same either way).
#[handler]
async fn resend(state: Data<&AppState>, req: &Request, Form(f): Form<ResendForm>) -> Response {
    if !anonymous_csrf_ok(req, &f.csrf) {
        return csrf_refused(&state, req, None);
    }
    let email = f.email.trim();
    if email.is_empty() || email.chars().count() > EMAIL_MAX {
        // only a hand-made form gets here: the page's hidden field holds what was typed
        return Redirect::see_other(PATH).into_response();
    }
    if let Err(e) = registration::resend_verification(&state, email).await {
        return error_page(&state, req, None, e);
    }
    check_email(
        &state,
        req,
        email,
        Some(&say(&state, text("notice-verification-resent"))),
    )
}
