//! Languages: an account's `locale`, chosen at registration from the body or the
//! browser's `Accept-Language`, changed over the API, and the mail written in it.

use reqwest::Method;
use serde_json::json;

use crate::support::{PASSWORD, TestApp};

async fn register_with(app: &TestApp, email: &str, accept_language: &str, locale: Option<&str>) {
    let mut body = json!({"email": email, "password": PASSWORD, "accept_terms": true});
    if let Some(locale) = locale {
        body["locale"] = json!(locale);
    }
    let resp = app
        .client
        .post(app.url("/api/v1/registrations"))
        .header("accept-language", accept_language)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 202, "{}", resp.text().await.unwrap());
}

async fn verify_and_sign_in(app: &TestApp, email: &str) -> String {
    let token = app.mail_to(email).await.token("/verify-email");
    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": token}),
    )
    .await
    .assert(200);
    let resp = app.sign_in(email, PASSWORD).await;
    resp.assert(201);
    resp.json["token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_offered_languages_are_listed_without_signing_in() {
    let app = TestApp::spawn().await;
    let resp = app.get("/api/v1/locales", None).await;
    resp.assert(200);
    assert_eq!(
        resp.json,
        json!({"default": "en", "available": ["en", "de", "fr", "es"]})
    );
}

#[tokio::test]
async fn a_german_browser_registers_in_german_and_gets_german_mail() {
    let app = TestApp::spawn().await;
    register_with(&app, "anna@example.org", "de-CH, de;q=0.9, en;q=0.5", None).await;
    let mail = app.mail_to("anna@example.org").await;
    assert!(mail.subject.contains("E-Mail-Adresse"), "{}", mail.subject);
    assert!(mail.text.starts_with("Hallo"), "{}", mail.text);
    assert!(mail.html.contains("lang=\"de\""));
    let token = mail.token("/verify-email");
    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": token}),
    )
    .await
    .assert(200);
    let session = app.sign_in("anna@example.org", PASSWORD).await;
    let session = session.json["token"].as_str().unwrap();
    let account = app.get("/api/v1/account", Some(session)).await;
    assert_eq!(account.json["locale"], "de");
}

#[tokio::test]
async fn the_body_s_locale_wins_over_the_browser_and_an_unknown_one_is_refused() {
    let app = TestApp::spawn().await;
    register_with(&app, "jean@example.org", "de", Some("fr")).await;
    let mail = app.mail_to("jean@example.org").await;
    assert!(mail.text.starts_with("Bonjour"), "{}", mail.text);

    // a language that is not offered: the field's error, no account, no mail
    let resp = app
        .post(
            "/api/v1/registrations",
            None,
            json!({"email": "kor@example.org", "password": PASSWORD,
                   "accept_terms": true, "locale": "tlh"}),
        )
        .await;
    resp.assert_error(422, "validation_failed");
    assert_eq!(resp.json["errors"][0]["field"], "locale");
    assert!(
        resp.json["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("en, de, fr, es")
    );
    assert_eq!(
        app.count("select count(*) from accounts where email = 'kor@example.org'")
            .await,
        0
    );
    // a browser asking only for languages not offered: the default
    register_with(&app, "ole@example.org", "nb, sv;q=0.8", None).await;
    let mail = app.mail_to("ole@example.org").await;
    assert!(mail.text.starts_with("Hello"), "{}", mail.text);
}

#[tokio::test]
async fn changing_the_locale_changes_the_next_mail() {
    let app = TestApp::spawn().await;
    register_with(&app, "ada@example.org", "en", None).await;
    let token = verify_and_sign_in(&app, "ada@example.org").await;
    let patch = |body| app.request(Method::PATCH, "/api/v1/account", Some(&token), Some(body));
    let resp = patch(json!({"locale": "ES"})).await;
    resp.assert(200);
    assert_eq!(resp.json["locale"], "es");
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["locale"],
        "es"
    );
    // the notice to the old address of an email change is in the account's language
    app.post(
        "/api/v1/account/email",
        Some(&token),
        json!({"new_email": "ada@new.example.org"}),
    )
    .await
    .assert(202);
    let to_new = app.mail_to("ada@new.example.org").await;
    assert!(to_new.text.starts_with("Hola"), "{}", to_new.text);
    let to_old = app.mail_to("ada@example.org").await;
    assert!(to_old.text.starts_with("Hola"), "{}", to_old.text);

    // not offered, or not a language tag: the field's error, nothing changed
    for bad in ["it", "not a tag", ""] {
        let resp = patch(json!({"locale": bad})).await;
        resp.assert_error(422, "validation_failed");
        assert_eq!(resp.json["errors"][0]["field"], "locale", "{bad}");
    }
    let resp = patch(json!({"locale": "x".repeat(40)})).await;
    resp.assert_error(422, "validation_failed");
    // a good locale beside a bad name: neither is saved
    let resp = patch(json!({"locale": "de", "display_name": "Ada\u{7}"})).await;
    resp.assert_error(422, "validation_failed");
    assert_eq!(resp.json["errors"][0]["field"], "display_name");
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["locale"],
        "es"
    );
}

#[tokio::test]
async fn an_admin_creates_a_user_in_a_language() {
    let app = TestApp::spawn().await;
    let admin = app.admin_session().await;
    let resp = app
        .post(
            "/api/v1/admin/users",
            Some(&admin),
            json!({"email": "eva@example.org", "send_invite": true, "locale": "de"}),
        )
        .await;
    resp.assert(201);
    let invite = app.mail_to("eva@example.org").await;
    assert!(invite.text.starts_with("Hallo"), "{}", invite.text);
    let resp = app
        .post(
            "/api/v1/admin/users",
            Some(&admin),
            json!({"email": "zed@example.org", "locale": "zz"}),
        )
        .await;
    resp.assert_error(422, "validation_failed");
}
