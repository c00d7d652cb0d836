//! Reauthentication, password changes, brute-force throttling and the audit trail.

use serde_json::json;
use time::Duration;

use crate::support::{PASSWORD, TestApp};

const NEW_PASSWORD: &str = "a whole new passphrase";

#[tokio::test]
async fn a_password_change_needs_a_recent_sign_in_and_signs_out_the_other_devices() {
    let app = TestApp::spawn().await;
    let laptop = app.signed_in("pw@example.org").await;
    let phone = app.sign_in("pw@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();

    // a fresh sign-in allows it for 10 minutes; after that, reauthenticate
    app.clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    app.put(
        "/api/v1/account/password",
        Some(&laptop),
        json!({"new_password": NEW_PASSWORD}),
    )
    .await
    .assert_error(403, "reauthentication_required");
    app.post(
        "/api/v1/sessions/current/reauthenticate",
        Some(&laptop),
        json!({"password": "wrong password"}),
    )
    .await
    .assert_error(401, "invalid_credentials");
    let elevated = app
        .post(
            "/api/v1/sessions/current/reauthenticate",
            Some(&laptop),
            json!({"password": PASSWORD}),
        )
        .await;
    elevated.assert(200);
    assert!(elevated.json["elevated_until"].is_string());

    app.put(
        "/api/v1/account/password",
        Some(&laptop),
        json!({"new_password": "short"}),
    )
    .await
    .assert_error(422, "validation_failed");
    app.put(
        "/api/v1/account/password",
        Some(&laptop),
        json!({"new_password": NEW_PASSWORD}),
    )
    .await
    .assert(204);
    app.get("/api/v1/account", Some(&laptop)).await.assert(200);
    app.get("/api/v1/account", Some(&phone))
        .await
        .assert_error(401, "unauthenticated");
    app.sign_in("pw@example.org", PASSWORD)
        .await
        .assert_error(401, "invalid_credentials");
    app.sign_in("pw@example.org", NEW_PASSWORD)
        .await
        .assert(201);
    app.run_jobs_until_idle().await;
    let notice = app
        .mails_to("pw@example.org")
        .into_iter()
        .find(|m| m.subject.contains("password was changed"));
    let notice = notice.expect("a notice of the change");
    assert!(notice.text.contains("Every other device was signed out"));
    assert!(notice.html.contains("<p>"), "an HTML part too");
}

#[tokio::test]
async fn five_failures_are_free_then_each_attempt_waits_twice_as_long() {
    let app = TestApp::spawn().await;
    app.verified_account("locked@example.org").await;
    for _ in 0..5 {
        app.sign_in("locked@example.org", "wrong password!")
            .await
            .assert_error(401, "invalid_credentials");
    }
    // locked: even the right password is refused, with when to come back
    let refused = app.sign_in("locked@example.org", PASSWORD).await;
    refused.assert_error(429, "rate_limited");
    assert_eq!(refused.headers["retry-after"], "2");
    app.clock.advance(Duration::seconds(2));
    app.sign_in("locked@example.org", "wrong password!")
        .await
        .assert_error(401, "invalid_credentials");
    let refused = app.sign_in("LOCKED@example.org", PASSWORD).await;
    refused.assert_error(429, "rate_limited");
    assert_eq!(refused.headers["retry-after"], "4");
    app.clock.advance(Duration::seconds(4));
    app.sign_in("locked@example.org", PASSWORD)
        .await
        .assert(201);
    // a success starts the count again
    for _ in 0..5 {
        app.sign_in("locked@example.org", "wrong password!")
            .await
            .assert_error(401, "invalid_credentials");
    }
    app.sign_in("locked@example.org", PASSWORD)
        .await
        .assert_error(429, "rate_limited");
}

#[tokio::test]
async fn waits_stop_growing_at_15_minutes_and_unknown_addresses_lock_alike() {
    let app = TestApp::spawn_with(|c| c.security.sign_in_per_ip_per_minute = 0).await;
    let mut last = String::new();
    for _ in 0..16 {
        let resp = app.sign_in("nobody@example.org", "wrong password!").await;
        resp.assert_error(401, "invalid_credentials");
        let refused = app.sign_in("nobody@example.org", "wrong password!").await;
        if refused.status == 429 {
            last = refused.headers["retry-after"].to_str().unwrap().to_owned();
            app.clock.advance(Duration::seconds(last.parse().unwrap()));
        } else {
            refused.assert_error(401, "invalid_credentials");
        }
    }
    assert_eq!(last, "900", "capped at 15 minutes");
}

#[tokio::test]
async fn one_client_address_gets_a_bucket_of_attempts() {
    let app = TestApp::spawn_with(|c| c.security.sign_in_per_ip_per_minute = 3).await;
    for _ in 0..3 {
        app.sign_in("bucket@example.org", "wrong password!")
            .await
            .assert_error(401, "invalid_credentials");
    }
    let refused = app.sign_in("another@example.org", "whatever it is").await;
    refused.assert_error(429, "rate_limited");
    let wait: u64 = refused.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    // in memory (SQLite, one process) a bucket refilled at 3 a minute; in the database
    // (PostgreSQL, instances counting together) the rest of the minute's window
    let longest = match app.state.db {
        steward::db::Pool::Sqlite(_) => 20,
        steward::db::Pool::Postgres(_) => 60,
    };
    assert!((1..=longest).contains(&wait), "{wait}");
    // reading is not throttled
    app.get("/healthz", None).await.assert(200);
}

#[tokio::test]
async fn the_account_sees_its_security_events() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("audit@example.org").await;
    app.sign_in("audit@example.org", "wrong password!")
        .await
        .assert(401);
    app.post(
        "/api/v1/sessions/current/reauthenticate",
        Some(&token),
        json!({"password": PASSWORD}),
    )
    .await
    .assert(200);
    app.put(
        "/api/v1/account/password",
        Some(&token),
        json!({"new_password": NEW_PASSWORD}),
    )
    .await
    .assert(204);
    let other = app.sign_in("audit@example.org", NEW_PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    app.delete("/api/v1/sessions/current", Some(&other))
        .await
        .assert(204);

    let events = app.get("/api/v1/account/events", Some(&token)).await;
    events.assert(200);
    let kinds: Vec<&str> = events.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "session.signed_out",
            "sign_in.succeeded",
            "password.changed",
            "session.reauthenticated",
            "sign_in.failed",
            "sign_in.succeeded",
        ],
        "newest first"
    );
    let failed = &events.json["items"][4];
    assert_eq!(failed["detail"]["reason"], "password");
    assert_eq!(failed["ip"], "127.0.0.1");
    assert!(failed["at"].is_string());

    let page = app
        .get("/api/v1/account/events?limit=4", Some(&token))
        .await;
    let cursor = page.json["next_cursor"].as_str().unwrap();
    let rest = app
        .get(
            &format!("/api/v1/account/events?limit=4&cursor={cursor}"),
            Some(&token),
        )
        .await;
    assert_eq!(rest.json["items"].as_array().unwrap().len(), 2);
    // another account sees only its own
    let stranger = app.signed_in("stranger@example.org").await;
    let theirs = app.get("/api/v1/account/events", Some(&stranger)).await;
    assert_eq!(theirs.json["items"].as_array().unwrap().len(), 1);
}
