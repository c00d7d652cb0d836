//! GET /metrics: Prometheus text whose counters move with what the server does.

use crate::support::smtp::Mode;
use crate::support::{PASSWORD, TestApp};

/// The value of one sample line (`name{labels} value`), or 0 when absent.
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |v| v.trim().parse().unwrap())
}

async fn scrape(app: &TestApp) -> String {
    let resp = reqwest::get(app.url("/metrics")).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    resp.text().await.unwrap()
}

#[tokio::test]
async fn counters_move_with_requests_mail_and_failed_sign_ins() {
    let app = TestApp::spawn().await;
    let before = scrape(&app).await;
    assert_eq!(
        sample(
            &before,
            r#"steward_http_requests_total{operation="register",status="202"}"#
        ),
        0.0
    );

    app.verified_account("ada@example.org").await;
    for _ in 0..6 {
        app.sign_in("ada@example.org", "wrong password!").await;
    }
    app.sign_in("ada@example.org", PASSWORD)
        .await
        .assert_error(429, "rate_limited");
    app.smtp.set_mode(Mode::RejectPermanently);
    app.register("bounce@example.org", PASSWORD)
        .await
        .assert(202);
    app.run_jobs_until_idle().await;

    let after = scrape(&app).await;
    assert_eq!(
        sample(
            &after,
            r#"steward_http_requests_total{operation="register",status="202"}"#
        ),
        2.0
    );
    assert_eq!(
        sample(
            &after,
            r#"steward_http_requests_total{operation="sign_in",status="401"}"#
        ) + sample(
            &after,
            r#"steward_http_requests_total{operation="sign_in",status="429"}"#
        ),
        7.0
    );
    assert!(
        sample(&after, "steward_sign_in_failures_total") >= 5.0,
        "{after}"
    );
    assert!(
        sample(&after, "steward_sign_in_lockouts_total") >= 1.0,
        "{after}"
    );
    assert_eq!(sample(&after, r#"steward_mail_total{outcome="sent"}"#), 1.0);
    assert_eq!(
        sample(&after, r#"steward_mail_total{outcome="failed"}"#),
        1.0
    );
    assert_eq!(
        sample(&after, r#"steward_outbox_mails{status="failed"}"#),
        1.0
    );
    assert!(
        sample(&after, r#"steward_jobs{queue="send_email",status="done"}"#) >= 1.0,
        "{after}"
    );
    assert!(
        sample(
            &after,
            r#"steward_http_request_duration_seconds_count{operation="sign_in"}"#
        ) >= 7.0
    );
    // a path a client made up is not a label
    reqwest::get(app.url("/no/such/thing/12345")).await.unwrap();
    let last = scrape(&app).await;
    assert!(!last.contains("12345"));
    assert!(
        sample(
            &last,
            r#"steward_http_requests_total{operation="other",status="404"}"#
        ) >= 1.0
    );
}

#[tokio::test]
async fn metrics_can_have_an_address_of_their_own() {
    let app = TestApp::spawn_with(|c| c.server.metrics_bind = "127.0.0.1:0".into()).await;
    let public = reqwest::get(app.url("/metrics")).await.unwrap();
    assert_eq!(public.status(), 404, "not on the public port then");
    let addr = app.metrics_addr().expect("a metrics address");
    let text = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains("steward_http_requests_total{operation=\"other\",status=\"404\"} 1"),
        "{text}"
    );
}
