//! Setting a new password after forgetting it (Element's flow, in the browser): the
//! address, then "check your inbox" until the mailed link's button was pressed, then
//! the new password (and a code for an account with a second factor). Every session of
//! the account ends.
//!
//! The API's client secret is chosen here, by the server, for this browser: it and the
//! reset's id are sealed under the server key in an HttpOnly cookie under /reset, so
//! neither scripts nor anyone without the cookie can finish the reset, and the browser
//! cannot read what it holds.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use poem::http::StatusCode;
use poem::web::{Data, Form, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler, post};
use serde::Deserialize;

use super::{
    CsrfForm, FormErrors, anonymous_csrf_ok, anonymous_page, csrf_refused, error_page,
    form_failure, said,
};
use crate::crypto::random_token;
use crate::http::client::client_info;
use crate::http::error::field_told;
use crate::i18n::{Text, text};
use crate::ids::PasswordResetId;
use crate::pages::render::say;
use crate::pages::session::{CookieSpec, SameSite, cookie, set_cookie};
use crate::service::password_reset::{self, Completion};
use crate::service::totp::SecondFactor;
use crate::service::validate::EMAIL_MAX;
use crate::service::{Error, validate};
use crate::state::AppState;

const START: &str = "/reset";
const SENT: &str = "/reset/sent";
const VERIFIED: &str = "/reset/verified";
const PASSWORD: &str = "/reset/password";
const DONE: &str = "/reset/done";

const START_TEMPLATE: &str = "console/reset.html";
const SENT_TEMPLATE: &str = "console/reset_sent.html";
const PASSWORD_TEMPLATE: &str = "console/reset_password.html";
const DONE_TEMPLATE: &str = "console/reset_done.html";

/// The reset this browser started: sent only to the reset's pages, never to scripts.
const RESET_COOKIE: CookieSpec = CookieSpec {
    name: "steward_reset",
    path: "/reset",
    same_site: SameSite::Lax,
};

pub fn routes(route: Route) -> Route {
    route
        .at(START, get(start_form).post(start))
        .at(SENT, get(sent))
        .at(VERIFIED, post(verified))
        .at(PASSWORD, get(password_form).post(set_password))
        .at(DONE, get(done))
}

/// What the cookie holds, sealed.
struct Pending {
    id: PasswordResetId,
    client_secret: String,
    email: String,
}

impl Pending {
    fn seal(&self, state: &AppState) -> anyhow::Result<String> {
        let plain = format!("{}\n{}\n{}", self.id, self.client_secret, self.email);
        Ok(URL_SAFE_NO_PAD.encode(state.secrets.seal(plain.as_bytes())?))
    }

    /// The reset of this browser, if its cookie opens under the server key.
    fn of(state: &AppState, req: &Request) -> Option<Self> {
        let sealed = URL_SAFE_NO_PAD
            .decode(cookie(req, RESET_COOKIE.name)?)
            .ok()?;
        let plain = String::from_utf8(state.secrets.open(&sealed).ok()?).ok()?;
        let mut parts = plain.splitn(3, '\n');
        let id = parts.next()?.parse().ok()?;
        let client_secret = parts.next()?.to_owned();
        let email = parts.next()?.to_owned();
        Some(Self {
            id,
            client_secret,
            email,
        })
    }
}

#[handler]
async fn start_form(state: Data<&AppState>, req: &Request) -> Response {
    anonymous_page(
        &state,
        req,
        StatusCode::OK,
        START_TEMPLATE,
        minijinja::context! {},
    )
}

#[derive(Debug, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

/// Asks for the mail. The answer is the same whether or not the address has an account.
#[handler]
async fn start(state: Data<&AppState>, req: &Request, Form(f): Form<StartForm>) -> Response {
    if !anonymous_csrf_ok(req, &f.csrf) {
        return csrf_refused(&state, req, None);
    }
    let email = f.email.trim().to_owned();
    let refused = |errors: FormErrors| {
        let values = minijinja::context! { email => email.clone() };
        let ctx = minijinja::context! { values, ..errors.context() };
        let mut response = anonymous_page(&state, req, errors.status, START_TEMPLATE, ctx);
        errors.add_retry_after(&mut response);
        response
    };
    // checked here too, so that an over-long address never reaches the cookie
    if email.chars().count() > EMAIL_MAX {
        return refused(FormErrors::field(
            "email",
            say(
                &state,
                text("invalid-email-too-long").with("max", EMAIL_MAX),
            ),
        ));
    }
    if let Err(e) = validate::email("email", &email) {
        return refused(FormErrors::field(
            "email",
            field_told(state.templates.i18n(), &e),
        ));
    }
    let client_secret = random_token("");
    let id = match password_reset::request(&state, &email, &client_secret, &client_info(req)).await
    {
        Ok(id) => id,
        Err(e) => {
            return match form_failure(&state, req, None, e, START) {
                Ok(errors) => refused(errors),
                Err(response) => response,
            };
        }
    };
    let pending = Pending {
        id,
        client_secret,
        email,
    };
    let sealed = match pending.seal(&state) {
        Ok(sealed) => sealed,
        Err(e) => return error_page(&state, req, None, Error::Internal(e)),
    };
    let mut response = Redirect::see_other(SENT).into_response();
    let lifetime = state.config.security.password_reset_ttl_minutes * 60;
    set_cookie(&mut response, &state, RESET_COOKIE, &sealed, Some(lifetime));
    response
}

/// "Check your inbox", with the button to press once the mailed link was confirmed.
fn sent_page(
    state: &AppState,
    req: &Request,
    pending: &Pending,
    status: StatusCode,
    error: Option<Text>,
) -> Response {
    let error = error.map(|e| say(state, e));
    let ctx = minijinja::context! { email => pending.email, error };
    anonymous_page(state, req, status, SENT_TEMPLATE, ctx)
}

