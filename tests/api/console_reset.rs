//! "Not sure of your password? Set a new one": the reset in the browser (Element's
//! flow), with the mailed link, a second factor, and the same answers for addresses
//! without an account.

use reqwest::header::LOCATION;

use crate::support::browser::Browser;
use crate::support::console::{anonymous_csrf, get_page, local, post_form, set_cookie};
use crate::support::{PASSWORD, Resp, TestApp};

const NEW_PASSWORD: &str = "a brand new passphrase here";

#[tokio::test]
async fn reset_in_the_browser_signs_out_every_other_session() {
    let app = TestApp::spawn().await;
    let old_token = app.signed_in("ada@example.org").await;

    let browser = Browser::start().await;
    browser.goto(&app.url("/sign-in")).await;
    browser.click("a[href='/reset']").await;
    assert_eq!(browser.path().await, "/reset");
    browser.check_page("console-reset").await;
    browser.fill("#email", "ada@example.org").await;
    browser.submit("/reset").await;
    assert_eq!(browser.path().await, "/reset/sent");
    browser.check_page("console-reset-sent").await;
    let cookie = browser
        .client
        .get_named_cookie("steward_reset")
        .await
        .expect("the reset is this browser's");
    assert_eq!(cookie.http_only(), Some(true), "scripts never see it");

    // pressed too early
    browser.submit("/reset/verified").await;
    assert!(
        browser
            .text("#form-error")
            .await
            .contains("not confirmed yet"),
    );
    assert_eq!(browser.path().await, "/reset/verified");
    browser.check_page("console-reset-too-early").await;

    let mail = reset_mail(&app, "ada@example.org").await;
    browser
        .goto(&local(&app, &mail.link("/reset-password")))
        .await;
    browser.submit("/reset-password").await;
    assert!(
        browser
            .text("main")
            .await
            .contains("Your email has now been validated")
    );

    browser.goto(&app.url("/reset/sent")).await;
    browser.submit("/reset/verified").await;
    assert_eq!(browser.path().await, "/reset/password");
    browser.check_page("console-reset-password").await;
    browser.fill("#new_password", NEW_PASSWORD).await;
    browser
        .fill("#confirm_password", "something else entirely")
        .await;
    browser.submit("/reset/password").await;
    assert!(
        browser
            .text("#confirm_password-error")
            .await
            .contains("differ")
    );
    browser.check_page("console-reset-password-error").await;
    // too short: beside the new password
    browser.fill("#new_password", "short").await;
    browser.fill("#confirm_password", "short").await;
    browser.submit("/reset/password").await;
    assert!(browser.text("#new_password-error").await.contains("12"));

    browser.fill("#new_password", NEW_PASSWORD).await;
    browser.fill("#confirm_password", NEW_PASSWORD).await;
    browser.submit("/reset/password").await;
    assert_eq!(browser.path().await, "/reset/done");
    assert_eq!(
        browser.text("main p").await,
        "Your password has been reset. All your other sessions have been signed out."
    );
    browser.check_page("console-reset-done").await;
    browser.click("a[href='/sign-in']").await;
    assert_eq!(browser.path().await, "/sign-in");

    // the session made before no longer works; the new password does
    app.get("/api/v1/account", Some(&old_token))
        .await
        .assert_error(401, "unauthenticated");
    app.sign_in("ada@example.org", PASSWORD)
        .await
        .assert_error(401, "invalid_credentials");
    app.sign_in("ada@example.org", NEW_PASSWORD)
        .await
        .assert(201);
    // the reset is over: its pages start again
    browser.goto(&app.url("/reset/password")).await;
    assert_eq!(browser.path().await, "/reset");
    browser.close().await;
}

/// The next mail to `address` that carries a reset link (notices may come first).
async fn reset_mail(app: &TestApp, address: &str) -> crate::support::Mail {
    loop {
        let mail = app.mail_to(address).await;
        if mail.text.contains("/reset-password") {
            return mail;
        }
    }
}

