//! The test harness: the real app on 127.0.0.1:0 with a fresh data folder, a real SMTP
//! server to receive its mail, an HTTP client, and a clock the test can move.

pub mod authenticator;
pub mod browser;
pub mod console;
pub mod passkey;
pub mod process;
pub mod smtp;
pub mod sql;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use smtp::SmtpServer;
use steward::app::{self, Running};
use steward::clock::Clock;
use steward::config::{Config, MailTransport, SmtpTls};
use steward::state::AppState;

pub use authenticator::Authenticator;
pub use passkey::SoftPasskey;
pub use sql::Sql;

pub const PUBLIC_URL: &str = "http://steward.test";
pub const PASSWORD: &str = "correct horse battery staple";
/// The server key of apps on PostgreSQL (base64 of 32 bytes).
pub const TEST_SERVER_KEY: &str = "c3Rld2FyZC10ZXN0cy1zZXJ2ZXIta2V5LTMyYnl0ZXM=";

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub smtp: SmtpServer,
    pub state: AppState,
    pub clock: Clock,
    running: Option<Running>,
    /// Per address, how many of its mails the test has taken with `mail_to`.
    seen: std::sync::Mutex<std::collections::HashMap<String, usize>>,
    _dir: tempfile::TempDir,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Resp {
    /// The `code` of an error body, after checking the body has the contract's shape.
    pub fn code(&self) -> &str {
        let body = &self.json;
        assert_eq!(
            body["status"],
            self.status.as_u16(),
            "status repeated in the body: {body}"
        );
        for key in ["title", "detail", "request_id"] {
            assert!(body[key].is_string(), "error body lacks {key}: {body}");
        }
        assert_eq!(
            body["request_id"].as_str(),
            self.headers
                .get("x-request-id")
                .and_then(|v| v.to_str().ok()),
            "the body's request_id is the x-request-id header"
        );
        body["code"].as_str().expect("error code")
    }

    #[track_caller]
    pub fn assert(&self, status: u16) -> &Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }

    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str) {
        self.assert(status);
        assert_eq!(self.code(), code, "body: {}", self.text);
    }
}

/// A mail as the SMTP server received it, parsed.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The envelope: MAIL FROM and RCPT TO.
    pub mail_from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: Option<String>,
    pub has_date: bool,
}

