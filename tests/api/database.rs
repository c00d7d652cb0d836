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
