//! Webhooks end to end: a real receiver on loopback gets every event, signed (checked
//! with the standardwebhooks crate, an implementation independent of ours), in order,
//! through outages, restarts and misbehaving receivers.

mod cascade;
mod delivery;
mod events;
mod page;
mod receiver;
mod retention;

use reqwest::Method;
use serde_json::{Value, json};

use crate::support::TestApp;

/// An app whose webhooks may reach loopback, retry after a second and give up on a
/// silent receiver after two, and whose delivery log keeps a year.
async fn spawn() -> TestApp {
    TestApp::spawn_with(|c| {
        c.webhooks.allow_private_addresses = true;
        c.webhooks.retry_base_seconds = 1;
        c.webhooks.retry_max_seconds = 1;
        c.webhooks.timeout_seconds = 2;
        // tests that move the clock a month still read the whole delivery log
        c.webhooks.keep_deliveries_days = 365;
    })
    .await
}

/// Registers an endpoint; returns its id and secret.
async fn register(app: &TestApp, admin: &str, url: &str, events: Value) -> (String, String) {
    let resp = app
        .post(
            "/api/v1/admin/webhooks",
            Some(admin),
            json!({"url": url, "events": events}),
        )
        .await;
    resp.assert(201);
    (
        resp.json["id"].as_str().unwrap().to_owned(),
        resp.json["secret"].as_str().unwrap().to_owned(),
    )
}

async fn deliveries(app: &TestApp, admin: &str, endpoint: &str, status: &str) -> Vec<Value> {
    let resp = app
        .get(
            &format!("/api/v1/admin/webhooks/{endpoint}/deliveries?status={status}"),
            Some(admin),
        )
        .await;
    resp.assert(200);
    resp.json["items"].as_array().unwrap().clone()
}

async fn patch(app: &TestApp, path: &str, token: &str, body: Value) -> crate::support::Resp {
    app.request(Method::PATCH, path, Some(token), Some(body))
        .await
}
