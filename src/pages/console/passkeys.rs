//! Passkeys in the console: "Sign in with a passkey" on the sign-in page, and on
//! "Signing In" adding one (named), and removing one. The browser's side is
//! /assets/passkeys.js: it fills a form's `credential` field with the passkey's answer
//! and posts the form, so every step is a plain form post with its CSRF token.

use poem::http::StatusCode;
use poem::web::{Data, Form, Path, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler, post};
use serde::Deserialize;
use serde_json::Value;

use super::security::show_recovery_codes;
use super::{
    FormErrors, Person, Terms, anonymous_csrf_ok, anonymous_page, csrf_refused, error_page,
    form_failure, form_person, page, safe_next, said, signed_in, signed_in_as, to_confirm_identity,
};
use crate::db::passkeys::Passkey;
use crate::http::client::{client_info, device_name};
use crate::ids::{PasskeyChallengeId, PasskeyId};
use crate::pages::render::{allow_scripts, time};
use crate::service::Error;
use crate::service::passkeys::{self, sign_in};
use crate::state::AppState;

const SECURITY: &str = "/account/security";
const ADD_TEMPLATE: &str = "console/passkey_add.html";
const SIGN_IN_TEMPLATE: &str = "console/sign_in.html";
const RENAME_TEMPLATE: &str = "console/rename.html";

pub fn routes(route: Route) -> Route {
    route
        .at("/sign-in/passkey", post(sign_in_submit))
        .at("/account/security/passkeys", post(add_start))
        .at("/account/security/passkeys/:id", post(add_complete))
        .at("/account/security/passkeys/:id/remove", post(remove))
        .at(
            "/account/security/passkeys/:id/rename",
            get(rename_form).post(rename_submit),
        )
}

/// Whether the sign-in page offers "Sign in with a passkey". The page carries no
/// challenge: /assets/passkeys.js asks the API for one when the button is pressed, so
/// a page view (a reload, a crawler) stores nothing.
pub fn sign_in_offered(state: &AppState) -> bool {
    passkeys::available(state)
}

/// Lets a page that offers passkeys load the script.
pub fn with_script(mut response: Response) -> Response {
    allow_scripts(&mut response);
    response
}

#[derive(Debug, Deserialize)]
pub struct CredentialForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    credential: String,
    #[serde(default)]
    challenge: String,
    #[serde(default)]
    next: String,
}

fn answer(raw: &str) -> Value {
    serde_json::from_str(raw).unwrap_or(Value::Null)
}

#[handler]
async fn sign_in_submit(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<CredentialForm>,
) -> Response {
    if !anonymous_csrf_ok(req, &f.csrf) {
        return csrf_refused(&state, req, None);
    }
    let client = client_info(req);
    let id = f.challenge.parse().map(PasskeyChallengeId);
    let result = match id {
        Ok(id) => {
            let device = device_name(client.user_agent.as_deref());
            sign_in::complete(&state, id, &answer(&f.credential), Some(&device), &client).await
        }
        Err(_) => Err(Error::PasskeyRejected),
    };
    match result {
        Ok(new) => {
            let to = safe_next(&f.next).unwrap_or_else(|| "/account".to_owned());
            signed_in_as(&state, &new.token, &to)
        }
        Err(e) => match form_failure(&state, req, None, e, "/sign-in") {
            Ok(errors) => {
                let ctx = minijinja::context! {
                    next => safe_next(&f.next).unwrap_or_default(), email => "",
                    passkey => sign_in_offered(&state), passkey_script => true,
                };
                let ctx = minijinja::context! { ..errors.context(), ..ctx };
                with_script(anonymous_page(
                    &state,
                    req,
                    errors.status,
                    SIGN_IN_TEMPLATE,
                    ctx,
                ))
            }
            Err(response) => response,
        },
    }
}

#[derive(Debug, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

