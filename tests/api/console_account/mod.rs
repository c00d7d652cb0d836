//! The console's account area: "Your Account" (display name, email change with its
//! banner and "Cancel") and "Signing In" (password, authenticator apps, recovery codes),
//! in a real Chromium against the real server, with real mail; `forms` holds the
//! plain-HTTP checks (CSRF, bad input).

mod forms;

use fantoccini::Locator;
use serde_json::json;

use crate::support::browser::Browser;
use crate::support::console::{browser_with_session, local};
use crate::support::{Authenticator, PASSWORD, TestApp};

async fn attr(browser: &Browser, css: &str, name: &str) -> String {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .expect(css)
        .attr(name)
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn present(browser: &Browser, css: &str) -> bool {
    !browser
        .client
        .find_all(Locator::Css(css))
        .await
        .unwrap()
        .is_empty()
}

/// Confirms the identity on "Confirm your identity", where a sensitive step led.
async fn confirm_identity(browser: &Browser, app: &TestApp, code: Option<&Authenticator>) {
    assert_eq!(browser.path().await, "/account/confirm-identity");
    browser.fill("#password", PASSWORD).await;
    if let Some(authenticator) = code {
        browser
            .fill("#code", &authenticator.code_at(app.clock.now().0))
            .await;
    }
    browser.submit("/account/confirm-identity").await;
}

fn decode_percent(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

pub(super) async fn account(app: &TestApp, token: &str) -> serde_json::Value {
    let resp = app.get("/api/v1/account", Some(token)).await;
    resp.assert(200);
    resp.json
}

#[tokio::test]
async fn the_display_name_and_the_email_address_change_from_the_account_page() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let browser = browser_with_session(&app, &token, true).await;

    browser.goto(&app.url("/account")).await;
    assert_eq!(browser.text("h1").await, "Your Account");
    assert_eq!(browser.value("#email").await, "ada@example.org");
    assert_eq!(browser.text("#email-hint").await, "Verified.");
    for (css, words) in [
        (
            "main a[href='/account/security']",
            "Authentication Settings",
        ),
        ("a[href='/account/delete']", "Delete Account"),
        ("form[action='/account'] button", "Save"),
    ] {
        assert_eq!(browser.text(css).await, words);
    }
    assert!(present(&browser, "main a[href='/hosting']").await);
    browser.check_page("console-account").await;

    // a new display name is saved at once
    browser.fill("#display_name", "Ada Lovelace").await;
    browser.submit("/account").await;
    assert_eq!(browser.text(".notice").await, "Saved.");
    assert_eq!(browser.value("#display_name").await, "Ada Lovelace");
    assert_eq!(account(&app, &token).await["display_name"], "Ada Lovelace");

    // a new address, long after signing in: confirm who this is first
    app.clock.advance(time::Duration::minutes(30));
    browser.fill("#email", "ada@new.example.org").await;
    browser.submit("/account").await;
    confirm_identity(&browser, &app, None).await;
    assert_eq!(browser.path().await, "/account");
    assert!(
        browser
            .text(".notice")
            .await
            .contains("Press Save to send a link to the new address")
    );
    // what was typed is still there, and nothing is sent until "Save"
    assert_eq!(browser.value("#email").await, "ada@new.example.org");
    assert_eq!(account(&app, &token).await["pending_email"], json!(null));
    browser.submit("/account").await;
    assert!(
        browser
            .text("#pending-email")
            .await
            .contains("Check ada@new.example.org to verify it")
    );
    // the address stays the old one until the link is opened
    assert_eq!(browser.value("#email").await, "ada@example.org");
    browser.check_page("console-account-pending-email").await;
    let first = app.mail_to("ada@new.example.org").await;
    let first_link = first.link("/confirm-email");

    // "Cancel" ends the pending change: the banner goes, the link no longer works
    browser.submit("/account/email/cancel").await;
    assert!(!present(&browser, "#pending-email").await);
    assert!(browser.text(".notice").await.contains("cancelled"));
    assert_eq!(account(&app, &token).await["pending_email"], json!(null));
    browser.goto(&local(&app, &first_link)).await;
    assert!(!present(&browser, "form[action='/confirm-email']").await);

    // again, then the mailed link: the account takes the new address
    browser.goto(&app.url("/account")).await;
    browser.fill("#email", "ada@new.example.org").await;
    browser.submit("/account").await;
    assert!(present(&browser, "#pending-email").await);
    let link = app
        .mail_to("ada@new.example.org")
        .await
        .link("/confirm-email");
    browser.goto(&local(&app, &link)).await;
    assert_eq!(
        browser.text("form[action='/confirm-email'] button").await,
        "Confirm Email Address"
    );
    browser.submit("/confirm-email").await;
    browser.goto(&app.url("/account")).await;
    assert_eq!(browser.value("#email").await, "ada@new.example.org");
    assert!(!present(&browser, "#pending-email").await);
    assert_eq!(account(&app, &token).await["email"], "ada@new.example.org");
    browser.close().await;
}

#[tokio::test]
async fn a_new_password_signs_out_the_other_sessions() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let other = app.sign_in("ada@example.org", PASSWORD).await;
    let other = other.json["token"].as_str().unwrap().to_owned();
    let browser = browser_with_session(&app, &token, true).await;

    browser.goto(&app.url("/account/security")).await;
    assert_eq!(browser.text("h1").await, "Signing In");
    assert_eq!(
        browser.texts("main h2").await,
        [
            "Basic authentication",
            "Two-factor authentication",
            "Recovery codes",
            "Passkeys"
        ]
    );
    browser.check_page("console-security").await;
    assert!(
        browser
            .text("a[href='/account/security/password']")
            .await
            .starts_with("Update")
    );
    // just signed in: the session may take this step without confirming again
    browser.click("a[href='/account/security/password']").await;
    assert_eq!(browser.path().await, "/account/security/password");
    browser.check_page("console-password").await;

    // the two differ: said beside the second, nothing changed
    browser
        .fill("#new_password", "a new password for ada")
        .await;
    browser
        .fill("#confirm_password", "another password entirely")
        .await;
    browser.submit("/account/security/password").await;
    assert!(
        browser
            .text("#confirm_password-error")
            .await
            .contains("differ")
    );
    assert_eq!(
        browser.value("#new_password").await,
        "",
        "no password is kept"
    );
    browser.check_page("console-password-error").await;
    // too short: the service's rule, beside the field
    browser.fill("#new_password", "short").await;
    browser.fill("#confirm_password", "short").await;
    browser.submit("/account/security/password").await;
    assert!(present(&browser, "#new_password-error").await);
    app.get("/api/v1/account", Some(&other)).await.assert(200);

    browser
        .fill("#new_password", "a new password for ada")
        .await;
    browser
        .fill("#confirm_password", "a new password for ada")
        .await;
    browser.submit("/account/security/password").await;
    assert_eq!(browser.path().await, "/account/security");
    assert!(
        browser
            .text(".notice")
            .await
            .contains("password is changed")
    );
    // the other session ended; this one stays
    app.get("/api/v1/account", Some(&other))
        .await
        .assert_error(401, "unauthenticated");
    app.get("/api/v1/account", Some(&token)).await.assert(200);
    app.sign_in("ada@example.org", "a new password for ada")
        .await
        .assert(201);
    browser.close().await;
}

