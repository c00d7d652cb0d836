//! The database, on either backend: the server key it was sealed with, and a schema a
//! newer release left behind.

use steward::clock::Clock;
use steward::db::Pool;
use steward::state::AppState;

use crate::support::{PASSWORD, TestApp};

/// Base64 of 32 bytes, another key than the tests'.
const OTHER_KEY: &str = "b3RoZXIta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXMtLS0=";

#[tokio::test]
async fn a_server_key_other_than_the_sealed_one_refuses_to_start() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("sealed@example.org").await;
    let mut config = (*app.state.config).clone();
    config.security.secret_key_file = Default::default();
    config.security.secret_key = OTHER_KEY.into();
    let refused = AppState::open(config, Clock::frozen())
        .await
        .err()
        .expect("a start with another key is refused");
    let message = format!("{refused:#}");
    assert!(
        message.contains("not the one this database was first used with"),
        "{message}"
    );
    // the running server is untouched, and starts again with its own key
    app.get("/api/v1/account", Some(&token)).await.assert(200);
    let app = app.restart().await;
    app.sign_in("sealed@example.org", PASSWORD)
        .await
        .assert(201);
}

#[tokio::test]
async fn postgresql_needs_a_configured_server_key() {
    let app = TestApp::spawn().await;
    let mut config = (*app.state.config).clone();
    // nothing listens there: the key is checked before any connection
    config.database.url = "postgres://steward@127.0.0.1:1/steward".into();
    config.security.secret_key.clear();
    config.security.secret_key_file = Default::default();
    let refused = AppState::open(config, Clock::frozen())
        .await
        .err()
        .expect("no key, no start");
    let message = format!("{refused:#}");
    assert!(
        message.contains("on PostgreSQL the server key must be configured"),
        "{message}"
    );
}

#[tokio::test]
async fn a_schema_from_a_newer_release_refuses_to_start() {
    let app = TestApp::spawn().await;
    let checksum = match app.state.db {
        Pool::Sqlite(_) => "x'00'",
        Pool::Postgres(_) => "'\\x00'::bytea",
    };
    app.sql()
        .exec(
            &format!(
                "insert into _sqlx_migrations (version, description, success, checksum, execution_time)
                 values (99991231000000, 'from a newer release', true, {checksum}, 0)"
            ),
            &[],
        )
        .await;
    let config = (*app.state.config).clone();
    let refused = AppState::open(config, Clock::frozen())
        .await
        .err()
        .expect("a newer schema is refused");
    let message = format!("{refused:#}");
    assert!(
        message.contains("upgraded by a newer release of Steward")
            && message.contains("99991231000000"),
        "{message}"
    );
}

#[tokio::test]
async fn db_copy_moves_a_populated_sqlite_installation_to_postgresql() {
    use crate::support::process::{steward, write_config};
    use serde_json::json;

    let Some(target) = crate::support::postgres_database("db copy").await else {
        return;
    };
    let app = TestApp::spawn_sqlite().await;
    let people = ["ann@example.org", "bob@example.org", "cyd@example.org"];
    let mut ann = None;
    for (i, email) in people.iter().enumerate() {
        let token = app.signed_in(email).await;
        let sub = app.subscribe(&token, "on-premise-trial").await;
        app.post(
            "/api/v1/hosts",
            Some(&token),
            json!({"subscription_id": sub, "name": format!("host-of-{i}")}),
        )
        .await
        .assert(201);
        if i == 0 {
            ann = Some(app.enroll_totp(&token, "Phone").await.0);
        }
    }
    let ann = ann.unwrap();
    let config = (*app.state.config).clone();
    let dir = tempfile::tempdir().unwrap();
    write_config(dir.path(), &config);

    let out = steward(dir.path(), &["db", "copy", "--to", &target], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("accounts: 3"), "{stdout}");
    assert!(stdout.contains("hosts: 3"), "{stdout}");
    assert!(stdout.contains("totp_devices: 1"), "{stdout}");
    // a second copy would mix two installations: refused, the first one kept
    let again = steward(dir.path(), &["db", "copy", "--to", &target], None);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(!again.status.success());
    assert!(stderr.contains("not empty"), "{stderr}");
    drop(app);

    // the same people, on PostgreSQL, with the key the SQLite installation had
    let key = config.security.secret_key.clone();
    let moved = TestApp::spawn_with(|c| {
        c.database.url = target.clone();
        c.security.secret_key = key;
    })
    .await;
    // past the step whose code confirmed the app (a code is used once)
    moved.clock.advance(time::Duration::minutes(1));
    for (i, email) in people.iter().enumerate() {
        let signed_in = moved.sign_in(email, PASSWORD).await;
        let token = if i == 0 {
            // her authenticator app's secret, sealed on SQLite, opens here
            assert_eq!(
                signed_in.json["status"], "mfa_required",
                "{}",
                signed_in.text
            );
            let ticket = signed_in.json["mfa_ticket"].as_str().unwrap();
            let done = moved
                .post(
                    "/api/v1/sessions/mfa",
                    None,
                    json!({"mfa_ticket": ticket, "code": ann.code_at(moved.clock.now().0)}),
                )
                .await;
            done.assert(201);
            done.json["token"].as_str().unwrap().to_owned()
        } else {
            signed_in.assert(201);
            signed_in.json["token"].as_str().unwrap().to_owned()
        };
        let hosts = moved.get("/api/v1/hosts", Some(&token)).await;
        hosts.assert(200);
        assert!(
            hosts.text.contains(&format!("host-of-{i}")),
            "{email} sees their host: {}",
            hosts.text
        );
    }
}

#[tokio::test]
async fn steward_backup_on_postgresql_points_to_pg_dump() {
    use crate::support::process::{steward, write_config};

    let Some(url) = crate::support::postgres_database("the refusal of steward backup").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut config = crate::support::test_config(dir.path().join("data"), 1);
    config.database.url = url;
    config.security.secret_key = crate::support::TEST_SERVER_KEY.into();
    write_config(dir.path(), &config);
    let backup = dir.path().join("steward.db");
    let out = steward(dir.path(), &["backup", backup.to_str().unwrap()], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("back it up with pg_dump"), "{stderr}");
    assert!(!backup.exists(), "no file is written");
}
