//! The delivery log keeps done deliveries `webhooks.keep_deliveries_days` (30 by
//! default): maintenance then removes delivered and failed ones; pending ones stay.

use std::time::{Duration, Instant};

use super::receiver::{Answer, Receiver};
use super::register;
use crate::support::TestApp;

const COUNTS: &str = "select count(*) from webhook_deliveries";

async fn count_status(app: &TestApp, status: &str) -> i64 {
    let sql = "select count(*) from webhook_deliveries where status = ?";
    app.sql().one(sql, &[status.into()]).await
}

#[tokio::test]
async fn maintenance_removes_done_deliveries_after_the_retention_and_keeps_pending_ones() {
    let app = TestApp::spawn_with(|c| {
        c.webhooks.allow_private_addresses = true;
        c.webhooks.timeout_seconds = 2;
        c.webhooks.max_attempts = 5;
        // a refused delivery waits an hour for its next try: it stays pending here
        c.webhooks.retry_base_seconds = 3600;
        c.webhooks.retry_max_seconds = 3600;
    })
    .await;
    assert_eq!(app.state.config.webhooks.keep_deliveries_days, 30);
    let root = app.admin_session().await;
    let ok = Receiver::start(Answer::Accept).await;
    let gone = Receiver::start(Answer::Status(410)).await;
    let down = Receiver::start(Answer::Status(500)).await;
    for receiver in [&ok, &gone, &down] {
        let (id, _) = register(&app, &root, &receiver.url(), serde_json::json!(["*"])).await;
        app.post(
            &format!("/api/v1/admin/webhooks/{id}/test"),
            Some(&root),
            serde_json::json!({}),
        )
        .await
        .assert(202);
    }
    // one delivered, one failed for good (410), one waiting for its retry
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let done = (
            count_status(&app, "delivered").await,
            count_status(&app, "failed").await,
            app.count(
                "select count(*) from webhook_deliveries where status = 'pending' and attempts = 1",
            )
            .await,
        );
        if done == (1, 1, 1) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "deliveries not settled: {done:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // within the retention: all stay
    app.clock.advance(time::Duration::days(29));
    steward::jobs::maintenance_tick(&app.state).await.unwrap();
    assert_eq!(app.count(COUNTS).await, 3);

    // past it: the delivered and the failed one go, the pending one stays
    app.clock.advance(time::Duration::days(2));
    steward::jobs::maintenance_tick(&app.state).await.unwrap();
    assert_eq!(count_status(&app, "delivered").await, 0);
    assert_eq!(count_status(&app, "failed").await, 0);
    assert_eq!(count_status(&app, "pending").await, 1);
    assert_eq!(app.count(COUNTS).await, 1);
}
