//! Mail is never lost: retries with backoff, permanent failures recorded, and a mail
//! accepted before a crash goes out after the restart.

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::process::{free_port, spawn_binary};
use crate::support::smtp::{DownPort, Mode, SmtpServer};
use crate::support::{PASSWORD, TestApp};

async fn outbox_row(app: &TestApp, recipient: &str) -> (String, i64, Option<String>) {
    let sql = app.sql();
    let args = [recipient.into()];
    (
        sql.one("select status from outbox where recipient = ?", &args)
            .await,
        sql.one("select attempts from outbox where recipient = ?", &args)
            .await,
        sql.one("select last_error from outbox where recipient = ?", &args)
            .await,
    )
}

/// Waits (up to 10 s) for the recipient's outbox row to reach `status`; returns the row.
async fn wait_for_status(
    app: &TestApp,
    recipient: &str,
    status: &str,
) -> (String, i64, Option<String>) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let row = outbox_row(app, recipient).await;
        if row.0 == status {
            return row;
        }
        assert!(Instant::now() < deadline, "still {row:?}, not {status}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_refused_mail_is_retried_with_backoff_and_delivered() {
    let app = TestApp::spawn().await;
    app.smtp.fail_next(2);
    let started = Instant::now();
    app.register("retry@example.org", PASSWORD)
        .await
        .assert(202);
    let mail = app.mail_to("retry@example.org").await;
    // base 1 s, doubling: tries at about 0 s, 1 s and 3 s (the queue schedules in whole
    // seconds, so each wait may end up to a second early)
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "backed off: {:?}",
        started.elapsed()
    );
    // recorded just after the receiver has it
    assert_eq!(
        wait_for_status(&app, "retry@example.org", "sent").await,
        ("sent".into(), 3, None)
    );
    // the link of the delivered copy works
    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": mail.token("/verify-email")}),
    )
    .await
    .assert(200);
}