/// Starts adding a passkey named in the form: the page whose button asks the browser.
#[handler]
async fn add_start(state: Data<&AppState>, req: &Request, Form(f): Form<AddForm>) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    match passkeys::begin_registration(&state, &person.auth, &f.name).await {
        Ok(started) => {
            let ctx = minijinja::context! {
                nav => "security",
                name => f.name.trim(),
                action => format!("{SECURITY}/passkeys/{}", started.id),
                options => started.options.to_string(),
                passkey_script => true,
            };
            with_script(page(
                &state,
                Some(&person),
                StatusCode::OK,
                ADD_TEMPLATE,
                ctx,
            ))
        }
        Err(Error::ReauthenticationRequired) => to_confirm_identity(SECURITY),
        Err(e) => match form_failure(&state, req, Some(&person), e, SECURITY) {
            Ok(errors) => errors.render(
                &state,
                Some(&person),
                ADD_TEMPLATE,
                minijinja::context! { nav => "security", failed => true },
            ),
            Err(response) => response,
        },
    }
}

/// Finishes adding a passkey with the browser's answer.
#[handler]
async fn add_complete(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<CredentialForm>,
) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let Ok(id) = id.parse().map(PasskeyChallengeId) else {
        return error_page(&state, req, Some(&person), Error::NotFound);
    };
    let client = client_info(req);
    match passkeys::complete_registration(&state, &person.auth, id, &answer(&f.credential), &client)
        .await
    {
        Ok(added) => match added.recovery_codes {
            Some(codes) => show_recovery_codes(&state, &person, &codes),
            None => Redirect::see_other(format!("{SECURITY}?done=passkey_added")).into_response(),
        },
        Err(e) => {
            let (status, _) = crate::http::error::status_and_code(&e);
            if status.is_server_error() {
                return error_page(&state, req, Some(&person), e);
            }
            let errors = FormErrors {
                status,
                message: Some(said(&state, e)),
                fields: Default::default(),
                retry_after: None,
            };
            errors.render(
                &state,
                Some(&person),
                ADD_TEMPLATE,
                minijinja::context! { nav => "security", failed => true },
            )
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    csrf: String,
}

#[handler]
async fn remove(
    state: Data<&AppState>,
    req: &Request,
    Path(id): Path<String>,
    Form(f): Form<RemoveForm>,
) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let Ok(id) = id.parse().map(PasskeyId) else {
        return error_page(&state, req, Some(&person), Error::NotFound);
    };
    match passkeys::remove(&state, &person.auth, id, &client_info(req)).await {
        Ok(()) => Redirect::see_other(format!("{SECURITY}?done=passkey_removed")).into_response(),
        Err(Error::ReauthenticationRequired) => to_confirm_identity(SECURITY),
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}

/// One of the person's passkeys, by the id in the address.
async fn own_passkey(state: &AppState, person: &Person, raw: &str) -> Result<Passkey, Error> {
    let id = raw.parse().map(PasskeyId).map_err(|_| Error::NotFound)?;
    passkeys::list(state, &person.auth)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(Error::NotFound)
}

fn rename_context(key: &Passkey, name: &str) -> minijinja::Value {
    minijinja::context! {
        nav => "security",
        id => key.id.to_string(),
        kind => "passkey",
        action => format!("{SECURITY}/passkeys/{}/rename", key.id),
        name => key.name,
        added => time(key.created_at),
        values => minijinja::context! { name },
    }
}

#[handler]
async fn rename_form(state: Data<&AppState>, req: &Request, Path(id): Path<String>) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    match own_passkey(&state, &person, &id).await {
        Ok(key) => {
            let ctx = rename_context(&key, &key.name);
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
    let key = match own_passkey(&state, &person, &id).await {
        Ok(key) => key,
        Err(e) => return error_page(&state, req, Some(&person), e),
    };
    match passkeys::rename(&state, &person.auth, key.id, &f.name, &client_info(req)).await {
        Ok(_) => Redirect::see_other(format!("{SECURITY}?done=passkey_renamed")).into_response(),
        Err(e) => {
            let back = format!("{SECURITY}/passkeys/{}/rename", key.id);
            match form_failure(&state, req, Some(&person), e, &back) {
                Ok(errors) => errors.render(
                    &state,
                    Some(&person),
                    RENAME_TEMPLATE,
                    rename_context(&key, &f.name),
                ),
                Err(response) => response,
            }
        }
    }
}
