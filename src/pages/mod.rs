//! The pages of Steward: server-rendered HTML, no script. The pages that email links
//! open live in `links`, the account console in `console`, the admin page in `admin`; what they share (rendering, cookies
//! and CSRF) in `render` and `session`.

pub mod admin;
pub mod console;
pub mod links;
pub mod render;
pub mod session;

use poem::http::header;
use poem::web::Data;
use poem::{Response, handler};

use crate::state::AppState;

/// Prometheus text exposition. When the database does not answer, its counts are
/// left out and the process's own metrics still served.
#[handler]
pub async fn metrics(state: Data<&AppState>) -> Response {
    let counts = match state.db.acquire().await {
        Ok(mut conn) => crate::db::metrics::counts(&mut conn)
            .await
            .unwrap_or_default(),
        Err(_) => Default::default(),
    };
    Response::builder()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .body(state.metrics.render(counts))
}

#[handler]
pub fn passkeys_script() -> Response {
    Response::builder()
        .content_type("text/javascript; charset=utf-8")
        .header(header::CACHE_CONTROL, "public, max-age=3600")
        .body(crate::templates::PASSKEYS_SCRIPT)
}

#[handler]
pub fn stylesheet() -> Response {
    Response::builder()
        .content_type("text/css; charset=utf-8")
        .header(header::CACHE_CONTROL, "public, max-age=3600")
        .body(crate::templates::STYLESHEET)
}
