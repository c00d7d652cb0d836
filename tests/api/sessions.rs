//! Signing in and out, session lists and lifetimes.

use serde_json::json;
use sha2::{Digest, Sha256};
use time::Duration;

use crate::support::{PASSWORD, TestApp};

#[tokio::test]
async fn wrong_passwords_and_unknown_addresses_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.verified_account("known@example.org").await;
    let wrong = app.sign_in("known@example.org", "not the password").await;
    let unknown = app.sign_in("unknown@example.org", "not the password").await;
    wrong.assert_error(401, "invalid_credentials");
    unknown.assert_error(401, "invalid_credentials");
    let strip = |mut v: serde_json::Value| {
        v.as_object_mut().unwrap().remove("request_id");
        v
    };
    assert_eq!(strip(wrong.json), strip(unknown.json));

    // an unverified account reveals its state only to its password
    app.register("pending@example.org", PASSWORD)
        .await
        .assert(202);
    app.sign_in("pending@example.org", "not the password")
        .await
        .assert_error(401, "invalid_credentials");
    app.sign_in("pending@example.org", PASSWORD)
        .await
        .assert_error(403, "email_not_verified");
}

#[tokio::test]
async fn sessions_are_listed_with_the_current_one_marked_and_paged() {
    let app = TestApp::spawn().await;
    let first = app.signed_in("pat@example.org").await;
    let mut tokens = vec![first];
    for device in ["phone", "tablet"] {
        let resp = app
            .post(
                "/api/v1/sessions",
                None,
                json!({"email": "pat@example.org", "password": PASSWORD, "device_name": device}),
            )
            .await;
        resp.assert(201);
        assert_eq!(resp.json["session"]["device_name"], device);
        assert_eq!(resp.json["session"]["current"], true);
        tokens.push(resp.json["token"].as_str().unwrap().to_owned());
    }
    let list = app.get("/api/v1/sessions", Some(&tokens[2])).await;
    list.assert(200);
    let items = list.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(list.json["next_cursor"], serde_json::Value::Null);
    assert_eq!(items[0]["device_name"], "tablet", "newest first");
    assert_eq!(items.iter().filter(|s| s["current"] == true).count(), 1);
    assert_eq!(items[0]["current"], true);
    assert_eq!(items[0]["ip"], "127.0.0.1");

    let page1 = app.get("/api/v1/sessions?limit=2", Some(&tokens[0])).await;
    page1.assert(200);
    assert_eq!(page1.json["items"].as_array().unwrap().len(), 2);
    let cursor = page1.json["next_cursor"]
        .as_str()
        .expect("a next page")
        .to_owned();
    let page2 = app
        .get(
            &format!("/api/v1/sessions?limit=2&cursor={cursor}"),
            Some(&tokens[0]),
        )
        .await;
    page2.assert(200);
    let rest = page2.json["items"].as_array().unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(page2.json["next_cursor"], serde_json::Value::Null);
    assert_eq!(rest[0]["current"], true, "the oldest is the first token's");

    app.get("/api/v1/sessions?limit=0", Some(&tokens[0]))
        .await
        .assert_error(422, "validation_failed");
    app.get("/api/v1/sessions?limit=201", Some(&tokens[0]))
        .await
        .assert_error(422, "validation_failed");
    app.get("/api/v1/sessions?cursor=garbage", Some(&tokens[0]))
        .await
        .assert_error(422, "validation_failed");
}

