//! One person's whole life in the account console, in a real Chromium over real HTTP
//! and SMTP, by the words on the pages: register, verify, sign in, accept new terms, add
//! an authenticator app from "Unable to scan", sign in with a code, change the email and
//! the password, forget it and reset it, subscribe and add a host and an integration,
//! and delete the account. Once with JavaScript on (axe-core on the main pages), once
//! with it off.

use time::Duration;

use crate::console_account::authenticator_from_page;
use crate::support::browser::Browser;
use crate::support::console::local;
use crate::support::{Authenticator, PASSWORD, TestApp};

const NEW_PASSWORD: &str = "a much longer passphrase, 2026";
const NEWEST_PASSWORD: &str = "reset from the browser, at last";

#[tokio::test]
async fn a_person_does_everything_in_the_browser() {
    journey(true).await;
}

#[tokio::test]
async fn a_person_does_everything_with_javascript_off() {
    journey(false).await;
}

/// Confirms the person's identity when the console asks for it (the sign-in's own
/// window may still be open), then the page it came for is shown.
async fn confirm_identity_if_asked(
    browser: &Browser,
    password: &str,
    totp: Option<&Authenticator>,
    app: &TestApp,
) {
    if browser.text("h1").await != "Confirm your identity" {
        return;
    }
    browser.fill_labelled("Password", password).await;
    if let Some(totp) = totp {
        app.clock.advance(Duration::seconds(30));
        browser
            .fill_labelled("Code", &totp.code_at(app.clock.now().0))
            .await;
    }
    browser.press("Confirm").await;
}

/// The link to `path` in the next mail to `address` that has one (notices come between).
async fn link_in_next_mail(app: &TestApp, address: &str, path: &str) -> String {
    local(app, &app.mail_linking(address, path).await.link(path))
}

async fn sign_in(
    browser: &Browser,
    app: &TestApp,
    email: &str,
    password: &str,
    totp: Option<&Authenticator>,
) {
    browser.goto(&app.url("/")).await;
    assert_eq!(browser.path().await, "/sign-in");
    browser.fill_labelled("Email", email).await;
    browser.fill_labelled("Password", password).await;
    browser.press("Sign in").await;
    if let Some(totp) = totp {
        // the second step: a code from the app, in a fresh time step
        app.clock.advance(Duration::seconds(30));
        browser
            .fill_labelled("Code", &totp.code_at(app.clock.now().0))
            .await;
        browser.press("Sign in").await;
    }
}

