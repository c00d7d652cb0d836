//! What every request goes through: a request id, a log line, the body size limit,
//! security headers, and the reshaping of every error into the one error body.

use std::time::Instant;

use poem::http::{HeaderValue, Method, StatusCode, header};
use poem::{Endpoint, IntoResponse, Request, Response};
use tokio::io::AsyncReadExt;
use tracing::Instrument;

use crate::api::{ApiError, ErrorCode};
use crate::clock::Timestamp;
use crate::http::client::{ClientIp, RequestId, client_ip};
use crate::http::error::in_language;
use crate::http::locale::{self, RequestLanguage};
use crate::i18n::{Args, I18n};
use crate::ip_limit::IpLimiter;

/// What the middleware needs besides the request.
#[derive(Clone)]
pub struct Edge {
    pub max_body: usize,
    pub limiter: IpLimiter,
    /// When instances share a database (PostgreSQL): the database that counts the
    /// attempts per IP for all of them, and the limit a minute. `limiter` is then unused.
    pub shared_limit: Option<(crate::db::Pool, u32)>,
    pub metrics: std::sync::Arc<crate::metrics::Metrics>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`server.trusted_proxies`).
    pub trusted_proxies: std::sync::Arc<Vec<ipnet::IpNet>>,
    /// The methods of each API path, for the `Allow` header of a 405.
    pub methods: std::sync::Arc<PathMethods>,
    /// The languages, for the language of pages and of error answers.
    pub i18n: std::sync::Arc<crate::i18n::I18n>,
}

/// The API's paths (from the OpenAPI document) and the methods each one takes.
#[derive(Debug, Default)]
pub struct PathMethods(Vec<(Vec<String>, String)>);

impl PathMethods {
    pub fn from_spec(spec: &serde_json::Value) -> Self {
        let mut out = Vec::new();
        if let Some(paths) = spec.get("paths").and_then(serde_json::Value::as_object) {
            for (path, operations) in paths {
                let segments = path.split('/').map(str::to_owned).collect();
                let mut methods: Vec<String> = operations
                    .as_object()
                    .map(|o| o.keys().map(|m| m.to_uppercase()).collect())
                    .unwrap_or_default();
                methods.sort();
                out.push((segments, methods.join(", ")));
            }
        }
        Self(out)
    }

    /// The methods `path` takes; a `{name}` segment of the document matches any segment.
    pub fn allowed(&self, path: &str) -> Option<&str> {
        let segments: Vec<&str> = path.split('/').collect();
        self.0.iter().find_map(|(pattern, methods)| {
            (pattern.len() == segments.len()
                && pattern
                    .iter()
                    .zip(&segments)
                    .all(|(p, s)| p == s || (p.starts_with('{') && !s.is_empty())))
            .then_some(methods.as_str())
        })
    }
}

/// Endpoints that try credentials or send mail: they share one token bucket per client
/// IP, so one address can't guess passwords (or flood mailboxes) at speed.
fn is_throttled(method: &Method, path: &str) -> bool {
    *method == Method::POST
        && (matches!(
            path,
            "/api/v1/sessions"
                | "/api/v1/sessions/mfa"
                | "/api/v1/sessions/current/reauthenticate"
                | "/api/v1/registrations"
                | "/api/v1/email-verifications/resend"
                | "/api/v1/password-resets"
                | "/admin/sign-in"
                | "/sign-in"
                | "/sign-in/passkey"
                | "/register"
                | "/register/resend"
                | "/reset"
                | "/reset/password"
                | "/account/confirm-identity"
                | "/api/v1/sessions/passkey"
        ) || (path.starts_with("/api/v1/password-resets/") && path.ends_with("/complete"))
            || (path.starts_with("/api/v1/sessions/passkey/") && path.ends_with("/complete")))
}

