//! Signing in to the console: email and password, then, for an account with a second
//! factor, a code from the authenticator app or a recovery code. Each sign-in makes a
//! new session (and so a new cookie value): a token planted before sign-in is never
//! the one signed in.

use poem::http::StatusCode;
use poem::web::{Data, Form, Query, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler};
use serde::Deserialize;

use super::{
    FormErrors, anonymous_csrf_ok, anonymous_page, csrf_refused, current, form_failure, safe_next,
    said, signed_in_as,
};
use crate::http::client::{client_info, device_name};
use crate::http::error::field_told;
use crate::i18n::text;
use crate::pages::render::say;
use crate::service::Error;
use crate::service::sessions::{self, Admission, SignIn, SignInOutcome};
use crate::service::totp::SecondFactor;
use crate::service::validate::{self, PASSWORD_MAX};
use crate::state::AppState;

const PATH: &str = "/sign-in";
const TEMPLATE: &str = "console/sign_in.html";
const CODE_TEMPLATE: &str = "console/sign_in_code.html";

pub fn routes(route: Route) -> Route {
    route.at(PATH, get(form).post(submit))
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Where a sign-in leads: a path of this server given as `next`, else the account.
fn destination(next: Option<&str>) -> String {
    next.and_then(safe_next)
        .unwrap_or_else(|| "/account".to_owned())
}

/// The `next` a form carries on: only one that may be followed.
fn carried(next: Option<&str>) -> String {
    next.and_then(safe_next).unwrap_or_default()
}

#[handler]
async fn form(state: Data<&AppState>, req: &Request, Query(q): Query<NextQuery>) -> Response {
    match current(&state, req).await {
        Ok(Some(_)) => return Redirect::see_other("/account").into_response(),
        Ok(None) => {}
        Err(response) => return response,
    }
    let passkey = super::passkeys::sign_in_offered(&state);
    let ctx = minijinja::context! {
        next => carried(q.next.as_deref()), email => "", passkey_script => passkey, passkey,
    };
    super::passkeys::with_script(anonymous_page(&state, req, StatusCode::OK, TEMPLATE, ctx))
}

#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    /// Set on the second step: the ticket the right password earned.
    #[serde(default)]
    ticket: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    recovery_code: String,
    /// A passkey's answer (`credential.toJSON()`), posted by /assets/passkeys.js.
    #[serde(default)]
    credential: String,
}

#[handler]
async fn submit(state: Data<&AppState>, req: &Request, Form(f): Form<SignInForm>) -> Response {
    if !anonymous_csrf_ok(req, &f.csrf) {
        return csrf_refused(&state, req, None);
    }
    let next = carried(Some(&f.next));
    if f.ticket.is_empty() {
        password_step(&state, req, f, next).await
    } else {
        code_step(&state, req, f, next).await
    }
}

