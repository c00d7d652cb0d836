//! The admin page's webhooks: endpoints with their failed deliveries, and the retry.

use serde_json::json;

use super::receiver::{Answer, Receiver};
use super::register;
use crate::support::TestApp;
use crate::support::console::browser_with_session;

#[tokio::test]
async fn the_admin_page_lists_failed_deliveries_and_retries_them() {
    let app = TestApp::spawn_with(|c| {
        c.webhooks.allow_private_addresses = true;
        c.webhooks.max_attempts = 1;
    })
    .await;
    let root = app.admin_session().await;
    let receiver = Receiver::start(Answer::Status(500)).await;
    let (id, secret) = register(&app, &root, &receiver.url(), json!(["*"])).await;
    app.post(
        &format!("/api/v1/admin/webhooks/{id}/test"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(202);
    receiver.wait_for(1, 10).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while super::deliveries(&app, &root, &id, "failed")
        .await
        .is_empty()
    {
        assert!(std::time::Instant::now() < deadline, "not failed in time");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    let browser = browser_with_session(&app, &root, true).await;
    browser.goto(&app.url("/admin/users")).await;
    browser.follow("Webhooks").await;
    assert_eq!(browser.path().await, "/admin/webhooks");
    let text = browser.page_text().await;
    assert!(text.contains(&receiver.url()), "{text}");
    assert!(text.contains("webhook.test"));
    assert!(text.contains("receiver says 500"));
    browser.check_page("admin-webhooks").await;

    receiver.set(Answer::Accept);
    browser.press("Retry").await;
    assert!(
        browser
            .page_text()
            .await
            .contains("The delivery is queued again.")
    );
    let got = receiver.wait_for(2, 10).await;
    assert!(got[1].verifies_with(&secret));
    browser.close().await;
}
