//! Each event of the contract arrives once, signed, with the documented data; what an
//! endpoint may be registered with.

use serde_json::json;

use super::receiver::{Answer, Receiver};
use super::{patch, register, spawn};
use crate::support::TestApp;

#[tokio::test]
async fn every_event_arrives_once_signed_with_its_data() {
    let app = spawn().await;
    let root = app.admin_session().await;
    let receiver = Receiver::start(Answer::Accept).await;
    let (endpoint, secret) = register(&app, &root, &receiver.url(), json!(["*"])).await;
    assert!(secret.starts_with("whsec_"));

    // account.created: when the address is verified
    let ada = app.signed_in("ada@example.org").await;
    let ada_id = app.get("/api/v1/account", Some(&ada)).await.json["id"].clone();
    patch(
        &app,
        "/api/v1/account",
        &ada,
        json!({"display_name": "Ada L."}),
    )
    .await
    .assert(200);
    let sub = app.subscribe(&ada, "managed-homeserver").await;
    let host = app
        .post(
            "/api/v1/hosts",
            Some(&ada),
            json!({"subscription_id": sub, "name": "matrix", "domain": "matrix.example.org"}),
        )
        .await;
    host.assert(201);
    let host_id = host.json["id"].as_str().unwrap().to_owned();
    patch(
        &app,
        &format!("/api/v1/hosts/{host_id}"),
        &ada,
        json!({"name": "chat"}),
    )
    .await
    .assert(200);
    let integration = app
        .post(
            &format!("/api/v1/hosts/{host_id}/integrations"),
            Some(&ada),
            json!({"kind": "slack_bridge", "name": "bridge", "settings": {"team": "t1"}}),
        )
        .await;
    integration.assert(201);
    let integration_id = integration.json["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/integrations/{integration_id}");
    patch(&app, &path, &ada, json!({"name": "bridge 2"}))
        .await
        .assert(200);
    app.delete(&path, Some(&ada)).await.assert(204);
    app.delete(&format!("/api/v1/hosts/{host_id}"), Some(&ada))
        .await
        .assert(202);
    app.delete(&format!("/api/v1/subscriptions/{sub}"), Some(&ada))
        .await
        .assert(202);
    app.delete(
        &format!("/api/v1/admin/users/{}", ada_id.as_str().unwrap()),
        Some(&root),
    )
    .await
    .assert(202);
    let trial = app.subscribe(&root, "on-premise-trial").await;
    // every delivery so far done before the month passes: a try under way when the test
    // clock leaps 31 days would see its lease long expired and be tried again beside it
    receiver.wait_for(12, 15).await;
    let pending = "select count(*) from webhook_deliveries where status = 'pending'";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while app.sql().one::<i64>(pending, &[]).await > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "deliveries still pending"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    app.clock.advance(time::Duration::days(31));
    steward::jobs::maintenance_tick(&app.state).await.unwrap();

    let expected = [
        "account.created",
        "account.updated",
        "subscription.created",
        "host.created",
        "host.updated",
        "integration.created",
        "integration.updated",
        "integration.deleted",
        "host.deleted",
        "subscription.cancelled",
        "account.deleted",
        "subscription.created",
        "subscription.expired",
    ];
    let got = receiver.wait_for(expected.len(), 15).await;
    app.run_jobs_until_idle().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let got = if receiver.got().len() > got.len() {
        receiver.got()
    } else {
        got
    };
    let types: Vec<String> = got
        .iter()
        .map(|g| g.json()["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(types, expected, "each event once, in order");
    let mut ids = std::collections::HashSet::new();
    for g in &got {
        assert!(g.verifies_with(&secret), "signature verifies: {}", g.body);
        assert!(
            ids.insert(g.headers["webhook-id"].clone()),
            "ids are unique"
        );
        assert!(g.json()["timestamp"].as_str().unwrap().ends_with('Z'));
        assert!(!g.verifies_with("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }
    let data = |i: usize| got[i].json()["data"].clone();
    assert_eq!(data(0)["id"], ada_id);
    assert_eq!(data(0)["email"], "ada@example.org");
    assert_eq!(data(0)["email_verified"], true);
    assert_eq!(data(1)["display_name"], "Ada L.");
    assert_eq!(data(2)["id"], sub.as_str());
    assert_eq!(data(2)["plan_id"], "managed-homeserver");
    assert_eq!(data(2)["account_id"], ada_id);
    assert_eq!(data(3)["id"], host_id.as_str());
    assert_eq!(data(3)["domain"], "matrix.example.org");
    assert_eq!(data(3)["subscription_id"], sub.as_str());
    assert_eq!(data(3)["account_id"], ada_id);
    assert_eq!(data(4)["name"], "chat");
    assert_eq!(data(5)["settings"], json!({"team": "t1"}));
    assert_eq!(data(5)["host_id"], host_id.as_str());
    assert_eq!(data(6)["name"], "bridge 2");
    assert_eq!(data(7), json!({"id": integration_id, "account_id": ada_id}));
    assert_eq!(data(8), json!({"id": host_id, "account_id": ada_id}));
    assert_eq!(data(9)["status"], "cancelled");
    assert_eq!(data(10), json!({"id": ada_id, "account_id": ada_id}));
    assert_eq!(data(12)["id"], trial.as_str());
    assert_eq!(data(12)["status"], "expired");

    // the delivery log shows them delivered, once each
    let root = {
        // the clock moved a month: sign in again
        app.sign_in("root@example.org", crate::support::PASSWORD)
            .await
            .json["token"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let log = super::deliveries(&app, &root, &endpoint, "delivered").await;
    assert_eq!(log.len(), expected.len());
    assert!(
        log.iter()
            .all(|d| d["attempts"] == 1 && d["last_status_code"] == 204)
    );
}

#[tokio::test]
async fn an_endpoint_gets_only_the_events_it_listed_and_a_test_on_request() {
    let app = spawn().await;
    let root = app.admin_session().await;
    let hosts = Receiver::start(Answer::Accept).await;
    let (id, secret) = register(&app, &root, &hosts.url(), json!(["host.created"])).await;
    let ada = app.signed_in("ada@example.org").await;
    let sub = app.subscribe(&ada, "managed-homeserver").await;
    app.post(
        "/api/v1/hosts",
        Some(&ada),
        json!({"subscription_id": sub, "name": "one"}),
    )
    .await
    .assert(201);
    app.post(
        &format!("/api/v1/admin/webhooks/{id}/test"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(202);
    let got = hosts.wait_for(2, 10).await;
    app.run_jobs_until_idle().await;
    let types: Vec<_> = hosts
        .got()
        .iter()
        .map(|g| g.json()["type"].clone())
        .collect();
    assert_eq!(types, [json!("host.created"), json!("webhook.test")]);
    assert!(got.iter().all(|g| g.verifies_with(&secret)));
    // metrics: deliveries by status, attempts by outcome, how long receivers took
    let metrics = reqwest::get(app.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for line in [
        r#"steward_webhook_attempts_total{outcome="delivered"} 2"#,
        r#"steward_webhook_deliveries{status="delivered"} 2"#,
        "steward_webhook_duration_seconds_count 2",
    ] {
        assert!(metrics.contains(line), "{line} missing:\n{metrics}");
    }
}

#[tokio::test]
async fn unknown_event_names_are_refused_by_name_and_nothing_is_stored() {
    let app = spawn().await;
    let root = app.admin_session().await;
    let resp = app
        .post(
            "/api/v1/admin/webhooks",
            Some(&root),
            json!({"url": "https://hooks.example.org/", "events": ["host.created", "host.exploded", "sub.made"]}),
        )
        .await;
    resp.assert_error(422, "validation_failed");
    let message = resp.json["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("host.exploded") && message.contains("sub.made"),
        "{message}"
    );
    assert!(!message.contains("host.created"));
    for events in [json!([]), json!(["webhook.test"])] {
        app.post(
            "/api/v1/admin/webhooks",
            Some(&root),
            json!({"url": "https://hooks.example.org/", "events": events}),
        )
        .await
        .assert_error(422, "validation_failed");
    }
    let list = app.get("/api/v1/admin/webhooks", Some(&root)).await;
    assert_eq!(list.json["items"], json!([]));
    // not for people without admin rights
    let ada = app.signed_in("ada@example.org").await;
    app.post(
        "/api/v1/admin/webhooks",
        Some(&ada),
        json!({"url": "https://hooks.example.org/", "events": ["*"]}),
    )
    .await
    .assert_error(403, "forbidden");
}

#[tokio::test]
async fn internal_and_non_http_urls_are_refused() {
    // the default: no private addresses
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    for url in [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://[::1]/hook",
        "http://10.0.0.5/hook",
        "http://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[fd00::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://2130706433/hook",
        "ftp://hooks.example.org/",
        "file:///etc/passwd",
        "gopher://hooks.example.org/",
    ] {
        let resp = app
            .post(
                "/api/v1/admin/webhooks",
                Some(&root),
                json!({"url": url, "events": ["*"]}),
            )
            .await;
        assert_eq!(resp.status, 422, "{url}: {}", resp.text);
        assert_eq!(resp.code(), "webhook_url_forbidden", "{url}");
    }
    for url in ["not a url", "http://", ""] {
        app.post(
            "/api/v1/admin/webhooks",
            Some(&root),
            json!({"url": url, "events": ["*"]}),
        )
        .await
        .assert_error(422, "validation_failed");
    }
    let list = app.get("/api/v1/admin/webhooks", Some(&root)).await;
    assert_eq!(list.json["items"], json!([]), "nothing stored");

    // an endpoint allowed once is still checked at every delivery: the address is
    // refused before connecting, and the receiver gets nothing
    let app = app
        .restart_with(|c| c.webhooks.allow_private_addresses = true)
        .await;
    let receiver = Receiver::start(Answer::Accept).await;
    let (id, _) = register(&app, &root, &receiver.url(), json!(["*"])).await;
    let named = format!("http://localhost:{}/hook", receiver.port);
    let (named_id, _) = register(&app, &root, &named, json!(["*"])).await;
    let app = app
        .restart_with(|c| {
            c.webhooks.allow_private_addresses = false;
            c.webhooks.max_attempts = 1;
        })
        .await;
    app.post(
        &format!("/api/v1/admin/webhooks/{id}/test"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(202);
    app.post(
        &format!("/api/v1/admin/webhooks/{named_id}/test"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(202);
    app.run_jobs_until_idle().await;
    for endpoint in [&id, &named_id] {
        let failed = super::deliveries(&app, &root, endpoint, "failed").await;
        assert_eq!(failed.len(), 1, "{endpoint}");
        let error = failed[0]["last_error"].as_str().unwrap();
        assert!(
            error.contains("127.0.0.1") || error.contains("::1"),
            "{error}"
        );
    }
    assert!(receiver.got().is_empty());
}

#[tokio::test]
async fn hosts_that_go_with_their_subscription_or_account_are_announced() {
    let app = spawn().await;
    let root = app.admin_session().await;
    let receiver = Receiver::start(Answer::Accept).await;
    let events = json!(["host.deleted", "subscription.cancelled", "account.deleted"]);
    let (_, secret) = register(&app, &root, &receiver.url(), events).await;
    let ada = app.signed_in("ada@example.org").await;
    let ada_id = app.get("/api/v1/account", Some(&ada)).await.json["id"].clone();
    let trial = app.subscribe(&ada, "on-premise-trial").await;
    let mut going = Vec::new();
    for name in ["one", "two"] {
        let host = app
            .post(
                "/api/v1/hosts",
                Some(&ada),
                json!({"subscription_id": trial, "name": name}),
            )
            .await;
        host.assert(201);
        going.push(host.json["id"].clone());
    }
    app.delete(&format!("/api/v1/subscriptions/{trial}"), Some(&ada))
        .await
        .assert(202);
    let other = app.subscribe(&ada, "managed-homeserver").await;
    let last = app
        .post(
            "/api/v1/hosts",
            Some(&ada),
            json!({"subscription_id": other, "name": "three"}),
        )
        .await;
    last.assert(201);
    app.delete(
        &format!("/api/v1/admin/users/{}", ada_id.as_str().unwrap()),
        Some(&root),
    )
    .await
    .assert(202);
    let got = receiver.wait_for(5, 10).await;
    app.run_jobs_until_idle().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let seen: Vec<_> = receiver
        .got()
        .iter()
        .map(|g| (g.json()["type"].clone(), g.json()["data"]["id"].clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (json!("host.deleted"), going[0].clone()),
            (json!("host.deleted"), going[1].clone()),
            (json!("subscription.cancelled"), json!(trial)),
            (json!("host.deleted"), last.json["id"].clone()),
            (json!("account.deleted"), ada_id.clone()),
        ]
    );
    assert!(got.iter().all(|g| g.verifies_with(&secret)));
    assert!(got.iter().all(|g| g.json()["data"]["account_id"] == ada_id));
}
