//! Authenticator apps: set one up (QR code, or the secret under "Unable to scan",
//! then a code and the device's name), rename one, remove one.
//!
//! Setting up starts an enrollment on the page that shows its QR code, which the
//! person reaches only with a confirmed identity; the enrollment lives at its own
//! address, so a reload or a wrong code shows the same secret again until it expires.

use poem::http::StatusCode;
use poem::web::{Data, Form, Path, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler};
use serde::Deserialize;

use super::super::{
    CsrfForm, FormErrors, Person, Terms, error_page, form_failure, form_person, page,
    require_elevated, signed_in, to_confirm_identity,
};
use super::codes;
use crate::crypto::totp as otp;
use crate::db::totp::Device;
use crate::http::client::client_info;
use crate::i18n::text;
use crate::ids::{TotpDeviceId, TotpEnrollmentId};
use crate::pages::render::{allow_data_images, say, time};
use crate::service::totp::{self, EnrollmentStarted};
use crate::service::{Error, Result};
use crate::state::AppState;

const START_PATH: &str = "/account/security/authenticator";
const SETUP_TEMPLATE: &str = "console/totp_setup.html";
const RENAME_TEMPLATE: &str = "console/rename.html";
const REMOVE_TEMPLATE: &str = "console/totp_remove.html";

pub fn routes(route: Route) -> Route {
    route
        .at(START_PATH, get(start))
        .at(
            "/account/security/authenticator/:id",
            get(setup).post(confirm),
        )
        .at(
            "/account/security/apps/:id/rename",
            get(rename_form).post(rename_submit),
        )
        .at(
            "/account/security/apps/:id/remove",
            get(remove_form).post(remove_submit),
        )
}

fn setup_path(id: TotpEnrollmentId) -> String {
    format!("{START_PATH}/{id}")
}

/// Leads to the set-up page of the account's open enrollment, started here if none is.
#[handler]
async fn start(state: Data<&AppState>, req: &Request) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    if let Err(response) = require_elevated(&state, &person, START_PATH) {
        return response;
    }
    // the name the enrollment holds until the person names the device beside the code
    let provisional = say(&state, text("totp-provisional-name"));
    match totp::resume_or_begin_enrollment(&state, &person.auth, &provisional).await {
        Ok(started) => Redirect::see_other(setup_path(started.id)).into_response(),
        Err(Error::ReauthenticationRequired) => to_confirm_identity(START_PATH),
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}

/// The secret and its settings, grouped by four characters for typing.
fn setup_context(started: &EnrollmentStarted, name: &str) -> minijinja::Value {
    let secret = &started.provisioning.secret_base32;
    let grouped = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    minijinja::context! {
        nav => "security",
        action => setup_path(started.id),
        qr_png => started.provisioning.qr_png,
        secret => grouped,
        algorithm => otp::ALGORITHM,
        digits => otp::DIGITS,
        period => otp::PERIOD,
        issuer => started.issuer,
        account_name => started.account_name,
        expires => time(started.expires_at),
        values => minijinja::context! { name },
    }
}

/// The set-up page, or, once it expired, a page that says so and offers to start again.
fn setup_page(
    state: &AppState,
    req: &Request,
    person: &Person,
    found: Result<EnrollmentStarted>,
    name: &str,
    errors: Option<FormErrors>,
) -> Response {
    match found {
        Ok(started) => {
            let ctx = setup_context(&started, name);
            let mut response = match errors {
                Some(errors) => errors.render(state, Some(person), SETUP_TEMPLATE, ctx),
                None => page(state, Some(person), StatusCode::OK, SETUP_TEMPLATE, ctx),
            };
            allow_data_images(&mut response);
            response
        }
        Err(Error::EnrollmentExpired) => page(
            state,
            Some(person),
            StatusCode::GONE,
            SETUP_TEMPLATE,
            minijinja::context! { nav => "security", expired => true, start => START_PATH },
        ),
        Err(e) => error_page(state, req, Some(person), e),
    }
}

fn parse<T: std::str::FromStr>(raw: &str) -> Result<T> {
    raw.parse().map_err(|_| Error::NotFound)
}

#[handler]
async fn setup(state: Data<&AppState>, req: &Request, Path(id): Path<String>) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let found = match parse::<TotpEnrollmentId>(&id) {
        Ok(id) => totp::enrollment(&state, &person.auth, id).await,
        Err(e) => Err(e),
    };
    setup_page(&state, req, &person, found, "", None)
}

