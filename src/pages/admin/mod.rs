//! The admin page at /admin: server-rendered HTML, no script, no external assets.
//!
//! The session is an ordinary session of an admin account, its token in a cookie
//! (HttpOnly, SameSite=Strict, Path=/admin, Secure behind https). Every form carries a
//! CSRF token: before sign-in a random one doubled in a cookie, after it a digest of
//! the session token, which only the holder of the cookie can know. Destructive actions
//! ask for confirmation on a page of their own. Values are escaped by the template
//! engine; the Content-Security-Policy allows our stylesheet and nothing else.
//!
//! Here: who is signed in, and how every admin page answers. One file per area below.

pub mod mail;
pub mod session;
pub mod tokens;
pub mod users;
pub mod webhooks;

use poem::http::StatusCode;
use poem::web::Redirect;
use poem::{IntoResponse, Request, Response};
use serde::Deserialize;

use crate::clock::Timestamp;
use crate::http::client::client_info;
use crate::http::error::{ErrorCode, Failure};
pub use crate::pages::session::CsrfForm;
use crate::pages::session::{CookieSpec, SameSite, cookie, csrf_for, csrf_matches};
use crate::pages::{console, render};
use crate::service::Error;
use crate::service::admin::{self, Actor};
use crate::service::sessions;
use crate::state::AppState;

/// The page's cookies: sent back only under /admin, and never on a request from another
/// site.
const SESSION_COOKIE: CookieSpec = CookieSpec {
    name: "steward_admin",
    path: "/admin",
    same_site: SameSite::Strict,
};
const LOGIN_CSRF_COOKIE: CookieSpec = CookieSpec {
    name: "steward_admin_csrf",
    ..SESSION_COOKIE
};
const PAGE_SIZE: u32 = 25;

/// The label of the page's CSRF digests.
const CSRF_LABEL: &str = "steward admin csrf";

/// A signed-in admin of the page.
struct Admin {
    actor: Actor,
    email: String,
    csrf: String,
    /// The session, and the cookie that holds it (signing out ends and forgets it).
    session: crate::service::Authenticated,
    cookie: CookieSpec,
}

/// The admin signed in to this page, or to the account console (whose "Admin" link
/// leads here): the page's own cookie first, then the console's.
async fn signed_in(state: &AppState, req: &Request) -> Option<Admin> {
    for spec in [SESSION_COOKIE, console::SESSION_COOKIE] {
        let Some(token) = cookie(req, spec.name).filter(|t| !t.is_empty()) else {
            continue;
        };
        let Ok(auth) = sessions::authenticate(state, &token, &client_info(req)).await else {
            continue;
        };
        let email = auth.account.email.clone();
        let session = auth.clone();
        let actor = admin::require_admin(auth).ok()?;
        crate::http::locale::signed_in(session.account.locale.as_deref());
        return Some(Admin {
            actor,
            email,
            csrf: csrf_for(CSRF_LABEL, &token),
            session,
            cookie: spec,
        });
    }
    None
}

/// The admin behind a form's POST, once the form's CSRF token checks out; otherwise the
/// answer to give (sign in first, or refused). Every form of the page goes through here.
async fn form_admin(state: &AppState, req: &Request, csrf: &str) -> Result<Admin, Response> {
    let Some(me) = signed_in(state, req).await else {
        return Err(to_sign_in());
    };
    if !csrf_matches(&me.csrf, csrf) {
        return Err(refused_csrf(state));
    }
    Ok(me)
}

fn to_sign_in() -> Response {
    Redirect::see_other("/admin/sign-in").into_response()
}

fn render(state: &AppState, status: StatusCode, template: &str, ctx: minijinja::Value) -> Response {
    // what the layout reads, for pages that set none of it (templates are strict)
    let unset = minijinja::context! {
        csrf => "", me => (), nav => (), done => (), error => (), ticket => (),
    };
    render::render(
        state,
        status,
        template,
        minijinja::context! { ..ctx, ..unset },
    )
}

fn page(state: &AppState, me: &Admin, template: &str, ctx: minijinja::Value) -> Response {
    let ctx = minijinja::context! { me => me.email, csrf => me.csrf, ..ctx };
    render(state, StatusCode::OK, template, ctx)
}

/// A refusal or failure, with the status the API gives it, in the words the API uses.
fn failure(state: &AppState, me: &Admin, err: Error, back: &str) -> Response {
    let failure = Failure::from(err);
    let ctx = minijinja::context! {
        me => me.email, csrf => me.csrf, title => "Not done", message => told(&failure), back,
    };
    render(state, failure.status, "admin/message.html", ctx)
}

/// What the page says of a failure: the API's words, but for an internal error, whose
/// cause is in the log (under the request id of the answer's X-Request-Id).
fn told(failure: &Failure) -> &str {
    match failure.code {
        ErrorCode::InternalError => "Something went wrong; the log has the details.",
        _ => &failure.detail,
    }
}

fn refused_csrf(state: &AppState) -> Response {
    render(
        state,
        StatusCode::FORBIDDEN,
        "admin/sign_in.html",
        minijinja::context! {
            error => "This form expired or did not come from this page. Sign in again.",
            csrf => "",
        },
    )
}

fn parse_id<T: std::str::FromStr>(raw: &str) -> Option<T> {
    raw.parse().ok()
}

fn time(ts: Timestamp) -> String {
    render::time(ts)
}

/// What a redirect's `done` key says. Fixed texts: nothing of the request is echoed.
fn done_message(key: Option<&str>) -> Option<&'static str> {
    Some(match key? {
        "created" => "The user was created.",
        "invited" => "The user was created and an invitation mailed.",
        "updated" => "Saved.",
        "deactivated" => "The user is deactivated and every session ended.",
        "reactivated" => "The user is active again.",
        "password-link" => "A mail with a link to set a new password is on its way.",
        "unlocked" => "Sign-in is unlocked.",
        "sessions-ended" => "Every session of the user ended.",
        "two-factor-removed" => "Every second factor was removed; a notice was mailed.",
        "deleting" => "The account is being deleted.",
        "retried" => "The mail is queued again.",
        "revoked" => "The token is revoked.",
        "delivery-retried" => "The delivery is queued again.",
        _ => return None,
    })
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}
