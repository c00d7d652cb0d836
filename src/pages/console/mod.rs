//! The account console: the pages people use, at the public URL's root. Plain
//! server-rendered HTML that works without script, calling the same service functions
//! as the API (never the API over HTTP).
//!
//! The session is an ordinary session (listed by `GET /api/v1/sessions`, revocable
//! there) whose token is in a cookie: HttpOnly, SameSite=Lax, Path=/, Secure behind
//! https. Every form carries a CSRF token: before sign-in a random one doubled in a
//! cookie, after it a digest of the session token, which only the holder of the cookie
//! can know. Sensitive steps first ask to "Confirm your identity" (identity.rs), which
//! elevates this session as the API's reauthentication does.
//!
//! Here: who is signed in, how a page, a form's errors and a failure answer, and where
//! a `next` parameter may lead. One file per area below.

// A page's refusal is the whole answer (a redirect, an error page): handlers return it
// as is, once per request, so boxing it would buy nothing.
#![allow(clippy::result_large_err)]

pub mod account;
pub mod activity;
pub mod delete;
pub mod devices;
pub mod hosting;
pub mod identity;
pub mod language;
pub mod passkeys;
pub mod register;
pub mod reset;
pub mod security;
pub mod sign_in;
pub mod terms;

use std::collections::BTreeMap;

use poem::http::{HeaderValue, StatusCode, header};
use poem::web::{Data, Form, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler, post};

use crate::http::client::{client_info, request_id};
use crate::http::error::{ErrorCode, Failure, field_told, told};
use crate::http::locale;
use crate::i18n::text;
use crate::pages::render::{self, say};
pub use crate::pages::session::CsrfForm;
use crate::pages::session::{
    CookieSpec, SameSite, cookie, csrf_for, csrf_matches, new_csrf, set_cookie,
};
use crate::service::{self, Authenticated, Error, sessions};
use crate::state::AppState;

/// The session's cookie: sent on top-level navigations from elsewhere too (a link in a
/// mail arrives signed in), never to scripts.
pub const SESSION_COOKIE: CookieSpec = CookieSpec {
    name: "steward_session",
    path: "/",
    same_site: SameSite::Lax,
};
/// The CSRF token of the forms shown before sign-in (sign in, register, reset).
pub const FORM_CSRF_COOKIE: CookieSpec = CookieSpec {
    name: "steward_csrf",
    ..SESSION_COOKIE
};
const CSRF_LABEL: &str = "steward console csrf";

/// Every console route.
pub fn routes(route: Route) -> Route {
    let route = route.at("/", get(home)).at("/sign-out", post(sign_out));
    let route = sign_in::routes(route);
    let route = register::routes(route);
    let route = terms::routes(route);
    let route = reset::routes(route);
    let route = identity::routes(route);
    let route = language::routes(route);
    let route = account::routes(route);
    let route = security::routes(route);
    let route = passkeys::routes(route);
    let route = devices::routes(route);
    let route = activity::routes(route);
    let route = hosting::routes(route);
    delete::routes(route)
}

/// A signed-in person on a console page.
pub struct Person {
    pub auth: Authenticated,
    /// The CSRF token of this person's forms.
    pub csrf: String,
}

impl Person {
    /// Whether the session confirmed its identity recently enough for a sensitive step.
    pub fn elevated(&self, state: &AppState) -> bool {
        service::require_elevated(state, &self.auth).is_ok()
    }
}

/// The person whose cookie this request carries, if the session is live.
async fn current(state: &AppState, req: &Request) -> Result<Option<Person>, Response> {
    let Some(token) = cookie(req, SESSION_COOKIE.name).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match sessions::authenticate(state, &token, &client_info(req)).await {
        Ok(auth) => {
            locale::signed_in(auth.account.locale.as_deref());
            Ok(Some(Person {
                auth,
                csrf: csrf_for(CSRF_LABEL, &token),
            }))
        }
        Err(Error::Unauthenticated) => Ok(None),
        Err(e) => Err(error_page(state, req, None, e)),
    }
}

