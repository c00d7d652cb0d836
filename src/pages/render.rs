//! Rendering a page: the one call into the templates and the one Content-Security-Policy,
//! for the email-link pages and the admin page alike.

use poem::http::{HeaderValue, StatusCode, header};
use poem::web::Html;
use poem::{IntoResponse, Response};

use crate::state::AppState;

/// Strict: our own stylesheet and nothing else, no script, no frame; forms post only
/// back here. No page shows an image, so images are only ours (no `data:` either).
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Renders `template` with `ctx`, and what every layout reads, as an answer with
/// `status`. A template that fails is logged and answered with a plain 500.
pub fn render(
    state: &AppState,
    status: StatusCode,
    template: &str,
    ctx: minijinja::Value,
) -> Response {
    let ctx = minijinja::context! {
        app_name => "Steward", public_url => state.config.public_url(), ..ctx
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
