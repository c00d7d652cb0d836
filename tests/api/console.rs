//! The account console's shared parts: the session cookie, CSRF, the terms gate,
//! "Confirm your identity", where `next` may lead, and the browser checks every page
//! gets (axe-core, screenshots at 1280 and 390 px, script off).

use crate::support::browser::Browser;
use crate::support::console::{anonymous_csrf, browser_with_session, post_form, set_cookie};
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

#[tokio::test]
async fn an_address_with_no_page_answers_with_a_page_and_the_api_with_json() {
    let app = TestApp::spawn().await;
    let resp = app
        .client
        .get(app.url("/account/nothing-here"))
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    let request_id = resp.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(resp.headers().contains_key("content-security-policy"));
    let html = resp.text().await.unwrap();
    assert!(html.contains("<h1>Not found</h1>"), "{html}");
    assert!(html.contains(&request_id), "the page names the request id");

    // a form sent as a browser never sends it: refused in words, as a page
    let resp = app
        .client
        .post(app.url("/sign-in"))
        .header("accept", "text/html,*/*;q=0.8")
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_client_error(), "{}", resp.status());
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );

    app.get("/api/v1/nothing-here", None)
        .await
        .assert_error(404, "not_found");
    // a script that mistypes a page's address still gets the JSON body
    app.get("/account/nothing-here", None)
        .await
        .assert_error(404, "not_found");
}

/// Signs in over the console's form; returns the answer (its Set-Cookie).
async fn console_sign_in(app: &TestApp, email: &str) -> crate::support::Resp {
    let (cookie, csrf) = anonymous_csrf(app, "/sign-in").await;
    post_form(
        app,
        "/sign-in",
        &cookie,
        &[("csrf", &csrf), ("email", email), ("password", PASSWORD)],
    )
    .await
}

#[tokio::test]
async fn the_session_cookie_is_out_of_scripts_reach_and_secure_behind_https() {
    let app = TestApp::spawn().await;
    app.verified_account("ada@example.org").await;
    let resp = console_sign_in(&app, "ada@example.org").await;
    resp.assert(303);
    let set = set_cookie(&resp, "steward_session").expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(attribute), "{attribute} in {set}");
    }
    assert!(
        !set.contains("Secure"),
        "plain http can't keep a Secure cookie: {set}"
    );
    // the cookie holds an ordinary session, listed and revocable over the API
    let token = set["steward_session=".len()..].split(';').next().unwrap();
    let sessions = app.get("/api/v1/sessions", Some(token)).await;
    sessions.assert(200);
    assert_eq!(sessions.json["items"].as_array().unwrap().len(), 1);

    let app = app
        .restart_with(|c| c.server.public_url = "https://accounts.example.org".into())
        .await;
    let resp = console_sign_in(&app, "ada@example.org").await;
    let set = set_cookie(&resp, "steward_session").expect("a session cookie");
    assert!(set.contains("; Secure"), "behind https: {set}");
}

#[tokio::test]
async fn the_product_name_and_the_help_line_reach_pages_and_mail() {
    let app = TestApp::spawn_with(|c| {
        c.console.product_name = "Acme Accounts".into();
        c.console.support_email = "help@acme.test".into();
        c.security.email_verification_ttl_hours = 48;
    })
    .await;
    let page = app.get("/sign-in", None).await;
    page.assert(200);
    assert!(
        page.text.contains("<title>Sign in · Acme Accounts</title>"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains(r#"href="mailto:help@acme.test""#),
        "the footer's help"
    );
    app.register("ada@example.org", PASSWORD).await.assert(202);
    let mail = app.mail_to("ada@example.org").await;
    assert!(mail.subject.contains("Acme Accounts"), "{}", mail.subject);
    assert!(mail.text.contains("Help: help@acme.test"), "{}", mail.text);
    assert!(mail.html.contains("mailto:help@acme.test"));
    // the link's lifetime as configured, not as the template was first written
    assert!(mail.text.contains("expires in 48 hours"), "{}", mail.text);

    // left blank, the name reads "Steward" and no help line is made up
    let app = TestApp::spawn_with(|c| c.console.product_name = "  ".into()).await;
    let page = app.get("/sign-in", None).await;
    assert!(page.text.contains("<title>Sign in · Steward</title>"));
    assert!(!page.text.contains("Need help?"));
}

#[tokio::test]
async fn a_keyboard_alone_signs_in() {
    let app = TestApp::spawn().await;
    app.verified_account("ada@example.org").await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/sign-in")).await;
    // focus starts in the first field; Tab moves on; Enter sends the form
    let keys = fantoccini::key::Key::Tab;
    let active = browser.client.active_element().await.unwrap();
    active.send_keys("ada@example.org").await.unwrap();
    active
        .send_keys(&format!("{}", char::from(keys)))
        .await
        .unwrap();
    let active = browser.client.active_element().await.unwrap();
    assert_eq!(
        active.attr("id").await.unwrap().as_deref(),
        Some("password")
    );
    active
        .send_keys(&format!(
            "{PASSWORD}{}",
            char::from(fantoccini::key::Key::Enter)
        ))
        .await
        .unwrap();
    // a sign-in hashes a password: give a loaded machine time
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while browser.path().await != "/account" {
        if std::time::Instant::now() >= deadline {
            panic!(
                "Enter signs in; still on {}: {}",
                browser.path().await,
                browser.page_text().await
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    browser.close().await;
}

#[tokio::test]
async fn admins_reach_the_admin_page_from_the_console_and_others_never_see_it() {
    let app = TestApp::spawn().await;
    let admin = app.admin_session().await;
    let person = app.signed_in("ada@example.org").await;

    let browser = browser_with_session(&app, &person, true).await;
    browser.goto(&app.url("/account")).await;
    assert!(
        !browser.texts("nav a").await.contains(&"Admin".to_owned()),
        "no Admin link for a person who is not one"
    );
    browser.goto(&app.url("/admin")).await;
    assert_eq!(
        browser.path().await,
        "/admin/sign-in",
        "and the page refuses them"
    );
    browser.close().await;

    let browser = browser_with_session(&app, &admin, true).await;
    browser.goto(&app.url("/account")).await;
    browser.follow("Admin").await;
    assert_eq!(browser.path().await, "/admin/users", "no second sign-in");
    // signing out there ends the very session the console had
    browser.press("Sign out").await;
    app.get("/api/v1/account", Some(&admin))
        .await
        .assert_error(401, "unauthenticated");
    browser.goto(&app.url("/account")).await;
    assert_eq!(browser.path().await, "/sign-in");
    browser.close().await;
}
