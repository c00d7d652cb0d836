//! The admin API, API tokens for scripts, and the console commands.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use reqwest::Method;
use serde_json::json;
use time::Duration;

use crate::support::{PASSWORD, TestApp};

async fn create(app: &TestApp, token: &str, email: &str) -> String {
    let resp = app
        .post(
            "/api/v1/admin/users",
            Some(token),
            json!({"email": email, "password": PASSWORD, "email_verified": true}),
        )
        .await;
    resp.assert(201);
    resp.json["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn only_admins_and_live_api_tokens_get_in() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    let user = app.signed_in("user@example.org").await;
    app.get("/api/v1/admin/users", None)
        .await
        .assert_error(401, "unauthenticated");
    app.get("/api/v1/admin/users", Some(&user))
        .await
        .assert_error(403, "forbidden");
    app.get("/api/v1/admin/users", Some(&root))
        .await
        .assert(200);

    let made = app
        .post(
            "/api/v1/admin/api-tokens",
            Some(&root),
            json!({"name": "billing sync"}),
        )
        .await;
    made.assert(201);
    let token = made.json["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("stw_a_"));
    app.get("/api/v1/admin/users", Some(&token))
        .await
        .assert(200);
    // a script's token is no session: the user API does not take it
    app.get("/api/v1/account", Some(&token))
        .await
        .assert_error(401, "unauthenticated");
    let listed = app.get("/api/v1/admin/api-tokens", Some(&root)).await;
    assert_eq!(listed.json["items"][0]["name"], "billing sync");
    assert!(listed.json["items"][0]["last_used_at"].is_string());
    assert!(
        listed.json["items"][0].get("token").is_none(),
        "the secret is shown once"
    );

    let id = made.json["id"].as_str().unwrap();
    app.delete(&format!("/api/v1/admin/api-tokens/{id}"), Some(&root))
        .await
        .assert(204);
    app.get("/api/v1/admin/users", Some(&token))
        .await
        .assert_error(401, "unauthenticated");

    let expiring = app
        .post(
            "/api/v1/admin/api-tokens",
            Some(&root),
            json!({"name": "short", "expires_at": "2100-01-01T00:00:00Z"}),
        )
        .await;
    let expiring = expiring.json["token"].as_str().unwrap().to_owned();
    app.get("/api/v1/admin/users", Some(&expiring))
        .await
        .assert(200);
    app.clock.advance(Duration::days(365 * 80));
    app.get("/api/v1/admin/users", Some(&expiring))
        .await
        .assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn users_are_searched_paged_and_counted() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    for name in ["alice", "bob", "carol", "dave", "erin"] {
        create(&app, &root, &format!("{name}@example.org")).await;
    }
    create(&app, &root, "a_b@example.org").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/admin/users?limit=3&cursor={c}"),
            None => "/api/v1/admin/users?limit=3".to_owned(),
        };
        let page = app.get(&path, Some(&root)).await;
        page.assert(200);
        assert_eq!(page.json["total"], 7, "root and six users");
        for item in page.json["items"].as_array().unwrap() {
            seen.push(item["email"].as_str().unwrap().to_owned());
        }
        match page.json["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 7);
    assert_eq!(seen[0], "a_b@example.org", "newest first");
    let found = app
        .get("/api/v1/admin/users?query=CAROL", Some(&root))
        .await;
    assert_eq!(found.json["total"], 1);
    assert_eq!(found.json["items"][0]["email"], "carol@example.org");
    // LIKE wildcards are matched literally
    let literal = app.get("/api/v1/admin/users?query=a_b", Some(&root)).await;
    assert_eq!(literal.json["total"], 1);
    app.get("/api/v1/admin/users?status=nonsense", Some(&root))
        .await
        .assert_error(422, "validation_failed");
    app.post(
        "/api/v1/admin/users",
        Some(&root),
        json!({"email": "ALICE@example.org"}),
    )
    .await
    .assert_error(409, "email_taken");
}

#[tokio::test]
async fn the_user_lifecycle() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    let id = create(&app, &root, "life@example.org").await;
    let session = app.sign_in("life@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let detail = app
        .get(&format!("/api/v1/admin/users/{id}"), Some(&root))
        .await;
    detail.assert(200);
    assert_eq!(
        (
            detail.json["sessions"].as_i64(),
            detail.json["hosts"].as_i64()
        ),
        (Some(1), Some(0))
    );
    assert!(detail.json["last_sign_in_at"].is_string());

    let patched = app
        .request(
            Method::PATCH,
            &format!("/api/v1/admin/users/{id}"),
            Some(&root),
            Some(json!({"email": "renamed@example.org", "display_name": "Life", "is_admin": true})),
        )
        .await;
    patched.assert(200);
    assert_eq!(patched.json["email"], "renamed@example.org");
    assert_eq!(patched.json["is_admin"], true);
    let me = app
        .get("/api/v1/admin/users?query=root", Some(&root))
        .await
        .json["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.request(
        Method::PATCH,
        &format!("/api/v1/admin/users/{me}"),
        Some(&root),
        Some(json!({"is_admin": false})),
    )
    .await
    .assert_error(403, "forbidden");

    // deactivation ends the session at once
    app.post(
        &format!("/api/v1/admin/users/{id}/deactivate"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(204);
    app.get("/api/v1/account", Some(&session))
        .await
        .assert_error(401, "unauthenticated");
    app.sign_in("renamed@example.org", PASSWORD)
        .await
        .assert_error(403, "account_deactivated");
    let listed = app
        .get("/api/v1/admin/users?status=deactivated", Some(&root))
        .await;
    assert_eq!(listed.json["total"], 1);
    app.post(
        &format!("/api/v1/admin/users/{id}/reactivate"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(204);
    let session = app.sign_in("renamed@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();

    // a new password from the admin ends the sessions
    app.put(
        &format!("/api/v1/admin/users/{id}/password"),
        Some(&root),
        json!({"new_password": "set by the admin"}),
    )
    .await
    .assert(204);
    app.get("/api/v1/account", Some(&session))
        .await
        .assert_error(401, "unauthenticated");

    // a locked-out user is let back in by an unlock
    for _ in 0..6 {
        app.sign_in("renamed@example.org", "wrong password!").await;
    }
    app.sign_in("renamed@example.org", "set by the admin")
        .await
        .assert_error(429, "rate_limited");
    app.post(
        &format!("/api/v1/admin/users/{id}/unlock"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(204);
    let session = app.sign_in("renamed@example.org", "set by the admin").await;
    session.assert(201);
    let session = session.json["token"].as_str().unwrap().to_owned();
    // an admin can't accept the terms for a person: they do, on first use
    app.get("/api/v1/sessions", Some(&session))
        .await
        .assert_error(403, "terms_not_accepted");
    app.post(
        "/api/v1/account/terms",
        Some(&session),
        json!({"version": "2024-01"}),
    )
    .await
    .assert(204);

    // second factors removed for someone who lost their phone
    app.enroll_totp(&session, "Lost phone").await;
    app.delete(&format!("/api/v1/admin/users/{id}/totp"), Some(&root))
        .await
        .assert(204);
    assert_eq!(
        app.get("/api/v1/account", Some(&session)).await.json["two_factor_enabled"],
        false
    );
    let sessions = app
        .get(&format!("/api/v1/admin/users/{id}/sessions"), Some(&root))
        .await;
    assert_eq!(sessions.json["items"].as_array().unwrap().len(), 1);
    let revoked = app
        .delete(&format!("/api/v1/admin/users/{id}/sessions"), Some(&root))
        .await;
    assert_eq!(revoked.json["revoked"], 1);

    // every step is on the user's trail, naming the admin
    let trail = "from audit_events where account_id = ? and type like 'admin.%' order by id";
    let types: Vec<String> = app
        .sql()
        .all(&format!("select type {trail}"), &[(&id).into()])
        .await;
    let details: Vec<String> = app
        .sql()
        .all(&format!("select detail {trail}"), &[(&id).into()])
        .await;
    let by_admin: Vec<(String, String)> = types.into_iter().zip(details).collect();
    let kinds: Vec<&str> = by_admin.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "admin.user_created",
            "admin.user_updated",
            "admin.user_deactivated",
            "admin.user_reactivated",
            "admin.password_set",
            "admin.unlocked",
            "admin.two_factor_removed",
            "admin.sessions_revoked"
        ]
    );
    assert!(
        by_admin.iter().all(|(_, d)| d.contains("root@example.org")),
        "{by_admin:?}"
    );

    app.delete(&format!("/api/v1/admin/users/{id}"), Some(&root))
        .await
        .assert(202);
    app.run_jobs_until_idle().await;
    app.get(&format!("/api/v1/admin/users/{id}"), Some(&root))
        .await
        .assert_error(404, "not_found");
}

/// The rows of `steward user list` (email, status, then `yes` for an admin and `on` for
/// a second factor), after checking it exited 0 and printed its header first.
fn listed(out: &std::process::Output) -> Vec<Vec<String>> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = String::from_utf8_lossy(&out.stdout);
    let mut lines = listing.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    assert_eq!(
        header,
        ["id", "email", "status", "admin", "2fa"],
        "{listing}"
    );
    lines
        .map(|line| {
            let mut columns: Vec<String> = line.split_whitespace().map(String::from).collect();
            assert!(columns.len() >= 3, "{listing}");
            columns.remove(0); // the id: random
            columns
        })
        .collect()
}

#[tokio::test]
async fn the_console_manages_users_and_tokens_and_takes_backups_while_the_server_writes() {
    use crate::support::process::{free_port, spawn_binary, steward};
    let dir = tempfile::tempdir().unwrap();
    let smtp = crate::support::smtp::SmtpServer::start().await;
    let port = free_port();
    // the server writes the config file the commands read too
    // steward backup copies a SQLite file (PostgreSQL has pg_dump)
    let sqlite = |c: &mut steward::config::Config| c.database.url.clear();
    let server = spawn_binary(dir.path(), port, smtp.port, sqlite).await;

    let out = steward(dir.path(), &["healthcheck"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = steward(
        dir.path(),
        &[
            "user",
            "create",
            "--email",
            "ops@example.org",
            "--admin",
            "--password-stdin",
        ],
        Some("console password 1\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = steward(
        dir.path(),
        &["user", "create", "--email", "ops@example.org"],
        None,
    );
    assert!(!out.status.success(), "a taken address is refused");
    let users = listed(&steward(dir.path(), &["user", "list"], None));
    assert_eq!(
        users,
        [["ops@example.org", "active", "yes"]],
        "the one account, active, an admin, no second factor"
    );
    let out = steward(dir.path(), &["token", "create", "--name", "ci"], None);
    assert!(out.status.success());
    let api_token = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(api_token.starts_with("stw_a_"), "{api_token}");

    let client = reqwest::Client::new();
    let users = client
        .get(format!("{}/api/v1/admin/users", server.base))
        .bearer_auth(&api_token)
        .send()
        .await
        .unwrap();
    assert_eq!(users.status(), 200);
    let signed = client
        .post(format!("{}/api/v1/sessions", server.base))
        .json(&json!({"email": "ops@example.org", "password": "console password 1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 201);
    let out = steward(
        dir.path(),
        &[
            "user",
            "reset-password",
            "--email",
            "ops@example.org",
            "--password-stdin",
        ],
        Some("console password 2"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // without --password-stdin: a one-time link to hand over
    let out = steward(
        dir.path(),
        &["user", "reset-password", "--email", "ops@example.org"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let token = link
        .split_once("/set-password?token=")
        .unwrap_or_else(|| panic!("a link: {link}"))
        .1
        .to_owned();
    let form = client
        .get(format!("{}/set-password?token={token}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    let set = client
        .post(format!("{}/set-password", server.base))
        .form(&[
            ("token", token.as_str()),
            ("new_password", "console password 3"),
            ("confirm_password", "console password 3"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 200);
    let signed = client
        .post(format!("{}/api/v1/sessions", server.base))
        .json(&json!({"email": "ops@example.org", "password": "console password 3"}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 201, "the password from the link works");

    // deactivate, reactivate, delete
    let out = steward(
        dir.path(),
        &["user", "deactivate", "--email", "ops@example.org"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let refused = client
        .post(format!("{}/api/v1/sessions", server.base))
        .json(&json!({"email": "ops@example.org", "password": "console password 3"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let out = steward(
        dir.path(),
        &["user", "reactivate", "--email", "ops@example.org"],
        None,
    );
    assert!(out.status.success());
    let out = steward(
        dir.path(),
        &["user", "create", "--email", "temp@example.org"],
        None,
    );
    assert!(out.status.success());
    let out = steward(
        dir.path(),
        &["user", "delete", "--email", "temp@example.org"],
        None,
    );
    assert!(!out.status.success(), "deleting needs --yes");
    let out = steward(
        dir.path(),
        &["user", "delete", "--email", "temp@example.org", "--yes"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // listed as being deleted until the server's queue has deleted it, then gone
    let deadline = Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let users = listed(&steward(dir.path(), &["user", "list"], None));
        assert!(
            users
                .iter()
                .any(|row| row == &["ops@example.org", "active", "yes"]),
            "{users:?}"
        );
        match users.iter().find(|row| row[0] == "temp@example.org") {
            None => break,
            Some(row) => assert_eq!(row[1..], ["deleting"], "{users:?}"),
        }
        assert!(Instant::now() < deadline, "never deleted: {users:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let found = listed(&steward(
        dir.path(),
        &["user", "list", "--query", "temp@"],
        None,
    ));
    assert!(found.is_empty(), "{found:?}");

    // a backup while the server keeps writing: accounts, each with its invitation mail,
    // one after another, each answered 201, before the backup, while it runs, and after
    let written = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (client, base) = (client.clone(), server.base.clone());
        let (written, stop, api_token) = (written.clone(), stop.clone(), api_token.clone());
        tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                let resp = client
                    .post(format!("{base}/api/v1/admin/users"))
                    .bearer_auth(&api_token)
                    .json(&json!({"email": format!("w{i}@example.org"), "send_invite": true}))
                    .send()
                    .await
                    .unwrap();
                let status = resp.status();
                assert_eq!(status, 201, "write {i}: {}", resp.text().await.unwrap());
                i += 1;
                written.store(i, Ordering::SeqCst);
            }
            i
        })
    };
    let written_at_least = |n: usize| {
        let written = written.clone();
        async move {
            let deadline = Instant::now() + std::time::Duration::from_secs(20);
            while written.load(Ordering::SeqCst) < n {
                assert!(Instant::now() < deadline, "fewer than {n} writes answered");
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        }
    };
    written_at_least(5).await;
    let backup = dir.path().join("backup.db");
    let before = written.load(Ordering::SeqCst);
    let out = {
        let (dir, backup) = (dir.path().to_owned(), backup.clone());
        tokio::task::spawn_blocking(move || {
            steward(&dir, &["backup", backup.to_str().unwrap()], None)
        })
        .await
        .unwrap()
    };
    let during = written.load(Ordering::SeqCst);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    written_at_least(during + 3).await;
    stop.store(true, Ordering::SeqCst);
    let total = writer.await.unwrap();
    assert!(
        during > before,
        "no write was answered while the backup ran ({before} before it, {during} by its end)"
    );
    let copy = sqlx::SqlitePool::connect(&format!("sqlite:{}", backup.display()))
        .await
        .unwrap();
    let check: String = sqlx::query_scalar("pragma integrity_check")
        .fetch_one(&copy)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let accounts: i64 = sqlx::query_scalar("select count(*) from accounts")
        .fetch_one(&copy)
        .await
        .unwrap();
    assert!(
        accounts >= 1,
        "the backup holds the accounts made before it"
    );
    // a snapshot of one moment: every write answered before the backup began, none begun
    // after it ended, and no gap (a later write without an earlier one)
    let emails: Vec<String> =
        sqlx::query_scalar("select email from accounts where email like 'w%@example.org'")
            .fetch_all(&copy)
            .await
            .unwrap();
    let mut kept: Vec<usize> = emails
        .iter()
        .map(|e| e[1..e.find('@').unwrap()].parse().unwrap())
        .collect();
    kept.sort_unstable();
    assert_eq!(
        kept,
        (0..kept.len()).collect::<Vec<_>>(),
        "a prefix of the writes"
    );
    assert!(
        (before..=during + 1).contains(&kept.len()),
        "{} writes in the backup; {before} answered before it began, {during} by its end",
        kept.len()
    );
    assert!(
        kept.len() < total,
        "the writes after the backup are not in it"
    );
    let outbox: i64 = sqlx::query_scalar(
        // (the goodbye mail of a deleted account outlives it, by design)
        "select count(*) from outbox where account_id not in (select id from accounts)
           and template != 'account_deleted'",
    )
    .fetch_one(&copy)
    .await
    .unwrap();
    assert_eq!(
        outbox, 0,
        "a consistent snapshot: no mail of an account it lacks"
    );
    let again = steward(dir.path(), &["backup", backup.to_str().unwrap()], None);
    assert!(!again.status.success(), "a backup never overwrites");
    drop(server);
    let out = steward(dir.path(), &["healthcheck"], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "nothing answers once it stopped"
    );

    // the README's restore: the backup and the key into a data folder, then start
    let restored = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(restored.path().join("data")).unwrap();
    std::fs::copy(&backup, restored.path().join("data/steward.db")).unwrap();
    std::fs::copy(
        dir.path().join("data/secret.key"),
        restored.path().join("data/secret.key"),
    )
    .unwrap();
    let server = spawn_binary(restored.path(), free_port(), smtp.port, sqlite).await;
    let signed = client
        .post(format!("{}/api/v1/sessions", server.base))
        .json(&json!({"email": "ops@example.org", "password": "console password 3"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        signed.status(),
        201,
        "the restored server knows the account"
    );
    drop(server);
}
