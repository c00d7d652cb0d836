//! A page's session plumbing: reading and setting cookies, and the CSRF tokens of forms,
//! made and checked.

use poem::Response;
use poem::http::{HeaderValue, header};
use serde::Deserialize;
use sha2::{Digest, Sha256};

pub use crate::http::client::cookie;

use crate::crypto::random_token;
use crate::state::AppState;

/// Which cross-site requests carry a cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameSite {
    /// None: the admin page, which nobody reaches by a link from elsewhere.
    Strict,
    /// Top-level navigations too: a person following a link (from a mail, a chat) to
    /// the console arrives signed in. Forms are still guarded by CSRF tokens.
    Lax,
}

/// A cookie of the pages: its name, the path it is sent back under, and to which
/// cross-site requests.
#[derive(Debug, Clone, Copy)]
pub struct CookieSpec {
    pub name: &'static str,
    pub path: &'static str,
    pub same_site: SameSite,
}

/// Sets cookie `spec.name` on `response`, sent back only under `spec.path`: out of reach of
/// scripts (HttpOnly), of other sites' requests (SameSite=Strict, or Lax for top-level
/// navigations), and of plain http when the public address is https. `max_age` 0
/// deletes it.
pub fn set_cookie(
    response: &mut Response,
    state: &AppState,
    spec: CookieSpec,
    value: &str,
    max_age: Option<i64>,
) {
    let secure = if state.config.public_url().starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    let age = max_age.map_or(String::new(), |s| format!("; Max-Age={s}"));
    let CookieSpec {
        name,
        path,
        same_site,
    } = spec;
    let same_site = match same_site {
        SameSite::Strict => "Strict",
        SameSite::Lax => "Lax",
    };
    let cookie =
        format!("{name}={value}; Path={path}; HttpOnly; SameSite={same_site}{secure}{age}");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// A random CSRF token for a form shown before sign-in, doubled in a cookie.
pub fn new_csrf() -> String {
    random_token("")
}

/// The CSRF token of a signed-in page: a digest (hex) of the session token, which only
/// the holder of the cookie can know, under a `label` of its own per kind of page.
pub fn csrf_for(label: &str, session_token: &str) -> String {
    let digest = Sha256::new()
        .chain_update(label.as_bytes())
        .chain_update(b"\0")
        .chain_update(session_token.as_bytes())
        .finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a form's CSRF token is the expected one. Compares digests, so the time taken
/// says nothing about the expected value.
pub fn csrf_matches(expected: &str, given: &str) -> bool {
    Sha256::digest(expected.as_bytes()) == Sha256::digest(given.as_bytes())
}

/// A form that carries nothing but its CSRF token (sign out, a confirmed delete, …).
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}