/// Whether the person may go on before accepting the current terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terms {
    /// Every page but the few below: new terms are accepted first.
    MustBeAccepted,
    /// The terms page itself, signing out, deleting the account.
    MayBeOutdated,
}

/// The signed-in person of a page; otherwise the answer: the sign-in page (coming back
/// here afterwards), or the terms to accept first.
pub async fn signed_in(state: &AppState, req: &Request, terms: Terms) -> Result<Person, Response> {
    let Some(person) = current(state, req).await? else {
        return Err(to_sign_in(Some(&here(req))));
    };
    if terms == Terms::MustBeAccepted
        && service::account::terms_outdated(state, &person.auth.account)
    {
        return Err(
            Redirect::see_other(format!("/terms?next={}", encode(&here(req)))).into_response(),
        );
    }
    Ok(person)
}

/// The person behind a form's POST, once the form's CSRF token checks out; otherwise
/// the answer: the sign-in page (a form replayed after sign-out changes nothing), a 403
/// for a missing or wrong CSRF token, or the terms to accept first.
pub async fn form_person(
    state: &AppState,
    req: &Request,
    csrf: &str,
    terms: Terms,
) -> Result<Person, Response> {
    let Some(person) = current(state, req).await? else {
        return Err(to_sign_in(None));
    };
    if !csrf_matches(&person.csrf, csrf) {
        return Err(csrf_refused(state, req, Some(&person)));
    }
    if terms == Terms::MustBeAccepted
        && service::account::terms_outdated(state, &person.auth.account)
    {
        return Err(Redirect::see_other("/terms").into_response());
    }
    Ok(person)
}

/// Sends a person who has not confirmed their identity recently to "Confirm your
/// identity", which brings them back to `back` (a GET page of this console).
pub fn require_elevated(state: &AppState, person: &Person, back: &str) -> Result<(), Response> {
    if person.elevated(state) {
        Ok(())
    } else {
        Err(to_confirm_identity(back))
    }
}

pub fn to_confirm_identity(back: &str) -> Response {
    Redirect::see_other(format!("/account/confirm-identity?next={}", encode(back))).into_response()
}

/// The sign-in page, leading back to `next` afterwards.
pub fn to_sign_in(next: Option<&str>) -> Response {
    match next.and_then(safe_next) {
        Some(next) if next != "/" => {
            Redirect::see_other(format!("/sign-in?next={}", encode(&next))).into_response()
        }
        _ => Redirect::see_other("/sign-in").into_response(),
    }
}

/// This request's path and query.
fn here(req: &Request) -> String {
    req.uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned())
}

/// `value` as one component of a query string.
pub fn encode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|s| s.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

/// Where a `next` parameter may lead: a path on this server, nothing else. Refuses
/// absolute URLs, scheme-relative `//host` and `/\host` (which browsers read as
/// `//host`), and anything with a control character.
pub fn safe_next(raw: &str) -> Option<String> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.starts_with("/\\")
        && raw.len() <= 1024
        && !raw.chars().any(|c| c.is_control() || c == '\\');
    ok.then(|| raw.to_owned())
}

#[handler]
async fn home(state: Data<&AppState>, req: &Request) -> Response {
    match current(&state, req).await {
        Ok(Some(_)) => Redirect::see_other("/account").into_response(),
        Ok(None) => to_sign_in(None),
        Err(response) => response,
    }
}

/// Signs out: ends the session on the server, then forgets the cookie.
#[handler]
async fn sign_out(state: Data<&AppState>, req: &Request, Form(f): Form<CsrfForm>) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MayBeOutdated).await {
        Ok(person) => person,
        // signed out already: nothing left to end
        Err(response) if response.status() == StatusCode::SEE_OTHER => {
            return signed_out(&state, "/sign-in");
        }
        Err(response) => return response,
    };
    let client = client_info(req);
    match sessions::revoke(&state, &person.auth, person.auth.session.id, &client).await {
        Ok(()) | Err(Error::NotFound) => signed_out(&state, "/sign-in"),
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}