#[handler]
async fn sent(state: Data<&AppState>, req: &Request) -> Response {
    match Pending::of(&state, req) {
        Some(pending) => sent_page(&state, req, &pending, StatusCode::OK, None),
        None => Redirect::see_other(START).into_response(),
    }
}

/// "I have verified my email address": on to the new password once the link was
/// confirmed; otherwise says it was not, yet.
#[handler]
async fn verified(state: Data<&AppState>, req: &Request, Form(f): Form<CsrfForm>) -> Response {
    if !anonymous_csrf_ok(req, &f.csrf) {
        return csrf_refused(&state, req, None);
    }
    let Some(pending) = Pending::of(&state, req) else {
        return Redirect::see_other(START).into_response();
    };
    match password_reset::progress(&state, pending.id, &pending.client_secret).await {
        Ok(progress) if progress.validated => Redirect::see_other(PASSWORD).into_response(),
        Ok(_) => sent_page(
            &state,
            req,
            &pending,
            StatusCode::CONFLICT,
            Some(text("console-reset-not-confirmed")),
        ),
        Err(e) => start_again(&state, req, e),
    }
}

/// The reset is over (used, expired, unknown): forget it and offer to begin anew.
fn start_again(state: &AppState, req: &Request, err: Error) -> Response {
    let (status, error) = match err {
        Error::TokenExpired => (StatusCode::GONE, text("console-reset-expired")),
        Error::TokenInvalid | Error::NotFound | Error::Forbidden(_) => {
            (StatusCode::BAD_REQUEST, text("console-reset-unknown"))
        }
        other => return error_page(state, req, None, other),
    };
    let ctx = minijinja::context! { error => say(state, error) };
    let mut response = anonymous_page(state, req, status, START_TEMPLATE, ctx);
    set_cookie(&mut response, state, RESET_COOKIE, "", Some(0));
    response
}

fn password_page(
    state: &AppState,
    req: &Request,
    two_factor: bool,
    errors: Option<FormErrors>,
) -> Response {
    let ctx = minijinja::context! {
        two_factor,
        password_min => state.config.security.password_min_length,
    };
    match errors {
        None => anonymous_page(state, req, StatusCode::OK, PASSWORD_TEMPLATE, ctx),
        Some(errors) => {
            let ctx = minijinja::context! { ..errors.context(), ..ctx };
            let mut response = anonymous_page(state, req, errors.status, PASSWORD_TEMPLATE, ctx);
            errors.add_retry_after(&mut response);
            response
        }
    }
}

#[handler]
async fn password_form(state: Data<&AppState>, req: &Request) -> Response {
    let Some(pending) = Pending::of(&state, req) else {
        return Redirect::see_other(START).into_response();
    };
    match password_reset::progress(&state, pending.id, &pending.client_secret).await {
        Ok(progress) if progress.validated => password_page(&state, req, progress.two_factor, None),
        Ok(_) => Redirect::see_other(SENT).into_response(),
        Err(e) => start_again(&state, req, e),
    }
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    recovery_code: String,
}

#[handler]
async fn set_password(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<PasswordForm>,
) -> Response {
    if !anonymous_csrf_ok(req, &f.csrf) {
        return csrf_refused(&state, req, None);
    }
    let Some(pending) = Pending::of(&state, req) else {
        return Redirect::see_other(START).into_response();
    };
    let progress = match password_reset::progress(&state, pending.id, &pending.client_secret).await
    {
        Ok(progress) if progress.validated => progress,
        Ok(_) => return Redirect::see_other(SENT).into_response(),
        Err(e) => return start_again(&state, req, e),
    };
    let again = |errors: FormErrors| password_page(&state, req, progress.two_factor, Some(errors));
    if f.new_password != f.confirm_password {
        return again(FormErrors::field(
            "confirm_password",
            say(&state, text("console-reset-passwords-differ")),
        ));
    }
    let factor = SecondFactor::from_fields(Some(f.code.trim()), Some(f.recovery_code.trim()));
    if progress.two_factor && factor.is_none() {
        return again(FormErrors::field(
            "code",
            say(&state, text("console-second-factor-missing")),
        ));
    }
    let completion = Completion {
        client_secret: &pending.client_secret,
        new_password: &f.new_password,
        factor,
        sign_out_all_sessions: true,
    };
    let client = client_info(req);
    match password_reset::complete(&state, pending.id, completion, &client).await {
        Ok(()) => {
            let mut response = Redirect::see_other(DONE).into_response();
            set_cookie(&mut response, &state, RESET_COOKIE, "", Some(0));
            response
        }
        Err(Error::InvalidCode | Error::TwoFactorRequired) => {
            let field = match factor {
                Some(SecondFactor::RecoveryCode(_)) => "recovery_code",
                _ => "code",
            };
            again(FormErrors {
                status: StatusCode::UNAUTHORIZED,
                ..FormErrors::field(field, said(&state, Error::InvalidCode))
            })
        }
        Err(Error::EmailNotValidated) => sent_page(
            &state,
            req,
            &pending,
            StatusCode::CONFLICT,
            Some(text("console-reset-not-confirmed")),
        ),
        Err(
            e @ (Error::TokenExpired | Error::TokenInvalid | Error::NotFound | Error::Forbidden(_)),
        ) => start_again(&state, req, e),
        Err(e) => match form_failure(&state, req, None, e, PASSWORD) {
            Ok(errors) => again(errors),
            Err(response) => response,
        },
    }
}

#[handler]
async fn done(state: Data<&AppState>, req: &Request) -> Response {
    anonymous_page(
        &state,
        req,
        StatusCode::OK,
        DONE_TEMPLATE,
        minijinja::context! {},
    )
}
