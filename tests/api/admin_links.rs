//! Links that set a password (invitations, resets an admin sends), the audit log across
//! accounts, and the outbox with failed mail.

use serde_json::json;
use time::Duration;

use crate::support::smtp::Mode;
use crate::support::{PASSWORD, TestApp};

/// Submits the set-password page's form; returns the status and the page.
async fn set_password(app: &TestApp, token: &str, new: &str, again: &str) -> (u16, String) {
    let resp = reqwest::Client::new()
        .post(app.url("/set-password"))
        .form(&[
            ("token", token),
            ("new_password", new),
            ("confirm_password", again),
        ])
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let resp = reqwest::get(app.url(path)).await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

const NEW_PASSWORD: &str = "a brand new password";

#[tokio::test]
async fn an_invitation_lets_the_person_choose_a_password() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    app.post(
        "/api/v1/admin/users",
        Some(&root),
        json!({"email": "new@example.org", "password": PASSWORD, "send_invite": true}),
    )
    .await
    .assert_error(422, "validation_failed");
    let made = app
        .post(
            "/api/v1/admin/users",
            Some(&root),
            json!({"email": "new@example.org", "display_name": "Ada", "send_invite": true}),
        )
        .await;
    made.assert(201);
    assert_eq!(made.json["email_verified"], false);

    let mail = app.mail_to("new@example.org").await;
    assert!(mail.subject.contains("invited"), "{}", mail.subject);
    assert!(mail.text.contains("Hello Ada") && mail.text.contains("72 hours"));
    let token = mail.token("/set-password");
    let link = format!("/set-password?token={token}");
    // a GET only shows (mail scanners fetch links)
    for _ in 0..2 {
        let (status, html) = page(&app, &link).await;
        assert_eq!(status, 200);
        assert!(html.contains("Choose your password") && html.contains("new@example.org"));
    }
    let (status, html) = set_password(&app, &token, NEW_PASSWORD, "something else entirely").await;
    assert_eq!(status, 422);
    assert!(html.contains("The two passwords differ"), "{html}");
    let (status, html) = set_password(&app, &token, "short", "short").await;
    assert_eq!(status, 422);
    assert!(html.contains("at least 12"), "{html}");
    app.sign_in("new@example.org", NEW_PASSWORD)
        .await
        .assert_error(401, "invalid_credentials");

    let (status, html) = set_password(&app, &token, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Password set"));
    // the link proved the mailbox: the address is verified, and sign-in works
    app.sign_in("new@example.org", NEW_PASSWORD)
        .await
        .assert(201);
    let (status, html) =
        set_password(&app, &token, "yet another password", "yet another password").await;
    assert_eq!(status, 400, "single use");
    assert!(html.contains("not valid"));
    app.sign_in("new@example.org", NEW_PASSWORD)
        .await
        .assert(201);
    let (status, _) = page(&app, "/set-password?token=made-up").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_reset_mail_from_an_admin_sets_a_new_password_and_ends_every_session() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    let session = app.signed_in("user@example.org").await;
    let id = app.get("/api/v1/account", Some(&session)).await.json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/admin/users/{id}/password-reset-email");
    app.post(&path, Some(&session), json!({}))
        .await
        .assert_error(403, "forbidden");
    app.post(&path, Some(&root), json!({})).await.assert(202);
    let first = app.mail_to("user@example.org").await.token("/set-password");
    app.post(&path, Some(&root), json!({})).await.assert(202);
    let mail = app.mail_to("user@example.org").await;
    assert!(mail.text.contains("administrator"), "{}", mail.text);
    let second = mail.token("/set-password");
    // the old password works until the link is used; only the newest link works
    app.sign_in("user@example.org", PASSWORD).await.assert(201);
    let (status, _) = set_password(&app, &first, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 400, "a newer mail voids the older link");

    let (status, html) = set_password(&app, &second, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(status, 200, "{html}");
    app.get("/api/v1/account", Some(&session))
        .await
        .assert_error(401, "unauthenticated");
    app.sign_in("user@example.org", PASSWORD)
        .await
        .assert_error(401, "invalid_credentials");
    app.sign_in("user@example.org", NEW_PASSWORD)
        .await
        .assert(201);
    let notice = app.mail_to("user@example.org").await;
    assert!(
        notice.subject.to_lowercase().contains("password"),
        "{}",
        notice.subject
    );

    // links expire
    app.post(&path, Some(&root), json!({})).await.assert(202);
    let late = app.mail_to("user@example.org").await.token("/set-password");
    app.clock.advance(Duration::minutes(61));
    let (status, _) = page(&app, &format!("/set-password?token={late}")).await;
    assert_eq!(status, 410);
    let (status, _) = set_password(&app, &late, "too late password", "too late password").await;
    assert_eq!(status, 410);

    // the admin's actions are on the user's trail, naming the admin
    let events = app
        .get(
            &format!("/api/v1/admin/events?account_id={id}&type=admin.password_link_sent"),
            Some(&root),
        )
        .await;
    events.assert(200);
    let items = events.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["detail"]["by"]["admin"], "root@example.org");
    let set = app
        .get(
            &format!("/api/v1/admin/events?account_id={id}&type=password.set_by_link"),
            Some(&root),
        )
        .await;
    assert_eq!(set.json["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_audit_log_spans_accounts_and_pages() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    for email in ["a@example.org", "b@example.org"] {
        app.verified_account(email).await;
    }
    // failures of known accounts are on their trails (an unknown address has none)
    for email in ["a@example.org", "b@example.org", "b@example.org"] {
        app.sign_in(email, "wrong password!")
            .await
            .assert_error(401, "invalid_credentials");
    }
    let first = app
        .get(
            "/api/v1/admin/events?type=sign_in.failed&limit=2",
            Some(&root),
        )
        .await;
    first.assert(200);
    assert_eq!(first.json["items"].as_array().unwrap().len(), 2);
    let cursor = first.json["next_cursor"].as_str().unwrap();
    let rest = app
        .get(
            &format!("/api/v1/admin/events?type=sign_in.failed&limit=2&cursor={cursor}"),
            Some(&root),
        )
        .await;
    assert_eq!(rest.json["items"].as_array().unwrap().len(), 1);
    assert!(rest.json["next_cursor"].is_null());
    let all = app.get("/api/v1/admin/events?limit=200", Some(&root)).await;
    let items = all.json["items"].as_array().unwrap();
    let types: Vec<&str> = items.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert!(types.contains(&"sign_in.succeeded") && types.contains(&"sign_in.failed"));
    let accounts: std::collections::HashSet<&str> = items
        .iter()
        .filter_map(|e| e["account_id"].as_str())
        .collect();
    assert_eq!(accounts.len(), 3, "root, a and b");
    app.get("/api/v1/admin/events?cursor=nonsense", Some(&root))
        .await
        .assert_error(422, "validation_failed");
}

#[tokio::test]
async fn failed_mail_is_listed_and_retried() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    app.smtp.set_mode(Mode::RejectPermanently);
    app.register("bounced@example.org", PASSWORD)
        .await
        .assert(202);
    app.run_jobs_until_idle().await;
    let failed = app
        .get("/api/v1/admin/emails?status=failed", Some(&root))
        .await;
    failed.assert(200);
    let items = failed.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", failed.json);
    assert_eq!(items[0]["recipient"], "bounced@example.org");
    assert!(items[0]["last_error"].as_str().unwrap().contains("550"));
    let id = items[0]["id"].as_str().unwrap().to_owned();

    app.smtp.set_mode(Mode::Accept);
    let retried = app
        .post(
            &format!("/api/v1/admin/emails/{id}/retry"),
            Some(&root),
            json!({}),
        )
        .await;
    retried.assert(202);
    assert_eq!(retried.json["status"], "pending");
    let mail = app.mail_to("bounced@example.org").await;
    assert!(mail.text.contains("/verify-email?token="));
    app.run_jobs_until_idle().await;
    app.post(
        &format!("/api/v1/admin/emails/{id}/retry"),
        Some(&root),
        json!({}),
    )
    .await
    .assert_error(409, "mail_not_failed");
    app.post(
        "/api/v1/admin/emails/01900000-0000-7000-8000-000000000000/retry",
        Some(&root),
        json!({}),
    )
    .await
    .assert_error(404, "not_found");
    let failed = app
        .get("/api/v1/admin/emails?status=failed", Some(&root))
        .await;
    assert!(failed.json["items"].as_array().unwrap().is_empty());
    app.get("/api/v1/admin/emails?status=lost", Some(&root))
        .await
        .assert_error(400, "invalid_request");
}
