//! Rendering a page: the one call into the templates and the one Content-Security-Policy,
//! for the email-link pages and the admin page alike.

use poem::http::{HeaderValue, StatusCode, header};
use poem::web::Html;
use poem::{IntoResponse, Response};

use crate::http::locale;
use crate::i18n::Text;
use crate::state::AppState;

pub use crate::http::PAGE_CSP as CSP;

/// Renders `template` with `ctx`, and what every layout reads, as an answer with
/// `status`. A template that fails is logged and answered with a plain 500.
pub fn render(
    state: &AppState,
    status: StatusCode,
    template: &str,
    ctx: minijinja::Value,
) -> Response {
    let console = &state.config.console;
    let i18n = state.templates.i18n();
    let languages: Vec<minijinja::Value> = locale::language_names(i18n)
        .into_iter()
        .map(|(code, name)| minijinja::context! { code, name })
        .collect();
    let ctx = minijinja::context! {
        // the page's language (`t()` reads it) and the picker's choices
        locale => locale::current(i18n),
        languages,
        here => locale::here(),
        app_name => console.product_name(),
        public_url => state.config.public_url(),
        support_link => console.support_link(),
        support_label => console.support_label(),
        ..ctx
    };
    let mut response = match state.templates.render(template, ctx) {
        Ok(html) => Html(html).with_status(status).into_response(),
        Err(e) => {
            tracing::error!(error = %e, template, "template failed");
            Html("<!doctype html><title>Error</title><p>Something went wrong.</p>")
                .with_status(StatusCode::INTERNAL_SERVER_ERROR)
                .into_response()
        }
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    // a page's address or its forms may hold a token: keep it out of every cache
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Lets `response` show `data:` images too: for the one page with a QR code, whose
/// image is made for that page alone and never stored.
pub fn allow_data_images(response: &mut Response) {
    let csp = CSP.replace("img-src 'self'", "img-src 'self' data:");
    if let Ok(value) = HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Lets `response` run our own script (`/assets/passkeys.js`), for the pages that
/// offer passkeys; every other page runs none. The script may call our own API (the
/// sign-in page asks it for a passkey challenge when the button is pressed).
pub fn allow_scripts(response: &mut Response) {
    let csp = format!("{CSP}; script-src 'self'; connect-src 'self'");
    if let Ok(value) = HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// `text` in the page's language.
pub fn say(state: &AppState, text: Text) -> String {
    locale::say(state.templates.i18n(), &text)
}

/// A time as pages show it: `2026-11-30 14:05 UTC`.
pub fn time(ts: crate::clock::Timestamp) -> String {
    let dt = ts.to_datetime();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        dt.year(),
        u8::from(dt.month()),
        dt.day(),
        dt.hour(),
        dt.minute()
    )
}
