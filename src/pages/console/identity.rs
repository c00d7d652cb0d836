//! "Confirm your identity": the password, plus a code (or a recovery code) when the
//! account has a second factor. Elevates this session as the API's reauthentication
//! does, then leads back to the sensitive step that asked for it.

use poem::http::StatusCode;
use poem::web::{Data, Form, Query, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler};
use serde::Deserialize;

use super::{
    FormErrors, Person, Terms, form_failure, form_person, page, safe_next, said, signed_in,
};
use crate::http::client::client_info;
use crate::i18n::text;
use crate::pages::render::say;
use crate::service::totp::SecondFactor;
use crate::service::{Error, passkeys, sessions};
use crate::state::AppState;

const PATH: &str = "/account/confirm-identity";
const TEMPLATE: &str = "console/confirm_identity.html";

pub fn routes(route: Route) -> Route {
    route.at(PATH, get(form).post(submit))
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn next_or_account(next: Option<&str>) -> String {
    next.and_then(safe_next)
        .unwrap_or_else(|| "/account".to_owned())
}

fn context(person: &Person, next: &str) -> minijinja::Value {
    minijinja::context! {
        next,
        two_factor => person.auth.facts.two_factor,
        nav => "security",
    }
}

/// Options to confirm with a passkey, when the account has one (a new ceremony).
async fn passkey_options(state: &AppState, person: &Person) -> Option<String> {
    if !person.auth.facts.two_factor {
        return None;
    }
    passkeys::reauthentication_options(state, &person.auth)
        .await
        .ok()
        .map(|started| started.options.to_string())
}

/// The page, offering a passkey where the account has one.
async fn render(
    state: &AppState,
    person: &Person,
    next: &str,
    errors: Option<FormErrors>,
) -> Response {
    let options = passkey_options(state, person).await;
    let ctx = minijinja::context! {
        passkey_script => options.is_some(), passkey_options => options,
        ..context(person, next)
    };
    let response = match errors {
        Some(errors) => errors.render(state, Some(person), TEMPLATE, ctx),
        None => page(state, Some(person), StatusCode::OK, TEMPLATE, ctx),
    };
    super::passkeys::with_script(response)
}

#[handler]
async fn form(state: Data<&AppState>, req: &Request, Query(q): Query<NextQuery>) -> Response {
    // deleting the account needs this too, and may be done with the terms outdated
    let person = match signed_in(&state, req, Terms::MayBeOutdated).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let next = next_or_account(q.next.as_deref());
    render(&state, &person, &next, None).await
}

#[derive(Debug, Deserialize)]
pub struct IdentityForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    recovery_code: String,
    #[serde(default)]
    next: String,
    /// A passkey's answer, posted by /assets/passkeys.js; it stands alone.
    #[serde(default)]
    credential: String,
}

#[handler]
async fn submit(state: Data<&AppState>, req: &Request, Form(f): Form<IdentityForm>) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MayBeOutdated).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let next = next_or_account(Some(&f.next));
    let answer: Option<serde_json::Value> = serde_json::from_str(&f.credential).ok();
    let factor = SecondFactor::from_any(
        Some(f.code.trim()),
        Some(f.recovery_code.trim()),
        answer.as_ref(),
    );
    if person.auth.facts.two_factor && factor.is_none() {
        let errors = FormErrors::field("code", say(&state, text("console-second-factor-missing")));
        return errors.render(&state, Some(&person), TEMPLATE, context(&person, &next));
    }
    let client = client_info(req);
    match sessions::reauthenticate(&state, &person.auth, &f.password, factor, &client).await {
        Ok(_) => Redirect::see_other(&next).into_response(),
        // what was wrong is one field's fault: say it beside that field
        Err(Error::InvalidCredentials) => FormErrors {
            status: StatusCode::UNAUTHORIZED,
            ..FormErrors::field("password", say(&state, text("console-password-wrong")))
        }
        .render(&state, Some(&person), TEMPLATE, context(&person, &next)),
        Err(Error::PasskeyRejected) => {
            let errors = FormErrors {
                status: StatusCode::UNAUTHORIZED,
                ..FormErrors::field("code", said(&state, Error::PasskeyRejected))
            };
            render(&state, &person, &next, Some(errors)).await
        }
        Err(Error::InvalidCode) => FormErrors {
            status: StatusCode::UNAUTHORIZED,
            ..FormErrors::field("code", said(&state, Error::InvalidCode))
        }
        .render(&state, Some(&person), TEMPLATE, context(&person, &next)),
        Err(e) => match form_failure(&state, req, Some(&person), e, PATH) {
            Ok(errors) => errors.render(&state, Some(&person), TEMPLATE, context(&person, &next)),
            Err(response) => response,
        },
    }
}
