//! The console's way in: creating an account, verifying it, signing in (with a second
//! factor too), accepting new terms; in a real browser with real mail, and over plain
//! HTTP for what a browser would never send (no CSRF token, hostile `next`, oversize
//! fields).

use reqwest::header::{LOCATION, RETRY_AFTER};

use crate::support::browser::Browser;
use crate::support::console::{
    anonymous_csrf, get_page, hidden, local, post_form, session, set_cookie,
};
use crate::support::{PASSWORD, Resp, TestApp};

fn location(resp: &Resp) -> &str {
    resp.headers.get(LOCATION).unwrap().to_str().unwrap()
}

/// The session token a response set, if it set one.
fn session_cookie(resp: &Resp) -> Option<String> {
    let set = set_cookie(resp, "steward_session")?;
    let token = set["steward_session=".len()..].split(';').next().unwrap();
    Some(token.to_owned()).filter(|v| !v.is_empty())
}

#[tokio::test]
async fn register_verify_sign_in_and_accept_new_terms() {
    let app = TestApp::spawn().await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/register")).await;
    assert_eq!(browser.text("h1").await, "Create account");
    browser.check_page("console-register").await;

    // a short password: said beside it; what was typed stays, the password does not
    browser.fill("#email", "ada@example.org").await;
    browser.fill("#password", "short").await;
    browser.fill("#display_name", "Ada").await;
    browser.toggle("#accept_terms").await;
    browser.submit("/register").await;
    assert!(
        browser.text("#password-error").await.contains("12"),
        "the error says how long a password must be"
    );
    assert_eq!(browser.value("#email").await, "ada@example.org");
    assert_eq!(browser.value("#display_name").await, "Ada");
    assert_eq!(browser.value("#password").await, "");
    browser.check_page("console-register-error").await;

    browser.fill("#password", PASSWORD).await;
    browser.submit("/register").await;
    assert_eq!(browser.text("h1").await, "Check your email");
    browser.check_page("console-check-email").await;
    let first = app.mail_to("ada@example.org").await;
    first.link("/verify-email");

    // a minute later, "Resend email" sends a new link
    app.clock.advance(time::Duration::seconds(61));
    browser.submit("/register/resend").await;
    assert_eq!(browser.text("h1").await, "Check your email");
    let again = app.mail_to("ada@example.org").await;
    browser
        .goto(&local(&app, &again.link("/verify-email")))
        .await;
    browser.submit("/verify-email").await;
    assert!(
        browser
            .text("main")
            .await
            .contains("Your email is verified")
    );

    // the operator publishes new terms
    let app = app
        .restart_with(|c| c.terms.version = "2099-01".into())
        .await;

    browser.goto(&app.url("/sign-in")).await;
    assert_eq!(browser.text("h1").await, "Sign in");
    assert_eq!(
        browser.text("a[href='/reset']").await,
        "Not sure of your password? Set a new one"
    );
    assert_eq!(browser.text("a[href='/register']").await, "Create account");
    browser.check_page("console-sign-in").await;
    browser.fill("#email", "ada@example.org").await;
    browser.fill("#password", "not the password at all").await;
    browser.submit("/sign-in").await;
    assert_eq!(
        browser.text("#form-error").await,
        "The email address or the password is wrong."
    );
    assert_eq!(browser.value("#email").await, "ada@example.org");
    assert_eq!(browser.value("#password").await, "");
    browser.check_page("console-sign-in-error").await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("/sign-in").await;
    // signed in, but the new terms come before the account
    assert_eq!(browser.path().await, "/terms");
    let token = browser.cookie("steward_session").await.expect("signed in");

    // the API refuses until the new terms are accepted; the console asks for them
    app.get("/api/v1/hosts", Some(&token))
        .await
        .assert_error(403, "terms_not_accepted");
    assert_eq!(
        browser.text("a[href='https://example.org/terms']").await,
        "Terms and Conditions, version 2099-01"
    );
    browser.check_page("console-terms").await;
    browser.submit("/terms").await;
    assert_eq!(browser.path().await, "/account");
    let account = app.get("/api/v1/account", Some(&token)).await;
    account.assert(200);
    assert_eq!(account.json["terms_version_accepted"], "2099-01");
    assert_eq!(account.json["display_name"], "Ada");
    app.get("/api/v1/hosts", Some(&token)).await.assert(200);
    browser.close().await;
}