/// Takes one attempt for `ip`; `Some(seconds)` until the next is allowed when it has
/// none left. Counted in memory, or with `shared` in the database in windows of a minute
/// of wall time, so that instances behind one load balancer count together. When that
/// database does not answer, the attempt is let through (the per-account lockout still
/// holds) and the failure logged.
async fn take_attempt(
    limiter: &IpLimiter,
    shared: Option<&(crate::db::Pool, u32)>,
    ip: std::net::IpAddr,
) -> Option<u64> {
    let Some((pool, per_minute)) = shared else {
        return limiter.check(ip).err();
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let window = now - now.rem_euclid(60);
    let counted = async {
        let mut conn = pool.acquire().await?;
        crate::db::instances::hit_ip(&mut conn, &ip.to_string(), Timestamp(window)).await
    };
    match counted.await {
        Ok(attempts) if attempts > i64::from(*per_minute) => {
            Some(u64::try_from(window + 60 - now).unwrap_or(60).max(1))
        }
        Ok(_) => None,
        Err(e) => {
            tracing::warn!(error = %e, "counting attempts per IP failed; letting this one through");
            None
        }
    }
}

/// Wraps the whole app (`EndpointExt::around`).
pub async fn around<E: Endpoint>(next: E, mut req: Request, edge: Edge) -> poem::Result<Response> {
    let Edge {
        max_body,
        limiter,
        shared_limit,
        metrics,
        trusted_proxies,
        methods,
        i18n,
    } = edge;
    let path = req.uri().path().to_owned();
    // a browser asking for a page gets refusals as a page; a script gets the JSON body
    let as_page = is_page(&path)
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
    let ip = client_ip(&req, &trusted_proxies);
    if let Some(ip) = ip {
        req.extensions_mut().insert(ClientIp(ip));
    }
    let id = uuid::Uuid::now_v7().simple().to_string();
    req.extensions_mut().insert(RequestId(id.clone()));
    let language = RequestLanguage::of(&i18n, &req, is_page(&path));
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path());
    let request = async move {
        let started = Instant::now();
        let is_api = !is_page(req.uri().path());
        let is_admin_page = req.uri().path().starts_with("/admin");
        let mut operation: Option<&'static str> = None;
        let throttled = match ip {
            Some(ip) if is_throttled(req.method(), req.uri().path()) => {
                take_attempt(&limiter, shared_limit.as_ref(), ip).await
            }
            _ => None,
        };
        let mut response = if let Some(retry_after) = throttled {
            let mut e = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                format!("Too many attempts from this address. Try again in {retry_after} seconds."),
            );
            e.retry_after = Some(retry_after);
            answer(as_page, &e, &id, &i18n)
        } else {
            match limit_body(&mut req, max_body).await {
                Err(e) => answer(as_page, &e, &id, &i18n),
                Ok(()) => match next.call(req).await {
                    Ok(output) => {
                        let response = output.into_response();
                        operation = response.data::<poem_openapi::OperationId>().map(|o| o.0);
                        response
                    }
                    Err(err) => {
                        operation = err.data::<poem_openapi::OperationId>().map(|o| o.0);
                        answer(as_page, &refusal(err), &id, &i18n)
                    }
                },
            }
        };
        let response_status = response.status();
        let headers = response.headers_mut();
        headers.insert(
            "x-request-id",
            HeaderValue::from_str(&id).unwrap_or(HeaderValue::from_static("-")),
        );
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        if response_status == StatusCode::METHOD_NOT_ALLOWED
            && let Some(allow) = methods.allowed(&path)
            && let Ok(value) = HeaderValue::from_str(allow)
        {
            // RFC 9110: a 405 lists the methods the resource takes
            headers.insert(header::ALLOW, value);
        }
        if is_api && !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        let status = response.status().as_u16();
        let elapsed = started.elapsed().as_secs_f64();
        let label = match operation {
            Some(op) => op,
            None if is_admin_page => "admin_page",
            None if !is_api && status < 400 => "page",
            None => "other",
        };
        metrics.request(label, status, elapsed);
        // to the hundredth of a millisecond: the rest is noise, and hard to read
        let ms = (elapsed * 100_000.0).round() / 100.0;
        if status >= 500 {
            tracing::error!(status, ms, "request failed");
        } else {
            tracing::info!(status, ms, "request");
        }
        Ok(response)
    }
    .instrument(span);
    locale::scope(language, request).await
}

