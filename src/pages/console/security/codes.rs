//! Recovery codes: how many remain (on the overview), new ones on request, and the
//! page that shows a fresh set once, with a "Download" link to a text file that works
//! without script (a `data:` link, percent-encoded).

use poem::http::StatusCode;
use poem::web::{Data, Form};
use poem::{Request, Response, Route, get, handler};
use serde::Deserialize;

use super::super::{Person, Terms, form_failure, form_person, page, require_elevated, signed_in};
use crate::http::client::client_info;
use crate::i18n::text;
use crate::pages::render::say;
use crate::service::totp;
use crate::state::AppState;

const PATH: &str = "/account/security/recovery-codes";
const CONFIRM_TEMPLATE: &str = "console/recovery_codes_new.html";
const SHOW_TEMPLATE: &str = "console/recovery_codes.html";

pub fn routes(route: Route) -> Route {
    route.at(PATH, get(confirm_form).post(generate))
}

/// Why a set of codes is being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The account's first authenticator app was just set up.
    FirstDevice,
    /// New codes replaced the old ones.
    Regenerated,
}

/// Shows `codes` once: on this page and in its download, never again.
pub fn show(state: &AppState, person: &Person, codes: &[String], shown: Shown) -> Response {
    let ctx = minijinja::context! {
        nav => "security",
        codes,
        first_device => shown == Shown::FirstDevice,
        download => download_href(state, codes),
    };
    page(state, Some(person), StatusCode::OK, SHOW_TEMPLATE, ctx)
}

/// The codes as a `data:` URL of a text file, one code a line.
fn download_href(state: &AppState, codes: &[String]) -> String {
    let mut file = say(state, text("codes-file-heading"));
    file.push_str("\n\n");
    for code in codes {
        file.push_str(code);
        file.push('\n');
    }
    format!("data:text/plain;charset=utf-8,{}", percent_encode(&file))
}

/// Every byte but RFC 3986's unreserved characters as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[handler]
async fn confirm_form(state: Data<&AppState>, req: &Request) -> Response {
    let person = match signed_in(&state, req, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    if let Err(response) = require_elevated(&state, &person, PATH) {
        return response;
    }
    let ctx = minijinja::context! {
        nav => "security",
        two_factor => person.auth.facts.two_factor,
    };
    page(&state, Some(&person), StatusCode::OK, CONFIRM_TEMPLATE, ctx)
}

#[derive(Debug, Deserialize)]
pub struct GenerateForm {
    #[serde(default)]
    csrf: String,
}

#[handler]
async fn generate(state: Data<&AppState>, req: &Request, Form(f): Form<GenerateForm>) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MustBeAccepted).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    match totp::regenerate_recovery_codes(&state, &person.auth, &client_info(req)).await {
        Ok(codes) => show(&state, &person, &codes, Shown::Regenerated),
        Err(e) => match form_failure(&state, req, Some(&person), e, PATH) {
            Ok(errors) => {
                let ctx = minijinja::context! {
                    nav => "security",
                    two_factor => person.auth.facts.two_factor,
                };
                errors.render(&state, Some(&person), CONFIRM_TEMPLATE, ctx)
            }
            Err(response) => response,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn the_download_is_percent_encoded() {
        assert_eq!(percent_encode("ab-12\n% #"), "ab-12%0A%25%20%23");
    }
}