async fn password_step(state: &AppState, req: &Request, f: SignInForm, next: String) -> Response {
    let email = f.email.trim().to_owned();
    let first_step = |errors: FormErrors, unverified: bool| {
        // a wrong password costs no challenge either: the button still offers passkeys
        let passkey = super::passkeys::sign_in_offered(state);
        let ctx = minijinja::context! {
            next => next.clone(), email => email.clone(), unverified, passkey,
            passkey_script => passkey,
        };
        let ctx = minijinja::context! { ..errors.context(), ..ctx };
        let mut response = anonymous_page(state, req, errors.status, TEMPLATE, ctx);
        errors.add_retry_after(&mut response);
        super::passkeys::with_script(response)
    };
    if let Err(e) = validate::email("email", &email) {
        let message = field_told(state.templates.i18n(), &e);
        return first_step(FormErrors::field("email", message), false);
    }
    // no password can be longer (validate::new_password refuses it): wrong without hashing
    if f.password.chars().count() > PASSWORD_MAX {
        let message = say(
            state,
            text("console-password-too-long").with("max", PASSWORD_MAX),
        );
        return first_step(FormErrors::field("password", message), false);
    }
    let client = client_info(req);
    let input = SignIn {
        email: email.clone(),
        password: f.password,
        device_name: Some(device_name(client.user_agent.as_deref())),
    };
    match sessions::sign_in_with(state, input, Admission::Anyone, &client).await {
        Ok(SignInOutcome::SignedIn(new)) => {
            signed_in_as(state, &new.token, &destination(Some(&next)))
        }
        Ok(SignInOutcome::MfaRequired {
            ticket,
            passkey_options,
            ..
        }) => {
            let options = passkey_options.map(|o| o.to_string());
            let ctx = minijinja::context! {
                ticket, next, passkey_options => options, passkey_script => true,
            };
            super::passkeys::with_script(anonymous_page(
                state,
                req,
                StatusCode::OK,
                CODE_TEMPLATE,
                ctx,
            ))
        }
        Err(e) => {
            let unverified = matches!(e, Error::EmailNotVerified);
            match form_failure(state, req, None, e, PATH) {
                Ok(errors) => first_step(errors, unverified),
                Err(response) => response,
            }
        }
    }
}

async fn code_step(state: &AppState, req: &Request, f: SignInForm, next: String) -> Response {
    let answer: Option<serde_json::Value> = serde_json::from_str(&f.credential).ok();
    let factor = SecondFactor::from_any(
        Some(f.code.trim()),
        Some(f.recovery_code.trim()),
        answer.as_ref(),
    );
    let Some(factor) = factor else {
        let errors = FormErrors::field("code", say(state, text("console-second-factor-missing")));
        return code_page(state, req, errors.status, &f.ticket, &next, Some(errors));
    };
    let client = client_info(req);
    match sessions::complete_mfa_with(state, &f.ticket, Some(factor), Admission::Anyone, &client)
        .await
    {
        Ok(new) => signed_in_as(state, &new.token, &destination(Some(&next))),
        Err(Error::InvalidCode) => {
            let field = match factor {
                SecondFactor::RecoveryCode(_) => "recovery_code",
                _ => "code",
            };
            let errors = FormErrors {
                status: StatusCode::UNAUTHORIZED,
                ..FormErrors::field(field, said(state, Error::InvalidCode))
            };
            code_page(state, req, errors.status, &f.ticket, &next, Some(errors))
        }
        Err(Error::PasskeyRejected) => {
            let errors = FormErrors {
                status: StatusCode::UNAUTHORIZED,
                ..FormErrors::field("code", said(state, Error::PasskeyRejected))
            };
            code_page(state, req, errors.status, &f.ticket, &next, Some(errors))
        }
        // the ticket is used, unknown or too old: the password again
        Err(Error::Unauthenticated | Error::TokenExpired) => {
            let ctx = minijinja::context! {
                next, email => "",
                error => say(state, text("console-sign-in-expired")),
            };
            anonymous_page(state, req, StatusCode::UNAUTHORIZED, TEMPLATE, ctx)
        }
        Err(e) => match form_failure(state, req, None, e, PATH) {
            // locked for a while: the ticket still holds, the second step stays
            Ok(errors) => code_page(state, req, errors.status, &f.ticket, &next, Some(errors)),
            Err(response) => response,
        },
    }
}

/// The second step, carrying the ticket and `next` on.
fn code_page(
    state: &AppState,
    req: &Request,
    status: StatusCode,
    ticket: &str,
    next: &str,
    errors: Option<FormErrors>,
) -> Response {
    let ctx = minijinja::context! { ticket, next };
    match errors {
        Some(errors) => {
            let ctx = minijinja::context! { ..errors.context(), ..ctx };
            let mut response = anonymous_page(state, req, status, CODE_TEMPLATE, ctx);
            errors.add_retry_after(&mut response);
            response
        }
        None => anonymous_page(state, req, status, CODE_TEMPLATE, ctx),
    }
}
