//! Writes on several instances: one account's writes take turns, other accounts' go
//! on, and the rules that read before they write hold (PostgreSQL's row locks,
//! `db::Lock`).

use std::time::Duration;

use serde_json::json;
use steward::config::Config;
use steward::db::Pool;

use super::{Cluster, signed_in};

#[tokio::test]
async fn one_account_s_writes_take_turns_across_instances_and_other_accounts_go_on() {
    let Some(mut cluster) = Cluster::new().await else {
        return;
    };
    let a = cluster.start(|_| {}).await;
    let b = cluster.start(|_| {}).await;
    let alice = signed_in(&cluster, &a, &b, "alice@example.org").await;
    let bob = signed_in(&cluster, &b, &a, "bob@example.org").await;
    let alice_id: String = cluster
        .sql()
        .one(
            "select cast(id as text) from accounts where email = ?",
            &["alice@example.org".into()],
        )
        .await;

    // Another writer holds Alice's account, as a write of hers on a third instance would.
    let Pool::Postgres(pg) = &cluster.pool else {
        unreachable!()
    };
    let mut holder = pg.begin().await.unwrap();
    sqlx::query("select 1 from accounts where id = $1::uuid for no key update")
        .bind(&alice_id)
        .execute(&mut *holder)
        .await
        .unwrap();

    let renamed = tokio::spawn({
        let base = a.base.clone();
        let alice = alice.clone();
        async move {
            reqwest::Client::new()
                .patch(format!("{base}/api/v1/account"))
                .bearer_auth(alice)
                .json(&json!({"display_name": "Alice"}))
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    // Bob's writes, on both instances, do not wait for Alice's.
    for (instance, name) in [(&b, "Bob"), (&a, "Robert")] {
        let answer = tokio::time::timeout(
            Duration::from_secs(10),
            instance.patch("/api/v1/account", &bob, json!({"display_name": name})),
        )
        .await
        .expect("a write of another account waited for Alice's");
        answer.assert(200);
        assert_eq!(answer.json["display_name"], name);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !renamed.is_finished(),
        "Alice's write did not wait for her account"
    );

    holder.commit().await.unwrap();
    let status = tokio::time::timeout(Duration::from_secs(10), renamed)
        .await
        .expect("Alice's write still waits after the other writer ended")
        .unwrap();
    assert_eq!(status, 200);
    let got = b.get("/api/v1/account", &alice).await;
    assert_eq!(got.json["display_name"], "Alice");
}

#[tokio::test]
async fn a_plan_s_host_limit_holds_when_hosts_are_added_at_once_on_two_instances() {
    let Some(mut cluster) = Cluster::new().await else {
        return;
    };
    let plan = |c: &mut Config| {
        c.plans = vec![steward::config::PlanConfig {
            id: "three".into(),
            name: "Three hosts".into(),
            kind: steward::config::PlanKind::ManagedHomeserver,
            max_hosts: 3,
            trial_days: 0,
        }];
    };
    let a = cluster.start(plan).await;
    let b = cluster.start(plan).await;
    let token = signed_in(&cluster, &a, &b, "hosts@example.org").await;
    let sub = a
        .post(
            "/api/v1/subscriptions",
            Some(&token),
            json!({"plan_id": "three"}),
        )
        .await;
    sub.assert(201);
    let sub = sub.json["id"].as_str().unwrap().to_owned();

    // twelve at once, six on each instance: three get in, nine are refused
    let answers = futures::future::join_all((0..12).map(|i| {
        let instance = if i % 2 == 0 { &a } else { &b };
        let body = json!({"subscription_id": sub, "name": format!("host {i}")});
        let token = &token;
        async move { instance.post("/api/v1/hosts", Some(token), body).await }
    }))
    .await;
    let created = answers.iter().filter(|r| r.status == 201).count();
    for refused in answers.iter().filter(|r| r.status != 201) {
        refused.assert_error(409, "plan_limit_reached");
    }
    assert_eq!(created, 3);
    let stored: i64 = cluster.sql().one("select count(*) from hosts", &[]).await;
    assert_eq!(stored, 3);
}