#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
}

#[handler]
async fn confirm(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<ConfirmForm>,
) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let id = match parse::<TotpEnrollmentId>(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    let code = f.code.trim();
    let errors = if code.is_empty() {
        FormErrors::field("code", say(&state, text("console-code-missing")))
    } else {
        let client = client_info(req);
        let named = Some(f.name.as_str());
        match totp::confirm_enrollment_named(&state, &person.auth, id, code, named, &client).await {
            Ok(confirmed) => {
                return match confirmed.recovery_codes {
                    Some(list) => codes::show(&state, &person, &list, codes::Shown::FirstDevice),
                    None => Redirect::see_other("/account/security?done=app_added").into_response(),
                };
            }
            Err(Error::InvalidCode) => FormErrors {
                status: StatusCode::BAD_REQUEST,
                ..FormErrors::field("code", say(&state, text("console-code-no-match")))
            },
            Err(e @ Error::EnrollmentExpired) => {
                return setup_page(&state, req, &person, Err(e), "", None);
            }
            Err(e) => match form_failure(&state, req, Some(&person), e, &setup_path(id)) {
                Ok(errors) => errors,
                Err(response) => return response,
            },
        }
    };
    let found = totp::enrollment(&state, &person.auth, id).await;
    setup_page(&state, req, &person, found, &f.name, Some(errors))
}

/// One of the person's devices, by the id in the address.
async fn device(state: &AppState, person: &Person, raw: &str) -> Result<Device> {
    let id = parse::<TotpDeviceId>(raw)?;
    totp::devices(state, &person.auth)
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(Error::NotFound)
}

fn device_context(device: &Device) -> minijinja::Value {
    minijinja::context! {
        nav => "security",
        id => device.id.to_string(),
        kind => "app",
        action => format!("/account/security/apps/{}/rename", device.id),
        name => device.name,
        added => time(device.created_at),
    }
}

#[handler]
async fn rename_form(state: Data<&AppState>, req: &Request, Path(id): Path<String>) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    match device(&state, &person, &id).await {
        Ok(d) => {
            let ctx = minijinja::context! {
                values => minijinja::context! { name => d.name },
                ..device_context(&d)
            };
            page(&state, Some(&person), StatusCode::OK, RENAME_TEMPLATE, ctx)
        }
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}

#[derive(Debug, Deserialize)]
pub struct RenameForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

#[handler]
async fn rename_submit(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<RenameForm>,
) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let d = match device(&state, &person, &id).await {
        Ok(d) => d,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    match totp::rename(&state, &person.auth, d.id, &f.name, &client_info(req)).await {
        Ok(_) => Redirect::see_other("/account/security?done=app_renamed").into_response(),
        Err(e) => {
            let back = format!("/account/security/apps/{}/rename", d.id);
            match form_failure(&state, req, Some(&person), e, &back) {
                Ok(errors) => {
                    let ctx = minijinja::context! {
                        values => minijinja::context! { name => f.name },
                        ..device_context(&d)
                    };
                    errors.render(&state, Some(&person), RENAME_TEMPLATE, ctx)
                }
                Err(response) => response,
            }
        }
    }
}

#[handler]
async fn remove_form(state: Data<&AppState>, req: &Request, Path(id): Path<String>) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let d = match device(&state, &person, &id).await {
        Ok(d) => d,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    let back = format!("/account/security/apps/{}/remove", d.id);
    if let Err(response) = require_elevated(&state, &person, &back) {
        return response;
    }
    let last = match totp::devices(&state, &person.auth).await {
        Ok(all) => all.len() == 1,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    let ctx = minijinja::context! { last, ..device_context(&d) };
    page(&state, Some(&person), StatusCode::OK, REMOVE_TEMPLATE, ctx)
}

#[handler]
async fn remove_submit(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let d = match device(&state, &person, &id).await {
        Ok(d) => d,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    let back = format!("/account/security/apps/{}/remove", d.id);
    match totp::remove(&state, &person.auth, d.id, &client_info(req)).await {
        Ok(()) => Redirect::see_other("/account/security?done=app_removed").into_response(),
        Err(e) => match form_failure(&state, req, Some(&person), e, &back) {
            Ok(errors) => {
                let ctx = minijinja::context! { ..device_context(&d) };
                errors.render(&state, Some(&person), REMOVE_TEMPLATE, ctx)
            }
            Err(response) => response,
        },
    }
}