/// Reads the secret and its settings off "Unable to scan", as a person types them.
pub async fn authenticator_from_page(browser: &Browser) -> Authenticator {
    browser.toggle("details summary").await;
    let secret = browser.text("#totp-secret").await.replace(' ', "");
    assert_eq!(browser.text("#totp-algorithm").await, "SHA1");
    assert_eq!(browser.text("#totp-digits").await, "6");
    assert_eq!(browser.text("#totp-period").await, "30 seconds");
    let issuer = browser.text("#totp-issuer").await;
    let account = browser.text("#totp-account").await;
    Authenticator::from_uri(&format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits=6&period=30"
    ))
}

#[tokio::test]
async fn an_authenticator_app_is_set_up_renamed_and_removed_with_its_recovery_codes() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let browser = browser_with_session(&app, &token, true).await;
    app.clock.advance(time::Duration::minutes(30));

    browser.goto(&app.url("/account/security")).await;
    assert_eq!(
        browser
            .text("a[href='/account/security/authenticator']")
            .await,
        "Set up an authenticator application"
    );
    browser
        .click("a[href='/account/security/authenticator']")
        .await;
    confirm_identity(&browser, &app, None).await;
    assert!(
        browser
            .path()
            .await
            .starts_with("/account/security/authenticator/")
    );
    let setup_path = browser.path().await;
    assert_eq!(
        browser.text("h1").await,
        "Set up an authenticator application"
    );
    // the QR code shows (allowed as a data: image on this page alone)
    let qr = attr(&browser, ".qr img", "src").await;
    let scanned = Authenticator::scan(&qr);
    assert!(!attr(&browser, ".qr img", "alt").await.is_empty());
    let loaded: bool = browser
        .client
        .execute(
            "return document.querySelector('.qr img').naturalWidth > 0",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(loaded, "the QR image loads under the page's CSP");
    browser.check_page("console-totp-setup").await;
    let authenticator = authenticator_from_page(&browser).await;
    let now = app.clock.now().0;
    assert_eq!(authenticator.code_at(now), scanned.code_at(now));

    // a wrong code: said beside "Code", the same secret shown again
    let wrong = authenticator.code_at(now + 3600);
    browser.fill("#code", &wrong).await;
    browser.fill("#name", "Phone").await;
    browser.submit(&setup_path).await;
    assert!(browser.text("#code-error").await.contains("does not match"));
    assert_eq!(browser.value("#name").await, "Phone");
    browser.check_page("console-totp-setup-error").await;
    let again = authenticator_from_page(&browser).await;
    assert_eq!(again.code_at(now), authenticator.code_at(now));

    browser.fill("#code", &authenticator.code_at(now)).await;
    browser.submit(&setup_path).await;
    assert_eq!(browser.text("h1").await, "Your recovery codes");
    let codes = browser.texts("#recovery-codes li").await;
    assert_eq!(codes.len(), 10);
    let download = attr(&browser, "#download-codes", "href").await;
    assert_eq!(
        attr(&browser, "#download-codes", "download").await,
        "recovery-codes.txt"
    );
    let file = decode_percent(
        download
            .strip_prefix("data:text/plain;charset=utf-8,")
            .expect("a text file"),
    );
    for code in &codes {
        assert!(file.contains(code.as_str()), "{code} is in the download");
    }
    browser.check_page("console-recovery-codes").await;
    assert_eq!(account(&app, &token).await["two_factor_enabled"], true);

    browser.goto(&app.url("/account/security")).await;
    let apps = browser.texts("#authenticator-apps li .item-name").await;
    assert_eq!(apps, ["Phone"]);
    assert!(
        browser
            .text("#recovery-remaining")
            .await
            .starts_with("10 of 10")
    );
    browser.check_page("console-security-two-factor").await;

    // rename
    browser.click("a[href$='/rename']").await;
    browser.check_page("console-totp-rename").await;
    browser.fill("#name", "Work phone").await;
    let rename = attr(&browser, "form[action$='/rename']", "action").await;
    browser.submit(&rename).await;
    assert!(browser.text(".notice").await.contains("renamed"));
    assert_eq!(
        browser.texts("#authenticator-apps li .item-name").await,
        ["Work phone"]
    );

    // new codes replace the old ones
    browser
        .click("a[href='/account/security/recovery-codes']")
        .await;
    assert_eq!(browser.path().await, "/account/security/recovery-codes");
    browser.check_page("console-recovery-codes-new").await;
    browser.submit("/account/security/recovery-codes").await;
    let fresh = browser.texts("#recovery-codes li").await;
    assert_eq!(fresh.len(), 10);
    assert!(fresh.iter().all(|c| !codes.contains(c)));
    assert!(present(&browser, "#download-codes").await);

    // remove: long after confirming, so confirm again (now with a code)
    app.clock.advance(time::Duration::minutes(30));
    browser.goto(&app.url("/account/security")).await;
    browser.click("a[href$='/remove']").await;
    confirm_identity(&browser, &app, Some(&authenticator)).await;
    assert!(browser.path().await.ends_with("/remove"));
    assert!(
        browser
            .text("main")
            .await
            .contains("only authenticator app")
    );
    browser.check_page("console-totp-remove").await;
    let remove = attr(&browser, "form[action$='/remove']", "action").await;
    browser.submit(&remove).await;
    assert!(browser.text(".notice").await.contains("removed"));
    assert!(!present(&browser, "#authenticator-apps").await);
    assert_eq!(account(&app, &token).await["two_factor_enabled"], false);
    browser.close().await;
}