impl Mail {
    pub fn parse(received: &smtp::Received) -> Self {
        let message = mail_parser::MessageParser::default()
            .parse(&received.raw)
            .expect("a parseable message");
        Mail {
            mail_from: received.mail_from.clone(),
            to: received.rcpt_to.clone(),
            subject: message.subject().unwrap_or_default().to_owned(),
            text: message
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            html: message
                .body_html(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            message_id: message.message_id().map(str::to_owned),
            has_date: message.date().is_some(),
        }
    }

    /// The first link in the text part that starts with `public_url + path`.
    pub fn link(&self, path: &str) -> String {
        let prefix = format!("{PUBLIC_URL}{path}");
        self.text
            .split_whitespace()
            .find(|w| w.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no {prefix} link in:\n{}", self.text))
            .to_owned()
    }

    /// The `token` parameter of that link.
    pub fn token(&self, path: &str) -> String {
        let link = self.link(path);
        link.split_once("token=")
            .expect("a token parameter")
            .1
            .to_owned()
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Starts an app with the test defaults, changed by `configure`.
    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> Self {
        // TEST_LOG=debug (any tracing filter) shows the app's log in test output
        if let Ok(filter) = std::env::var("TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
        let smtp = SmtpServer::start().await;
        let dir = tempfile::tempdir().unwrap();
        let mut config = test_config(dir.path().to_path_buf(), smtp.port);
        config.database.url = test_database().await;
        if !config.database.url.is_empty() {
            // required on PostgreSQL (every instance shares it)
            config.security.secret_key = TEST_SERVER_KEY.into();
        }
        configure(&mut config);
        Self::boot(config, smtp, dir, Clock::frozen()).await
    }

    /// An app on SQLite whatever backend the run tests, for a test that reads the
    /// SQLite file or apalis-sqlite's tables itself.
    pub async fn spawn_sqlite() -> Self {
        Self::spawn_with(|config| config.database.url.clear()).await
    }

    /// The SQLite pool of an app from [`TestApp::spawn_sqlite`].
    pub fn sqlite(&self) -> &sqlx::SqlitePool {
        match &self.state.db {
            steward::db::Pool::Sqlite(pool) => pool,
            steward::db::Pool::Postgres(_) => {
                panic!("this test reads SQLite itself: start it with TestApp::spawn_sqlite")
            }
        }
    }

    /// Raw SQL on the app's database, whichever it is.
    pub fn sql(&self) -> Sql<'_> {
        Sql(&self.state.db)
    }

    async fn boot(config: Config, smtp: SmtpServer, dir: tempfile::TempDir, clock: Clock) -> Self {
        let state = AppState::open(config, clock.clone())
            .await
            .expect("app opens");
        let running = app::start(state.clone()).await.expect("app starts");
        let base = format!("http://{}", running.addr);
        Self {
            base,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            smtp,
            state,
            clock,
            running: Some(running),
            seen: Default::default(),
            _dir: dir,
        }
    }

    /// Stops the app gracefully and starts it again on the same data folder.
    pub async fn restart(self) -> Self {
        self.restart_with(|_| {}).await
    }

    /// Restarts with a changed configuration (same data folder).
    pub async fn restart_with(mut self, configure: impl FnOnce(&mut Config)) -> Self {
        self.running
            .take()
            .unwrap()
            .stop()
            .await
            .expect("clean stop");
        let mut config = (*self.state.config).clone();
        configure(&mut config);
        self.state.db.close().await;
        let app = Self::boot(config, self.smtp, self._dir, self.clock).await;
        *app.seen.lock().unwrap() = self.seen.into_inner().unwrap();
        app
    }

    /// Where /metrics is served when `server.metrics_bind` gives it an address.
    pub fn metrics_addr(&self) -> Option<std::net::SocketAddr> {
        self.running.as_ref().and_then(|r| r.metrics_addr)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let mut req = self.client.request(method, self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        read(req.send().await.expect("request sent")).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Resp {
        self.request(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        self.request(Method::POST, path, token, Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Resp {
        self.request(Method::DELETE, path, token, None).await
    }

    pub async fn register(&self, email: &str, password: &str) -> Resp {
        self.post(
            "/api/v1/registrations",
            None,
            json!({"email": email, "password": password, "accept_terms": true}),
        )
        .await
    }

    /// Registers `email` with [`PASSWORD`] and verifies it from the mail.
    pub async fn verified_account(&self, email: &str) {
        self.register(email, PASSWORD).await.assert(202);
        let token = self.mail_to(email).await.token("/verify-email");
        self.post(
            "/api/v1/email-verifications/confirm",
            None,
            json!({"token": token}),
        )
        .await
        .assert(200);
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Resp {
        self.post(
            "/api/v1/sessions",
            None,
            json!({"email": email, "password": password}),
        )
        .await
    }

    /// A verified account made an admin, as `steward user create --admin` makes one.
    pub async fn verified_admin(&self, email: &str) {
        self.verified_account(email).await;
        self.sql()
            .exec(
                "update accounts set is_admin = true where email = ?",
                &[email.into()],
            )
            .await;
    }

    /// The session token of an admin, root@example.org.
    pub async fn admin_session(&self) -> String {
        self.verified_admin("root@example.org").await;
        self.session_token(&self.sign_in("root@example.org", PASSWORD).await)
    }

    /// A verified account's session token.
    pub async fn signed_in(&self, email: &str) -> String {
        self.verified_account(email).await;
        self.session_token(&self.sign_in(email, PASSWORD).await)
    }

    /// The token of a sign-in that worked.
    fn session_token(&self, resp: &Resp) -> String {
        resp.assert(201);
        resp.json["token"].as_str().unwrap().to_owned()
    }

    /// Subscribes the signed-in account to `plan`; returns the subscription's id.
    pub async fn subscribe(&self, token: &str, plan: &str) -> String {
        let resp = self
            .post(
                "/api/v1/subscriptions",
                Some(token),
                json!({"plan_id": plan}),
            )
            .await;
        resp.assert(201);
        resp.json["id"].as_str().unwrap().to_owned()
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        self.request(Method::PUT, path, token, Some(body)).await
    }

    /// Adds an authenticator app the way a person does: scans the QR code and types the
    /// code the app shows. Returns the app and, for a first device, the recovery codes.
    pub async fn enroll_totp(
        &self,
        token: &str,
        name: &str,
    ) -> (Authenticator, Option<Vec<String>>) {
        let started = self
            .post(
                "/api/v1/account/totp/enrollments",
                Some(token),
                json!({"device_name": name}),
            )
            .await;
        started.assert(201);
        let app = Authenticator::scan(started.json["qr_png"].as_str().unwrap());
        assert_eq!(
            app.uri,
            started.json["otpauth_uri"].as_str().unwrap(),
            "the QR code is the URI"
        );
        let id = started.json["enrollment_id"].as_str().unwrap();
        let confirmed = self
            .post(
                &format!("/api/v1/account/totp/enrollments/{id}/confirm"),
                Some(token),
                json!({"code": app.code_at(self.clock.now().0)}),
            )
            .await;
        confirmed.assert(201);
        let codes = confirmed.json["recovery_codes"].as_array().map(|codes| {
            codes
                .iter()
                .map(|c| c.as_str().unwrap().to_owned())
                .collect()
        });
        (app, codes)
    }

    /// Adds a passkey the way a browser does: options, the authenticator's answer, the
    /// answer back. Returns the completion's body (passkey, recovery codes).
    pub async fn add_passkey(&self, token: &str, authn: &mut SoftPasskey, name: &str) -> Value {
        let started = self
            .post(
                "/api/v1/account/passkeys/registrations",
                Some(token),
                json!({"name": name}),
            )
            .await;
        started.assert(201);
        let answer = authn.create(&started.json["options"]);
        let id = started.json["registration_id"].as_str().unwrap();
        let done = self
            .post(
                &format!("/api/v1/account/passkeys/registrations/{id}/complete"),
                Some(token),
                json!({"credential": answer}),
            )
            .await;
        done.assert(201);
        done.json
    }

    pub fn mails_to(&self, address: &str) -> Vec<Mail> {
        self.smtp
            .received()
            .iter()
            .filter(|m| m.rcpt_to.iter().any(|r| r.eq_ignore_ascii_case(address)))
            .map(Mail::parse)
            .collect()
    }

    /// Waits (up to 15 s) for the next mail to `address` that the test has not seen.
    pub async fn mail_to(&self, address: &str) -> Mail {
        self.nth_mail_to(address, self.seen(address)).await
    }

    /// The next mail to `address` whose text links to `path`, passing over the mails
    /// before it (notices come between).
    pub async fn mail_linking(&self, address: &str, path: &str) -> Mail {
        loop {
            let mail = self.mail_to(address).await;
            if mail.text.contains(path) {
                return mail;
            }
        }
    }

    fn seen(&self, address: &str) -> usize {
        *self
            .seen
            .lock()
            .unwrap()
            .get(&address.to_lowercase())
            .unwrap_or(&0)
    }

    async fn nth_mail_to(&self, address: &str, n: usize) -> Mail {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let mails = self.mails_to(address);
            if let Some(mail) = mails.get(n) {
                self.seen
                    .lock()
                    .unwrap()
                    .insert(address.to_lowercase(), n + 1);
                return mail.clone();
            }
            if Instant::now() >= deadline {
                panic!(
                    "no mail #{} to {address} within 15 s\n{}",
                    n + 1,
                    self.queue_report().await
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until no job is due or running, so that "no mail was sent" means something.
    pub async fn run_jobs_until_idle(&self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        let busy = match self.state.db {
            steward::db::Pool::Sqlite(_) => {
                "select (select count(*) from Jobs where status in ('Pending', 'Queued', 'Running')
                           and run_at <= strftime('%s', 'now'))
                      + (select count(*) from outbox where status = 'pending' and lease_until is not null)"
            }
            steward::db::Pool::Postgres(_) => {
                "select (select count(*) from apalis.jobs
                         where status in ('Pending', 'Queued', 'Running') and run_at <= now())
                      + (select count(*) from outbox where status = 'pending' and lease_until is not null)"
            }
        };
        loop {
            if self.sql().one::<i64>(busy, &[]).await == 0 {
                return;
            }
            assert!(Instant::now() < deadline, "jobs still busy after 15 s");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The outbox and the queue, for failure messages.
    pub async fn queue_report(&self) -> String {
        let report = match self.state.db {
            steward::db::Pool::Sqlite(_) => {
                "select json_object(
                 'now', strftime('%s', 'now'),
                 'outbox', (select json_group_array(json_object('recipient', recipient,
                     'status', status, 'attempts', attempts, 'last_error', last_error,
                     'next_attempt_at', next_attempt_at, 'lease_until', lease_until)) from outbox),
                 'jobs', (select json_group_array(json_object('id', id, 'status', status,
                     'attempts', attempts, 'run_at', run_at, 'lock_by', lock_by,
                     'last_result', last_result)) from Jobs))"
            }
            steward::db::Pool::Postgres(_) => {
                "select json_build_object(
                 'now', now(),
                 'outbox', (select json_agg(json_build_object('recipient', recipient,
                     'status', status, 'attempts', attempts, 'last_error', last_error,
                     'next_attempt_at', next_attempt_at, 'lease_until', lease_until)) from outbox),
                 'jobs', (select json_agg(json_build_object('id', id, 'status', status,
                     'attempts', attempts, 'run_at', run_at, 'lock_by', lock_by,
                     'last_result', last_result)) from apalis.jobs))::text"
            }
        };
        self.sql().one::<String>(report, &[]).await
    }

    pub async fn count(&self, sql: &'static str) -> i64 {
        self.sql().one(sql, &[]).await
    }
}

/// The database a test's app runs on: with `TEST_POSTGRES_SERVER` (a PostgreSQL
/// server's URL, as `scripts/test` sets it), a fresh database of its own there; else
/// empty, for SQLite in the test's data folder.
pub async fn test_database() -> String {
    let Ok(server) = std::env::var("TEST_POSTGRES_SERVER") else {
        return String::new();
    };
    use sqlx::Connection as _;
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&server)
        .await
        .expect("the test PostgreSQL server answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
        .execute(&mut admin)
        .await
        .unwrap();
    let _ = admin.close().await;
    let (base, _) = server
        .rsplit_once('/')
        .expect("a server URL ends in /database");
    format!("{base}/{name}")
}

/// A fresh PostgreSQL database for a test that needs one; in a run without PostgreSQL,
/// None, and a note that `what` is skipped.
pub async fn postgres_database(what: &str) -> Option<String> {
    let url = test_database().await;
    if url.is_empty() {
        eprintln!("skipped: {what} needs PostgreSQL (TEST_POSTGRES_SERVER)");
        return None;
    }
    Some(url)
}

/// Reads a response whole. A body that breaks off is a failure of the test, never an
/// empty body: an empty body is something a test may assert.
pub async fn read(resp: reqwest::Response) -> Resp {
    let status = resp.status();
    let headers = resp.headers().clone();
    let text = resp
        .text()
        .await
        .unwrap_or_else(|e| panic!("the body of a {status} response could not be read: {e}"));
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Resp {
        status,
        headers,
        text,
        json,
    }
}

/// The test configuration: loopback, a temp data folder, SMTP to the test server,
/// quick retries.
pub fn test_config(data_dir: PathBuf, smtp_port: u16) -> Config {
    let mut config = Config::default();
    config.server.bind = "127.0.0.1:0".parse().unwrap();
    config.server.public_url = PUBLIC_URL.into();
    config.server.data_dir = data_dir;
    config.mail.transport = MailTransport::Smtp;
    config.mail.from = "Steward <noreply@steward.test>".into();
    config.mail.smtp.host = "127.0.0.1".into();
    config.mail.smtp.port = smtp_port;
    config.mail.smtp.tls = SmtpTls::None;
    config.mail.smtp.timeout_seconds = 5;
    config.jobs.poll_interval_ms = 20;
    config.jobs.mail_retry_base_seconds = 1;
    config.jobs.mail_retry_max_seconds = 2;
    config
}
