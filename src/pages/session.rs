//! A page's session plumbing: reading and setting cookies, and the CSRF tokens of forms,
//! made and checked.

use poem::http::{HeaderValue, header};
use poem::{Request, Response};
use sha2::{Digest, Sha256};

use crate::crypto::random_token;
use crate::state::AppState;

/// The value of the request's cookie `name`.
pub fn cookie(req: &Request, name: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// Sets cookie `name` on `response`, sent back only under `path`: out of reach of
/// scripts (HttpOnly), of other sites' requests (SameSite=Strict), and of plain http
/// when the public address is https. `max_age` 0 deletes it.
pub fn set_cookie(
    response: &mut Response,
    state: &AppState,
    name: &str,
    value: &str,
    path: &str,
    max_age: Option<i64>,
) {
    let secure = if state.config.public_url().starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    let age = max_age.map_or(String::new(), |s| format!("; Max-Age={s}"));
    let cookie = format!("{name}={value}; Path={path}; HttpOnly; SameSite=Strict{secure}{age}");
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