/// Queued work wakes its worker: neither a mail nor a deletion waits for the poll, which
/// only looks for work coming due later (an hour apart here).
#[tokio::test]
async fn queued_work_starts_at_once_not_at_the_next_poll() {
    let app = TestApp::spawn_with(|c| c.jobs.poll_interval_ms = 3_600_000).await;
    // past the workers' first look, at start-up
    tokio::time::sleep(Duration::from_millis(300)).await;
    let token = app.signed_in("bell@example.org").await; // waits for the verification mail
    let sub = app.subscribe(&token, "on-premise-trial").await;
    let path = format!("/api/v1/subscriptions/{sub}");
    app.delete(&path, Some(&token)).await.assert(202);
    app.run_jobs_until_idle().await;
    app.get(&path, Some(&token))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn a_permanent_refusal_fails_the_mail_at_once() {
    let app = TestApp::spawn().await;
    app.smtp.set_mode(Mode::RejectPermanently);
    app.register("gone@example.org", PASSWORD).await.assert(202);
    let (_, attempts, error) = wait_for_status(&app, "gone@example.org", "failed").await;
    assert_eq!(attempts, 1, "no retry of a 5xx");
    assert!(error.unwrap().contains("550"));
}

#[tokio::test]
async fn a_mail_gives_up_after_the_last_try() {
    let app = TestApp::spawn_with(|c| c.jobs.mail_max_attempts = 2).await;
    app.smtp.set_mode(Mode::RejectTemporarily);
    app.register("never@example.org", PASSWORD)
        .await
        .assert(202);
    let (_, attempts, error) = wait_for_status(&app, "never@example.org", "failed").await;
    assert_eq!(attempts, 2);
    assert!(error.unwrap().contains("451"));
}

#[tokio::test]
async fn a_mail_whose_tries_never_finish_is_not_retried_forever() {
    // As if every earlier try had killed the process: the row has used up its tries and
    // is due again. The guard fails it instead of sending (or crashing) once more.
    let app = TestApp::spawn_with(|c| c.jobs.mail_max_attempts = 3).await;
    app.smtp.set_mode(Mode::RejectTemporarily);
    app.register("poison@example.org", PASSWORD)
        .await
        .assert(202);
    app.run_jobs_until_idle().await;
    app.sql()
        .exec(
            "update outbox set attempts = 3, next_attempt_at = 0, lease_until = null",
            &[],
        )
        .await;
    app.smtp.set_mode(Mode::Accept);
    let app = app.restart().await; // the start-up sweep picks the due row up
    let deadline = Instant::now() + Duration::from_secs(10);
    while outbox_row(&app, "poison@example.org").await.0 != "failed" {
        assert!(Instant::now() < deadline, "not failed in time");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        outbox_row(&app, "poison@example.org")
            .await
            .2
            .unwrap()
            .contains("gave up after 3 tries")
    );
    assert!(app.mails_to("poison@example.org").is_empty());
}

#[tokio::test]
async fn mail_waits_for_a_server_that_is_down() {
    let down = DownPort::reserve();
    let port = down.port;
    let app = TestApp::spawn_with(|c| {
        c.mail.smtp.port = port;
        // the second try waits 3 s, not 1: a loaded machine still sees the first alone
        c.jobs.mail_retry_base_seconds = 3;
    })
    .await;
    app.register("patient@example.org", PASSWORD)
        .await
        .assert(202);
    // the first try fails and is recorded; the mail stays queued
    let deadline = Instant::now() + Duration::from_secs(15);
    let (status, attempts, error) = loop {
        let row = outbox_row(&app, "patient@example.org").await;
        if row.2.is_some() {
            break row;
        }
        assert!(Instant::now() < deadline, "the first try was not recorded");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!((status.as_str(), attempts), ("pending", 1));
    assert!(error.unwrap().contains("onnection"), "the error says why");
    let back = SmtpServer::start_on(down);
    let deadline = Instant::now() + Duration::from_secs(15);
    while back.received().is_empty() {
        assert!(
            Instant::now() < deadline,
            "not delivered once the server was back"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(back.received()[0].rcpt_to, ["patient@example.org"]);
}

#[tokio::test]
async fn a_mail_accepted_before_a_kill_is_sent_after_the_restart() {
    let dir = tempfile::tempdir().unwrap();
    let http_port = free_port();
    let down = DownPort::reserve(); // nothing listens yet: every try fails
    let smtp_port = down.port;
    let mut process = spawn_binary(dir.path(), http_port, smtp_port, |_| {}).await;
    process.register("crash@example.org").await.assert(202);
    tokio::time::sleep(Duration::from_millis(300)).await;
    process.kill(); // SIGKILL: no shutdown, no cleanup

    let smtp = SmtpServer::start_on(down);
    let _process = spawn_binary(dir.path(), http_port, smtp_port, |_| {}).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while smtp.received().is_empty() {
        assert!(Instant::now() < deadline, "the mail was lost");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mails = smtp.received();
    assert_eq!(mails[0].rcpt_to, ["crash@example.org"]);
    let raw = String::from_utf8_lossy(&mails[0].raw);
    assert!(
        raw.contains("verify-email?token="),
        "the link was minted at send time"
    );
    process.child.kill().unwrap();
    process.child.wait().unwrap();
}

#[tokio::test]
async fn sigterm_lets_the_mail_under_way_finish_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start().await;
    smtp.set_delay(Duration::from_millis(1500));
    let mut process = spawn_binary(dir.path(), free_port(), smtp.port, |_| {}).await;
    process.register("term@example.org").await.assert(202);
    tokio::time::sleep(Duration::from_millis(500)).await; // the send is under way now
    let pid = process.child.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(exit) = process.child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "no exit after SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(exit.success(), "exit status {exit}");
    assert_eq!(smtp.received().len(), 1, "the mail under way was finished");
    // and recorded as sent: a restart sends nothing twice
    let pool = crate::support::process::database_of(dir.path()).await;
    let status: String = crate::support::Sql(&pool)
        .one("select status from outbox", &[])
        .await;
    assert_eq!(
        status,
        "sent",
        "log:\n{}",
        std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default()
    );
}

#[tokio::test]
async fn under_systemd_it_says_ready_pets_the_watchdog_and_says_stopping() {
    use crate::support::process::spawn_binary_with_env;
    let dir = tempfile::tempdir().unwrap();
    let socket_path = dir.path().join("notify.sock");
    let socket = tokio::net::UnixDatagram::bind(&socket_path).unwrap();
    let smtp = SmtpServer::start().await;
    let process = spawn_binary_with_env(
        dir.path(),
        free_port(),
        smtp.port,
        |_| {},
        &[
            ("NOTIFY_SOCKET", socket_path.display().to_string()),
            ("WATCHDOG_USEC", "200000".into()),
        ],
    )
    .await;
    let mut seen = Vec::new();
    let mut buf = vec![0u8; 512];
    let deadline = Instant::now() + Duration::from_secs(10);
    while !(seen.iter().any(|m: &String| m.contains("READY=1"))
        && seen.iter().any(|m| m.contains("WATCHDOG=1")))
    {
        assert!(Instant::now() < deadline, "heard only {seen:?}");
        if let Ok(Ok(n)) =
            tokio::time::timeout(Duration::from_millis(500), socket.recv(&mut buf)).await
        {
            seen.push(String::from_utf8_lossy(&buf[..n]).into_owned());
        }
    }
    let pid = process.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        assert!(Instant::now() < deadline, "no STOPPING=1");
        if let Ok(Ok(n)) =
            tokio::time::timeout(Duration::from_millis(500), socket.recv(&mut buf)).await
            && String::from_utf8_lossy(&buf[..n]).contains("STOPPING=1")
        {
            break;
        }
    }
}

#[tokio::test]
async fn under_systemd_the_smtp_password_and_server_key_come_from_credentials() {
    use crate::support::process::spawn_binary_with_env;
    let dir = tempfile::tempdir().unwrap();
    // what systemd makes of /etc/steward/credentials: one file per credential
    let credentials = dir.path().join("credentials");
    std::fs::create_dir(&credentials).unwrap();
    std::fs::write(
        credentials.join("steward_smtp_password"),
        "pw from credential\n",
    )
    .unwrap();
    let key = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, [7u8; 32]);
    std::fs::write(credentials.join("steward_secret_key"), &key).unwrap();
    let smtp = SmtpServer::start().await;
    smtp.require_login("relay-user", "pw from credential");
    let process = spawn_binary_with_env(
        dir.path(),
        free_port(),
        smtp.port,
        |config| {
            config.mail.smtp.username = "relay-user".into();
            // the key comes from the credential, on either backend
            config.security.secret_key.clear();
        },
        &[("CREDENTIALS_DIRECTORY", credentials.display().to_string())],
    )
    .await;
    process.register("cred@example.org").await.assert(202);
    let deadline = Instant::now() + Duration::from_secs(10);
    while smtp.received().is_empty() {
        assert!(
            Instant::now() < deadline,
            "no mail; log:\n{}",
            std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        smtp.received()[0].authenticated_as.as_deref(),
        Some("relay-user")
    );
    // the key came from the credential, so none was made in the data folder
    assert!(!dir.path().join("data/secret.key").exists());
    let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap();
    assert!(
        log.contains("secrets read from systemd credentials") && log.contains("steward_secret_key"),
        "{log}"
    );
}
