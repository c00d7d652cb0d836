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
use crate::http::error::{self, ErrorCode, Failure, field_told};
use crate::i18n::text;
use crate::pages::render::say;
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

/// A refusal or failure, with the status the API gives it, in the words the API uses
/// (said in the page's language).
fn failure(state: &AppState, me: &Admin, err: Error, back: &str) -> Response {
    let failure = Failure::from(err);
    let ctx = minijinja::context! {
        me => me.email, csrf => me.csrf, title => say(state, text("admin-not-done")),
        message => told(state, &failure), back,
    };
    render(state, failure.status, "admin/message.html", ctx)
}

/// What the page says of a failure: the API's words (each invalid field's, by its
/// name), but for an internal error, whose cause is in the log (under the request id of
/// the answer's X-Request-Id).
fn told(state: &AppState, failure: &Failure) -> String {
    let i18n = state.templates.i18n();
    match failure.code {
        ErrorCode::InternalError => say(state, text("admin-error-internal")),
        _ if !failure.fields.is_empty() => failure
            .fields
            .iter()
            .map(|f| format!("{}: {}", f.field, field_told(i18n, f)))
            .collect::<Vec<_>>()
            .join(" "),
        _ => error::told(i18n, failure).1,
    }
}

fn refused_csrf(state: &AppState) -> Response {
    render(
        state,
        StatusCode::FORBIDDEN,
        "admin/sign_in.html",
        minijinja::context! {
            error => say(state, text("admin-csrf-refused")),
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

/// What a redirect's `done` key says, in the page's language. Fixed texts: nothing of
/// the request is echoed.
fn done_message(state: &AppState, key: Option<&str>) -> Option<String> {
    let done = match key? {
        "created" => text("admin-done-created"),
        "invited" => text("admin-done-invited"),
        "updated" => text("admin-done-updated"),
        "deactivated" => text("admin-done-deactivated"),
        "reactivated" => text("admin-done-reactivated"),
        "password-link" => text("admin-done-password-link"),
        "unlocked" => text("admin-done-unlocked"),
        "sessions-ended" => text("admin-done-sessions-ended"),
        "two-factor-removed" => text("admin-done-two-factor-removed"),
        "deleting" => text("admin-done-deleting"),
        "retried" => text("admin-done-retried"),
        "revoked" => text("admin-done-revoked"),
        "delivery-retried" => text("admin-done-delivery-retried"),
        _ => return None,
    };
    Some(say(state, done))
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}
