//! What the console's tests share: a browser signed in with a session made over the API,
//! console pages and forms over plain HTTP with their cookies, what is read out of the
//! answers (CSRF tokens, hidden fields, cookies set), and the hosting set-up.

use reqwest::header::{COOKIE, SET_COOKIE};
use serde_json::json;

use crate::support::browser::Browser;
use crate::support::{PUBLIC_URL, Resp, TestApp, read};

/// A browser signed in to the console with the session of `token`, with script on or off.
pub async fn browser_with_session(app: &TestApp, token: &str, javascript: bool) -> Browser {
    let browser = if javascript {
        Browser::start().await
    } else {
        Browser::start_without_javascript().await
    };
    // a cookie can only be set for the site that is open
    browser.goto(&app.url("/admin/sign-in")).await;
    let host = reqwest::Url::parse(&app.url("/")).unwrap();
    // SameSite=None (fantoccini's default) needs Secure, which plain http can't have
    let cookie = fantoccini::cookies::Cookie::parse(format!(
        "steward_session={token}; Path=/; Domain={}; SameSite=Lax",
        host.host_str().unwrap()
    ))
    .unwrap();
    browser.client.add_cookie(cookie).await.unwrap();
    browser
}

/// The `Cookie` header of a browser signed in with `token`.
pub fn session(token: &str) -> String {
    format!("steward_session={token}")
}

/// A console page fetched with `cookie` (e.g. [`session`]), redirects not followed.
pub async fn get_page(app: &TestApp, path: &str, cookie: &str) -> Resp {
    let resp = app
        .client
        .get(app.url(path))
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    read(resp).await
}

/// A console form POSTed with `cookie`, as a browser would; redirects not followed.
pub async fn post_form(app: &TestApp, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Resp {
    let resp = app
        .client
        .post(app.url(path))
        .header(COOKIE, cookie)
        .form(fields)
        .send()
        .await
        .unwrap();
    read(resp).await
}

/// The value of the hidden field `name` in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name:?} in the page"))
        + marker.len();
    let escaped = html[start..].split('"').next().unwrap();
    escaped.replace("&#x2f;", "/").replace("&amp;", "&")
}

/// The CSRF token of the forms of a page.
pub fn csrf_in(html: &str) -> String {
    hidden(html, "csrf")
}

/// The `Set-Cookie` header of a response that sets the cookie `name`, whole.
pub fn set_cookie<'a>(resp: &'a Resp, name: &str) -> Option<&'a str> {
    let prefix = format!("{name}=");
    resp.headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&prefix))
}

/// The anonymous CSRF cookie and token, as a browser gets them from `page`.
pub async fn anonymous_csrf(app: &TestApp, page: &str) -> (String, String) {
    let resp = app.get(page, None).await;
    resp.assert(200);
    let set = set_cookie(&resp, "steward_csrf").expect("a CSRF cookie");
    let token = set["steward_csrf=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    (format!("steward_csrf={token}"), token)
}

/// A mailed link, on the address the test app really listens on.
pub fn local(app: &TestApp, link: &str) -> String {
    link.replace(PUBLIC_URL, &app.base)
}

/// Adds a host to `subscription` over the API; returns its id.
pub async fn add_host(app: &TestApp, token: &str, subscription: &str, name: &str) -> String {
    let resp = app
        .post(
            "/api/v1/hosts",
            Some(token),
            json!({"subscription_id": subscription, "name": name}),
        )
        .await;
    resp.assert(201);
    resp.json["id"].as_str().unwrap().to_owned()
}

/// Adds a Slack bridge to `host` over the API; returns its id.
pub async fn add_integration(app: &TestApp, token: &str, host: &str, name: &str) -> String {
    let resp = app
        .post(
            &format!("/api/v1/hosts/{host}/integrations"),
            Some(token),
            json!({"kind": "slack_bridge", "name": name, "settings": {"channel": "#general"}}),
        )
        .await;
    resp.assert(201);
    resp.json["id"].as_str().unwrap().to_owned()
}
