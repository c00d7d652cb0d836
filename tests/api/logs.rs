//! The log is read by more people than the database: no password, token, link, TOTP
//! secret or recovery code may reach it, even at debug level. And it is read where it is
//! kept: colour codes only on a terminal.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::process::{
    Stderr, free_port, spawn_binary, spawn_binary_with_env, steward_writing_to, write_config,
};
use crate::support::smtp::SmtpServer;
use crate::support::{Authenticator, Mail, PASSWORD, test_config};

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

/// `steward serve 2> log`, as under a supervisor that keeps the log in a file: the lines
/// are there, and no colour code is.
#[tokio::test]
async fn a_server_logging_to_a_file_writes_no_colour_codes() {
    let smtp = SmtpServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let server = spawn_binary(dir.path(), free_port(), smtp.port, |_| {}).await;
    server.register("someone@example.org").await.assert(202);
    drop(server);

    let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap();
    assert!(
        log.contains("INFO") && log.contains("listening"),
        "the log has its lines: {log}"
    );
    assert!(!log.contains("\x1b["), "colour codes in the file: {log:?}");
}

/// A pipe gets no colour codes; a terminal does, unless NO_COLOR is set to something
/// (an empty NO_COLOR counts as unset, as no-color.org says).
#[test]
fn colour_codes_only_on_a_terminal_and_never_with_no_color() {
    let dir = tempfile::tempdir().unwrap();
    write_config(
        dir.path(),
        &test_config(dir.path().join("data"), free_port()),
    );
    // `migrate` logs its statements at debug level, and ends by itself
    let coloured = |stderr, no_color: Option<&str>| {
        let mut env = vec![("RUST_LOG", "debug")];
        env.extend(no_color.map(|value| ("NO_COLOR", value)));
        let (status, log) = steward_writing_to(stderr, dir.path(), &["migrate"], &env);
        assert!(status.success(), "{log}");
        assert!(log.contains("DEBUG"), "the log has its lines: {log:?}");
        log.contains("\x1b[")
    };
    assert!(!coloured(Stderr::Pipe, None), "a pipe");
    assert!(coloured(Stderr::Terminal, None), "a terminal");
    assert!(!coloured(Stderr::Terminal, Some("1")), "NO_COLOR=1");
    assert!(coloured(Stderr::Terminal, Some("")), "NO_COLOR empty");
}

/// Waits up to 15 s for `path` to exist; returns its text.
async fn wait_for_file(path: impl Fn() -> Option<std::path::PathBuf>) -> std::path::PathBuf {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(found) = path() {
            return found;
        }
        assert!(Instant::now() < deadline, "no file came");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The log a newcomer reads: it names the .eml the file transport wrote (with a
/// plain-text copy beside it whose link works), durations rounded, "listening" once.
#[tokio::test]
async fn the_file_transport_names_its_file_and_durations_are_rounded() {
    let dir = tempfile::tempdir().unwrap();
    let server = spawn_binary(dir.path(), free_port(), free_port(), |config| {
        config.mail.transport = steward::config::MailTransport::File;
    })
    .await;
    server.register("newcomer@example.org").await.assert(202);
    let outbox = dir.path().join("data/outbox");
    let eml = wait_for_file(|| {
        std::fs::read_dir(&outbox).ok()?.find_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "eml").then_some(path)
        })
    })
    .await;
    let log_path = dir.path().join("server.log");
    let log = wait_for_file(|| {
        let log = std::fs::read_to_string(&log_path).ok()?;
        log.contains("mail written").then_some(log_path.clone())
    })
    .await;
    drop(server);
    let log = std::fs::read_to_string(log).unwrap();
    let line = log.lines().find(|l| l.contains("mail written")).unwrap();
    assert!(line.contains(&eml.display().to_string()), "{line}");

    let copy = std::fs::read_to_string(eml.with_extension("txt")).unwrap();
    assert!(copy.contains("To: newcomer@example.org"), "{copy}");
    let link = copy
        .split_whitespace()
        .find(|w| w.contains("/verify-email?token="))
        .unwrap_or_else(|| panic!("a link in {copy}"));
    assert!(!link.contains("=3D") && !link.ends_with('='), "{link}");

    assert_eq!(log.matches("listening").count(), 1, "{log}");
    let mut durations = 0;
    for ms in log.split(" ms=").skip(1) {
        let value = ms.split_whitespace().next().unwrap();
        let decimals = value.split_once('.').map_or(0, |(_, d)| d.len());
        assert!(decimals <= 2, "ms={value}");
        durations += 1;
    }
    assert!(durations > 0, "{log}");
}

/// The log transport is for trying Steward out: the log shows the mail's text, link
/// included.
#[tokio::test]
async fn the_log_transport_shows_the_mail_text() {
    let dir = tempfile::tempdir().unwrap();
    let server = spawn_binary(dir.path(), free_port(), free_port(), |config| {
        config.mail.transport = steward::config::MailTransport::Log;
    })
    .await;
    server.register("trying@example.org").await.assert(202);
    let log_path = dir.path().join("server.log");
    wait_for_file(|| {
        let log = std::fs::read_to_string(&log_path).ok()?;
        log.contains("/verify-email?token=")
            .then_some(log_path.clone())
    })
    .await;
    drop(server);
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(log.contains("log transport, not sent"), "{log}");
    assert!(log.contains("trying@example.org"), "{log}");
}