/// The sealed reset cookie a response set.
fn reset_cookie(resp: &Resp) -> String {
    let set = set_cookie(resp, "steward_reset").expect("a reset cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("Path=/reset"),
        "{set}"
    );
    set.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn an_unknown_address_looks_like_a_known_one() {
    let app = TestApp::spawn().await;
    app.verified_account("ada@example.org").await;
    let (csrf_cookie, csrf) = anonymous_csrf(&app, "/reset").await;
    let mut pages = Vec::new();
    for email in ["ada@example.org", "nobody@example.org"] {
        let resp = post_form(
            &app,
            "/reset",
            &csrf_cookie,
            &[("csrf", &csrf), ("email", email)],
        )
        .await;
        resp.assert(303);
        assert_eq!(resp.headers[LOCATION], "/reset/sent");
        let cookies = format!("{csrf_cookie}; {}", reset_cookie(&resp));
        let sent = get_page(&app, "/reset/sent", &cookies).await;
        sent.assert(200);
        pages.push(sent.text.replace(email, "ADDRESS"));
        // nobody pressed the link yet: the same answer for both
        let early = post_form(&app, "/reset/verified", &cookies, &[("csrf", &csrf)]).await;
        early.assert(409);
        assert!(early.text.contains("not confirmed yet"));
    }
    assert_eq!(pages[0], pages[1]);
    app.run_jobs_until_idle().await;
    assert!(app.mails_to("nobody@example.org").is_empty());
    assert_eq!(
        app.mails_to("ada@example.org").len(),
        2,
        "verification, then the reset"
    );
}

#[tokio::test]
async fn an_account_with_a_second_factor_gives_a_code_too() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let (authenticator, _) = app.enroll_totp(&token, "Phone").await;
    app.clock.advance(time::Duration::seconds(30));
    let (csrf_cookie, csrf) = anonymous_csrf(&app, "/reset").await;
    let resp = post_form(
        &app,
        "/reset",
        &csrf_cookie,
        &[("csrf", &csrf), ("email", "ada@example.org")],
    )
    .await;
    let cookies = format!("{csrf_cookie}; {}", reset_cookie(&resp));
    // opened too early, the form is not shown
    let early = get_page(&app, "/reset/password", &cookies).await;
    early.assert(303);
    assert_eq!(early.headers[LOCATION], "/reset/sent");

    let mail = reset_mail(&app, "ada@example.org").await;
    let link_token = mail.token("/reset-password");
    app.client
        .post(app.url("/reset-password"))
        .form(&[("token", link_token.as_str())])
        .send()
        .await
        .unwrap();
    let form = get_page(&app, "/reset/password", &cookies).await;
    form.assert(200);
    assert!(form.text.contains("id=\"code\""), "a code is asked for");
    assert!(form.text.contains("Use a recovery code"));

    fn fields<'a>(csrf: &'a str, code: &'a str) -> [(&'static str, &'a str); 4] {
        [
            ("csrf", csrf),
            ("new_password", NEW_PASSWORD),
            ("confirm_password", NEW_PASSWORD),
            ("code", code),
        ]
    }
    // without a CSRF token: nothing changes
    let forged = post_form(&app, "/reset/password", &cookies, &fields("", "000000")).await;
    forged.assert(403);
    // without a code, or a wrong one: said beside the code
    let missing = post_form(&app, "/reset/password", &cookies, &fields(&csrf, "")).await;
    missing.assert(422);
    assert!(missing.text.contains("id=\"code-error\""));
    let wrong = post_form(&app, "/reset/password", &cookies, &fields(&csrf, "000000")).await;
    wrong.assert(401);
    assert!(wrong.text.contains("id=\"code-error\""));
    app.sign_in("ada@example.org", PASSWORD).await.assert(200);

    let code = authenticator.code_at(app.clock.now().0);
    let right = post_form(&app, "/reset/password", &cookies, &fields(&csrf, &code)).await;
    right.assert(303);
    assert_eq!(right.headers[LOCATION], "/reset/done");
    app.sign_in("ada@example.org", NEW_PASSWORD)
        .await
        .assert(200);
    app.get("/api/v1/account", Some(&token))
        .await
        .assert_error(401, "unauthenticated");
    // a tampered cookie is no reset at all
    let tampered = get_page(
        &app,
        "/reset/sent",
        &format!("{csrf_cookie}; steward_reset=AAAA"),
    )
    .await;
    tampered.assert(303);
    assert_eq!(tampered.headers[LOCATION], "/reset");
}
