//! The admin page in a real headless Chromium.

use serde_json::json;
use time::Duration;

use crate::support::browser::Browser;
use crate::support::{PASSWORD, TestApp};

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.goto(&app.url("/admin")).await;
    assert_eq!(browser.path().await, "/admin/sign-in", "sent to sign in");
    browser.fill("#email", email).await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("/admin/sign-in").await;
}

#[tokio::test]
async fn an_operator_runs_the_user_lifecycle_from_the_page() {
    let app = TestApp::spawn().await;
    app.verified_admin("root@example.org").await;
    let api = app.sign_in("root@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    for (email, name) in [
        ("carol@example.org", "Carol Jones"),
        ("dave@example.org", "<script>alert('owned')</script>"),
        ("erin@example.org", "Erin"),
    ] {
        app.post(
            "/api/v1/admin/users",
            Some(&api),
            json!({"email": email, "display_name": name, "password": PASSWORD, "email_verified": true}),
        )
        .await
        .assert(201);
    }
    let carol = app.sign_in("carol@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();

    let browser = Browser::start().await;
    sign_in(&browser, &app, "root@example.org").await;
    assert_eq!(browser.path().await, "/admin/users");
    assert_eq!(browser.texts("#users tbody tr").await.len(), 4);

    // a name with markup is shown as text, not run
    let names = browser.texts("#users tbody td:nth-child(2)").await;
    assert!(
        names.contains(&"<script>alert('owned')</script>".to_owned()),
        "{names:?}"
    );
    let html = browser.client.source().await.unwrap();
    assert!(!html.contains("<script>alert"), "escaped in the markup");
    let shot = browser.screenshot("admin-users.png").await;
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 1000,
        "a real picture"
    );

    // search
    browser.fill("input[name=query]", "carol").await;
    browser.click("form.search button").await;
    let rows = browser.texts("#users tbody tr").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("carol@example.org"));
    assert!(browser.text("h1").await.contains("(1)"));

    // deactivate, with a confirmation first; her session dies at once
    browser.click("#users a").await;
    assert_eq!(browser.text("#user-email").await, "carol@example.org");
    let user_path = browser.path().await;
    browser.submit(&format!("{user_path}/deactivate")).await;
    assert!(browser.text("h1").await.contains("Deactivate this user?"));
    app.get("/api/v1/account", Some(&carol)).await.assert(200);
    browser.click("#confirm").await;
    assert_eq!(browser.text("#status").await, "deactivated");
    assert!(browser.text(".notice").await.contains("deactivated"));
    app.get("/api/v1/account", Some(&carol))
        .await
        .assert_error(401, "unauthenticated");
    app.sign_in("carol@example.org", PASSWORD)
        .await
        .assert_error(403, "account_deactivated");

    // reactivate (no confirmation needed)
    browser.submit(&format!("{user_path}/reactivate")).await;
    assert_eq!(browser.text("#status").await, "active");
    app.sign_in("carol@example.org", PASSWORD).await.assert(201);

    // a POST without the form's CSRF token is refused, even with the admin's cookie
    let cookie = browser
        .cookie("steward_admin")
        .await
        .expect("a session cookie");
    let forged = reqwest::Client::new()
        .post(app.url(&format!("{user_path}/deactivate")))
        .header("cookie", format!("steward_admin={cookie}"))
        .form(&[("confirm", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let forged = reqwest::Client::new()
        .post(app.url(&format!("{user_path}/deactivate")))
        .header("cookie", format!("steward_admin={cookie}"))
        .form(&[("confirm", "yes"), ("csrf", "0123456789abcdef")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    app.sign_in("carol@example.org", PASSWORD).await.assert(201);

    // a phone-sized screen: nothing wider than the screen
    browser.client.set_window_size(390, 844).await.unwrap();
    browser.goto(&app.url("/admin/users")).await;
    let fits = browser
        .client
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, json!(true), "no sideways scrolling on a phone");
    browser.screenshot("admin-users-phone.png").await;

    // sign out ends the session
    browser.click(".bar button").await;
    assert_eq!(browser.path().await, "/admin/sign-in");
    let after = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/admin/users"))
        .header("cookie", format!("steward_admin={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 303, "the old cookie no longer works");
    browser.close().await;
}

#[tokio::test]
async fn admins_with_two_factor_give_a_code_and_others_are_refused() {
    let app = TestApp::spawn().await;
    app.verified_admin("root@example.org").await;
    let api = app.sign_in("root@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(
        "/api/v1/sessions/current/reauthenticate",
        Some(&api),
        json!({"password": PASSWORD}),
    )
    .await
    .assert(200);
    let (authenticator, _) = app.enroll_totp(&api, "phone").await;
    app.verified_account("user@example.org").await;

    let browser = Browser::start().await;
    sign_in(&browser, &app, "user@example.org").await;
    assert!(browser.text(".error").await.contains("not an admin"));

    sign_in(&browser, &app, "root@example.org").await;
    assert_eq!(browser.text("h1").await, "Second factor");
    browser.fill("#code", "000000").await;
    browser.submit("/admin/sign-in").await;
    assert!(browser.text(".error").await.contains("wrong"));
    app.clock.advance(Duration::seconds(30)); // a fresh time step: codes are single-use
    let code = authenticator.code_at(app.clock.now().0);
    browser.fill("#code", &code).await;
    browser.submit("/admin/sign-in").await;
    assert_eq!(browser.path().await, "/admin/users");
    browser.close().await;
}

#[tokio::test]
async fn the_page_sends_strict_headers_and_cookies() {
    let app = TestApp::spawn().await;
    let resp = reqwest::get(app.url("/admin/sign-in")).await.unwrap();
    assert_eq!(resp.status(), 200);
    let csp = resp.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"));
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "http: no Secure flag here");
    // a sign-in without the form's token is refused before any password is checked
    let resp = reqwest::Client::new()
        .post(app.url("/admin/sign-in"))
        .form(&[("email", "root@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    // behind https the cookie is Secure
    let app =
        TestApp::spawn_with(|c| c.server.public_url = "https://steward.example.org".into()).await;
    let resp = reqwest::get(app.url("/admin/sign-in")).await.unwrap();
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}
