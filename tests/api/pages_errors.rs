//! A page answers a domain error with the status the API gives it: one mapping of
//! errors to HTTP serves both doors.

use serde_json::json;
use time::Duration;

use crate::admin_page::{PageSession, page_sign_in, user_id};
use crate::support::{PASSWORD, Resp, TestApp, read};

/// The page's text as a reader sees it (the templates escape ' and /).
fn unescaped(html: &str) -> String {
    html.replace("&#x27;", "'").replace("&#x2f;", "/")
}

async fn verify_on_page(app: &TestApp, token: &str) -> Resp {
    let sent = app
        .client
        .post(app.url("/verify-email"))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    read(sent).await
}

async fn verify_by_api(app: &TestApp, token: &str) -> Resp {
    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": token}),
    )
    .await
}

#[tokio::test]
async fn a_used_or_expired_link_answers_on_the_page_as_in_the_api() {
    let app = TestApp::spawn().await;
    app.register("ada@example.org", PASSWORD).await.assert(202);
    let used = app.mail_to("ada@example.org").await.token("/verify-email");
    verify_on_page(&app, &used).await.assert(200);
    let page = verify_on_page(&app, &used).await;
    verify_by_api(&app, &used)
        .await
        .assert_error(400, "token_invalid");
    page.assert(400);
    assert!(
        page.text.contains("This link is not valid"),
        "{}",
        page.text
    );

    app.register("bo@example.org", PASSWORD).await.assert(202);
    let late = app.mail_to("bo@example.org").await.token("/verify-email");
    app.clock
        .advance(Duration::hours(24) + Duration::seconds(1));
    let page = verify_on_page(&app, &late).await;
    verify_by_api(&app, &late)
        .await
        .assert_error(410, "token_expired");
    page.assert(410);
    assert!(page.text.contains("This link has expired"), "{}", page.text);
}

#[tokio::test]
async fn an_admin_page_refusal_answers_as_the_admin_api_does() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    let me = user_id(&app, &root, "root@example.org").await;
    let page = PageSession::start(&app, "root@example.org").await;

    // admins can't deactivate or delete themselves, by either door
    let by_api = app
        .post(
            &format!("/api/v1/admin/users/{me}/deactivate"),
            Some(&root),
            json!({}),
        )
        .await;
    by_api.assert_error(403, "forbidden");
    let on_page = page
        .post(
            &app,
            &format!("/admin/users/{me}/deactivate"),
            &[("csrf", page.csrf.as_str()), ("confirm", "yes")],
        )
        .await;
    on_page.assert(403);
    let detail = by_api.json["detail"].as_str().unwrap();
    assert!(
        unescaped(&on_page.text).contains(detail),
        "{}",
        on_page.text
    );

    let by_api = app
        .delete(&format!("/api/v1/admin/users/{me}"), Some(&root))
        .await;
    by_api.assert_error(403, "forbidden");
    let on_page = page
        .post(
            &app,
            &format!("/admin/users/{me}/delete"),
            &[("csrf", page.csrf.as_str()), ("confirm", "yes")],
        )
        .await;
    on_page.assert(403);
    app.get(&format!("/api/v1/admin/users/{me}"), Some(&root))
        .await
        .assert(200);
}

/// Errors the admin sign-in never named answered 409 whatever they were; now each has
/// the status the API's sign-in gives it.
#[tokio::test]
async fn the_admin_sign_in_refuses_an_account_as_the_api_sign_in_does() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;

    app.verified_admin("gone@example.org").await;
    let gone = user_id(&app, &root, "gone@example.org").await;
    app.post(
        &format!("/api/v1/admin/users/{gone}/deactivate"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(204);
    app.register("new@example.org", PASSWORD).await.assert(202);

    for (email, code) in [
        ("gone@example.org", "account_deactivated"),
        ("new@example.org", "email_not_verified"),
    ] {
        let by_api = app.sign_in(email, PASSWORD).await;
        by_api.assert_error(403, code);
        let on_page = read(page_sign_in(&app, email, PASSWORD).await).await;
        on_page.assert(403);
        let detail = by_api.json["detail"].as_str().unwrap();
        assert!(
            unescaped(&on_page.text).contains(detail),
            "{}",
            on_page.text
        );
    }
}
