//! The console's "Devices" and "Activity" pages in a real browser: every session with
//! "This device" on the browser's own, signing one out, all the others, and this one;
//! the account's events newest first, 25 a page. Plus the plain-HTTP refusals: a form
//! without its CSRF token changes nothing.

use serde_json::json;

use crate::support::console::{browser_with_session, csrf_in, get_page, post_form, session};
use crate::support::{PASSWORD, TestApp};

async fn sign_in_as_device(app: &TestApp, email: &str, device: &str) -> String {
    let resp = app
        .post(
            "/api/v1/sessions",
            None,
            json!({"email": email, "password": PASSWORD, "device_name": device}),
        )
        .await;
    resp.assert(201);
    resp.json["token"].as_str().unwrap().to_owned()
}

async fn session_id(app: &TestApp, token: &str, device: &str) -> String {
    let list = app.get("/api/v1/sessions", Some(token)).await;
    list.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["device_name"] == device)
        .unwrap_or_else(|| panic!("no session {device}: {}", list.json))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn devices_lists_every_session_and_signs_them_out() {
    let app = TestApp::spawn().await;
    app.verified_account("ada@example.org").await;
    let mine = sign_in_as_device(&app, "ada@example.org", "Browser").await;
    let laptop = sign_in_as_device(&app, "ada@example.org", "Laptop").await;
    let phone = sign_in_as_device(&app, "ada@example.org", "Phone").await;

    let browser = browser_with_session(&app, &mine, true).await;
    browser.goto(&app.url("/account/sessions")).await;
    assert_eq!(browser.text("h1").await, "Devices");
    let devices = browser.texts(".devices > li h2").await;
    assert_eq!(
        devices,
        ["Browser This device", "Phone", "Laptop"],
        "this browser's own first, then newest first"
    );
    assert_eq!(
        browser.texts(".devices > li.highlight h2").await,
        ["Browser This device"],
        "this browser's own session is marked"
    );
    browser.check_page("console-sessions").await;

    // one session signed out: its token is dead at once, the others live
    let laptop_id = session_id(&app, &mine, "Laptop").await;
    browser
        .submit(&format!("/account/sessions/{laptop_id}/sign-out"))
        .await;
    assert_eq!(browser.path().await, "/account/sessions");
    assert_eq!(browser.text(".notice").await, "That session is signed out.");
    app.get("/api/v1/account", Some(&laptop))
        .await
        .assert_error(401, "unauthenticated");
    app.get("/api/v1/account", Some(&phone)).await.assert(200);
    assert_eq!(browser.texts(".devices > li").await.len(), 2);

    // all the others
    browser.submit("/account/sessions/revoke-others").await;
    assert_eq!(
        browser.text(".notice").await,
        "Signed out of 1 other session."
    );
    app.get("/api/v1/account", Some(&phone))
        .await
        .assert_error(401, "unauthenticated");
    app.get("/api/v1/account", Some(&mine)).await.assert(200);
    assert_eq!(browser.texts(".devices > li").await.len(), 1);
    browser.check_page("console-sessions-alone").await;

    // this one: the browser is signed out
    let mine_id = session_id(&app, &mine, "Browser").await;
    browser
        .submit(&format!("/account/sessions/{mine_id}/sign-out"))
        .await;
    assert_eq!(browser.path().await, "/sign-in");
    app.get("/api/v1/account", Some(&mine))
        .await
        .assert_error(401, "unauthenticated");
    browser.goto(&app.url("/account/sessions")).await;
    assert_eq!(browser.path().await, "/sign-in");
    browser.close().await;
}

