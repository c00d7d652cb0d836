//! Integrations that go with their host, subscription or account are announced like
//! those deleted alone: `integration.deleted` for each, once, before their host's
//! `host.deleted`.

use serde_json::{Value, json};

use super::receiver::{Answer, Receiver};
use super::{register, spawn};
use crate::support::TestApp;

async fn integration(app: &TestApp, token: &str, host: &str, name: &str) -> Value {
    let made = app
        .post(
            &format!("/api/v1/hosts/{host}/integrations"),
            Some(token),
            json!({"kind": "slack_bridge", "name": name, "settings": {}}),
        )
        .await;
    made.assert(201);
    made.json["id"].clone()
}

async fn host(app: &TestApp, token: &str, subscription: &str, name: &str) -> String {
    let made = app
        .post(
            "/api/v1/hosts",
            Some(token),
            json!({"subscription_id": subscription, "name": name}),
        )
        .await;
    made.assert(201);
    made.json["id"].as_str().unwrap().to_owned()
}

/// What the receiver got, as (type, data.id), once the deletion jobs are done and
/// anything they might have added had time to arrive.
async fn seen(app: &TestApp, receiver: &Receiver, n: usize) -> Vec<(Value, Value)> {
    receiver.wait_for(n, 10).await;
    app.run_jobs_until_idle().await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    receiver
        .got()
        .iter()
        .map(|g| (g.json()["type"].clone(), g.json()["data"]["id"].clone()))
        .collect()
}

#[tokio::test]
async fn deleting_a_host_announces_each_of_its_integrations_once() {
    let app = spawn().await;
    let root = app.admin_session().await;
    let receiver = Receiver::start(Answer::Accept).await;
    let events = json!(["integration.deleted", "host.deleted"]);
    let (_, secret) = register(&app, &root, &receiver.url(), events).await;
    let ada = app.signed_in("ada@example.org").await;
    let ada_id = app.get("/api/v1/account", Some(&ada)).await.json["id"].clone();
    let sub = app.subscribe(&ada, "managed-homeserver").await;
    let host_id = host(&app, &ada, &sub, "matrix").await;
    let first = integration(&app, &ada, &host_id, "one").await;
    let second = integration(&app, &ada, &host_id, "two").await;
    // another host's integration stays, unannounced
    let other_sub = app.subscribe(&ada, "managed-homeserver").await;
    let other_host = host(&app, &ada, &other_sub, "other").await;
    integration(&app, &ada, &other_host, "stays").await;

    app.delete(&format!("/api/v1/hosts/{host_id}"), Some(&ada))
        .await
        .assert(202);
    let got = seen(&app, &receiver, 3).await;
    assert_eq!(
        got,
        [
            (json!("integration.deleted"), first.clone()),
            (json!("integration.deleted"), second.clone()),
            (json!("host.deleted"), json!(host_id)),
        ],
        "each once, the integrations before their host"
    );
    assert!(receiver.got().iter().all(|g| g.verifies_with(&secret)));
    assert!(
        receiver.got().iter().all(
            |g| g.json()["data"] == json!({"id": g.json()["data"]["id"], "account_id": ada_id})
        )
    );
    // the job removed them; the other host's integration is still there
    let left = app.count("select count(*) from integrations").await;
    assert_eq!(left, 1);
}

#[tokio::test]
async fn integrations_that_go_with_a_subscription_or_an_account_are_announced() {
    let app = spawn().await;
    let root = app.admin_session().await;
    let receiver = Receiver::start(Answer::Accept).await;
    let events = json!(["integration.deleted", "host.deleted"]);
    register(&app, &root, &receiver.url(), events).await;
    let ada = app.signed_in("ada@example.org").await;
    let ada_id = app.get("/api/v1/account", Some(&ada)).await.json["id"].clone();

    // one deleted alone first: announced then, and not again with its host
    let trial = app.subscribe(&ada, "on-premise-trial").await;
    let in_trial = host(&app, &ada, &trial, "trial").await;
    let alone = integration(&app, &ada, &in_trial, "alone").await;
    let with_sub = integration(&app, &ada, &in_trial, "with the subscription").await;
    app.delete(
        &format!("/api/v1/integrations/{}", alone.as_str().unwrap()),
        Some(&ada),
    )
    .await
    .assert(204);
    app.delete(&format!("/api/v1/subscriptions/{trial}"), Some(&ada))
        .await
        .assert(202);

    let managed = app.subscribe(&ada, "managed-homeserver").await;
    let in_managed = host(&app, &ada, &managed, "managed").await;
    let with_account = integration(&app, &ada, &in_managed, "with the account").await;
    app.delete(
        &format!("/api/v1/admin/users/{}", ada_id.as_str().unwrap()),
        Some(&root),
    )
    .await
    .assert(202);

    let got = seen(&app, &receiver, 5).await;
    assert_eq!(
        got,
        [
            (json!("integration.deleted"), alone),
            (json!("integration.deleted"), with_sub),
            (json!("host.deleted"), json!(in_trial)),
            (json!("integration.deleted"), with_account),
            (json!("host.deleted"), json!(in_managed)),
        ]
    );
    assert_eq!(app.count("select count(*) from integrations").await, 0);
}
