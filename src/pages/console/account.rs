//! "Your Account": the profile (display name, email address), a pending address
//! change with its "Cancel", and the ways on to signing in, hosting and deletion.
//!
//! A new display name is saved at once; a new address needs a recently confirmed
//! identity, then waits for its link (`email_change`) and shows as a banner meanwhile.

use poem::http::StatusCode;
use poem::web::{Data, Form, Query, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler, post};
use serde::Deserialize;

use super::{
    CsrfForm, FormErrors, Person, Terms, encode, error_page, form_failure, form_person, page,
    signed_in, to_confirm_identity,
};
use crate::http::client::client_info;
use crate::http::error::field_told;
use crate::i18n::{Text, text};
use crate::pages::render::say;
use crate::service::account::{self, AccountUpdate};
use crate::service::{email_change, validate};
use crate::state::AppState;

const PATH: &str = "/account";
const CANCEL_PATH: &str = "/account/email/cancel";
const TEMPLATE: &str = "console/account.html";

pub fn routes(route: Route) -> Route {
    route
        .at(PATH, get(show).post(save))
        .at(CANCEL_PATH, post(cancel_change))
}

#[derive(Debug, Deserialize)]
pub struct ShowQuery {
    done: Option<String>,
    /// The new address typed before "Confirm your identity" interrupted the change,
    /// shown in the field again so that one press of "Save" finishes it.
    new_email: Option<String>,
}

/// The notice after a step, by a fixed key: the request's words are never shown.
fn notice(done: Option<&str>) -> Option<Text> {
    Some(match done? {
        "saved" => text("notice-saved"),
        "email_sent" => text("notice-email-sent"),
        "email_cancelled" => text("notice-email-cancelled"),
        "identity_confirmed" => text("notice-identity-confirmed"),
        _ => return None,
    })
}

/// What the page shows: the account as it is, and the form's values (what was typed,
/// when the form comes back with an error).
fn context(person: &Person, display_name: &str, email: &str) -> minijinja::Value {
    let account = &person.auth.account;
    minijinja::context! {
        nav => "account",
        email_verified => account.email_verified_at.is_some(),
        current_email => account.email,
        pending_email => person.auth.facts.pending_email,
        values => minijinja::context! { display_name, email },
    }
}

fn own_values(person: &Person) -> (String, String) {
    let account = &person.auth.account;
    (
        account.display_name.clone().unwrap_or_default(),
        account.email.clone(),
    )
}

#[handler]
async fn show(state: Data<&AppState>, req: &Request, Query(q): Query<ShowQuery>) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let (display_name, mut email) = own_values(&person);
    // only a well-formed address is put back, and nothing is saved until "Save"
    if let Some(typed) = q.new_email.as_deref().map(str::trim)
        && validate::email("email", typed).is_ok()
    {
        email = typed.to_owned();
    }
    let ctx = minijinja::context! {
        notice => notice(q.done.as_deref()).map(|n| say(&state, n)),
        ..context(&person, &display_name, &email)
    };
    page(&state, Some(&person), StatusCode::OK, TEMPLATE, ctx)
}

#[derive(Debug, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
}

#[handler]
async fn save(state: Data<&AppState>, req: &Request, Form(f): Form<ProfileForm>) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let again = |errors: FormErrors| {
        errors.render(
            &state,
            Some(&person),
            TEMPLATE,
            context(&person, &f.display_name, &f.email),
        )
    };
    let account = &person.auth.account;
    let typed_name = f.display_name.trim();
    let name_changed = typed_name != account.display_name.as_deref().unwrap_or_default();
    let typed_email = f.email.trim();
    let email_changed = !typed_email.eq_ignore_ascii_case(&account.email);
    // a malformed address is said beside its field before anything is saved
    if email_changed && let Err(e) = validate::email("email", typed_email) {
        return again(FormErrors::field(
            &e.field,
            field_told(state.templates.i18n(), &e),
        ));
    }

    if name_changed {
        let update = AccountUpdate {
            display_name: Some(Some(typed_name.to_owned()).filter(|n| !n.is_empty())),
            ..AccountUpdate::default()
        };
        if let Err(e) = account::update(&state, &person.auth, update).await {
            return match form_failure(&state, req, Some(&person), e, PATH) {
                Ok(errors) => again(errors),
                Err(response) => response,
            };
        }
    }
    if !email_changed {
        return Redirect::see_other("/account?done=saved").into_response();
    }
    // a new address is a sensitive step: confirm who this is first, then come back to
    // the form with the address still in it
    if !person.elevated(&state) {
        return to_confirm_identity(&format!(
            "/account?done=identity_confirmed&new_email={}",
            encode(typed_email)
        ));
    }
    match email_change::request(&state, &person.auth, typed_email, &client_info(req)).await {
        Ok(_) => Redirect::see_other("/account?done=email_sent").into_response(),
        Err(e) => match form_failure(&state, req, Some(&person), e, PATH) {
            Ok(mut errors) => {
                // the service names the field as the API does
                if let Some(message) = errors.fields.remove("new_email") {
                    errors.fields.insert("email".to_owned(), message);
                }
                again(errors)
            }
            Err(response) => response,
        },
    }
}

/// Cancels the pending address change: its link stops working.
#[handler]
async fn cancel_change(state: Data<&AppState>, req: &Request, Form(f): Form<CsrfForm>) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    match email_change::cancel(&state, &person.auth, &client_info(req)).await {
        Ok(()) => Redirect::see_other("/account?done=email_cancelled").into_response(),
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}