/// A redirect to `to` that forgets the session cookie.
pub fn signed_out(state: &AppState, to: &str) -> Response {
    let mut response = Redirect::see_other(to).into_response();
    set_cookie(&mut response, state, SESSION_COOKIE, "", Some(0));
    response
}

/// A redirect to `to` that keeps the new session `token` in the cookie.
pub fn signed_in_as(state: &AppState, token: &str, to: &str) -> Response {
    let mut response = Redirect::see_other(to).into_response();
    set_cookie(&mut response, state, SESSION_COOKIE, token, None);
    response
}

/// Renders a console page: `ctx` plus what the layout reads (who is signed in, the CSRF
/// token, the navigation). `nav` in `ctx` marks the current section.
pub fn page(
    state: &AppState,
    person: Option<&Person>,
    status: StatusCode,
    template: &str,
    ctx: minijinja::Value,
) -> Response {
    let me = person.map(|p| {
        minijinja::context! {
            email => p.auth.account.email,
            display_name => p.auth.account.display_name,
            is_admin => p.auth.account.is_admin,
        }
    });
    // signed in: the session's token; before: the one `anonymous_page` put in `ctx`
    let csrf = person.map(|p| p.csrf.clone());
    // what the layout and the form macros read, for pages that set none of it
    let unset = minijinja::context! {
        nav => (), notice => (), error => (), errors => minijinja::context! {},
        values => minijinja::context! {},
    };
    let ctx = minijinja::context! { ..ctx, ..unset };
    let ctx = match csrf {
        Some(csrf) => minijinja::context! { me, csrf, ..ctx },
        None => {
            minijinja::context! { me, ..minijinja::context! { ..ctx, ..minijinja::context! { csrf => "" } } }
        }
    };
    render::render(state, status, template, ctx)
}

/// Renders a form shown before sign-in, with its CSRF token (the one already in this
/// browser's cookie, else a new one, then set).
pub fn anonymous_page(
    state: &AppState,
    req: &Request,
    status: StatusCode,
    template: &str,
    ctx: minijinja::Value,
) -> Response {
    let existing = cookie(req, FORM_CSRF_COOKIE.name).filter(|c| c.len() >= 32);
    let csrf = existing.clone().unwrap_or_else(new_csrf);
    let mut response = page(
        state,
        None,
        status,
        template,
        minijinja::context! { csrf => csrf.clone(), ..ctx },
    );
    if existing.is_none() {
        set_cookie(&mut response, state, FORM_CSRF_COOKIE, &csrf, None);
    }
    response
}

/// Whether a form shown before sign-in came back with this browser's CSRF token.
pub fn anonymous_csrf_ok(req: &Request, given: &str) -> bool {
    cookie(req, FORM_CSRF_COOKIE.name)
        .filter(|c| c.len() >= 32)
        .is_some_and(|expected| csrf_matches(&expected, given))
}

/// What a form says when the service refused what was typed: each field's error
/// beside it, anything else above the form, with the status the API would give.
#[derive(Debug)]
pub struct FormErrors {
    pub status: StatusCode,
    /// Above the form: what is not one field's fault.
    pub message: Option<String>,
    /// Beside each field, by the field's name.
    pub fields: BTreeMap<String, String>,
    pub retry_after: Option<u64>,
}

