//! "Signing In": the password ("Basic authentication"), authenticator apps
//! ("Two-factor authentication", in `totp`) and recovery codes (in `codes`).
//! Every step that changes how one signs in first asks to "Confirm your identity".

mod codes;
mod totp;

use poem::http::StatusCode;
use poem::web::{Data, Form, Query, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler};
use serde::Deserialize;

use super::{
    FormErrors, Person, Terms, error_page, form_failure, form_person, page, require_elevated,
    signed_in,
};
use crate::http::client::client_info;
use crate::i18n::{Text, text};
use crate::pages::render::{say, time};
use crate::service::{account, totp as service_totp};
use crate::state::AppState;

const PATH: &str = "/account/security";
const TEMPLATE: &str = "console/security.html";
const PASSWORD_PATH: &str = "/account/security/password";
const PASSWORD_TEMPLATE: &str = "console/password.html";

pub fn routes(route: Route) -> Route {
    let route = route
        .at(PATH, get(overview))
        .at(PASSWORD_PATH, get(password_form).post(password_submit));
    let route = totp::routes(route);
    codes::routes(route)
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// The notice after a step, by a fixed key: the request's words are never shown.
fn notice(done: Option<&str>) -> Option<Text> {
    Some(match done? {
        "password_changed" => text("notice-password-changed"),
        "app_added" => text("notice-app-added"),
        "app_renamed" => text("notice-app-renamed"),
        "app_removed" => text("notice-app-removed"),
        "passkey_added" => text("notice-passkey-added"),
        "passkey_removed" => text("notice-passkey-removed"),
        "passkey_renamed" => text("notice-passkey-renamed"),
        _ => return None,
    })
}

#[handler]
async fn overview(state: Data<&AppState>, req: &Request, Query(q): Query<DoneQuery>) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let devices = match service_totp::devices(&state, &person.auth).await {
        Ok(devices) => devices,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    let remaining = match service_totp::recovery_codes_remaining(&state, &person.auth).await {
        Ok(n) => n,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    let apps: Vec<_> = devices
        .iter()
        .map(|d| {
            minijinja::context! {
                id => d.id.to_string(),
                name => d.name,
                added => time(d.created_at),
                last_used => d.last_used_at.map(time),
            }
        })
        .collect();
    let passkeys = match crate::service::passkeys::list(&state, &person.auth).await {
        Ok(list) => list
            .iter()
            .map(|p| {
                minijinja::context! {
                    id => p.id.to_string(),
                    name => p.name,
                    added => time(p.created_at),
                    last_used => p.last_used_at.map(time),
                }
            })
            .collect::<Vec<_>>(),
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    let ctx = minijinja::context! {
        nav => "security",
        notice => notice(q.done.as_deref()).map(|n| say(&state, n)),
        two_factor => !apps.is_empty() || !passkeys.is_empty(),
        passkeys_available => crate::service::passkeys::available(&state),
        passkey_script => true,
        passkeys,
        apps,
        remaining,
        total => service_totp::RECOVERY_CODES,
    };
    super::passkeys::with_script(page(&state, Some(&person), StatusCode::OK, TEMPLATE, ctx))
}

/// The ten recovery codes of a first second factor, shown once.
pub fn show_recovery_codes(state: &AppState, person: &Person, list: &[String]) -> Response {
    codes::show(state, person, list, codes::Shown::FirstDevice)
}

fn password_context() -> minijinja::Value {
    minijinja::context! { nav => "security" }
}

#[handler]
async fn password_form(state: Data<&AppState>, req: &Request) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    if let Err(response) = require_elevated(&state, &person, PASSWORD_PATH) {
        return response;
    }
    page(
        &state,
        Some(&person),
        StatusCode::OK,
        PASSWORD_TEMPLATE,
        password_context(),
    )
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

#[handler]
async fn password_submit(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<PasswordForm>,
) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let again = |person: &Person, errors: FormErrors| {
        errors.render(&state, Some(person), PASSWORD_TEMPLATE, password_context())
    };
    if f.new_password != f.confirm_password {
        let errors = FormErrors::field(
            "confirm_password",
            say(&state, text("console-passwords-differ")),
        );
        return again(&person, errors);
    }
    match account::change_password(&state, &person.auth, &f.new_password, &client_info(req)).await {
        Ok(()) => Redirect::see_other("/account/security?done=password_changed").into_response(),
        Err(e) => match form_failure(&state, req, Some(&person), e, PASSWORD_PATH) {
            Ok(errors) => again(&person, errors),
            Err(response) => response,
        },
    }
}