#[tokio::test]
async fn device_forms_without_their_csrf_token_change_nothing() {
    let app = TestApp::spawn().await;
    let mine = app.signed_in("ada@example.org").await;
    let other = sign_in_as_device(&app, "ada@example.org", "Other").await;
    let other_id = session_id(&app, &mine, "Other").await;
    let mine_id = session_id(&app, &other, "Other").await;
    assert_eq!(mine_id, other_id);

    let page = get_page(&app, "/account/sessions", &session(&mine)).await;
    page.assert(200);
    let csrf = csrf_in(&page.text);
    for path in [
        format!("/account/sessions/{other_id}/sign-out"),
        "/account/sessions/revoke-others".to_owned(),
    ] {
        for fields in [vec![], vec![("csrf", "forged")]] {
            let resp = post_form(&app, &path, &session(&mine), &fields).await;
            assert_eq!(resp.status, 403, "{path} {fields:?}");
            assert!(resp.text.contains("This form has expired"), "{}", resp.text);
        }
    }
    app.get("/api/v1/account", Some(&other)).await.assert(200);

    // someone else's session, or none at all: the 404 page, nothing changed
    let stranger = app.signed_in("eve@example.org").await;
    let theirs = get_page(&app, "/account/sessions", &session(&stranger)).await;
    let resp = post_form(
        &app,
        &format!("/account/sessions/{other_id}/sign-out"),
        &session(&stranger),
        &[("csrf", &csrf_in(&theirs.text))],
    )
    .await;
    assert_eq!(resp.status, 404);
    let resp = post_form(
        &app,
        "/account/sessions/not-a-session/sign-out",
        &session(&mine),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(resp.status, 404);
    app.get("/api/v1/account", Some(&other)).await.assert(200);

    // the right token works
    let resp = post_form(
        &app,
        &format!("/account/sessions/{other_id}/sign-out"),
        &session(&mine),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(resp.status, 303);
    app.get("/api/v1/account", Some(&other))
        .await
        .assert_error(401, "unauthenticated");

    // replayed after signing out: the sign-in page, nothing changed
    app.delete("/api/v1/sessions/current", Some(&mine))
        .await
        .assert(204);
    let resp = post_form(
        &app,
        "/account/sessions/revoke-others",
        &session(&mine),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(resp.status, 303);
    assert_eq!(resp.headers["location"], "/sign-in");
}

#[tokio::test]
async fn activity_shows_the_accounts_events_newest_first_25_a_page() {
    let app = TestApp::spawn().await;
    app.verified_account("ada@example.org").await;
    // a failed sign-in, a sign-in, 29 more and one signed out: 32 events
    app.sign_in("ada@example.org", "not the password at all")
        .await
        .assert_error(401, "invalid_credentials");
    let mine = sign_in_as_device(&app, "ada@example.org", "Browser").await;
    let mut last = String::new();
    for _ in 0..29 {
        last = sign_in_as_device(&app, "ada@example.org", "Laptop").await;
    }
    app.delete("/api/v1/sessions/current", Some(&last))
        .await
        .assert(204);
    let total = app
        .get("/api/v1/account/events?limit=200", Some(&mine))
        .await;
    assert_eq!(total.json["items"].as_array().unwrap().len(), 32);

    let browser = browser_with_session(&app, &mine, true).await;
    browser.goto(&app.url("/account/activity")).await;
    assert_eq!(browser.text("h1").await, "Activity");
    let first = browser.texts(".events > li h2").await;
    assert_eq!(first.len(), 25);
    assert_eq!(first[0], "Signed out", "newest first: {first:?}");
    assert_eq!(first[1], "Signed in");
    let facts = browser.text(".events > li").await;
    assert!(facts.contains("127.0.0.1"), "the IP address: {facts}");
    assert!(facts.contains("UTC"), "the time: {facts}");
    browser.check_page("console-activity").await;

    browser.click("a[rel=next]").await;
    let second = browser.texts(".events > li h2").await;
    assert_eq!(second.len(), 7, "{second:?}");
    assert_eq!(second[6], "Failed sign-in attempt", "oldest last");
    assert!(
        browser.texts("a[rel=next]").await.is_empty(),
        "no page after the last"
    );
    browser.check_page("console-activity-older").await;
    browser.click(".pager a").await;
    assert_eq!(browser.texts(".events > li h2").await, first);
    browser.close().await;

    // a cursor that is none: an error page, never a 500
    let resp = get_page(&app, "/account/activity?cursor=nonsense", &session(&mine)).await;
    assert_eq!(resp.status, 422, "{}", resp.text);
}
