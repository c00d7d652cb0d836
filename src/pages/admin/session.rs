//! Signing in to the admin page (password, then a second factor when the account has
//! one) and signing out.

use poem::http::StatusCode;
use poem::web::{Data, Form, Redirect};
use poem::{IntoResponse, Request, Response, handler};
use serde::Deserialize;

use super::{
    CsrfForm, LOGIN_CSRF_COOKIE, SESSION_COOKIE, refused_csrf, render, signed_in, to_sign_in, told,
};
use crate::http::client::client_info;
use crate::http::error::{ErrorCode, Failure};
use crate::i18n::text;
use crate::pages::console;
use crate::pages::render::say;
use crate::pages::session::{cookie, csrf_matches, new_csrf, set_cookie};
use crate::service::Error;
use crate::service::account::{self, AccountUpdate};
use crate::service::sessions::{self, Admission, SignIn, SignInOutcome};
use crate::service::totp::SecondFactor;
use crate::state::AppState;

#[handler]
pub async fn index(state: Data<&AppState>, req: &Request) -> Response {
    match signed_in(&state, req).await {
        Some(_) => Redirect::see_other("/admin/users").into_response(),
        None => to_sign_in(),
    }
}

#[handler]
pub async fn sign_in_form(state: Data<&AppState>, req: &Request) -> Response {
    if signed_in(&state, req).await.is_some() {
        return Redirect::see_other("/admin/users").into_response();
    }
    sign_in_page(&state, StatusCode::OK, None, None)
}

fn sign_in_page(
    state: &AppState,
    status: StatusCode,
    error: Option<String>,
    ticket: Option<&str>,
) -> Response {
    let csrf = new_csrf();
    let mut response = render(
        state,
        status,
        "admin/sign_in.html",
        minijinja::context! { csrf, error, ticket },
    );
    set_cookie(&mut response, state, LOGIN_CSRF_COOKIE, &csrf, None);
    response
}

#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// Set on the second step.
    #[serde(default)]
    ticket: String,
    #[serde(default)]
    code: String,
}

#[handler]
pub async fn sign_in_submit(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<SignInForm>,
) -> Response {
    let expected = cookie(req, LOGIN_CSRF_COOKIE.name).unwrap_or_default();
    if expected.is_empty() || !csrf_matches(&expected, &f.csrf) {
        return sign_in_page(
            &state,
            StatusCode::FORBIDDEN,
            Some(say(&state, text("admin-form-expired"))),
            None,
        );
    }
    let client = client_info(req);
    // only an admin gets a session: anyone else is refused before one exists
    let outcome = if f.ticket.is_empty() {
        sessions::sign_in_with(
            &state,
            SignIn {
                email: f.email,
                password: f.password,
                device_name: Some("admin page".into()),
            },
            Admission::AdminsOnly,
            &client,
        )
        .await
    } else {
        let code = f.code.trim().to_owned();
        let factor = if code.contains('-') {
            SecondFactor::RecoveryCode(&code)
        } else {
            SecondFactor::Code(&code)
        };
        sessions::complete_mfa_with(
            &state,
            &f.ticket,
            Some(factor),
            Admission::AdminsOnly,
            &client,
        )
        .await
        .map(SignInOutcome::SignedIn)
    };
    let token = match outcome {
        Ok(SignInOutcome::SignedIn(new)) => new.token,
        Ok(SignInOutcome::MfaRequired { ticket, .. }) => {
            return sign_in_page(&state, StatusCode::OK, None, Some(&ticket));
        }
        Err(e) => {
            let failure = Failure::from(e);
            // a wrong code keeps the second step: its ticket is still good
            let ticket = (failure.code == ErrorCode::InvalidCode && !f.ticket.is_empty())
                .then_some(f.ticket.as_str());
            return sign_in_page(&state, failure.status, Some(told(&state, &failure)), ticket);
        }
    };
    let mut response = Redirect::see_other("/admin/users").into_response();
    set_cookie(&mut response, &state, SESSION_COOKIE, &token, None);
    set_cookie(&mut response, &state, LOGIN_CSRF_COOKIE, "", Some(0));
    response
}

#[handler]
pub async fn sign_out(state: Data<&AppState>, req: &Request, Form(f): Form<CsrfForm>) -> Response {
    let Some(me) = signed_in(&state, req).await else {
        // signed out already: nothing left to end
        let mut response = to_sign_in();
        set_cookie(&mut response, &state, SESSION_COOKIE, "", Some(0));
        return response;
    };
    if !csrf_matches(&me.csrf, &f.csrf) {
        return refused_csrf(&state);
    }
    let client = client_info(req);
    match sessions::revoke(&state, &me.session, me.session.session.id, &client).await {
        // a session gone already (ended elsewhere) has nothing left to end
        Ok(()) | Err(Error::NotFound) => {}
        Err(e) => return not_signed_out(&state, e),
    }
    let mut response = to_sign_in();
    set_cookie(&mut response, &state, me.cookie, "", Some(0));
    response
}

/// The session could not be ended: say so, and keep the cookie, so that signing out can
/// be tried again.
fn not_signed_out(state: &AppState, err: Error) -> Response {
    let failure = Failure::from(err);
    let ctx = minijinja::context! {
        title => say(state, text("admin-not-signed-out")), message => told(state, &failure),
        back => "/admin/users",
    };
    render(state, failure.status, "admin/message.html", ctx)
}

#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

/// The language picker of a signed-in admin: the admin's account keeps the language, as
/// the console's picker does (the page's cookie path keeps that form here).
#[handler]
pub async fn language(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<LanguageForm>,
) -> Response {
    let me = match super::form_admin(&state, req, &f.csrf).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let next = if f.next.starts_with("/admin") {
        f.next.as_str()
    } else {
        "/admin/users"
    };
    let Some(code) = state.templates.i18n().offered(&f.lang).map(str::to_owned) else {
        return console::language::back_to(&state, "", next, "/admin/users");
    };
    let update = AccountUpdate {
        locale: Some(code.clone()),
        ..AccountUpdate::default()
    };
    match account::update(&state, &me.session, update).await {
        Ok(_) => console::language::back_to(&state, &code, next, "/admin/users"),
        Err(e) => super::failure(&state, &me, e, "/admin/users"),
    }
}
