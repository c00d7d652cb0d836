//! Which language a request is answered in: the one place that decides it, for pages
//! and API errors alike.
//!
//! Pages: the signed-in account's locale, else the `lang` cookie the language picker
//! sets, else `Accept-Language`, else the configured default. API errors: the
//! `Accept-Language` header, else the default (a script has no picker).
//!
//! What the request says is read once by the app's middleware (`scope`); the account is
//! known only once a page has authenticated its session, which reports it here
//! (`signed_in`). The choice lives for that request's task alone (a tokio task-local),
//! so the many ways a page is rendered need not each carry the request along.

use std::sync::Mutex;

use poem::Request;
use poem::http::header;

use crate::http::client::cookie;
use crate::i18n::{I18n, Text};

/// The cookie of the language picker: a language code, nothing else.
pub const LANG_COOKIE: &str = "lang";

/// What one request says of its language.
#[derive(Debug, Default)]
pub struct RequestLanguage {
    /// The `lang` cookie's language, when it is offered (pages only).
    cookie: Option<String>,
    /// The best offered language of `Accept-Language`.
    browser: Option<String>,
    /// The signed-in account's locale, once a page authenticated its session.
    account: Mutex<Option<String>>,
    /// The request's address, and whether it is a GET: what [`here`] is made of, only
    /// when a page with the picker is rendered.
    uri: poem::http::Uri,
    get: bool,
}

tokio::task_local! {
    static REQUEST: RequestLanguage;
}

impl RequestLanguage {
    /// What `req` says: for a page its `lang` cookie and `Accept-Language`; for the API
    /// only `Accept-Language`.
    pub fn of(i18n: &I18n, req: &Request, page: bool) -> Self {
        let cookie = page
            .then(|| cookie(req, LANG_COOKIE))
            .flatten()
            .and_then(|c| i18n.offered(&c).map(str::to_owned));
        let browser = req
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| i18n.negotiate(v))
            .map(str::to_owned);
        Self {
            cookie,
            browser,
            account: Mutex::new(None),
            uri: req.uri().clone(),
            get: req.method() == poem::http::Method::GET,
        }
    }

    /// The page's own path and query (a GET) or path (any other method).
    fn here(&self) -> String {
        let path = self.uri.path();
        // the query too on a GET (an email link's token), unless a value in it could
        // name another site: the picker carries it back, and should carry nothing that
        // leads elsewhere
        match self.uri.query() {
            Some(query) if self.get && harmless(query) => format!("{path}?{query}"),
            _ => path.to_owned(),
        }
    }
}

/// Whether no value of `query` looks like an address of its own (`//host`, `a:b`, `\`).
fn harmless(query: &str) -> bool {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query).is_ok_and(|pairs| {
        pairs
            .iter()
            .all(|(_, v)| !v.contains("//") && !v.contains(':') && !v.contains('\\'))
    })
}

/// Runs `fut` (the rest of the request) with `language` as its request's.
pub async fn scope<F: Future>(language: RequestLanguage, fut: F) -> F::Output {
    REQUEST.scope(language, fut).await
}

/// Tells the choice that the request's session belongs to an account whose locale is
/// `locale` (`None`: the default, so the cookie and browser still count).
pub fn signed_in(locale: Option<&str>) {
    let _ = REQUEST.try_with(|r| {
        if let Ok(mut account) = r.account.lock() {
            *account = locale.map(str::to_owned);
        }
    });
}

/// The language of this request: the account's, the cookie's, the browser's, else the
/// default. Outside a request (a test, a job) the default.
pub fn current(i18n: &I18n) -> String {
    REQUEST
        .try_with(|r| {
            let account = r.account.lock().ok().and_then(|a| a.clone());
            i18n.pick([
                account.as_deref(),
                r.cookie.as_deref(),
                r.browser.as_deref(),
            ])
            .to_owned()
        })
        .unwrap_or_else(|_| i18n.default_locale().to_owned())
}

/// `text` in this request's language (see [`current`]).
pub fn say(i18n: &I18n, text: &Text) -> String {
    i18n.say(&current(i18n), text)
}

/// The language this request asks for by itself (the picker's cookie, else the
/// browser's), whoever is signed in: what a new account made on this page speaks.
pub fn asked() -> Option<String> {
    REQUEST
        .try_with(|r| r.cookie.clone().or_else(|| r.browser.clone()))
        .ok()
        .flatten()
}

/// Where this request's page lives (for the language picker to lead back); `/` outside
/// a request.
pub fn here() -> String {
    REQUEST
        .try_with(RequestLanguage::here)
        .unwrap_or_else(|_| "/".to_owned())
}

/// Each offered language by its code and its own name, for the picker.
pub fn language_names(i18n: &I18n) -> Vec<(String, String)> {
    i18n.available()
        .iter()
        .map(|code| (code.clone(), own_name(code).to_owned()))
        .collect()
}

/// A language's name in that language (an operator's extra language shows its code).
fn own_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        other => other,
    }
}
