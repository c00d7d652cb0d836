//! Changing the account's email address.

use serde_json::json;
use time::Duration;

use crate::support::{PASSWORD, PUBLIC_URL, TestApp};

#[tokio::test]
async fn the_new_address_confirms_from_its_page_and_the_old_one_is_told() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("old@example.org").await;
    let resp = app
        .post(
            "/api/v1/account/email",
            Some(&token),
            json!({"new_email": "new@example.org"}),
        )
        .await;
    resp.assert(202);
    assert_eq!(resp.json["pending_email"], "new@example.org");
    let account = app.get("/api/v1/account", Some(&token)).await;
    assert_eq!(
        account.json["email"], "old@example.org",
        "nothing changes before confirmation"
    );
    assert_eq!(account.json["pending_email"], "new@example.org");

    let notice = app.mail_to("old@example.org").await; // the verification mail was #1
    let notice = if notice.subject.starts_with("Verify") {
        app.mail_to("old@example.org").await
    } else {
        notice
    };
    assert!(
        notice
            .subject
            .contains("change of your Steward email address was requested"),
        "{}",
        notice.subject
    );
    assert!(notice.text.contains("new@example.org"));

    let link_mail = app.mail_to("new@example.org").await;
    assert!(link_mail.html.contains("Confirm Email Address"));
    let path = link_mail.link("/confirm-email").replacen(PUBLIC_URL, "", 1);
    for _ in 0..2 {
        let page = app.client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Confirm Email Address") && html.contains("new@example.org"));
    }
    let token_param = link_mail.token("/confirm-email");
    let done = app
        .client
        .post(app.url("/confirm-email"))
        .form(&[("token", token_param.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("Your account now uses"));
    // a second click changes nothing
    app.post(
        "/api/v1/email-changes/confirm",
        None,
        json!({"token": token_param}),
    )
    .await
    .assert_error(400, "token_invalid");

    let account = app.get("/api/v1/account", Some(&token)).await;
    assert_eq!(account.json["email"], "new@example.org");
    assert_eq!(account.json["pending_email"], serde_json::Value::Null);
    assert_eq!(account.json["email_verified"], true);
    app.sign_in("new@example.org", PASSWORD).await.assert(201);
    app.sign_in("old@example.org", PASSWORD)
        .await
        .assert_error(401, "invalid_credentials");
    let changed = app.mail_to("old@example.org").await;
    assert!(
        changed.subject.contains("email address was changed"),
        "{}",
        changed.subject
    );
}

#[tokio::test]
async fn a_change_can_be_cancelled_replaced_and_needs_reauthentication() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("mover@example.org").await;
    app.post(
        "/api/v1/account/email",
        Some(&token),
        json!({"new_email": "first@example.org"}),
    )
    .await
    .assert(202);
    let first = app
        .mail_to("first@example.org")
        .await
        .token("/confirm-email");
    app.post(
        "/api/v1/account/email",
        Some(&token),
        json!({"new_email": "second@example.org"}),
    )
    .await
    .assert(202);
    let second = app
        .mail_to("second@example.org")
        .await
        .token("/confirm-email");
    // the newer request replaced the older
    app.post(
        "/api/v1/email-changes/confirm",
        None,
        json!({"token": first}),
    )
    .await
    .assert_error(400, "token_invalid");
    app.delete("/api/v1/account/email/pending", Some(&token))
        .await
        .assert(204);
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["pending_email"],
        serde_json::Value::Null
    );
    app.post(
        "/api/v1/email-changes/confirm",
        None,
        json!({"token": second}),
    )
    .await
    .assert_error(400, "token_invalid");
    app.delete("/api/v1/account/email/pending", Some(&token))
        .await
        .assert(204);

    app.post(
        "/api/v1/account/email",
        Some(&token),
        json!({"new_email": "MOVER@example.org"}),
    )
    .await
    .assert_error(422, "validation_failed");
    app.post(
        "/api/v1/account/email",
        Some(&token),
        json!({"new_email": "not an address"}),
    )
    .await
    .assert_error(422, "validation_failed");
    app.clock.advance(Duration::minutes(11));
    app.post(
        "/api/v1/account/email",
        Some(&token),
        json!({"new_email": "third@example.org"}),
    )
    .await
    .assert_error(403, "reauthentication_required");
}

#[tokio::test]
async fn a_taken_address_fails_at_confirmation_and_links_expire() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("want@example.org").await;
    app.post(
        "/api/v1/account/email",
        Some(&token),
        json!({"new_email": "taken@example.org"}),
    )
    .await
    .assert(202);
    let link = app
        .mail_to("taken@example.org")
        .await
        .token("/confirm-email");
    // meanwhile someone registers and verifies that address
    app.verified_account("taken@example.org").await;
    app.post(
        "/api/v1/email-changes/confirm",
        None,
        json!({"token": link}),
    )
    .await
    .assert_error(409, "email_taken");
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["email"],
        "want@example.org"
    );

    app.post(
        "/api/v1/account/email",
        Some(&token),
        json!({"new_email": "later@example.org"}),
    )
    .await
    .assert(202);
    let link = app
        .mail_to("later@example.org")
        .await
        .token("/confirm-email");
    app.clock
        .advance(Duration::hours(24) + Duration::seconds(1));
    app.post(
        "/api/v1/email-changes/confirm",
        None,
        json!({"token": link}),
    )
    .await
    .assert_error(410, "token_expired");
}
