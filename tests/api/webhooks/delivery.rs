//! Delivery: retries through an outage in order, nothing lost to kill -9, 410 turns an
//! endpoint off, rotation keeps receivers verifying, misbehaving receivers hold up no
//! one else, and a failed delivery can be retried.

use std::time::{Duration, Instant};

use serde_json::json;

use super::receiver::{Answer, Receiver};
use super::{deliveries, patch, register, spawn};
use crate::support::TestApp;
use crate::support::process::{free_port, spawn_binary, steward};

/// Creates hosts named `names` for a new account; returns its token.
async fn hosts(app: &TestApp, names: &[&str]) -> String {
    let ada = app.signed_in("ada@example.org").await;
    let sub = app.subscribe(&ada, "on-premise-trial").await;
    for name in names {
        app.post(
            "/api/v1/hosts",
            Some(&ada),
            json!({"subscription_id": sub, "name": name}),
        )
        .await
        .assert(201);
    }
    ada
}

fn host_names(got: &[super::receiver::Got]) -> Vec<String> {
    got.iter()
        .filter(|g| g.json()["type"] == "host.created")
        .map(|g| g.json()["data"]["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_receiver_down_for_a_while_gets_everything_in_order_once_back() {
    let app = spawn().await;
    let root = app.admin_session().await;
    let mut receiver = Receiver::start(Answer::Accept).await;
    let (id, secret) = register(&app, &root, &receiver.url(), json!(["host.created"])).await;
    receiver.down();
    hosts(&app, &["one", "two", "three"]).await;
    // the first is retried while the others wait their turn
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let pending = deliveries(&app, &root, &id, "pending").await;
        let first = pending.iter().find(|d| d["attempts"].as_i64() >= Some(2));
        if let Some(first) = first {
            assert!(first["last_error"].as_str().unwrap().contains("connect"));
            assert!(pending.iter().filter(|d| d["attempts"] != 0).count() == 1);
            break;
        }
        assert!(Instant::now() < deadline, "no retry: {pending:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    receiver.up().await;
    let got = receiver.wait_for(3, 15).await;
    assert_eq!(host_names(&got), ["one", "two", "three"]);
    assert!(got.iter().all(|g| g.verifies_with(&secret)));
    let delivered = deliveries(&app, &root, &id, "delivered").await;
    assert_eq!(delivered.len(), 3);
}

#[tokio::test]
async fn kill_9_between_commit_and_delivery_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = crate::support::smtp::SmtpServer::start().await;
    let http_port = free_port();
    // the receiver takes the first delivery and never answers: the try is under way
    let receiver = Receiver::start(Answer::Hang).await;
    // On SQLite a restart frees the leases of the one process at once; on PostgreSQL,
    // where another instance may hold them, they run out: twice the timeout and 30 s.
    let configure = |c: &mut steward::config::Config| {
        c.webhooks.allow_private_addresses = true;
        c.webhooks.timeout_seconds = 1;
        c.jobs.heartbeat_seconds = 1;
        c.jobs.lost_after_seconds = 2;
    };
    let mut process = spawn_binary(dir.path(), http_port, smtp.port, configure).await;
    let added = steward(
        dir.path(),
        &[
            "webhook",
            "add",
            &receiver.url(),
            "--events",
            "account.created",
        ],
        None,
    );
    assert!(added.status.success(), "{added:?}");
    let secret = String::from_utf8_lossy(&added.stdout)
        .split_whitespace()
        .find(|w| w.starts_with("whsec_"))
        .expect("the secret is printed")
        .to_owned();
    for who in ["one", "two"] {
        let made = steward(
            dir.path(),
            &["user", "create", "--email", &format!("{who}@example.org")],
            None,
        );
        assert!(made.status.success(), "{made:?}");
    }
    receiver.wait_for(1, 10).await;
    process.kill(); // SIGKILL mid-delivery: committed, not delivered
    let before = receiver.got().len();
    assert_eq!(before, 1, "the second waits for the first");
    receiver.set(Answer::Accept);
    let _process = spawn_binary(dir.path(), http_port, smtp.port, configure).await;
    let got = receiver.wait_for(before + 2, 60).await;
    let emails: Vec<_> = got[before..]
        .iter()
        .map(|g| g.json()["data"]["email"].as_str().unwrap().to_owned())
        .collect();
    // at least once: the try that the kill cut short is made again, then the next
    assert_eq!(emails[..2], ["one@example.org", "two@example.org"]);
    assert!(got.iter().all(|g| g.verifies_with(&secret)));
}

#[tokio::test]
async fn a_410_turns_the_endpoint_off_and_is_audited() {
    let app = spawn().await;
    let root = app.admin_session().await;
    let gone = Receiver::start(Answer::Status(410)).await;
    let (id, _) = register(&app, &root, &gone.url(), json!(["host.created"])).await;
    let ada = hosts(&app, &["one"]).await;
    gone.wait_for(1, 10).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while app
        .get(&format!("/api/v1/admin/webhooks/{id}"), Some(&root))
        .await
        .json["enabled"]
        != false
    {
        assert!(Instant::now() < deadline, "still enabled");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let failed = deliveries(&app, &root, &id, "failed").await;
    assert_eq!(failed[0]["last_status_code"], 410);
    let audit = app
        .get("/api/v1/admin/events?type=webhook.disabled", Some(&root))
        .await;
    assert!(audit.text.contains(&id), "audited: {}", audit.text);
    // later events are not written for it
    let sub = app.subscribe(&ada, "managed-homeserver").await;
    app.post(
        "/api/v1/hosts",
        Some(&ada),
        json!({"subscription_id": sub, "name": "two"}),
    )
    .await
    .assert(201);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(gone.got().len(), 1);
    assert_eq!(deliveries(&app, &root, &id, "pending").await.len(), 0);
}

#[tokio::test]
async fn rotation_keeps_receivers_verifying() {
    let app = spawn().await;
    let root = app.admin_session().await;
    let receiver = Receiver::start(Answer::Accept).await;
    let (id, old) = register(&app, &root, &receiver.url(), json!(["*"])).await;
    let rotated = app
        .post(
            &format!("/api/v1/admin/webhooks/{id}/rotate-secret"),
            Some(&root),
            json!({}),
        )
        .await;
    rotated.assert(200);
    let new = rotated.json["secret"].as_str().unwrap().to_owned();
    assert_ne!(new, old);
    let test = format!("/api/v1/admin/webhooks/{id}/test");
    app.post(&test, Some(&root), json!({})).await.assert(202);
    let got = receiver.wait_for(1, 10).await;
    assert!(got[0].verifies_with(&old), "the old secret still verifies");
    assert!(got[0].verifies_with(&new), "the new one too");
    let signatures = got[0].headers["webhook-signature"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(signatures.split(' ').count(), 2);
    // a day later only the new secret signs
    app.clock.advance(time::Duration::hours(25));
    app.post(&test, Some(&root), json!({})).await.assert(202);
    let got = receiver.wait_for(2, 10).await;
    assert!(got[1].verifies_with(&new));
    assert!(!got[1].verifies_with(&old));
}

#[tokio::test]
async fn misbehaving_receivers_are_retried_and_block_no_other_endpoint() {
    let app = spawn().await;
    let root = app.admin_session().await;
    let good = Receiver::start(Answer::Accept).await;
    let bad = [
        Receiver::start(Answer::Hang).await,
        Receiver::start(Answer::Status(500)).await,
        Receiver::start(Answer::Huge).await,
        Receiver::start(Answer::Redirect).await,
    ];
    let mut bad_ids = Vec::new();
    for receiver in &bad {
        // two of each: more hanging work than one worker slot
        bad_ids.push(register(&app, &root, &receiver.url(), json!(["*"])).await.0);
        register(&app, &root, &receiver.url(), json!(["*"])).await;
    }
    register(&app, &root, &good.url(), json!(["*"])).await;
    let started = Instant::now();
    let ada = hosts(&app, &["one", "two"]).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the API was held up"
    );
    // account.created, subscription.created, two hosts
    good.wait_for(4, 5).await;
    // the API answers while receivers hang
    let t = Instant::now();
    app.get("/api/v1/hosts", Some(&ada)).await.assert(200);
    assert!(t.elapsed() < Duration::from_secs(1));
    // each misbehaving one is retried, with what happened in the log
    let deadline = Instant::now() + Duration::from_secs(20);
    for (id, expect) in
        bad_ids
            .iter()
            .zip(["no answer in time", "HTTP 500", "HTTP 500", "redirect"])
    {
        loop {
            let pending = deliveries(&app, &root, id, "pending").await;
            let tried = pending.iter().find(|d| d["attempts"].as_i64() >= Some(2));
            if let Some(d) = tried {
                let error = d["last_error"].as_str().unwrap();
                assert!(error.contains(expect), "{expect}: {error}");
                assert!(
                    error.len() < 400,
                    "an excerpt, not the answer: {}",
                    error.len()
                );
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{expect}: no retry in time: {pending:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    // the redirect was not followed (its target is port 1, where nothing listens)
    let redirected = deliveries(&app, &root, &bad_ids[3], "pending").await;
    assert!(redirected.iter().any(|d| d["last_status_code"] == 302));
}

#[tokio::test]
async fn a_failed_delivery_can_be_retried() {
    let app = TestApp::spawn_with(|c| {
        c.webhooks.allow_private_addresses = true;
        c.webhooks.retry_base_seconds = 1;
        c.webhooks.retry_max_seconds = 1;
        c.webhooks.max_attempts = 2;
    })
    .await;
    let root = app.admin_session().await;
    let receiver = Receiver::start(Answer::Status(503)).await;
    let (id, secret) = register(&app, &root, &receiver.url(), json!(["*"])).await;
    app.post(
        &format!("/api/v1/admin/webhooks/{id}/test"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(202);
    let deadline = Instant::now() + Duration::from_secs(10);
    let failed = loop {
        let failed = deliveries(&app, &root, &id, "failed").await;
        if !failed.is_empty() {
            break failed;
        }
        assert!(Instant::now() < deadline, "not failed in time");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(failed[0]["attempts"], 2);
    assert_eq!(failed[0]["last_status_code"], 503);
    assert!(
        failed[0]["last_error"]
            .as_str()
            .unwrap()
            .contains("receiver says 503")
    );
    receiver.set(Answer::Accept);
    let delivery = failed[0]["id"].as_str().unwrap();
    let retry = format!("/api/v1/admin/webhooks/deliveries/{delivery}/retry");
    app.post(&retry, Some(&root), json!({})).await.assert(202);
    let got = receiver.wait_for(3, 10).await;
    assert!(got[2].verifies_with(&secret));
    assert_eq!(
        got[2].headers["webhook-id"], got[0].headers["webhook-id"],
        "same id on every try"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while deliveries(&app, &root, &id, "delivered").await.is_empty() {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.post(&retry, Some(&root), json!({}))
        .await
        .assert_error(409, "webhook_delivery_not_failed");
    // turned off and on again, an endpoint sends what waited meanwhile
    patch(
        &app,
        &format!("/api/v1/admin/webhooks/{id}"),
        &root,
        json!({"enabled": false}),
    )
    .await
    .assert(200);
    app.post(
        &format!("/api/v1/admin/webhooks/{id}/test"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(202);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.got().len(), 3);
    patch(
        &app,
        &format!("/api/v1/admin/webhooks/{id}"),
        &root,
        json!({"enabled": true}),
    )
    .await
    .assert(200);
    receiver.wait_for(4, 10).await;
}
