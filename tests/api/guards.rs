//! Guards for security rules the suite covered thinly: the reauthentication window,
//! lockouts fed by every kind of guess, deactivated accounts and password resets, the
//! terms allow-list, an admin acting on themselves, and jobs queued by an earlier release.

use apalis::prelude::TaskBuilder;
use serde_json::json;
use time::Duration;

use crate::support::{Authenticator, PASSWORD, PUBLIC_URL, Resp, TestApp};

const SECRET: &str = "client-secret-0123456789";
const NEW: &str = "my brand new password";
const ENROLL: &str = "/api/v1/account/totp/enrollments";
const REAUTH: &str = "/api/v1/sessions/current/reauthenticate";

async fn account_id(app: &TestApp, token: &str) -> String {
    let me = app.get("/api/v1/account", Some(token)).await;
    me.assert(200);
    me.json["id"].as_str().unwrap().to_owned()
}

async fn start_enrollment(app: &TestApp, token: &str) -> Resp {
    app.post(ENROLL, Some(token), json!({"device_name": "Phone"}))
        .await
}

async fn reauthenticate(app: &TestApp, token: &str, password: &str) -> Resp {
    app.post(REAUTH, Some(token), json!({"password": password}))
        .await
}

/// Starts a password reset; returns its id.
async fn start_reset(app: &TestApp, email: &str) -> String {
    let resp = app
        .post(
            "/api/v1/password-resets",
            None,
            json!({"email": email, "client_secret": SECRET}),
        )
        .await;
    resp.assert(202);
    resp.json["reset_id"].as_str().unwrap().to_owned()
}

