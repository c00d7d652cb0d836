//! The account console's shared parts: the session cookie, CSRF, the terms gate,
//! "Confirm your identity", where `next` may lead, and the browser checks every page
//! gets (axe-core, screenshots at 1280 and 390 px, script off).

use crate::support::console::browser_with_session;
use crate::support::{PASSWORD, TestApp};

#[tokio::test]
async fn confirm_your_identity_elevates_the_session_and_leads_back() {
    let app = TestApp::spawn().await;
    // a session made long enough ago that it is no longer elevated
    let token = app.signed_in("ada@example.org").await;
    app.clock.advance(time::Duration::minutes(30));

    app.post(
        "/api/v1/account/recovery-codes",
        Some(&token),
        serde_json::json!({}),
    )
    .await
    .assert_error(403, "reauthentication_required");

    let browser = browser_with_session(&app, &token, true).await;
    browser
        .goto(&app.url("/account/confirm-identity?next=/account/activity"))
        .await;
    assert_eq!(browser.text("h1").await, "Confirm your identity");
    browser.check_page("console-confirm-identity").await;

    // a wrong password: said beside the field, nothing typed is kept
    browser.fill("#password", "not the password at all").await;
    browser.submit("/account/confirm-identity").await;
    assert_eq!(
        browser.text("#password-error").await,
        "The password is wrong."
    );
    browser.check_page("console-confirm-identity-error").await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("/account/confirm-identity").await;
    assert_eq!(browser.path().await, "/account/activity");
    // the session itself is elevated now: a sensitive API call goes through
    app.post(
        "/api/v1/account/recovery-codes",
        Some(&token),
        serde_json::json!({}),
    )
    .await
    .assert_error(409, "two_factor_not_enabled");
    browser.close().await;
}

#[tokio::test]
async fn without_javascript_the_pages_still_work() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let browser = browser_with_session(&app, &token, false).await;
    browser
        .goto(&app.url("/account/confirm-identity?next=/account"))
        .await;
    assert!(browser.page_text().await.contains("enter your password"));
    browser.fill_labelled("Password", PASSWORD).await;
    browser.press("Confirm").await;
    assert_eq!(browser.path().await, "/account");
    // the layout's links work as links
    browser
        .goto(&app.url("/account/confirm-identity?next=/account"))
        .await;
    browser.follow("Signing In").await;
    assert_eq!(browser.path().await, "/account/security");
    browser.close().await;
}