#[tokio::test]
async fn an_expired_set_up_says_so_and_offers_to_start_again() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let browser = browser_with_session(&app, &token, false).await;
    browser
        .goto(&app.url("/account/security/authenticator"))
        .await;
    let setup_path = browser.path().await;
    assert!(setup_path.starts_with("/account/security/authenticator/"));
    // opened again (a reload, a second tab): the same secret, not a new one each time
    browser
        .goto(&app.url("/account/security/authenticator"))
        .await;
    assert_eq!(browser.path().await, setup_path);
    assert_eq!(app.count("select count(*) from totp_enrollments").await, 1);
    app.clock.advance(time::Duration::minutes(16));
    // maintenance ran meanwhile (every 30 s in production): the page still knows it
    steward::jobs::maintenance_tick(&app.state).await.unwrap();
    browser.fill("#code", "123456").await;
    browser.fill("#name", "Phone").await;
    browser.submit(&setup_path).await;
    assert!(browser.text("#setup-expired").await.contains("expired"));
    assert_eq!(
        browser
            .text("a[href='/account/security/authenticator']")
            .await,
        "Start again"
    );
    browser.goto(&app.url(&setup_path)).await;
    assert!(present(&browser, "#setup-expired").await);
    // "Start again" starts a new one: the expired secret is not offered again
    browser
        .click("a[href='/account/security/authenticator']")
        .await;
    confirm_identity(&browser, &app, None).await;
    let again = browser.path().await;
    assert!(again.starts_with("/account/security/authenticator/"));
    assert_ne!(again, setup_path);
    assert!(!present(&browser, "#setup-expired").await);
    browser.close().await;
}

#[tokio::test]
async fn without_javascript_the_profile_saves() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let browser = browser_with_session(&app, &token, false).await;
    browser.goto(&app.url("/account")).await;
    browser.fill("#display_name", "Ada").await;
    browser.submit("/account").await;
    assert_eq!(browser.text(".notice").await, "Saved.");
    browser.check_page("console-account-no-script").await;
    assert_eq!(account(&app, &token).await["display_name"], "Ada");
    browser.close().await;
}