#[tokio::test]
async fn a_taken_address_gets_the_same_page_as_a_new_one() {
    let app = TestApp::spawn().await;
    app.verified_account("taken@example.org").await;
    let browser = Browser::start_without_javascript().await;
    let mut pages = Vec::new();
    for email in ["new@example.org", "taken@example.org"] {
        browser.goto(&app.url("/register")).await;
        browser.fill("#email", email).await;
        browser.fill("#password", "another long password").await;
        browser.toggle("#accept_terms").await;
        browser.submit("/register").await;
        pages.push(browser.text("main").await.replace(email, "ADDRESS"));
    }
    assert_eq!(
        pages[0], pages[1],
        "the page tells nobody which address is taken"
    );
    assert!(pages[0].starts_with("Check your email"));
    assert_eq!(
        app.count("select count(*) from accounts where email = 'taken@example.org'")
            .await,
        1
    );
    // the owner of the taken address hears of it by mail
    let mail = app.mail_to("taken@example.org").await;
    assert!(mail.text.contains("register"), "{}", mail.text);
    browser.close().await;
}

#[tokio::test]
async fn unticked_terms_and_bad_fields_are_said_beside_their_fields() {
    let app = TestApp::spawn().await;
    let (cookie, csrf) = anonymous_csrf(&app, "/register").await;
    let resp = post_form(
        &app,
        "/register",
        &cookie,
        &[
            ("csrf", &csrf),
            ("email", "not an address"),
            ("password", PASSWORD),
            ("display_name", "Bob"),
        ],
    )
    .await;
    resp.assert(422);
    assert!(resp.text.contains("id=\"email-error\""), "{}", resp.text);
    assert!(resp.text.contains("id=\"accept_terms-error\""));
    assert!(
        resp.text.contains("value=\"not an address\""),
        "typed email kept"
    );
    assert!(resp.text.contains("value=\"Bob\""), "typed name kept");
    assert!(!resp.text.contains(PASSWORD), "never the password");

    let long = "a".repeat(5000);
    let email = format!("{long}@example.org");
    for (path, fields) in [
        (
            "/register",
            vec![
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
            ],
        ),
        (
            "/register",
            vec![
                ("email", "b@example.org"),
                ("password", long.as_str()),
                ("display_name", long.as_str()),
                ("accept_terms", "yes"),
            ],
        ),
        (
            "/sign-in",
            vec![("email", email.as_str()), ("password", PASSWORD)],
        ),
        (
            "/sign-in",
            vec![("email", "b@example.org"), ("password", &long)],
        ),
        ("/reset", vec![("email", email.as_str())]),
        ("/reset", vec![("email", "nobody")]),
    ] {
        let mut fields = fields;
        fields.push(("csrf", &csrf));
        let resp = post_form(&app, path, &cookie, &fields).await;
        assert_eq!(resp.status, 422, "{path} {:?}: {}", &fields[0], resp.text);
        assert!(
            resp.text.contains("class=\"field-error\""),
            "{path}: {}",
            resp.text
        );
    }
    assert_eq!(app.count("select count(*) from accounts").await, 0);
}

