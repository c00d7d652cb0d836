//! Reading and updating one's own account.

use reqwest::Method;
use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn the_display_name_is_set_cleared_and_kept() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("nora@example.org").await;
    let patch = |body| app.request(Method::PATCH, "/api/v1/account", Some(&token), Some(body));

    let resp = patch(json!({"display_name": "  Nora Q.  "})).await;
    resp.assert(200);
    assert_eq!(resp.json["display_name"], "Nora Q.");
    // absent: kept
    let resp = patch(json!({})).await;
    resp.assert(200);
    assert_eq!(resp.json["display_name"], "Nora Q.");
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["display_name"],
        "Nora Q."
    );
    // null: cleared
    let resp = patch(json!({"display_name": null})).await;
    assert_eq!(resp.json["display_name"], serde_json::Value::Null);

    patch(json!({"display_name": "x".repeat(101)}))
        .await
        .assert_error(422, "validation_failed");
    patch(json!({"display_name": "bell\u{7}"}))
        .await
        .assert_error(422, "validation_failed");
    patch(json!({"display_name": 5}))
        .await
        .assert_error(400, "invalid_request");
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["display_name"],
        serde_json::Value::Null
    );

    app.request(
        Method::PATCH,
        "/api/v1/account",
        None,
        Some(json!({"display_name": "x"})),
    )
    .await
    .assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn the_account_survives_a_restart() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ruth@example.org").await;
    app.request(
        Method::PATCH,
        "/api/v1/account",
        Some(&token),
        Some(json!({"display_name": "Ruth"})),
    )
    .await
    .assert(200);
    let app = app.restart().await;
    let resp = app.get("/api/v1/account", Some(&token)).await;
    resp.assert(200);
    assert_eq!(resp.json["display_name"], "Ruth");
}
