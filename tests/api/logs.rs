//! The log is read by more people than the database: no password, token, link, TOTP
//! secret or recovery code may reach it, even at debug level.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::process::{free_port, spawn_binary_with_env};
use crate::support::smtp::SmtpServer;
use crate::support::{Authenticator, Mail, PASSWORD};

/// The token of the first mail whose text has a link to `path`, waiting up to 15 s.
async fn token_of_mail_linking(smtp: &SmtpServer, path: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let mails = smtp.received();
        if let Some(mail) = mails
            .iter()
            .map(Mail::parse)
            .find(|m| m.text.contains(path))
        {
            return mail.token(path);
        }
        assert!(Instant::now() < deadline, "no mail links to {path}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn no_secret_a_person_was_given_or_gave_reaches_the_log() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let server = spawn_binary_with_env(
        dir.path(),
        free_port(),
        smtp.port,
        |_| {},
        &[("RUST_LOG", "debug".into())],
    )
    .await;
    let email = "alice@example.org";
    let mut secrets = vec![PASSWORD.to_owned()];

    let body = json!({"email": email, "password": PASSWORD, "accept_terms": true});
    server
        .post("/api/v1/registrations", None, body)
        .await
        .assert(202);
    let verification = token_of_mail_linking(&smtp, "/verify-email").await;
    let confirm = json!({"token": verification});
    server
        .post("/api/v1/email-verifications/confirm", None, confirm)
        .await
        .assert(200);
    secrets.push(verification);

    let session = server
        .post(
            "/api/v1/sessions",
            None,
            json!({"email": email, "password": PASSWORD}),
        )
        .await;
    session.assert(201);
    let token = session.json["token"].as_str().unwrap().to_owned();
    secrets.push(token.clone());

    let enrollment = json!({"device_name": "phone"});
    let started = server
        .post("/api/v1/account/totp/enrollments", Some(&token), enrollment)
        .await;
    started.assert(201);
    let uri = started.json["otpauth_uri"].as_str().unwrap();
    let app = Authenticator::from_uri(uri);
    let secret = uri
        .split("secret=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    secrets.push(secret.to_owned());
    let id = started.json["enrollment_id"].as_str().unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let code = json!({"code": app.code_at(now)});
    let path = format!("/api/v1/account/totp/enrollments/{id}/confirm");
    let confirmed = server.post(&path, Some(&token), code).await;
    confirmed.assert(201);
    for code in confirmed.json["recovery_codes"].as_array().unwrap() {
        secrets.push(code.as_str().unwrap().to_owned());
    }

    let client_secret = "client-secret-for-the-log-test";
    let reset = json!({"email": email, "client_secret": client_secret});
    server
        .post("/api/v1/password-resets", None, reset)
        .await
        .assert(202);
    secrets.push(client_secret.to_owned());
    secrets.push(token_of_mail_linking(&smtp, "/reset-password").await);
    drop(server);

    let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap();
    // the log was written, at debug level, about these very requests
    assert!(
        log.contains("/api/v1/sessions") && log.contains("DEBUG"),
        "{log}"
    );
    for secret in &secrets {
        assert!(!log.contains(secret.as_str()), "the log holds {secret:?}");
    }
    assert!(!log.contains("$argon2id$"), "the log holds a password hash");
}