#[tokio::test]
async fn sign_in_with_an_authenticator_app_names_the_device() {
    let app = TestApp::spawn().await;
    let api_token = app.signed_in("ada@example.org").await;
    let (authenticator, _) = app.enroll_totp(&api_token, "Phone").await;
    // the enrollment's code may not be used again: the next time step
    app.clock.advance(time::Duration::seconds(30));

    let browser = Browser::start().await;
    browser.goto(&app.url("/sign-in")).await;
    browser.fill("#email", "ada@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("/sign-in").await;
    assert_eq!(browser.path().await, "/sign-in");
    assert_eq!(browser.text("label[for=code]").await, "Code");
    assert_eq!(browser.text("summary").await, "Use a recovery code");
    browser.check_page("console-sign-in-code").await;

    browser.fill("#code", "000000").await;
    browser.submit("/sign-in").await;
    assert_eq!(
        browser.text("#code-error").await,
        "The code is wrong, expired or was used already."
    );
    browser.check_page("console-sign-in-code-error").await;
    browser
        .fill("#code", &authenticator.code_at(app.clock.now().0))
        .await;
    browser.submit("/sign-in").await;
    assert_eq!(browser.path().await, "/account");

    let token = browser.cookie("steward_session").await.expect("signed in");
    assert_ne!(token, api_token, "a new session of its own");
    let sessions = app.get("/api/v1/sessions", Some(&token)).await;
    sessions.assert(200);
    let this = sessions.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .expect("the browser's session is listed")
        .clone();
    assert_eq!(this["device_name"], "Chrome on Linux", "{this}");
    browser.close().await;
}

#[tokio::test]
async fn five_wrong_codes_lock_the_second_step_and_a_recovery_code_works_without_script() {
    let app = TestApp::spawn().await;
    let api_token = app.signed_in("ada@example.org").await;
    let (authenticator, codes) = app.enroll_totp(&api_token, "Phone").await;
    app.clock.advance(time::Duration::seconds(30));

    let (cookie, csrf) = anonymous_csrf(&app, "/sign-in").await;
    let first = post_form(
        &app,
        "/sign-in",
        &cookie,
        &[
            ("csrf", &csrf),
            ("email", "ada@example.org"),
            ("password", PASSWORD),
        ],
    )
    .await;
    first.assert(200);
    let ticket = hidden(&first.text, "ticket");
    for _ in 0..5 {
        let wrong = post_form(
            &app,
            "/sign-in",
            &cookie,
            &[("csrf", &csrf), ("ticket", &ticket), ("code", "000000")],
        )
        .await;
        wrong.assert(401);
        assert!(wrong.text.contains("id=\"code-error\""));
        assert_eq!(
            hidden(&wrong.text, "ticket"),
            ticket,
            "the second step stays"
        );
    }
    // locked, as the API locks: even the right code waits
    let right = authenticator.code_at(app.clock.now().0);
    let locked = post_form(
        &app,
        "/sign-in",
        &cookie,
        &[("csrf", &csrf), ("ticket", &ticket), ("code", &right)],
    )
    .await;
    locked.assert(429);
    assert!(locked.headers.contains_key(RETRY_AFTER));
    assert!(locked.text.contains("Try again in"), "{}", locked.text);
    assert_eq!(session_cookie(&locked), None);
    app.sign_in("ada@example.org", PASSWORD)
        .await
        .assert_error(429, "rate_limited");

    // after the wait, in a browser without script: the recovery code behind its disclosure
    app.clock.advance(time::Duration::seconds(10));
    let browser = Browser::start_without_javascript().await;
    browser.goto(&app.url("/sign-in")).await;
    browser.fill("#email", "ada@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("/sign-in").await;
    browser.toggle("summary").await;
    let codes = codes.expect("recovery codes");
    browser.fill("#recovery_code", &codes[0]).await;
    browser.submit("/sign-in").await;
    assert_eq!(browser.path().await, "/account");
    assert!(browser.cookie("steward_session").await.is_some());
    browser.close().await;
}

#[tokio::test]
async fn next_only_leads_to_this_server_and_each_sign_in_is_a_new_session() {
    let app = TestApp::spawn().await;
    app.verified_account("ada@example.org").await;
    let (cookie, csrf) = anonymous_csrf(&app, "/sign-in").await;
    let mut tokens = Vec::new();
    for (next, to) in [
        ("https://elsewhere.example/x", "/account"),
        ("//elsewhere.example/x", "/account"),
        ("/\\elsewhere.example", "/account"),
        ("/account/activity?page=2", "/account/activity?page=2"),
    ] {
        // a planted session cookie is replaced, never signed in
        let planted = format!("{cookie}; steward_session=stw_s_planted");
        let resp = post_form(
            &app,
            "/sign-in",
            &planted,
            &[
                ("csrf", &csrf),
                ("email", "ada@example.org"),
                ("password", PASSWORD),
                ("next", next),
            ],
        )
        .await;
        resp.assert(303);
        assert_eq!(location(&resp), to, "next={next}");
        tokens.push(session_cookie(&resp).expect("a session cookie"));
    }
    tokens.dedup();
    assert_eq!(tokens.len(), 4, "every sign-in makes a new token");
    // a hostile next is not even carried into the form
    let page = app.get("/sign-in?next=//elsewhere.example", None).await;
    assert!(!page.text.contains("elsewhere"));
    let page = app.get("/sign-in?next=/hosting", None).await;
    assert_eq!(hidden(&page.text, "next"), "/hosting");
    // signed in already: the sign-in page leads to the account
    let signed = get_page(&app, "/sign-in", &session(&tokens[0])).await;
    assert_eq!(signed.status, 303);
    assert_eq!(signed.headers[LOCATION], "/account");
}

#[tokio::test]
async fn an_unverified_address_is_told_so_with_a_way_to_resend() {
    let app = TestApp::spawn().await;
    app.register("ada@example.org", PASSWORD).await.assert(202);
    app.mail_to("ada@example.org").await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/sign-in")).await;
    browser.fill("#email", "ada@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("/sign-in").await;
    assert!(
        browser
            .text("#form-error")
            .await
            .contains("Verify your email")
    );
    browser.check_page("console-sign-in-unverified").await;
    app.clock.advance(time::Duration::seconds(61));
    browser.submit("/register/resend").await;
    assert_eq!(browser.text("h1").await, "Check your email");
    app.mail_to("ada@example.org").await.link("/verify-email");
    browser.close().await;
}

#[tokio::test]
async fn forms_without_their_csrf_token_change_nothing() {
    let app = TestApp::spawn().await;
    app.verified_account("ada@example.org").await;
    // past the one-a-minute limit, so that a resend would mail
    app.clock.advance(time::Duration::seconds(61));
    let (cookie, _) = anonymous_csrf(&app, "/sign-in").await;
    let cases: [(&str, Vec<(&str, &str)>); 5] = [
        (
            "/sign-in",
            vec![("email", "ada@example.org"), ("password", PASSWORD)],
        ),
        (
            "/register",
            vec![
                ("email", "eve@example.org"),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
            ],
        ),
        ("/register/resend", vec![("email", "ada@example.org")]),
        ("/reset", vec![("email", "ada@example.org")]),
        ("/reset/verified", vec![]),
    ];
    for (path, fields) in cases {
        for csrf in [None, Some("forged-token-forged-token-forged-token")] {
            let mut fields = fields.clone();
            if let Some(csrf) = csrf {
                fields.push(("csrf", csrf));
            }
            let resp = post_form(&app, path, &cookie, &fields).await;
            assert_eq!(resp.status, 403, "{path} csrf={csrf:?}: {}", resp.text);
            assert_eq!(session_cookie(&resp), None);
        }
    }
    app.run_jobs_until_idle().await;
    assert_eq!(app.count("select count(*) from sessions").await, 0);
    assert_eq!(app.count("select count(*) from accounts").await, 1);
    assert_eq!(app.count("select count(*) from password_resets").await, 0);
    assert_eq!(
        app.mails_to("ada@example.org").len(),
        1,
        "only the first verification"
    );

    // the terms, signed in with terms outdated
    let token = app.sign_in("ada@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let app = app
        .restart_with(|c| c.terms.version = "2099-01".into())
        .await;
    let session = session(&token);
    let resp = post_form(&app, "/terms", &session, &[("version", "2099-01")]).await;
    resp.assert(403);
    let account = app.get("/api/v1/account", Some(&token)).await;
    assert_ne!(account.json["terms_version_accepted"], "2099-01");
    // replayed after sign-out: the sign-in page, nothing changed
    app.delete("/api/v1/sessions/current", Some(&token))
        .await
        .assert(204);
    let resp = post_form(
        &app,
        "/terms",
        &session,
        &[("csrf", "x"), ("version", "2099-01")],
    )
    .await;
    resp.assert(303);
    assert!(location(&resp).starts_with("/sign-in"));
}
