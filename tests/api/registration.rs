//! Registration, the verification mail and page, and enumeration safety.

use serde_json::json;
use time::Duration;

use crate::support::{PASSWORD, PUBLIC_URL, TestApp};

#[tokio::test]
async fn register_verify_from_the_page_sign_in_and_read_the_account() {
    let app = TestApp::spawn().await;
    let resp = app
        .post(
            "/api/v1/registrations",
            None,
            json!({"email": "ada@example.org", "password": PASSWORD, "display_name": "Ada", "accept_terms": true}),
        )
        .await;
    resp.assert(202);
    assert_eq!(resp.json, json!({"status": "verification_sent"}));

    let mail = app.mail_to("ada@example.org").await;
    assert_eq!(mail.subject, "Verify your email address for Steward");
    assert_eq!(mail.to, ["ada@example.org"]);
    assert_eq!(mail.mail_from, "noreply@steward.test");
    assert!(
        !mail.text.is_empty() && !mail.html.is_empty(),
        "a text and an HTML part"
    );
    assert!(
        mail.message_id
            .as_deref()
            .is_some_and(|id| id.ends_with("@steward.test"))
    );
    assert!(mail.has_date);
    let link = mail.link("/verify-email");
    assert!(mail.html.contains("Verify my email"));

    // Not signed in before verification (after a correct password only).
    app.sign_in("ada@example.org", PASSWORD)
        .await
        .assert_error(403, "email_not_verified");

    // The page shows the address and a button that POSTs.
    let path = link.strip_prefix(PUBLIC_URL).unwrap();
    let page = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(html.contains("ada@example.org"));
    assert!(html.contains(r#"<form method="post" action="/verify-email">"#));
    assert!(html.contains("Verify my email"));

    let token = mail.token("/verify-email");
    let done = app
        .client
        .post(app.url("/verify-email"))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    let html = done.text().await.unwrap();
    assert!(html.contains("Your email is verified."), "{html}");
    assert!(html.contains("Click here to proceed"));
    assert!(
        html.contains(r#"href="http:&#x2f;&#x2f;steward.test""#),
        "links to public_url: {html}"
    );

    let resp = app.sign_in("ADA@example.org", PASSWORD).await;
    resp.assert(201);
    assert_eq!(resp.json["status"], "signed_in");
    let token = resp.json["token"].as_str().unwrap();
    assert!(token.starts_with("stw_s_"));

    let account = app.get("/api/v1/account", Some(token)).await;
    account.assert(200);
    let a = &account.json;
    assert_eq!(a["email"], "ada@example.org");
    assert_eq!(a["email_verified"], true);
    assert_eq!(a["display_name"], "Ada");
    assert_eq!(a["is_admin"], false);
    assert_eq!(a["two_factor_enabled"], false);
    assert_eq!(a["pending_email"], serde_json::Value::Null);
    assert_eq!(a["terms_version_accepted"], "2024-01");
    assert!(a["created_at"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn a_get_of_the_link_uses_nothing_up_and_a_token_works_once() {
    let app = TestApp::spawn().await;
    app.register("bob@example.org", PASSWORD).await.assert(202);
    let mail = app.mail_to("bob@example.org").await;
    let path = mail.link("/verify-email").replacen(PUBLIC_URL, "", 1);
    // mail scanners and previews fetch the link, maybe more than once
    for _ in 0..3 {
        let page = app.client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(page.status(), 200);
    }
    app.sign_in("bob@example.org", PASSWORD)
        .await
        .assert_error(403, "email_not_verified");

    let token = mail.token("/verify-email");
    let confirm = app
        .post(
            "/api/v1/email-verifications/confirm",
            None,
            json!({"token": token}),
        )
        .await;
    confirm.assert(200);
    assert_eq!(confirm.json["email"], "bob@example.org");
    assert!(confirm.json["account_id"].is_string());

    // single use, by the API and by the page
    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": token}),
    )
    .await
    .assert_error(400, "token_invalid");
    let again = app
        .client
        .post(app.url("/verify-email"))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("This link is not valid")
    );

    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": "made-up"}),
    )
    .await
    .assert_error(400, "token_invalid");
}

#[tokio::test]
async fn links_expire_after_24_hours() {
    let app = TestApp::spawn().await;
    app.register("cy@example.org", PASSWORD).await.assert(202);
    let token = app.mail_to("cy@example.org").await.token("/verify-email");
    app.clock
        .advance(Duration::hours(24) + Duration::seconds(1));
    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": token}),
    )
    .await
    .assert_error(410, "token_expired");
    let page = app
        .client
        .get(app.url(&format!("/verify-email?token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 410);
    assert!(page.text().await.unwrap().contains("This link has expired"));
}

#[tokio::test]
async fn registering_a_taken_address_answers_the_same_and_mails_a_notice() {
    let app = TestApp::spawn().await;
    app.verified_account("taken@example.org").await;

    let known = app
        .register("taken@example.org", "another password 123")
        .await;
    let unknown = app
        .register("fresh@example.org", "another password 123")
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.text, unknown.text, "identical bodies");

    let notice = app.mail_to("taken@example.org").await;
    assert!(
        notice.subject.contains("Someone tried to register"),
        "{}",
        notice.subject
    );
    assert!(
        !notice.text.contains("token="),
        "a notice carries no link token"
    );
    app.mail_to("fresh@example.org")
        .await
        .token("/verify-email");

    // the account keeps its password
    app.sign_in("taken@example.org", PASSWORD).await.assert(201);
    app.sign_in("taken@example.org", "another password 123")
        .await
        .assert_error(401, "invalid_credentials");
}

#[tokio::test]
async fn whoever_opens_a_link_gets_the_password_of_that_registration() {
    // Someone registered the address first (with their password) and never verified it.
    // The owner registers too: the owner's link must not hand the account to the first.
    let app = TestApp::spawn().await;
    app.register("owner@example.org", "squatter password 1")
        .await
        .assert(202);
    let squatters = app
        .mail_to("owner@example.org")
        .await
        .token("/verify-email");
    app.clock.advance(Duration::seconds(61)); // past the one-mail-a-minute limit
    app.register("owner@example.org", "owners own password")
        .await
        .assert(202);
    let owners = app
        .mail_to("owner@example.org")
        .await
        .token("/verify-email");

    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": owners}),
    )
    .await
    .assert(200);
    app.sign_in("owner@example.org", "owners own password")
        .await
        .assert(201);
    app.sign_in("owner@example.org", "squatter password 1")
        .await
        .assert_error(401, "invalid_credentials");
    // and the other link died with the verification
    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": squatters}),
    )
    .await
    .assert_error(400, "token_invalid");
}

#[tokio::test]
async fn resend_answers_the_same_for_everyone_and_mails_at_most_once_a_minute() {
    let app = TestApp::spawn().await;
    app.register("slow@example.org", PASSWORD).await.assert(202);
    app.mail_to("slow@example.org").await;
    app.verified_account("done@example.org").await;

    let mut bodies = Vec::new();
    for email in [
        "slow@example.org",
        "done@example.org",
        "nobody@example.org",
        "not an address",
    ] {
        let resp = app
            .post(
                "/api/v1/email-verifications/resend",
                None,
                json!({"email": email}),
            )
            .await;
        resp.assert(202);
        bodies.push(resp.text);
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");
    app.run_jobs_until_idle().await;
    assert_eq!(
        app.mails_to("slow@example.org").len(),
        1,
        "throttled: one a minute"
    );
    assert_eq!(
        app.mails_to("done@example.org").len(),
        1,
        "verified: no new link"
    );
    assert!(app.mails_to("nobody@example.org").is_empty());

    app.clock.advance(Duration::seconds(61));
    app.post(
        "/api/v1/email-verifications/resend",
        None,
        json!({"email": "SLOW@example.org"}),
    )
    .await
    .assert(202);
    let token = app.mail_to("slow@example.org").await.token("/verify-email");
    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": token}),
    )
    .await
    .assert(200);
}

#[tokio::test]
async fn invalid_registrations_name_every_bad_field_and_write_nothing() {
    let app = TestApp::spawn().await;
    let resp = app
        .post(
            "/api/v1/registrations",
            None,
            json!({"email": "not-an-email", "password": "short", "accept_terms": false}),
        )
        .await;
    resp.assert_error(422, "validation_failed");
    let mut fields: Vec<_> = resp.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    fields.sort();
    assert_eq!(fields, ["accept_terms", "email", "password"]);

    let same = app
        .post(
            "/api/v1/registrations",
            None,
            json!({"email": "eve.long.address@example.org", "password": "eve.long.address@example.org", "accept_terms": true}),
        )
        .await;
    same.assert_error(422, "validation_failed");
    assert_eq!(same.json["errors"][0]["field"], "password");

    let eleven = app
        .post(
            "/api/v1/registrations",
            None,
            json!({"email": "eve@example.org", "password": "eleven char", "accept_terms": true}),
        )
        .await;
    eleven.assert_error(422, "validation_failed");

    app.run_jobs_until_idle().await;
    assert_eq!(app.count("select count(*) from accounts").await, 0);
    assert_eq!(app.count("select count(*) from outbox").await, 0);
    assert!(app.smtp.received().is_empty());
}

/// The mail and the link page say what the product does: the account exists from
/// registration on (unverified, in the admin API), and a resend leaves the older link
/// working, until one of them verifies the address.
#[tokio::test]
async fn the_mail_and_the_link_page_say_what_happens() {
    let app = TestApp::spawn().await;
    app.register("honest@example.org", PASSWORD)
        .await
        .assert(202);
    let first = app.mail_to("honest@example.org").await;
    assert!(
        !first.text.contains("no account is created"),
        "{}",
        first.text
    );
    assert!(
        first.text.contains("can't be signed in to"),
        "{}",
        first.text
    );
    let root = app.admin_session().await;
    let users = app
        .get("/api/v1/admin/users?query=honest", Some(&root))
        .await;
    users.assert(200);
    let listed = &users.json["items"][0];
    assert_eq!(listed["email"], "honest@example.org", "{}", users.text);
    assert_eq!(listed["email_verified"], false, "{}", users.text);

    app.clock.advance(Duration::seconds(61));
    app.post(
        "/api/v1/email-verifications/resend",
        None,
        json!({"email": "honest@example.org"}),
    )
    .await
    .assert(202);
    let second = app.mail_to("honest@example.org").await;
    // the older link still works after a resend ...
    let confirm = |token: String| {
        app.client
            .post(app.url("/verify-email"))
            .form(&[("token", token)])
            .send()
    };
    let used = confirm(first.token("/verify-email")).await.unwrap();
    assert_eq!(used.status(), 200);
    // ... and once it verified the address, the newer one stops, as its page says
    let page = confirm(second.token("/verify-email")).await.unwrap();
    assert_eq!(page.status(), 400);
    let html = page.text().await.unwrap();
    assert!(!html.contains("newer one replaced it"), "{html}");
    assert!(
        html.contains("once one of them verified the address"),
        "{html}"
    );
}