/// Presses the button of the reset link's page, as the person does in the browser.
async fn press_reset_link(app: &TestApp, token: &str) {
    let done = app
        .client
        .post(app.url("/reset-password"))
        .form(&[("token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200, "the link's button validates the reset");
}

async fn complete_reset(app: &TestApp, id: &str, password: &str, code: Option<&str>) -> Resp {
    app.post(
        &format!("/api/v1/password-resets/{id}/complete"),
        None,
        json!({"client_secret": SECRET, "new_password": password, "code": code}),
    )
    .await
}

/// A six-digit code the authenticator shows at none of the steps a check accepts.
fn wrong_code(phone: &Authenticator, now: i64) -> String {
    let valid = [
        phone.code_at(now - 30),
        phone.code_at(now),
        phone.code_at(now + 30),
    ];
    ["000000", "111111", "222222", "333333"]
        .into_iter()
        .find(|c| !valid.iter().any(|v| v == c))
        .unwrap()
        .to_owned()
}

#[track_caller]
fn assert_locked(resp: &Resp, seconds: &str) {
    resp.assert_error(429, "rate_limited");
    assert_eq!(resp.headers["retry-after"], seconds, "when to come back");
}

#[tokio::test]
async fn adding_an_authenticator_needs_a_sign_in_of_the_last_ten_minutes() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("enroll@example.org").await;
    // the sign-in itself counts as a recent authentication
    app.clock.advance(Duration::minutes(9));
    start_enrollment(&app, &token).await.assert(201);
    app.clock.advance(Duration::minutes(1));
    start_enrollment(&app, &token)
        .await
        .assert_error(403, "reauthentication_required");
    assert_eq!(
        app.count("select count(*) from totp_enrollments").await,
        1,
        "the refused request started nothing"
    );
    reauthenticate(&app, &token, PASSWORD).await.assert(200);
    start_enrollment(&app, &token).await.assert(201);
}

#[tokio::test]
async fn a_reauthentication_allows_sensitive_actions_for_ten_minutes_only() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("window@example.org").await;
    app.clock.advance(Duration::minutes(11));
    let change = json!({"new_password": NEW});
    app.put("/api/v1/account/password", Some(&token), change.clone())
        .await
        .assert_error(403, "reauthentication_required");

    let elevated = reauthenticate(&app, &token, PASSWORD).await;
    elevated.assert(200);
    let until = time::OffsetDateTime::parse(
        elevated.json["elevated_until"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(
        until.unix_timestamp(),
        app.clock.now().0 + 600,
        "the window is ten minutes"
    );
    app.clock
        .advance(Duration::minutes(10) - Duration::seconds(1));
    app.put("/api/v1/account/password", Some(&token), change.clone())
        .await
        .assert(204);
    app.clock.advance(Duration::seconds(1));
    app.put(
        "/api/v1/account/password",
        Some(&token),
        json!({"new_password": "and yet another password"}),
    )
    .await
    .assert_error(403, "reauthentication_required");
    // the first change went through, the refused one did not
    app.sign_in("window@example.org", NEW).await.assert(201);
}

#[tokio::test]
async fn wrong_passwords_at_reauthentication_lock_out_sign_ins_too() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("reauth@example.org").await;
    for _ in 0..5 {
        reauthenticate(&app, &token, "wrong password!")
            .await
            .assert_error(401, "invalid_credentials");
    }
    assert_locked(&reauthenticate(&app, &token, PASSWORD).await, "2");
    assert_locked(&app.sign_in("reauth@example.org", PASSWORD).await, "2");
    app.clock.advance(Duration::seconds(2));
    reauthenticate(&app, &token, PASSWORD).await.assert(200);
}

#[tokio::test]
async fn wrong_codes_at_a_reset_completion_lock_out_sign_ins_too() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("resetcode@example.org").await;
    let (phone, _) = app.enroll_totp(&token, "Phone").await;
    let id = start_reset(&app, "resetcode@example.org").await;
    app.run_jobs_until_idle().await;
    let link = app
        .mails_to("resetcode@example.org")
        .into_iter()
        .find(|m| m.subject.starts_with("Reset"))
        .expect("a reset mail")
        .token("/reset-password");
    press_reset_link(&app, &link).await;

    let wrong = wrong_code(&phone, app.clock.now().0);
    for _ in 0..5 {
        complete_reset(&app, &id, NEW, Some(&wrong))
            .await
            .assert_error(401, "invalid_code");
    }
    // locked: even the right code is refused, and the address can't sign in either
    let right = phone.code_at(app.clock.now().0 + 30);
    assert_locked(&complete_reset(&app, &id, NEW, Some(&right)).await, "2");
    assert_locked(&app.sign_in("resetcode@example.org", PASSWORD).await, "2");
    app.clock.advance(Duration::seconds(30));
    complete_reset(&app, &id, NEW, Some(&right))
        .await
        .assert(204);
    let resp = app.sign_in("resetcode@example.org", NEW).await;
    resp.assert(200);
    assert_eq!(resp.json["status"], "mfa_required");
}

#[tokio::test]
async fn a_lockout_survives_a_restart() {
    let app = TestApp::spawn().await;
    app.verified_account("restart@example.org").await;
    for _ in 0..5 {
        app.sign_in("restart@example.org", "wrong password!")
            .await
            .assert_error(401, "invalid_credentials");
    }
    let app = app.restart().await;
    assert_locked(&app.sign_in("restart@example.org", PASSWORD).await, "2");
    app.clock.advance(Duration::seconds(2));
    app.sign_in("restart@example.org", PASSWORD)
        .await
        .assert(201);
}

#[tokio::test]
async fn a_deactivated_account_gets_no_reset_mail_and_no_reset_completes() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    let token = app.signed_in("gone@example.org").await;
    let id = account_id(&app, &token).await;

    // a reset started and validated while the account was active
    let before = start_reset(&app, "gone@example.org").await;
    let mail = app.mail_to("gone@example.org").await;
    assert_eq!(mail.subject, "Reset your Steward password");
    press_reset_link(&app, &mail.token("/reset-password")).await;

    app.post(
        &format!("/api/v1/admin/users/{id}/deactivate"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(204);
    // past the one-mail-a-minute limit, so that an active account would get a mail now
    app.clock.advance(Duration::minutes(2));
    let mails = app.mails_to("gone@example.org").len();
    let after = start_reset(&app, "gone@example.org").await;
    app.run_jobs_until_idle().await;
    assert_eq!(
        app.mails_to("gone@example.org").len(),
        mails,
        "no mail to a deactivated account"
    );

    complete_reset(&app, &before, NEW, None)
        .await
        .assert_error(409, "email_not_validated");
    complete_reset(&app, &after, NEW, None)
        .await
        .assert_error(409, "email_not_validated");
    // the password is the old one: only the right password learns the account's state
    app.sign_in("gone@example.org", NEW)
        .await
        .assert_error(401, "invalid_credentials");
    app.sign_in("gone@example.org", PASSWORD)
        .await
        .assert_error(403, "account_deactivated");

    // reactivated, the account gets reset mail again
    app.post(
        &format!("/api/v1/admin/users/{id}/reactivate"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(204);
    app.sign_in("gone@example.org", PASSWORD).await.assert(201);
    start_reset(&app, "gone@example.org").await;
    assert_eq!(
        app.mail_to("gone@example.org").await.subject,
        "Reset your Steward password"
    );
}

#[tokio::test]
async fn under_newer_terms_an_account_can_still_leave() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("decline@example.org").await;
    let other = app.sign_in("decline@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let app = app
        .restart_with(|c| c.terms.version = "2025-06".into())
        .await;
    app.get("/api/v1/sessions", Some(&token))
        .await
        .assert_error(403, "terms_not_accepted");
    app.get("/api/v1/account", Some(&token)).await.assert(200);

    // signing out one session
    app.delete("/api/v1/sessions/current", Some(&other))
        .await
        .assert(204);
    app.get("/api/v1/account", Some(&other))
        .await
        .assert_error(401, "unauthenticated");

    // reauthenticating, then deleting the account
    app.clock.advance(Duration::minutes(11));
    app.delete("/api/v1/account", Some(&token))
        .await
        .assert_error(403, "reauthentication_required");
    reauthenticate(&app, &token, "wrong password!")
        .await
        .assert_error(401, "invalid_credentials");
    reauthenticate(&app, &token, PASSWORD).await.assert(200);
    // still nothing else until the terms are accepted
    app.get("/api/v1/sessions", Some(&token))
        .await
        .assert_error(403, "terms_not_accepted");
    let deleted = app.delete("/api/v1/account", Some(&token)).await;
    deleted.assert(202);
    assert_eq!(deleted.json["status"], "deletion_scheduled");
    app.get("/api/v1/account", Some(&token))
        .await
        .assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn an_admin_can_neither_deactivate_nor_delete_themselves() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    let me = account_id(&app, &root).await;
    app.post(
        &format!("/api/v1/admin/users/{me}/deactivate"),
        Some(&root),
        json!({}),
    )
    .await
    .assert_error(403, "forbidden");
    app.delete(&format!("/api/v1/admin/users/{me}"), Some(&root))
        .await
        .assert_error(403, "forbidden");

    // nothing happened: the session works, the account is active, no goodbye is sent
    let mine = app
        .get(&format!("/api/v1/admin/users/{me}"), Some(&root))
        .await;
    mine.assert(200);
    assert_eq!(mine.json["status"], "active");
    assert_eq!(mine.json["sessions"], 1);
    app.run_jobs_until_idle().await;
    assert!(
        app.mails_to("root@example.org")
            .iter()
            .all(|m| !m.subject.contains("was deleted")),
        "no goodbye mail"
    );
    let refused: i64 = app
        .sql()
        .one(
            "select count(*) from audit_events where account_id = ? and type like 'admin.%'",
            &[(&me).into()],
        )
        .await;
    assert_eq!(refused, 0, "nothing on record as done");
    // and the admin still acts on others
    let user = app.signed_in("other@example.org").await;
    let user = account_id(&app, &user).await;
    app.post(
        &format!("/api/v1/admin/users/{user}/deactivate"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(204);
}

/// Queues a job the way the previous release did: these exact bytes on that queue, one
/// attempt (what its `jobs::queue` pushed through `apalis_sqlite::queries::push_tasks`).
/// Returns the queue row's id.
async fn push_old_job(app: &TestApp, queue: &str, payload: String) -> String {
    let mut conn = app.sqlite().acquire().await.unwrap();
    let task = TaskBuilder::new(payload.clone().into_bytes())
        .max_attempts(1)
        .build();
    apalis_sqlite::queries::push_tasks(&mut *conn, queue, &[task])
        .await
        .unwrap();
    sqlx::query_scalar("select id from Jobs where job_type = ? and job = ?")
        .bind(queue)
        .bind(payload.into_bytes())
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

async fn job_status(app: &TestApp, id: &str) -> String {
    app.sql()
        .one("select status from Jobs where id = ?", &[id.into()])
        .await
}

/// No periodic sweep in these tests: only the old job can do the work. On SQLite, which
/// the previous release ran on.
fn sqlite_without_maintenance(config: &mut steward::config::Config) {
    config.database.url.clear();
    config.jobs.maintenance_schedule = "0 0 0 1 1 * 2099".into();
}

#[tokio::test]
async fn deletion_jobs_queued_by_the_previous_release_still_run() {
    // the previous release ran on SQLite alone
    let app = TestApp::spawn_with(sqlite_without_maintenance).await;
    let token = app.signed_in("queued@example.org").await;
    let id = account_id(&app, &token).await;
    let sub = app.subscribe(&token, "on-premise-trial").await;
    let host = |name: &'static str| {
        let (app, token, sub) = (&app, &token, &sub);
        async move {
            let resp = app
                .post(
                    "/api/v1/hosts",
                    Some(token),
                    json!({"subscription_id": sub, "name": name}),
                )
                .await;
            resp.assert(201);
            resp.json["id"].as_str().unwrap().to_owned()
        }
    };
    let kept = host("kept").await;
    let dropped = host("dropped").await;

    // marked for deletion as the previous release did it, with its job in the old form
    app.sql()
        .exec(
            "update hosts set status = 'deleting' where id = ?",
            &[(&dropped).into()],
        )
        .await;
    let job = push_old_job(
        &app,
        "deletions",
        format!(r#"{{"delete":"host","id":"{dropped}"}}"#),
    )
    .await;
    app.run_jobs_until_idle().await;
    assert_eq!(job_status(&app, &job).await, "Done");
    app.get(&format!("/api/v1/hosts/{dropped}"), Some(&token))
        .await
        .assert_error(404, "not_found");
    app.get(&format!("/api/v1/hosts/{kept}"), Some(&token))
        .await
        .assert(200);
    assert_eq!(app.count("select count(*) from hosts").await, 1);

    app.sql()
        .exec(
            "update accounts set status = 'deleting' where id = ?",
            &[(&id).into()],
        )
        .await;
    let job = push_old_job(
        &app,
        "deletions",
        format!(r#"{{"delete":"account","id":"{id}"}}"#),
    )
    .await;
    app.run_jobs_until_idle().await;
    assert_eq!(job_status(&app, &job).await, "Done");
    assert_eq!(
        app.count("select count(*) from accounts where email = 'queued@example.org'")
            .await,
        0
    );
    assert_eq!(app.count("select count(*) from hosts").await, 0);
    assert_eq!(app.count("select count(*) from subscriptions").await, 0);
}

#[tokio::test]
async fn a_mail_queued_by_the_previous_release_is_sent_with_a_working_link() {
    let app = TestApp::spawn_with(sqlite_without_maintenance).await;
    app.register("late@example.org", PASSWORD).await.assert(202);
    app.mail_to("late@example.org").await;
    let account: String = app
        .sql()
        .one(
            "select id from accounts where email = 'late@example.org'",
            &[],
        )
        .await;

    // an outbox row and its pending link as the previous release wrote them: the link
    // named by `token_id` and `link_path` in the row's data, the token not yet minted
    let outbox = uuid::Uuid::now_v7().to_string();
    let token = uuid::Uuid::now_v7().to_string();
    let now = app.clock.now().0;
    let data = json!({"token_id": token, "link_path": "/verify-email"}).to_string();
    let mut tx = app.sqlite().begin().await.unwrap();
    sqlx::query(
        "insert into outbox (id, account_id, recipient, template, data, status, attempts,
                             next_attempt_at, created_at)
         values (?, ?, 'late@example.org', 'verify_email', ?, 'pending', 0, ?, ?)",
    )
    .bind(&outbox)
    .bind(&account)
    .bind(&data)
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "insert into email_tokens (id, account_id, purpose, email, outbox_id, created_at,
                                   lifetime_seconds)
         values (?, ?, 'verify_email', 'late@example.org', ?, ?, 86400)",
    )
    .bind(&token)
    .bind(&account)
    .bind(&outbox)
    .bind(now)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let job = push_old_job(&app, "send_email", format!(r#"{{"outbox_id":"{outbox}"}}"#)).await;

    let mail = app.mail_to("late@example.org").await;
    assert!(mail.subject.starts_with("Verify"), "{}", mail.subject);
    assert!(
        mail.link("/verify-email")
            .starts_with(&format!("{PUBLIC_URL}/verify-email?token="))
    );
    app.run_jobs_until_idle().await;
    assert_eq!(job_status(&app, &job).await, "Done");
    app.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": mail.token("/verify-email")}),
    )
    .await
    .assert(200);
    app.sign_in("late@example.org", PASSWORD).await.assert(201);
}