#[tokio::test]
async fn signing_out_and_revoking_end_sessions_at_once() {
    let app = TestApp::spawn().await;
    let a = app.signed_in("sam@example.org").await;
    let b = app.sign_in("sam@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let c = app.sign_in("sam@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = app.signed_in("other@example.org").await;

    // end b from a
    let b_id = app.get("/api/v1/sessions", Some(&b)).await.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // another account can't see or end it
    app.delete(&format!("/api/v1/sessions/{b_id}"), Some(&other))
        .await
        .assert_error(404, "not_found");
    app.get("/api/v1/account", Some(&b)).await.assert(200);
    app.delete(&format!("/api/v1/sessions/{b_id}"), Some(&a))
        .await
        .assert(204);
    app.get("/api/v1/account", Some(&b))
        .await
        .assert_error(401, "unauthenticated");
    app.delete(&format!("/api/v1/sessions/{b_id}"), Some(&a))
        .await
        .assert_error(404, "not_found");

    // revoke-others keeps the caller only
    let d = app.sign_in("sam@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let resp = app
        .post("/api/v1/sessions/revoke-others", Some(&a), json!({}))
        .await;
    resp.assert(200);
    assert_eq!(resp.json["revoked"], 2);
    app.get("/api/v1/account", Some(&c))
        .await
        .assert_error(401, "unauthenticated");
    app.get("/api/v1/account", Some(&d))
        .await
        .assert_error(401, "unauthenticated");
    app.get("/api/v1/account", Some(&a)).await.assert(200);
    app.get("/api/v1/account", Some(&other)).await.assert(200);

    // sign out
    app.delete("/api/v1/sessions/current", Some(&a))
        .await
        .assert(204);
    app.get("/api/v1/account", Some(&a))
        .await
        .assert_error(401, "unauthenticated");
    app.delete("/api/v1/sessions/current", Some(&a))
        .await
        .assert_error(401, "unauthenticated");
}

/// Requests that arrive together are answered each with its own session's account,
/// never another's, and an ended session among them is refused (on PostgreSQL their
/// lookups share queries).
#[tokio::test]
async fn requests_at_once_each_see_their_own_account() {
    let app = TestApp::spawn().await;
    let mut tokens = Vec::new();
    for i in 0..24 {
        let email = format!("user{i}@example.org");
        tokens.push((email.clone(), app.signed_in(&email).await));
    }
    let ended = tokens[5].1.clone();
    app.delete("/api/v1/sessions/current", Some(&ended))
        .await
        .assert(204);
    for _ in 0..4 {
        let answers = futures::future::join_all(
            tokens
                .iter()
                .map(|(_, token)| app.get("/api/v1/account", Some(token))),
        )
        .await;
        for ((email, token), answer) in tokens.iter().zip(&answers) {
            if *token == ended {
                answer.assert_error(401, "unauthenticated");
            } else {
                answer.assert(200);
                assert_eq!(answer.json["email"], *email);
            }
        }
    }
}

#[tokio::test]
async fn sessions_end_after_14_idle_days_and_30_days_in_all() {
    let app = TestApp::spawn().await;
    let idle = app.signed_in("idle@example.org").await;
    let busy = app.sign_in("idle@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    for _ in 0..2 {
        app.clock.advance(Duration::days(13));
        app.get("/api/v1/account", Some(&busy)).await.assert(200);
    }
    // 26 days: the unused one ended at 14
    app.get("/api/v1/account", Some(&idle))
        .await
        .assert_error(401, "unauthenticated");
    app.clock.advance(Duration::days(3));
    app.get("/api/v1/account", Some(&busy)).await.assert(200);
    app.clock.advance(Duration::days(2));
    // 31 days: past the absolute limit although used every 13 days
    app.get("/api/v1/account", Some(&busy))
        .await
        .assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn tokens_are_stored_only_as_digests() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("vault@example.org").await;
    let stored: Vec<u8> = app.sql().one("select token_hash from sessions", &[]).await;
    assert_eq!(stored, Sha256::digest(token.as_bytes()).to_vec());
    // nowhere in the database's storage in clear
    let file = app.stored_bytes().await;
    assert!(
        file.windows(stored.len()).any(|w| w == stored),
        "the digest is found where the token is looked for"
    );
    let needle = token.as_bytes();
    assert!(
        !file.windows(needle.len()).any(|w| w == needle),
        "session token in clear"
    );
    // nor the email link token
    let link_token = app.mails_to("vault@example.org")[0].token("/verify-email");
    let needle = link_token.as_bytes();
    assert!(
        !file.windows(needle.len()).any(|w| w == needle),
        "link token in clear"
    );
}

#[tokio::test]
async fn bearer_tokens_that_are_not_ours_are_401() {
    let app = TestApp::spawn().await;
    for token in [
        "",
        "garbage",
        "stw_s_",
        "stw_s_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "stw_a_x",
    ] {
        let resp = app
            .client
            .get(app.url("/api/v1/account"))
            .header("authorization", format!("Bearer {token}"))
            .send()
            .await
            .unwrap();
        let resp = crate::support::read(resp).await;
        resp.assert_error(401, "unauthenticated");
    }
    let basic = app
        .client
        .get(app.url("/api/v1/account"))
        .header("authorization", "Basic dXNlcjpwYXNz")
        .send()
        .await
        .unwrap();
    crate::support::read(basic)
        .await
        .assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn a_deactivated_account_can_not_sign_in_and_its_sessions_stop_working() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("former@example.org").await;
    // deactivation arrives with the admin API; the state is what matters here
    app.sql()
        .exec(
            "update accounts set status = 'deactivated' where email = 'former@example.org'",
            &[],
        )
        .await;
    app.get("/api/v1/account", Some(&token))
        .await
        .assert_error(401, "unauthenticated");
    app.sign_in("former@example.org", PASSWORD)
        .await
        .assert_error(403, "account_deactivated");
    // only to the right password
    app.sign_in("former@example.org", "wrong password!")
        .await
        .assert_error(401, "invalid_credentials");
}

/// What the `steward` command changes in the database, from a process of its own, counts
/// at the very next request: a session's answer is never kept past a commit, whoever
/// made it (on SQLite the server keeps answers in memory until the database changes).
#[tokio::test]
async fn a_deactivation_by_the_command_ends_the_session_at_the_next_request() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("cli@example.org").await;
    for _ in 0..3 {
        app.get("/api/v1/account", Some(&token)).await.assert(200);
    }
    let dir = tempfile::tempdir().unwrap();
    let config = crate::support::process::write_config(dir.path(), &app.state.config);
    // off the test's runtime, which keeps serving the app (and its queue) meanwhile
    let done = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_steward"))
            .arg("--config")
            .arg(&config)
            .args(["user", "deactivate", "--email", "cli@example.org"])
            .env_remove("RUST_LOG")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    app.get("/api/v1/account", Some(&token))
        .await
        .assert_error(401, "unauthenticated");
}