impl FormErrors {
    /// One field's error, found before asking the service (e.g. two passwords differ).
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message: None,
            fields: BTreeMap::from([(field.to_owned(), message.into())]),
            retry_after: None,
        }
    }

    /// What the template reads: `error` above the form, `errors` by field.
    pub fn context(&self) -> minijinja::Value {
        minijinja::context! { error => self.message, errors => self.fields }
    }

    /// Renders the form again with these errors (and 429's Retry-After).
    pub fn render(
        &self,
        state: &AppState,
        person: Option<&Person>,
        template: &str,
        ctx: minijinja::Value,
    ) -> Response {
        let ctx = minijinja::context! { ..self.context(), ..ctx };
        let mut response = page(state, person, self.status, template, ctx);
        self.add_retry_after(&mut response);
        response
    }

    pub fn add_retry_after(&self, response: &mut Response) {
        if let Some(seconds) = self.retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
    }
}

/// Sorts a service error for a form: what the person can fix is shown in the form
/// (`Ok`); the rest (`Err`) answers the whole request: signed out → the sign-in page,
/// identity not confirmed recently → "Confirm your identity" (then back to `back`),
/// new terms → the terms, anything else → the error page.
pub fn form_failure(
    state: &AppState,
    req: &Request,
    person: Option<&Person>,
    err: Error,
    back: &str,
) -> Result<FormErrors, Response> {
    match err {
        Error::Unauthenticated => return Err(to_sign_in(Some(back))),
        Error::ReauthenticationRequired => return Err(to_confirm_identity(back)),
        Error::TermsNotAccepted => return Err(Redirect::see_other("/terms").into_response()),
        Error::NotFound | Error::Internal(_) => return Err(error_page(state, req, person, err)),
        _ => {}
    }
    let failure = Failure::from(err);
    let i18n = state.templates.i18n();
    let (message, fields) = if failure.fields.is_empty() {
        (Some(told(i18n, &failure).1), BTreeMap::new())
    } else {
        let fields = failure
            .fields
            .iter()
            .map(|f| (f.field.clone(), field_told(i18n, f)))
            .collect();
        (None, fields)
    };
    Ok(FormErrors {
        status: failure.status,
        message,
        fields,
        retry_after: failure.retry_after,
    })
}

/// What a domain error says, in the page's language (beside a field, say).
pub fn said(state: &AppState, err: Error) -> String {
    told(state.templates.i18n(), &Failure::from(err)).1
}

/// A page that says what failed, with the status the API gives it and, for an internal
/// error, the request id under which the log has the cause.
pub fn error_page(
    state: &AppState,
    req: &Request,
    person: Option<&Person>,
    err: Error,
) -> Response {
    let failure = Failure::from(err);
    let (title, detail) = told(state.templates.i18n(), &failure);
    let message = if failure.code == ErrorCode::InternalError {
        say(state, text("console-error-internal"))
    } else {
        detail
    };
    let ctx = minijinja::context! {
        title,
        message,
        request_id => request_id(req),
    };
    let mut response = page(state, person, failure.status, "console/error.html", ctx);
    if let Some(seconds) = failure.retry_after
        && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// A form without this browser's CSRF token: refused, nothing changed.
pub fn csrf_refused(state: &AppState, req: &Request, person: Option<&Person>) -> Response {
    let ctx = minijinja::context! {
        title => say(state, text("console-csrf-title")),
        message => say(state, text("console-csrf")),
        request_id => request_id(req),
    };
    page(
        state,
        person,
        StatusCode::FORBIDDEN,
        "console/error.html",
        ctx,
    )
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_only_leads_to_a_path_on_this_server() {
        assert_eq!(
            safe_next("/account/security").as_deref(),
            Some("/account/security")
        );
        assert_eq!(safe_next("/hosting?x=1").as_deref(), Some("/hosting?x=1"));
        for hostile in [
            "https://elsewhere.example",
            "//elsewhere.example",
            "/\\elsewhere.example",
            "/\\/elsewhere.example",
            "javascript:alert(1)",
            "elsewhere",
            "/a\nb",
            "",
        ] {
            assert_eq!(safe_next(hostile), None, "{hostile:?} must be refused");
        }
    }
}
