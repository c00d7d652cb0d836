//! Passkeys in the console, in a real browser with Chromium's virtual authenticator: add
//! one on "Signing In", sign out, "Sign in with a passkey", remove it. Without
//! JavaScript no passkey button shows and signing in with a password still works.

use serde_json::json;

use crate::support::browser::Browser;
use crate::support::process::free_port;
use crate::support::{PASSWORD, TestApp};

/// An app whose public URL is http://localhost:<port> (a relying party needs a host
/// name), with ada@example.org verified. Accounts are made first on the test's own
/// public URL, whose links the mail helpers follow.
async fn app_on_localhost() -> (TestApp, String) {
    let app = TestApp::spawn().await;
    app.verified_account("ada@example.org").await;
    let port = free_port();
    let app = app
        .restart_with(|c| {
            c.server.bind = format!("127.0.0.1:{port}").parse().unwrap();
            c.server.public_url = format!("http://localhost:{port}");
        })
        .await;
    (app, format!("http://localhost:{port}"))
}

async fn sign_in_with_password(browser: &Browser, base: &str) {
    browser.goto(&format!("{base}/sign-in")).await;
    browser.fill("#email", "ada@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.press("Sign in").await;
    assert_eq!(browser.path().await, "/account");
}

#[tokio::test]
async fn a_passkey_added_on_the_security_page_signs_in_alone_and_is_removed() {
    let (app, base) = app_on_localhost().await;
    let browser = Browser::start().await;
    browser.add_virtual_authenticator().await;
    sign_in_with_password(&browser, &base).await;

    browser.goto(&format!("{base}/account/security")).await;
    browser.check_page("passkeys-security-empty").await;
    browser.fill("#passkey-name", "Laptop").await;
    browser.press("Add a passkey").await;
    assert!(browser.page_text().await.contains("Laptop"));
    browser.check_page("passkeys-add").await;
    browser.press("Create the passkey").await;
    // the first second factor: the recovery codes, once
    assert!(
        browser.page_text().await.contains("recovery codes"),
        "{}",
        browser.page_text().await
    );
    assert_eq!(app.count("select count(*) from passkeys").await, 1);
    browser.goto(&format!("{base}/account/security")).await;
    let text = browser.page_text().await;
    assert!(text.contains("Laptop"), "{text}");
    browser.check_page("passkeys-security-one").await;

    // renamed like an authenticator app: a blank name is refused beside the field
    browser.follow("Rename").await;
    assert_eq!(browser.value("#name").await, "Laptop");
    browser.check_page("passkeys-rename").await;
    browser.fill("#name", "   ").await;
    browser.press("Rename").await;
    let error = browser.text("#name-error").await;
    assert!(error.contains("Name the passkey"), "{error}");
    browser.check_page("passkeys-rename-error").await;
    browser.fill("#name", "Work laptop").await;
    browser.press("Rename").await;
    assert_eq!(browser.path().await, "/account/security");
    let text = browser.page_text().await;
    assert!(text.contains("The passkey is renamed."), "{text}");
    assert!(text.contains("Work laptop"), "{text}");
    let renamed = "select count(*) from passkeys where name = 'Work laptop'";
    assert_eq!(app.count(renamed).await, 1);

    browser.press("Sign out").await;
    browser.goto(&format!("{base}/sign-in")).await;
    browser.check_page("passkeys-sign-in").await;
    // the page holds no challenge: the script asks for one on the press
    let challenges = "select count(*) from passkey_challenges";
    assert_eq!(app.count(challenges).await, 0);
    browser.press("Sign in with a passkey").await;
    assert_eq!(browser.path().await, "/account");
    let used = app
        .count("select count(*) from audit_events where type = 'passkey.used'")
        .await;
    assert_eq!(used, 1);

    // the password, then the passkey as the second step
    browser.press("Sign out").await;
    browser.goto(&format!("{base}/sign-in")).await;
    browser.fill("#email", "ada@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.press("Sign in").await;
    browser.check_page("passkeys-second-step").await;
    browser.press("Sign in with a passkey").await;
    assert_eq!(browser.path().await, "/account");

    // later, removing it asks to confirm who it is: the passkey does
    app.clock.advance(time::Duration::minutes(11));
    browser.goto(&format!("{base}/account/security")).await;
    browser.press("Remove").await;
    assert_eq!(browser.path().await, "/account/confirm-identity");
    browser.check_page("passkeys-confirm-identity").await;
    browser.press("Confirm with a passkey").await;
    assert_eq!(browser.path().await, "/account/security");
    browser.press("Remove").await;
    assert!(
        browser
            .page_text()
            .await
            .contains("The passkey is removed.")
    );
    assert_eq!(app.count("select count(*) from passkeys").await, 0);
    browser.close().await;
}

#[tokio::test]
async fn loading_the_sign_in_page_stores_no_passkey_challenge() {
    let (app, _base) = app_on_localhost().await;
    let challenges = "select count(*) from passkey_challenges";
    for _ in 0..5 {
        let page = app.get("/sign-in", None).await;
        assert_eq!(page.status, 200);
        assert!(
            page.text.contains("Sign in with a passkey"),
            "{}",
            page.text
        );
        assert!(!page.text.contains("data-options="), "{}", page.text);
    }
    assert_eq!(app.count(challenges).await, 0);
    // the press: the API makes one, for that ceremony only
    let started = app.post("/api/v1/sessions/passkey", None, json!({})).await;
    started.assert(200);
    assert!(started.json["options"]["challenge"].is_string());
    assert_eq!(app.count(challenges).await, 1);
}

#[tokio::test]
async fn without_javascript_no_passkey_button_shows_and_passwords_still_work() {
    let (_app, base) = app_on_localhost().await;
    let browser = Browser::start_without_javascript().await;
    browser.goto(&format!("{base}/sign-in")).await;
    let text = browser.page_text().await;
    assert!(!text.contains("Sign in with a passkey"), "{text}");
    sign_in_with_password(&browser, &base).await;
    browser.goto(&format!("{base}/account/security")).await;
    let text = browser.page_text().await;
    assert!(text.contains("Passkeys"), "{text}");
    assert!(!text.contains("Add a passkey"), "{text}");
    browser.check_page("passkeys-security-no-script").await;
    browser.close().await;
}
