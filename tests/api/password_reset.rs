//! Password reset by email: request, the link's page, completion by the client.

use serde_json::json;
use time::Duration;

use crate::support::{PASSWORD, PUBLIC_URL, TestApp};

const SECRET: &str = "client-secret-0123456789";
const NEW: &str = "my brand new password";

async fn start(app: &TestApp, email: &str) -> String {
    let resp = app
        .post(
            "/api/v1/password-resets",
            None,
            json!({"email": email, "client_secret": SECRET}),
        )
        .await;
    resp.assert(202);
    resp.json["reset_id"].as_str().unwrap().to_owned()
}

fn complete_path(id: &str) -> String {
    format!("/api/v1/password-resets/{id}/complete")
}

#[tokio::test]
async fn the_three_steps_reset_the_password_and_end_every_session() {
    let app = TestApp::spawn().await;
    let laptop = app.signed_in("forgot@example.org").await;
    let id = start(&app, "forgot@example.org").await;
    let mail = app.mail_to("forgot@example.org").await;
    let mail = if mail.subject.starts_with("Verify") {
        app.mail_to("forgot@example.org").await
    } else {
        mail
    };
    assert_eq!(mail.subject, "Reset your Steward password");

    // "I have verified my email address" before doing so
    app.post(
        &complete_path(&id),
        None,
        json!({"client_secret": SECRET, "new_password": NEW}),
    )
    .await
    .assert_error(409, "email_not_validated");

    let path = mail.link("/reset-password").replacen(PUBLIC_URL, "", 1);
    let page = app.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Confirm changing my password")
    );
    app.post(
        &complete_path(&id),
        None,
        json!({"client_secret": SECRET, "new_password": NEW}),
    )
    .await
    .assert_error(409, "email_not_validated");
    let token = mail.token("/reset-password");
    let done = app
        .client
        .post(app.url("/reset-password"))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains(
        "Your email has now been validated, please return to your client to reset your password. You may now close this window."
    ));
    // the link a second time
    let again = app
        .client
        .post(app.url("/reset-password"))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400);

    // another client's secret does not finish it
    app.post(
        &complete_path(&id),
        None,
        json!({"client_secret": "someone-else-entirely", "new_password": NEW}),
    )
    .await
    .assert_error(403, "forbidden");
    app.post(
        &complete_path(&id),
        None,
        json!({"client_secret": SECRET, "new_password": "short"}),
    )
    .await
    .assert_error(422, "validation_failed");
    app.post(
        &complete_path(&id),
        None,
        json!({"client_secret": SECRET, "new_password": NEW}),
    )
    .await
    .assert(204);
    app.get("/api/v1/account", Some(&laptop))
        .await
        .assert_error(401, "unauthenticated");
    app.sign_in("forgot@example.org", PASSWORD)
        .await
        .assert_error(401, "invalid_credentials");
    app.sign_in("forgot@example.org", NEW).await.assert(201);
    // used once
    app.post(
        &complete_path(&id),
        None,
        json!({"client_secret": SECRET, "new_password": "yet another password"}),
    )
    .await
    .assert_error(400, "token_invalid");
    let notice = app.mail_to("forgot@example.org").await;
    assert!(
        notice.subject.contains("password was reset"),
        "{}",
        notice.subject
    );
}

#[tokio::test]
async fn unknown_addresses_get_the_same_answers_forever() {
    let app = TestApp::spawn().await;
    app.verified_account("known@example.org").await;
    let known = start(&app, "known@example.org").await;
    let unknown = start(&app, "unknown@example.org").await;
    assert_ne!(known, unknown);
    for id in [&known, &unknown] {
        let resp = app
            .post(
                &complete_path(id),
                None,
                json!({"client_secret": SECRET, "new_password": NEW}),
            )
            .await;
        resp.assert_error(409, "email_not_validated");
    }
    app.run_jobs_until_idle().await;
    assert!(app.mails_to("unknown@example.org").is_empty());
    app.clock.advance(Duration::hours(1) + Duration::seconds(1));
    for id in [&known, &unknown] {
        app.post(
            &complete_path(id),
            None,
            json!({"client_secret": SECRET, "new_password": NEW}),
        )
        .await
        .assert_error(410, "token_expired");
    }
    app.post(
        &complete_path("01234567-89ab-7def-8123-456789abcdef"),
        None,
        json!({"client_secret": SECRET, "new_password": NEW}),
    )
    .await
    .assert_error(404, "not_found");
    app.post(
        "/api/v1/password-resets",
        None,
        json!({"email": "known@example.org", "client_secret": "short"}),
    )
    .await
    .assert_error(422, "validation_failed");
}

#[tokio::test]
async fn a_reset_link_expires_after_an_hour() {
    let app = TestApp::spawn().await;
    app.verified_account("slow@example.org").await;
    start(&app, "slow@example.org").await;
    app.run_jobs_until_idle().await;
    let token = app
        .mails_to("slow@example.org")
        .last()
        .unwrap()
        .token("/reset-password");
    app.clock.advance(Duration::minutes(61));
    let page = app
        .client
        .get(app.url(&format!("/reset-password?token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 410);
}

#[tokio::test]
async fn an_account_with_two_factor_needs_a_code_to_finish() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("tf@example.org").await;
    let (phone, codes) = app.enroll_totp(&token, "Phone").await;
    let id = start(&app, "tf@example.org").await;
    app.run_jobs_until_idle().await;
    let link = app
        .mails_to("tf@example.org")
        .into_iter()
        .find(|m| m.subject.starts_with("Reset"))
        .unwrap();
    let link = link.token("/reset-password");
    let done = app
        .client
        .post(app.url("/reset-password"))
        .form(&[("token", link.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    app.post(
        &complete_path(&id),
        None,
        json!({"client_secret": SECRET, "new_password": NEW}),
    )
    .await
    .assert_error(403, "two_factor_required");
    app.post(
        &complete_path(&id),
        None,
        json!({"client_secret": SECRET, "new_password": NEW, "code": "000000"}),
    )
    .await
    .assert_error(401, "invalid_code");
    app.clock.advance(Duration::seconds(30));
    let code = phone.code_at(app.clock.now().0);
    app.post(
        &complete_path(&id),
        None,
        json!({"client_secret": SECRET, "new_password": NEW, "code": code}),
    )
    .await
    .assert(204);
    app.get("/api/v1/account", Some(&token))
        .await
        .assert_error(401, "unauthenticated");
    // the second factor still guards the sign-in
    let resp = app.sign_in("tf@example.org", NEW).await;
    resp.assert(200);
    assert_eq!(resp.json["status"], "mfa_required");
    assert!(codes.is_some());
}