async fn journey(javascript: bool) {
    let app = TestApp::spawn().await;
    let browser = if javascript {
        Browser::start().await
    } else {
        Browser::start_without_javascript().await
    };
    let shot = |name: &str| format!("journey-{}-{name}", if javascript { "js" } else { "nojs" });
    let email = "ada@example.org";

    // register → "Check your email" → the mail → "Verify my email"
    browser.goto(&app.url("/")).await;
    assert_eq!(browser.path().await, "/sign-in");
    browser.follow("Create account").await;
    browser.fill_labelled("Email", email).await;
    browser.fill_labelled("Password", PASSWORD).await;
    browser.fill_labelled("Display name", "Ada").await;
    browser.toggle("#accept_terms").await;
    browser.press("Next Step").await;
    assert_eq!(browser.text("h1").await, "Check your email");
    let link = link_in_next_mail(&app, email, "/verify-email").await;
    browser.goto(&link).await;
    browser.press("Verify my email").await;
    assert!(browser.page_text().await.contains("Your email is verified"));

    // a session elsewhere (a script), which the password change will end
    let elsewhere = app.sign_in(email, PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();

    // sign in, then the operator publishes new terms: "Accept" comes first
    sign_in(&browser, &app, email, PASSWORD, None).await;
    assert_eq!(browser.path().await, "/account");
    assert_eq!(browser.text("h1").await, "Your Account");
    let app = app
        .restart_with(|c| c.terms.version = "2099-01".into())
        .await;
    browser.goto(&app.url("/account/security")).await;
    assert_eq!(browser.path().await, "/terms");
    browser.press("Accept").await;
    assert_eq!(browser.path().await, "/account/security");

    // an authenticator app, typed in from "Unable to scan"
    browser.follow("Set up an authenticator application").await;
    confirm_identity_if_asked(&browser, PASSWORD, None, &app).await;
    assert_eq!(
        browser.text("h1").await,
        "Set up an authenticator application"
    );
    if javascript {
        browser.check_page(&shot("authenticator")).await;
    }
    let totp = authenticator_from_page(&browser).await;
    browser
        .fill_labelled("Code", &totp.code_at(app.clock.now().0))
        .await;
    browser.fill_labelled("Device name", "Phone").await;
    browser.press("Submit").await;
    let codes = browser.texts("li code").await;
    assert_eq!(codes.len(), 10, "ten recovery codes, shown once: {codes:?}");
    let download = browser
        .client
        .find(fantoccini::Locator::Css("a[download]"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(download.starts_with("data:text/plain"), "{download}");

    // sign out, and back in with a code
    browser.press("Sign out").await;
    assert_eq!(browser.path().await, "/sign-in");
    sign_in(&browser, &app, email, PASSWORD, Some(&totp)).await;
    assert_eq!(browser.path().await, "/account");

    // a new email address: the banner, then the link sent to it
    let new_email = "ada.lovelace@example.org";
    browser.fill_labelled("Email", new_email).await;
    browser.press("Save").await;
    if browser.text("h1").await == "Confirm your identity" {
        confirm_identity_if_asked(&browser, PASSWORD, Some(&totp), &app).await;
        browser.fill_labelled("Email", new_email).await;
        browser.press("Save").await;
    }
    assert!(
        browser.page_text().await.contains(new_email),
        "the banner names the new address"
    );
    let link = link_in_next_mail(&app, new_email, "/confirm-email").await;
    browser.goto(&link).await;
    browser.press("Confirm Email Address").await;
    browser.goto(&app.url("/account")).await;
    assert_eq!(browser.value("#email").await, new_email);

    // a new password: every other session ends
    browser.follow("Authentication Settings").await;
    browser.follow("Update").await;
    confirm_identity_if_asked(&browser, PASSWORD, Some(&totp), &app).await;
    browser.fill_labelled("New password", NEW_PASSWORD).await;
    browser
        .fill_labelled("Confirm password", NEW_PASSWORD)
        .await;
    browser.press("Update").await;
    app.get("/api/v1/account", Some(&elsewhere))
        .await
        .assert_error(401, "unauthenticated");

    // forgotten: /reset, the mail's button, then back here
    browser.press("Sign out").await;
    browser
        .follow("Not sure of your password? Set a new one")
        .await;
    browser.fill_labelled("Email", new_email).await;
    browser.press("Send Reset Email").await;
    let sent_page = browser.client.current_url().await.unwrap().to_string();
    browser.press("I have verified my email address").await;
    assert!(
        browser.page_text().await.contains("not confirmed yet"),
        "pressed too early, it says so"
    );
    let link = link_in_next_mail(&app, new_email, "/reset-password").await;
    browser.goto(&link).await;
    browser.press("Confirm changing my password").await;
    browser.goto(&sent_page).await;
    browser.press("I have verified my email address").await;
    browser.fill_labelled("New password", NEWEST_PASSWORD).await;
    browser
        .fill_labelled("Confirm password", NEWEST_PASSWORD)
        .await;
    app.clock.advance(Duration::seconds(30));
    browser
        .fill_labelled("Code", &totp.code_at(app.clock.now().0))
        .await;
    browser.press("Reset password").await;
    assert!(
        browser.page_text().await.contains(
            "Your password has been reset. All your other sessions have been signed out."
        )
    );
    browser.follow("Return to login screen").await;
    sign_in(&browser, &app, new_email, NEWEST_PASSWORD, Some(&totp)).await;
    assert_eq!(browser.path().await, "/account");

    // hosting: a subscription, a host, an integration
    browser.follow("Hosting").await;
    browser.press("Subscribe").await;
    browser.fill_labelled("Name", "Chat server").await;
    browser.fill_labelled("Domain", "chat.example.org").await;
    browser.press("Add host").await;
    browser.goto(&app.url("/hosting")).await;
    browser.follow("Chat server").await;
    browser.follow("Add integration").await;
    browser.fill_labelled("Kind", "matrix-bridge").await;
    browser.fill_labelled("Name", "Bridge").await;
    browser
        .fill_labelled("Settings", r#"{"url": "https://bridge.example.org"}"#)
        .await;
    browser.press("Add integration").await;
    assert!(browser.page_text().await.contains("Bridge"));
    assert_eq!(app.count("select count(*) from integrations").await, 1);
    if javascript {
        browser.check_page(&shot("host")).await;
    }

    // delete the account: everything goes, a goodbye mail comes
    browser.goto(&app.url("/account")).await;
    browser.follow("Delete Account").await;
    confirm_identity_if_asked(&browser, NEWEST_PASSWORD, Some(&totp), &app).await;
    assert!(browser.page_text().await.contains("irreversibly"));
    browser.fill_labelled("Email", new_email).await;
    browser.press("Delete my account").await;
    assert!(
        browser
            .page_text()
            .await
            .contains("Your account is being deleted")
    );
    assert!(
        browser
            .cookie("steward_session")
            .await
            .is_none_or(|c| c.is_empty())
    );
    app.run_jobs_until_idle().await;
    for sql in [
        "select count(*) from accounts",
        "select count(*) from subscriptions",
        "select count(*) from hosts",
        "select count(*) from integrations",
        "select count(*) from sessions",
    ] {
        assert_eq!(app.count(sql).await, 0, "{sql}");
    }
    let goodbye = app.mails_to(new_email);
    assert!(
        goodbye.iter().any(|m| m.subject.contains("deleted")),
        "a goodbye mail: {:?}",
        goodbye.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    browser.close().await;
}
