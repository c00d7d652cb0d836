//! Plans, subscriptions, hosts and integrations: CRUD, ownership, limits, deletion jobs.

use reqwest::Method;
use serde_json::{Value, json};
use time::Duration;

use crate::support::{PASSWORD, TestApp};

async fn add_host(
    app: &TestApp,
    token: &str,
    subscription: &str,
    name: &str,
    domain: Option<&str>,
) -> String {
    let resp = app
        .post(
            "/api/v1/hosts",
            Some(token),
            json!({"subscription_id": subscription, "name": name, "domain": domain}),
        )
        .await;
    resp.assert(201);
    resp.json["id"].as_str().unwrap().to_owned()
}

async fn add_integration(app: &TestApp, token: &str, host: &str, name: &str) -> String {
    let resp = app
        .post(
            &format!("/api/v1/hosts/{host}/integrations"),
            Some(token),
            json!({"kind": "slack_bridge", "name": name, "settings": {"channel": "#general", "retries": 3}}),
        )
        .await;
    resp.assert(201);
    resp.json["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn plans_subscriptions_and_their_limits() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("host@example.org").await;
    let plans = app.get("/api/v1/plans", None).await;
    plans.assert(200);
    let ids: Vec<&str> = plans.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["managed-homeserver", "element-one", "on-premise-trial"]
    );
    assert_eq!(plans.json["items"][2]["trial_days"], 30);
    assert_eq!(plans.json["items"][0]["kind"], "managed_homeserver");

    app.post(
        "/api/v1/subscriptions",
        Some(&token),
        json!({"plan_id": "gold"}),
    )
    .await
    .assert_error(422, "validation_failed");
    let sub = app.subscribe(&token, "managed-homeserver").await;
    let got = app
        .get(&format!("/api/v1/subscriptions/{sub}"), Some(&token))
        .await;
    assert_eq!(got.json["status"], "active");
    assert_eq!(got.json["trial_ends_at"], Value::Null);

    // one host on this plan
    let host = add_host(&app, &token, &sub, "Homeserver", Some("Matrix.Example.org")).await;
    let h = app
        .get(&format!("/api/v1/hosts/{host}"), Some(&token))
        .await;
    assert_eq!(h.json["domain"], "matrix.example.org");
    assert_eq!(h.json["subscription_id"], sub.as_str());
    app.post(
        "/api/v1/hosts",
        Some(&token),
        json!({"subscription_id": sub, "name": "Second"}),
    )
    .await
    .assert_error(409, "plan_limit_reached");

    // domains are validated and unique across accounts
    let other = app.signed_in("other@example.org").await;
    let other_sub = app.subscribe(&other, "on-premise-trial").await;
    app.post(
        "/api/v1/hosts",
        Some(&other),
        json!({"subscription_id": other_sub, "name": "x", "domain": "matrix.example.org"}),
    )
    .await
    .assert_error(409, "domain_taken");
    let bad = app
        .post(
            "/api/v1/hosts",
            Some(&other),
            json!({"subscription_id": other_sub, "name": "", "domain": "not a domain"}),
        )
        .await;
    bad.assert_error(422, "validation_failed");
    assert_eq!(bad.json["errors"].as_array().unwrap().len(), 2);
    // someone else's subscription is not one to put hosts under
    app.post(
        "/api/v1/hosts",
        Some(&other),
        json!({"subscription_id": sub, "name": "Mine now"}),
    )
    .await
    .assert_error(422, "validation_failed");

    // rename, change and clear the domain
    let patched = app
        .request(
            Method::PATCH,
            &format!("/api/v1/hosts/{host}"),
            Some(&token),
            Some(json!({"name": "Main", "domain": null})),
        )
        .await;
    patched.assert(200);
    assert_eq!(
        (patched.json["name"].as_str(), &patched.json["domain"]),
        (Some("Main"), &Value::Null)
    );
    add_host(
        &app,
        &other,
        &other_sub,
        "Now free",
        Some("matrix.example.org"),
    )
    .await;

    // trial: active until the trial ends, then expired (maintenance), then no new hosts
    let trial = app
        .get(&format!("/api/v1/subscriptions/{other_sub}"), Some(&other))
        .await;
    assert_eq!(trial.json["status"], "trialing");
    assert!(trial.json["trial_ends_at"].is_string());
    app.clock.advance(Duration::days(30) + Duration::seconds(1));
    steward::jobs::maintenance_tick(&app.state).await.unwrap();
    // 30 days ended that session too
    let other = app.sign_in("other@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let trial = app
        .get(&format!("/api/v1/subscriptions/{other_sub}"), Some(&other))
        .await;
    assert_eq!(trial.json["status"], "expired");
    app.post(
        "/api/v1/hosts",
        Some(&other),
        json!({"subscription_id": other_sub, "name": "Late"}),
    )
    .await
    .assert_error(409, "subscription_inactive");
}

#[tokio::test]
async fn every_resource_is_404_to_other_accounts() {
    let app = TestApp::spawn().await;
    let owner = app.signed_in("owner@example.org").await;
    let stranger = app.signed_in("stranger@example.org").await;
    let sub = app.subscribe(&owner, "on-premise-trial").await;
    let host = add_host(&app, &owner, &sub, "Mine", None).await;
    let integration = add_integration(&app, &owner, &host, "Bridge").await;
    for (method, path, body) in [
        (Method::GET, format!("/api/v1/subscriptions/{sub}"), None),
        (Method::DELETE, format!("/api/v1/subscriptions/{sub}"), None),
        (Method::GET, format!("/api/v1/hosts/{host}"), None),
        (
            Method::PATCH,
            format!("/api/v1/hosts/{host}"),
            Some(json!({"name": "Theirs"})),
        ),
        (Method::DELETE, format!("/api/v1/hosts/{host}"), None),
        (
            Method::GET,
            format!("/api/v1/hosts/{host}/integrations"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/hosts/{host}/integrations"),
            Some(json!({"kind": "x", "name": "y"})),
        ),
        (
            Method::GET,
            format!("/api/v1/integrations/{integration}"),
            None,
        ),
        (
            Method::PATCH,
            format!("/api/v1/integrations/{integration}"),
            Some(json!({"name": "z"})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/integrations/{integration}"),
            None,
        ),
    ] {
        let resp = app
            .request(method.clone(), &path, Some(&stranger), body)
            .await;
        assert_eq!(resp.status.as_u16(), 404, "{method} {path}: {}", resp.text);
        assert_eq!(resp.code(), "not_found");
    }
    for path in ["/api/v1/subscriptions", "/api/v1/hosts"] {
        let list = app.get(path, Some(&stranger)).await;
        assert_eq!(list.json["items"], json!([]), "{path}");
    }
    // and everything is still there for its owner
    app.get(&format!("/api/v1/integrations/{integration}"), Some(&owner))
        .await
        .assert(200);
}

#[tokio::test]
async fn integrations_hold_json_settings_of_at_most_16_kib() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("int@example.org").await;
    let sub = app.subscribe(&token, "on-premise-trial").await;
    let host = add_host(&app, &token, &sub, "H", None).await;
    let id = add_integration(&app, &token, &host, "Bridge").await;
    let got = app
        .get(&format!("/api/v1/integrations/{id}"), Some(&token))
        .await;
    assert_eq!(
        got.json["settings"],
        json!({"channel": "#general", "retries": 3})
    );
    assert_eq!(got.json["kind"], "slack_bridge");

    let path = format!("/api/v1/integrations/{id}");
    let patched = app
        .request(
            Method::PATCH,
            &path,
            Some(&token),
            Some(json!({"name": "Renamed", "settings": {"channel": "#ops"}})),
        )
        .await;
    patched.assert(200);
    assert_eq!(patched.json["settings"], json!({"channel": "#ops"}));
    assert_eq!(patched.json["name"], "Renamed");
    let big = json!({"blob": "x".repeat(16 * 1024)});
    app.request(
        Method::PATCH,
        &path,
        Some(&token),
        Some(json!({"settings": big})),
    )
    .await
    .assert_error(422, "validation_failed");
    app.request(
        Method::PATCH,
        &path,
        Some(&token),
        Some(json!({"settings": [1, 2]})),
    )
    .await
    .assert_error(422, "validation_failed");
    app.post(
        &format!("/api/v1/hosts/{host}/integrations"),
        Some(&token),
        json!({"kind": "Not Valid!", "name": "x"}),
    )
    .await
    .assert_error(422, "validation_failed");
    for i in 0..3 {
        add_integration(&app, &token, &host, &format!("n{i}")).await;
    }
    let page = app
        .get(
            &format!("/api/v1/hosts/{host}/integrations?limit=3"),
            Some(&token),
        )
        .await;
    assert_eq!(page.json["items"].as_array().unwrap().len(), 3);
    let cursor = page.json["next_cursor"].as_str().unwrap();
    let rest = app
        .get(
            &format!("/api/v1/hosts/{host}/integrations?limit=3&cursor={cursor}"),
            Some(&token),
        )
        .await;
    assert_eq!(rest.json["items"].as_array().unwrap().len(), 1);
    app.delete(&path, Some(&token)).await.assert(204);
    app.get(&path, Some(&token))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn deleting_a_host_or_cancelling_a_subscription_takes_everything_under_it() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("del@example.org").await;
    let sub = app.subscribe(&token, "on-premise-trial").await;
    let keep = app.subscribe(&token, "on-premise-trial").await;
    let h1 = add_host(&app, &token, &sub, "One", None).await;
    let h2 = add_host(&app, &token, &sub, "Two", None).await;
    let kept = add_host(&app, &token, &keep, "Kept", None).await;
    for host in [&h1, &h2, &kept] {
        add_integration(&app, &token, host, "a").await;
        add_integration(&app, &token, host, "b").await;
    }
    let resp = app
        .delete(&format!("/api/v1/hosts/{h1}"), Some(&token))
        .await;
    resp.assert(202);
    assert_eq!(resp.json["status"], "deletion_scheduled");
    app.run_jobs_until_idle().await;
    app.get(&format!("/api/v1/hosts/{h1}"), Some(&token))
        .await
        .assert_error(404, "not_found");
    assert_eq!(app.count("select count(*) from integrations").await, 4);

    app.delete(&format!("/api/v1/subscriptions/{sub}"), Some(&token))
        .await
        .assert(202);
    // cancelled: gone at once, so a second cancel finds nothing
    app.delete(&format!("/api/v1/subscriptions/{sub}"), Some(&token))
        .await
        .assert_error(404, "not_found");
    app.run_jobs_until_idle().await;
    app.get(&format!("/api/v1/subscriptions/{sub}"), Some(&token))
        .await
        .assert_error(404, "not_found");
    app.get(&format!("/api/v1/hosts/{h2}"), Some(&token))
        .await
        .assert_error(404, "not_found");
    assert_eq!(app.count("select count(*) from hosts").await, 1);
    assert_eq!(app.count("select count(*) from integrations").await, 2);
    app.get(&format!("/api/v1/hosts/{kept}/integrations"), Some(&token))
        .await
        .assert(200);
}

/// Per table of the database, how many rows name the account, by its id or its address.
/// The tables are read from the schema, so a new one can't be left out: a table with no
/// column that could name an account fails here until this function learns how it
/// relates to accounts. The queue's own tables (apalis) and SQLite's are not ours.
async fn rows_of(app: &TestApp, account_id: &str, email: &str) -> Vec<(String, i64)> {
    let sqlite = matches!(app.state.db, steward::db::Pool::Sqlite(_));
    let (tables, columns) = if sqlite {
        (
            "select name from sqlite_master where type = 'table'
               and name not like 'sqlite\\_%' escape '\\' and name not like '\\_%' escape '\\'
               and name not in ('Jobs', 'Workers')
             order by name",
            "select name from pragma_table_info(?)",
        )
    } else {
        (
            "select cast(table_name as text) from information_schema.tables
             where table_schema = 'public' and table_name not like '\\_%' escape '\\'
             order by table_name",
            "select cast(column_name as text) from information_schema.columns
             where table_schema = 'public' and table_name = ?",
        )
    };
    let tables: Vec<String> = app.sql().all(tables, &[]).await;
    let mut counts = Vec::new();
    for table in tables {
        let columns: Vec<String> = app.sql().all(columns, &[(&table).into()]).await;
        if matches!(
            table.as_str(),
            "webhook_endpoints"
                | "server_key_seal"
                | "periodic_runs"
                | "ip_attempts"
                | "account_counts"
                | "accounts_search_data"
                | "accounts_search_idx"
                | "accounts_search_docsize"
                | "accounts_search_config"
        ) {
            // the organisation's receivers, registered by admins, the server key's seal,
            // periodic ticks, attempts per IP and how many accounts have each status: no
            // account's; and the storage of SQLite's search index, whose rows are
            // checked through the index itself (accounts_search, by email)
            continue;
        }
        let mut naming = Vec::new();
        for column in &columns {
            match column.as_str() {
                "id" if table == "accounts" => naming.push(format!("{column} = ?1")),
                "account_id" | "actor_id" | "created_by" => naming.push(format!("{column} = ?1")),
                "email" | "recipient" => {
                    naming.push(format!("lower(cast({column} as text)) = lower(?2)"))
                }
                // the events about the account carry its id in their data
                "payload" if sqlite => naming.push(format!("instr({column}, ?1) > 0")),
                "payload" => naming.push(format!("strpos({column}, cast(?1 as text)) > 0")),
                _ => {}
            }
        }
        assert!(
            !naming.is_empty(),
            "table {table} ({columns:?}) names no account: teach rows_of how it relates to one"
        );
        let sql = format!("select count(*) from {table} where {}", naming.join(" or "));
        // table and column names come from the schema, not from input
        let n: i64 = app
            .sql()
            .one(&sql, &[account_id.into(), email.into()])
            .await;
        counts.push((table, n));
    }
    counts
}

/// Tables that keep rows naming an account after its deletion, on purpose.
const KEPT_AFTER_DELETION: [(&str, &str); 4] = [
    (
        "audit_events",
        "the account's trail, and its deletion, stay on record",
    ),
    (
        "outbox",
        "mail sent (the goodbye too) outlives the account: no foreign key, purged by age",
    ),
    (
        "webhook_deliveries",
        "events sent about the account (account.deleted among them) must still reach \
         receivers after it is gone, and stay in the delivery log like sent mail",
    ),
    (
        "login_throttle",
        "keyed by the address, not the account: an address without an account is \
         throttled like any other (as a sign-in tried after the deletion is), and purged \
         a day after its last failure",
    ),
];

/// `rows_of`, less the tables that keep rows on purpose.
fn left_behind(rows: Vec<(String, i64)>) -> Vec<(String, i64)> {
    rows.into_iter()
        .filter(|(table, _)| !KEPT_AFTER_DELETION.iter().any(|(kept, _)| kept == table))
        .collect()
}

#[tokio::test]
async fn deleting_the_account_ends_sessions_at_once_and_leaves_no_row_behind() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("leaving@example.org").await;
    let phone = app.sign_in("leaving@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let bystander = app.signed_in("staying@example.org").await;
    let id = app.get("/api/v1/account", Some(&token)).await.json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (authenticator, _) = app.enroll_totp(&token, "Phone").await;
    let sub = app.subscribe(&token, "on-premise-trial").await;
    for h in 0..3 {
        let host = add_host(&app, &token, &sub, &format!("h{h}"), None).await;
        add_integration(&app, &token, &host, "i").await;
    }
    let theirs = app.subscribe(&bystander, "element-one").await;
    // a row in every table an account can have rows in, so that "no row behind" means
    // something for each: a sign-in waiting for its code, an enrollment never confirmed,
    // a password reset under way, a link from an admin
    app.sign_in("leaving@example.org", PASSWORD)
        .await
        .assert(200);
    app.post(
        "/api/v1/account/totp/enrollments",
        Some(&token),
        json!({"device_name": "Never confirmed"}),
    )
    .await
    .assert(201);
    app.post(
        "/api/v1/password-resets",
        None,
        json!({"email": "leaving@example.org", "client_secret": "client-secret-0123456789"}),
    )
    .await
    .assert(202);
    // a passkey, and one whose registration never finished
    let mut key = crate::support::SoftPasskey::new(crate::support::PUBLIC_URL);
    app.add_passkey(&token, &mut key, "Leaving key").await;
    app.post(
        "/api/v1/account/passkeys/registrations",
        Some(&token),
        json!({"name": "Never finished"}),
    )
    .await
    .assert(201);
    let root = app.admin_session().await;
    app.post(
        &format!("/api/v1/admin/users/{id}/password-reset-email"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(202);
    app.run_jobs_until_idle().await;
    let before = rows_of(&app, &id, "leaving@example.org").await;
    assert!(
        before.iter().any(|(t, n)| t == "integrations" && *n == 3),
        "{before:?}"
    );
    // api_tokens name only the admins who made them
    let empty: Vec<_> = left_behind(before)
        .into_iter()
        .filter(|(t, n)| *n == 0 && t != "api_tokens")
        .collect();
    assert!(empty.is_empty(), "no row yet in: {empty:?}");

    app.clock.advance(Duration::minutes(11));
    app.delete("/api/v1/account", Some(&token))
        .await
        .assert_error(403, "reauthentication_required");
    app.clock.advance(Duration::seconds(30));
    let code = authenticator.code_at(app.clock.now().0);
    app.post(
        "/api/v1/sessions/current/reauthenticate",
        Some(&token),
        json!({"password": PASSWORD, "code": code}),
    )
    .await
    .assert(200);
    let resp = app.delete("/api/v1/account", Some(&token)).await;
    resp.assert(202);
    assert_eq!(resp.json["status"], "deletion_scheduled");
    // every session ends with the request, before any job runs
    app.get("/api/v1/account", Some(&token))
        .await
        .assert_error(401, "unauthenticated");
    app.get("/api/v1/account", Some(&phone))
        .await
        .assert_error(401, "unauthenticated");
    app.sign_in("leaving@example.org", PASSWORD)
        .await
        .assert_error(401, "invalid_credentials");

    app.run_jobs_until_idle().await;
    let after = left_behind(rows_of(&app, &id, "leaving@example.org").await);
    assert!(after.iter().all(|(_, n)| *n == 0), "rows left: {after:?}");
    let goodbye = app
        .mails_to("leaving@example.org")
        .into_iter()
        .find(|m| m.subject.contains("was deleted"));
    assert!(goodbye.is_some(), "a goodbye mail");
    let trail: i64 = app
        .sql()
        .one(
            "select count(*) from audit_events where account_id = ? and type = 'account.deleted'",
            &[(&id).into()],
        )
        .await;
    assert_eq!(trail, 1, "the deletion is on record");
    // the address is free again, and nobody else lost anything
    app.get(&format!("/api/v1/subscriptions/{theirs}"), Some(&bystander))
        .await
        .assert(200);
    app.register("leaving@example.org", "a fresh start password")
        .await
        .assert(202);
}

#[tokio::test]
async fn a_deletion_whose_job_was_lost_is_finished_by_maintenance() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("lost@example.org").await;
    let id = app.get("/api/v1/account", Some(&token)).await.json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let sub = app.subscribe(&token, "on-premise-trial").await;
    let host = add_host(&app, &token, &sub, "h", None).await;
    add_integration(&app, &token, &host, "i").await;
    // marked for deletion, but its job never made it (or its row was lost)
    app.sql()
        .exec(
            "update accounts set status = 'deleting' where id = ?",
            &[(&id).into()],
        )
        .await;
    app.sql()
        .exec("update hosts set status = 'deleting'", &[])
        .await;
    steward::jobs::maintenance_tick(&app.state).await.unwrap();
    app.run_jobs_until_idle().await;
    let after = left_behind(rows_of(&app, &id, "lost@example.org").await);
    assert!(after.iter().all(|(_, n)| *n == 0), "rows left: {after:?}");
}

#[tokio::test]
async fn maintenance_purges_what_expired_and_nothing_else() {
    let app = TestApp::spawn().await;
    let old = app.signed_in("purge@example.org").await;
    let (authenticator, _) = app.enroll_totp(&old, "Phone").await;
    let _ticket = app.sign_in("purge@example.org", PASSWORD).await; // an MFA ticket
    app.post(
        "/api/v1/account/totp/enrollments",
        Some(&old),
        json!({"device_name": "Never confirmed"}),
    )
    .await
    .assert(201);
    app.register("unverified@example.org", PASSWORD)
        .await
        .assert(202);
    app.run_jobs_until_idle().await;
    assert_eq!(app.count("select count(*) from mfa_tickets").await, 1);
    assert_eq!(app.count("select count(*) from totp_enrollments").await, 1);

    app.clock.advance(Duration::days(31));
    // a fresh session made now must stay
    let ticket = app.sign_in("purge@example.org", PASSWORD).await.json["mfa_ticket"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = authenticator.code_at(app.clock.now().0);
    let fresh = app
        .post(
            "/api/v1/sessions/mfa",
            None,
            json!({"mfa_ticket": ticket, "code": code}),
        )
        .await;
    fresh.assert(201);
    steward::jobs::maintenance_tick(&app.state).await.unwrap();
    assert_eq!(
        app.count("select count(*) from sessions").await,
        1,
        "only the fresh session"
    );
    assert_eq!(app.count("select count(*) from mfa_tickets").await, 0);
    assert_eq!(app.count("select count(*) from totp_enrollments").await, 0);
    assert_eq!(
        app.count("select count(*) from email_tokens").await,
        0,
        "verification links past 24 h"
    );
    assert_eq!(
        app.count("select count(*) from totp_devices").await,
        1,
        "devices never expire"
    );
    app.get(
        "/api/v1/account",
        Some(fresh.json["token"].as_str().unwrap()),
    )
    .await
    .assert(200);
    app.get("/api/v1/account", Some(&old))
        .await
        .assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn newer_terms_must_be_accepted_before_anything_else() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("terms@example.org").await;
    assert_eq!(
        app.get("/api/v1/terms", None).await.json["version"],
        "2024-01"
    );
    let app = app
        .restart_with(|c| c.terms.version = "2025-06".into())
        .await;
    let account = app.get("/api/v1/account", Some(&token)).await;
    account.assert(200);
    assert_eq!(account.json["terms_version_accepted"], "2024-01");
    app.get("/api/v1/sessions", Some(&token))
        .await
        .assert_error(403, "terms_not_accepted");
    app.get("/api/v1/hosts", Some(&token))
        .await
        .assert_error(403, "terms_not_accepted");
    app.post(
        "/api/v1/account/terms",
        Some(&token),
        json!({"version": "2024-01"}),
    )
    .await
    .assert_error(422, "validation_failed");
    app.post(
        "/api/v1/account/terms",
        Some(&token),
        json!({"version": "2025-06"}),
    )
    .await
    .assert(204);
    app.get("/api/v1/sessions", Some(&token)).await.assert(200);
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["terms_version_accepted"],
        "2025-06"
    );
    // new registrations accept the version in force
    let fresh = app.signed_in("newcomer@example.org").await;
    app.get("/api/v1/sessions", Some(&fresh)).await.assert(200);
}

#[tokio::test]
async fn an_account_deletion_killed_midway_finishes_after_the_restart() {
    use crate::support::process::{free_port, spawn_binary};
    use crate::support::smtp::SmtpServer;
    use std::time::Instant;

    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start().await;
    let port = free_port();
    // one row per batch: slow enough to kill in the middle; on PostgreSQL the restarted
    // process finds its predecessor's workers dead after three missed heartbeats
    let quick_to_resume = |c: &mut steward::config::Config| {
        c.jobs.heartbeat_seconds = 1;
        c.jobs.lost_after_seconds = 2;
    };
    let slow = |c: &mut steward::config::Config| {
        quick_to_resume(c);
        c.jobs.deletion_batch_size = 1;
    };
    let mut process = spawn_binary(dir.path(), port, smtp.port, slow).await;
    let client = reqwest::Client::new();
    let base = process.base.clone();
    let post = |path: &str, token: Option<&str>, body: Value| {
        let mut req = client.post(format!("{base}{path}")).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        async move { crate::support::read(req.send().await.unwrap()).await }
    };
    post(
        "/api/v1/registrations",
        None,
        json!({"email": "big@example.org", "password": PASSWORD, "accept_terms": true}),
    )
    .await
    .assert(202);
    let deadline = Instant::now() + std::time::Duration::from_secs(15);
    while smtp.received().is_empty() {
        assert!(Instant::now() < deadline, "no verification mail");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let token = crate::support::Mail::parse(&smtp.received()[0]).token("/verify-email");
    post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": token}),
    )
    .await
    .assert(200);
    let session = post(
        "/api/v1/sessions",
        None,
        json!({"email": "big@example.org", "password": PASSWORD}),
    )
    .await;
    let session = session.json["token"].as_str().unwrap().to_owned();
    let sub = post(
        "/api/v1/subscriptions",
        Some(&session),
        json!({"plan_id": "on-premise-trial"}),
    )
    .await;
    let sub = sub.json["id"].as_str().unwrap().to_owned();
    let host = post(
        "/api/v1/hosts",
        Some(&session),
        json!({"subscription_id": sub, "name": "big"}),
    )
    .await;
    let host = host.json["id"].as_str().unwrap().to_owned();

    // many integrations, written straight into the database the server uses
    let db = crate::support::process::database_of(dir.path()).await;
    let sql = crate::support::Sql(&db);
    let account: String = sql.one("select cast(id as text) from accounts", &[]).await;
    let rows: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                "('{}', ?1, ?2, 'bulk', 'i{i}', '{{}}', 0, 0)",
                uuid::Uuid::now_v7()
            )
        })
        .collect();
    let insert = format!(
        "insert into integrations (id, account_id, host_id, kind, name, settings, created_at, updated_at)
         values {}",
        rows.join(", ")
    );
    sql.exec(&insert, &[(&account).into(), (&host).into()])
        .await;

    let resp = client
        .delete(format!("{base}/api/v1/account"))
        .bearer_auth(&session)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 202);
    let count = || async {
        sql.one::<i64>("select count(*) from integrations", &[])
            .await
    };
    let deadline = Instant::now() + std::time::Duration::from_secs(30);
    while count().await > 2800 {
        assert!(Instant::now() < deadline, "the deletion did not start");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    process.kill(); // SIGKILL in the middle of the job
    let left = count().await;
    assert!(left > 0, "killed too late to show anything");

    let _process = spawn_binary(dir.path(), port, smtp.port, quick_to_resume).await;
    let deadline = Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let accounts: i64 = sql.one("select count(*) from accounts", &[]).await;
        let hosts: i64 = sql.one("select count(*) from hosts", &[]).await;
        let subs: i64 = sql.one("select count(*) from subscriptions", &[]).await;
        if accounts == 0 && hosts == 0 && subs == 0 && count().await == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not finished after the restart ({left} integrations were left at the kill)"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A DELETE's 202 means gone for every read and write at once, whether or not its job has
/// run yet: a script that deletes and then looks gets the same answer every time.
#[tokio::test]
async fn a_deletion_under_way_is_gone_for_every_call() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("going@example.org").await;
    let sub = app.subscribe(&token, "on-premise-trial").await;
    let host = add_host(&app, &token, &sub, "h", None).await;
    let integration = add_integration(&app, &token, &host, "i").await;

    // cancelling marks the hosts below in the same transaction
    app.delete(&format!("/api/v1/subscriptions/{sub}"), Some(&token))
        .await
        .assert(202);
    let visible: i64 = app
        .sql()
        .one(
            "select count(*) from hosts where subscription_id = ? and status != 'deleting'",
            &[(&sub).into()],
        )
        .await;
    assert_eq!(visible, 0);

    // the state between the DELETE and its job, held still: the job never runs
    let sub = app.subscribe(&token, "on-premise-trial").await;
    let host = add_host(&app, &token, &sub, "h2", None).await;
    let integration_2 = add_integration(&app, &token, &host, "i2").await;
    app.sql()
        .exec(
            "update subscriptions set status = 'cancelling' where id = ?",
            &[(&sub).into()],
        )
        .await;
    app.sql()
        .exec(
            "update hosts set status = 'deleting' where id = ?",
            &[(&host).into()],
        )
        .await;
    for path in [
        format!("/api/v1/subscriptions/{sub}"),
        format!("/api/v1/hosts/{host}"),
        format!("/api/v1/hosts/{host}/integrations"),
        format!("/api/v1/integrations/{integration_2}"),
        format!("/api/v1/integrations/{integration}"),
    ] {
        app.get(&path, Some(&token))
            .await
            .assert_error(404, "not_found");
    }
    for path in ["/api/v1/subscriptions", "/api/v1/hosts"] {
        let list = app.get(path, Some(&token)).await;
        list.assert(200);
        assert_eq!(list.json["items"], json!([]), "{path}");
    }
    app.request(
        reqwest::Method::PATCH,
        &format!("/api/v1/hosts/{host}"),
        Some(&token),
        Some(json!({"name": "renamed"})),
    )
    .await
    .assert_error(404, "not_found");
    app.delete(&format!("/api/v1/subscriptions/{sub}"), Some(&token))
        .await
        .assert_error(404, "not_found");
    app.delete(&format!("/api/v1/hosts/{host}"), Some(&token))
        .await
        .assert_error(404, "not_found");
}
