//! Behind a reverse proxy: X-Forwarded-For names the client only when a trusted proxy
//! sends it.

use serde_json::json;

use crate::support::{PASSWORD, TestApp};

async fn sign_in_from(app: &TestApp, forwarded: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/v1/sessions"))
        .header("x-forwarded-for", forwarded)
        .json(&json!({"email": "ada@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
}

async fn session_ip(app: &TestApp, resp: reqwest::Response) -> String {
    assert_eq!(resp.status(), 201);
    let token = resp.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = app.get("/api/v1/sessions", Some(&token)).await;
    list.json["items"][0]["ip"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_trusted_proxy_names_the_client_and_nobody_else_can() {
    let app = TestApp::spawn_with(|c| {
        c.server.trusted_proxies = vec!["127.0.0.1".into(), "10.0.0.0/8".into()];
        c.security.sign_in_per_ip_per_minute = 2;
    })
    .await;
    app.verified_account("ada@example.org").await;
    let ip = session_ip(&app, sign_in_from(&app, "203.0.113.7").await).await;
    assert_eq!(ip, "203.0.113.7");
    // a client's own X-Forwarded-For is to the left of what the proxies add: ignored
    let ip = session_ip(
        &app,
        sign_in_from(&app, "198.51.100.1, 203.0.113.9, 10.1.2.3").await,
    )
    .await;
    assert_eq!(ip, "203.0.113.9");
    // the per-address bucket is the client's, not the proxy's
    assert_eq!(sign_in_from(&app, "203.0.113.7").await.status(), 201);
    assert_eq!(sign_in_from(&app, "203.0.113.7").await.status(), 429);
    assert_eq!(sign_in_from(&app, "192.0.2.44").await.status(), 201);
}

#[tokio::test]
async fn without_trusted_proxies_the_header_is_ignored() {
    let app = TestApp::spawn().await;
    app.verified_account("ada@example.org").await;
    let ip = session_ip(&app, sign_in_from(&app, "203.0.113.7").await).await;
    assert_eq!(ip, "127.0.0.1");
}