/// A refusal as the client reads it: a plain page for a browser asking for a page,
/// else the API's JSON body.
fn answer(as_page: bool, e: &ApiError, request_id: &str, i18n: &I18n) -> Response {
    let locale = locale::current(i18n);
    let detail = match e.code {
        // a browser's form is never JSON: the API's hint would mislead
        ErrorCode::UnsupportedMediaType if as_page => i18n
            .message(&locale, "error-page-form-unreadable", &Args::new())
            .unwrap_or_default(),
        _ => e.detail.clone(),
    };
    let (title, detail) = in_language(i18n, &locale, e.code, &detail, e.retry_after);
    if as_page {
        page_refusal(e, request_id, i18n, &locale, &title, &detail)
    } else {
        e.to_response_in(request_id, title, detail)
    }
}

/// A page request refused before it reached a page (unknown address, a body too large
/// or unreadable, too many attempts): plain HTML a person can read, with the request id
/// and a way back, under the pages' policy.
fn page_refusal(
    e: &ApiError,
    request_id: &str,
    i18n: &I18n,
    locale: &str,
    title: &str,
    detail: &str,
) -> Response {
    let say = |key: &str| i18n.message(locale, key, &Args::new()).unwrap_or_default();
    let body = format!(
        "<!doctype html><html lang=\"{locale}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/assets/steward.css\"></head>\
         <body><main class=\"card\"><h1>{title}</h1><p>{detail}</p>\
         <p class=\"muted\">{request_label} <code>{request_id}</code></p>\
         <p><a href=\"/\">{back}</a></p></main></body></html>",
        locale = escape(locale),
        title = escape(title),
        detail = escape(detail),
        request_label = escape(&say("error-request-id")),
        request_id = escape(request_id),
        back = escape(&say("error-page-back")),
    );
    let mut response = Response::builder()
        .status(e.status)
        .content_type("text/html; charset=utf-8")
        .header(header::CONTENT_SECURITY_POLICY, crate::http::PAGE_CSP)
        .header(header::CACHE_CONTROL, "no-store")
        .body(body);
    if let Some(seconds) = e.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Pages (HTML) carry their own headers; everything else is API.
fn is_page(path: &str) -> bool {
    !(path.starts_with("/api/")
        || path.starts_with("/openapi")
        || path == "/healthz"
        || path == "/readyz")
}

/// Reads the body up front (every body we accept is small) so that an over-long one is
/// refused with 413 whether or not it announced its length.
async fn limit_body(req: &mut Request, max: usize) -> Result<(), ApiError> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            format!("The request body is larger than {max} bytes."),
        )
    };
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    let mut buf = Vec::new();
    req.take_body()
        .into_async_read()
        .take(max as u64 + 1)
        .read_to_end(&mut buf)
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidRequest,
                format!("The request body could not be read: {e}"),
            )
        })?;
    if buf.len() > max {
        return Err(too_large());
    }
    req.set_body(buf);
    Ok(())
}

/// Every error, ours or poem's, as the one refusal (`answer` words it for the client).
fn refusal(err: poem::Error) -> ApiError {
    if let Some(api) = err.downcast_ref::<ApiError>() {
        return api.clone();
    }
    if let Some(answer) = crate::api::rejections::rejection(&err) {
        return answer;
    }
    let status = err.status();
    // poem's own words name its types: the log keeps them, the client gets plain ones
    if status.is_client_error() {
        tracing::debug!(error = %err, "request refused");
    }
    let unreadable = || "The request could not be read.".to_owned();
    let (code, detail) = match status {
        StatusCode::BAD_REQUEST => (ErrorCode::InvalidRequest, unreadable()),
        StatusCode::UNAUTHORIZED => (
            ErrorCode::Unauthenticated,
            "Sign in and send the session token in the header Authorization: Bearer <token>."
                .to_owned(),
        ),
        StatusCode::NOT_FOUND => (
            ErrorCode::NotFound,
            "There is nothing at this address.".to_owned(),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            ErrorCode::MethodNotAllowed,
            "This address does not take this method.".to_owned(),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            ErrorCode::PayloadTooLarge,
            "The request body is too large.".to_owned(),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            ErrorCode::UnsupportedMediaType,
            "Send the body as JSON, with the header Content-Type: application/json.".to_owned(),
        ),
        s if s.is_client_error() => (ErrorCode::InvalidRequest, unreadable()),
        _ => {
            tracing::error!(error = %err, "internal error");
            return ApiError::internal();
        }
    };
    ApiError::new(status, code, detail)
}
