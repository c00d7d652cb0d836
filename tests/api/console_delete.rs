//! "Delete your account" in a real browser: "Confirm your identity" first, the email
//! typed out, then signed out, "Your account is being deleted", everything gone after
//! the jobs and the goodbye mail; allowed with the terms outdated.

use crate::support::console::{
    add_host, add_integration, browser_with_session, csrf_in, get_page, post_form, session,
};
use crate::support::{PASSWORD, TestApp};

#[tokio::test]
async fn deleting_the_account_asks_for_the_email_then_signs_out_and_says_goodbye() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("leaving@example.org").await;
    let sub = app.subscribe(&token, "on-premise-trial").await;
    let host = add_host(&app, &token, &sub, "Main").await;
    add_integration(&app, &token, &host, "Slack").await;
    // long enough after signing in that the identity must be confirmed again
    app.clock.advance(time::Duration::minutes(30));

    let browser = browser_with_session(&app, &token, true).await;
    browser.goto(&app.url("/account/delete")).await;
    assert_eq!(browser.path().await, "/account/confirm-identity");
    browser.fill("#password", PASSWORD).await;
    browser.submit("/account/confirm-identity").await;
    assert_eq!(browser.path().await, "/account/delete");
    assert_eq!(browser.text("h1").await, "Delete your account");
    assert_eq!(
        browser.texts(".goes li").await,
        [
            "1 subscription, cancelled",
            "1 host, deleted",
            "1 integration, deleted"
        ]
    );
    browser.check_page("console-delete").await;

    // the wrong address: said beside it, nothing deleted
    browser.fill("#email", "someone@example.org").await;
    browser.submit("/account/delete").await;
    assert_eq!(
        browser.text("#email-error").await,
        "This is not your account's email address. Type it exactly as shown."
    );
    assert_eq!(browser.value("#email").await, "someone@example.org");
    browser.check_page("console-delete-error").await;
    app.get("/api/v1/account", Some(&token)).await.assert(200);

    browser.fill("#email", "leaving@example.org").await;
    browser.submit("/account/delete").await;
    assert_eq!(browser.path().await, "/account/deleted");
    assert_eq!(browser.text("h1").await, "Your account is being deleted");
    browser.check_page("console-deleted").await;
    // signed out: here and everywhere
    assert!(
        browser
            .cookie("steward_session")
            .await
            .unwrap_or_default()
            .is_empty()
    );
    browser.goto(&app.url("/account/sessions")).await;
    assert_eq!(browser.path().await, "/sign-in");
    app.get("/api/v1/account", Some(&token))
        .await
        .assert_error(401, "unauthenticated");
    browser.close().await;

    app.run_jobs_until_idle().await;
    for sql in [
        "select count(*) from accounts",
        "select count(*) from subscriptions",
        "select count(*) from hosts",
        "select count(*) from integrations",
    ] {
        assert_eq!(app.count(sql).await, 0, "{sql}");
    }
    let goodbye = app.mail_to("leaving@example.org").await;
    assert!(
        goodbye.subject.contains("account was deleted"),
        "{}",
        goodbye.subject
    );
    app.sign_in("leaving@example.org", PASSWORD)
        .await
        .assert_error(401, "invalid_credentials");
}

#[tokio::test]
async fn the_account_can_be_deleted_with_the_terms_outdated() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    app.sql()
        .exec(
            "update accounts set terms_version_accepted = 'an old one'",
            &[],
        )
        .await;
    // the other pages send to the terms first
    let hosting = get_page(&app, "/hosting", &session(&token)).await;
    assert_eq!(hosting.status, 303);
    assert!(
        hosting.headers["location"]
            .to_str()
            .unwrap()
            .starts_with("/terms")
    );
    let page = get_page(&app, "/account/delete", &session(&token)).await;
    assert_eq!(page.status, 200, "{}", page.text);
    let resp = post_form(
        &app,
        "/account/delete",
        &session(&token),
        &[
            ("csrf", &csrf_in(&page.text)),
            ("email", " ADA@example.org "),
        ],
    )
    .await;
    assert_eq!(resp.status, 303);
    assert_eq!(resp.headers["location"], "/account/deleted");
    app.get("/api/v1/account", Some(&token))
        .await
        .assert_error(401, "unauthenticated");
}
