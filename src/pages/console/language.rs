//! The language picker at the foot of every page: the choice is kept in the `lang`
//! cookie and, for a signed-in person, in the account's locale (the same service call
//! as `PATCH /api/v1/account`), so that their mail follows.
//!
//! Before sign-in the picker is a GET form: it changes only this browser's cookie,
//! which any site could set by a link as well, so there is nothing for a CSRF token to
//! guard. Signed in, it changes the account and is a POST with the page's CSRF token.

use poem::web::{Data, Form, Query, Redirect};
use poem::{IntoResponse, Request, Response, Route, get, handler, post};
use serde::Deserialize;

use super::{Terms, error_page, form_person, safe_next};
use crate::http::locale::LANG_COOKIE;
use crate::pages::session::{CookieSpec, SameSite, set_cookie};
use crate::service::account::{self, AccountUpdate};
use crate::state::AppState;

/// The picker's cookie: only a language code, read by every page.
pub const LANGUAGE_COOKIE: CookieSpec = CookieSpec {
    name: LANG_COOKIE,
    path: "/",
    same_site: SameSite::Lax,
};
/// A year: the choice outlives sessions, as a browser's own language setting does.
const KEPT_SECONDS: i64 = 365 * 24 * 60 * 60;

pub fn routes(route: Route) -> Route {
    route
        .at("/language", get(choose))
        .at("/account/language", post(choose_signed_in))
}

#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: String,
}

/// Back to the page the picker was on (a path of this server only), else the start.
pub fn back_to(state: &AppState, form_lang: &str, next: &str, fallback: &str) -> Response {
    let to = safe_next(next).unwrap_or_else(|| fallback.to_owned());
    let mut response = Redirect::see_other(to).into_response();
    if let Some(code) = state.templates.i18n().offered(form_lang) {
        set_cookie(
            &mut response,
            state,
            LANGUAGE_COOKIE,
            code,
            Some(KEPT_SECONDS),
        );
    }
    response
}

/// Before sign-in: remembers the language in this browser (an unknown one is ignored).
#[handler]
async fn choose(state: Data<&AppState>, Query(q): Query<LanguageForm>) -> Response {
    back_to(&state, &q.lang, &q.next, "/")
}

/// Signed in: the account's language too, so that the next mail is in it.
#[handler]
async fn choose_signed_in(
    state: Data<&AppState>,
    req: &Request,
    Form(f): Form<LanguageForm>,
) -> Response {
    let person = match form_person(&state, req, &f.csrf, Terms::MayBeOutdated).await {
        Ok(person) => person,
        Err(response) => return response,
    };
    let Some(code) = state.templates.i18n().offered(&f.lang).map(str::to_owned) else {
        return back_to(&state, "", &f.next, "/account");
    };
    let update = AccountUpdate {
        locale: Some(code.clone()),
        ..AccountUpdate::default()
    };
    match account::update(&state, &person.auth, update).await {
        Ok(_) => back_to(&state, &code, &f.next, "/account"),
        Err(e) => error_page(&state, req, Some(&person), e),
    }
}
