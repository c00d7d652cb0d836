//! Several `steward serve` processes on one PostgreSQL database behave as one server.
//! These need PostgreSQL: `scripts/test` runs them in its PostgreSQL pass
//! (`TEST_POSTGRES_SERVER`); without it they say so and end.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::json;
use steward::config::Config;
use steward::db::Pool;

use crate::support::process::{Process, free_port, spawn_binary};
use crate::support::smtp::SmtpServer;
use crate::support::{Mail, PASSWORD, Resp, Sql, TEST_SERVER_KEY};

mod locks;

/// Instances on one fresh database, each with a data folder of its own, sending their
/// mail to one SMTP server.
struct Cluster {
    url: String,
    smtp: SmtpServer,
    pool: Pool,
    dirs: Vec<tempfile::TempDir>,
}

impl Cluster {
    /// None (and a note) when the run has no PostgreSQL.
    async fn new() -> Option<Self> {
        let url = crate::support::postgres_database("several instances").await?;
        let pool = Pool::Postgres(sqlx::PgPool::connect(&url).await.unwrap());
        Some(Self {
            url,
            smtp: SmtpServer::start().await,
            pool,
            dirs: Vec::new(),
        })
    }

    /// Starts one more instance, configured as every other plus `configure`.
    async fn start(&mut self, configure: impl FnOnce(&mut Config)) -> Process {
        let dir = tempfile::tempdir().unwrap();
        let url = self.url.clone();
        let process = spawn_binary(dir.path(), free_port(), self.smtp.port, |c| {
            c.database.url = url;
            c.security.secret_key = TEST_SERVER_KEY.into();
            // a dead instance is noticed within seconds, lost work resumed at once
            c.jobs.heartbeat_seconds = 1;
            c.jobs.lost_after_seconds = 2;
            c.jobs.maintenance_schedule = "* * * * * *".into();
            c.mail.smtp.timeout_seconds = 2;
            // every client here is 127.0.0.1: the per-IP limit has a test of its own
            c.security.sign_in_per_ip_per_minute = 0;
            configure(c);
        })
        .await;
        self.dirs.push(dir);
        process
    }

    fn sql(&self) -> Sql<'_> {
        Sql(&self.pool)
    }

    /// The mails received so far, per recipient.
    fn mails_per_recipient(&self) -> HashMap<String, usize> {
        let mut per = HashMap::new();
        for received in self.smtp.received() {
            for to in &received.rcpt_to {
                *per.entry(to.clone()).or_default() += 1;
            }
        }
        per
    }

    /// Waits for the `n`th mail to `to` and returns it.
    async fn mail(&self, to: &str, n: usize) -> Mail {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let mails: Vec<_> = self
                .smtp
                .received()
                .into_iter()
                .filter(|r| r.rcpt_to.iter().any(|t| t == to))
                .collect();
            if mails.len() >= n {
                return Mail::parse(&mails[n - 1]);
            }
            assert!(Instant::now() < deadline, "no mail #{n} to {to}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Registers crowd{i}@example.org for every i of `range`, all at once, spread over
/// `instances`.
async fn register_batch(range: std::ops::Range<usize>, instances: &[&Process]) -> Vec<Resp> {
    let bodies = range.map(|i| {
        let instance = instances[i % instances.len()];
        async move { instance.register(&format!("crowd{i}@example.org")).await }
    });
    futures::future::join_all(bodies).await
}

/// Registers `email` on `a`, confirms it on `b`, signs in on `a`: the session token.
async fn signed_in(cluster: &Cluster, a: &Process, b: &Process, email: &str) -> String {
    a.register(email).await.assert(202);
    let token = cluster.mail(email, 1).await.token("/verify-email");
    b.post(
        "/api/v1/email-verifications/confirm",
        None,
        json!({"token": token}),
    )
    .await
    .assert(200);
    let session = a
        .post(
            "/api/v1/sessions",
            None,
            json!({"email": email, "password": PASSWORD}),
        )
        .await;
    session.assert(201);
    session.json["token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_session_signed_out_on_one_instance_is_refused_by_every_other_at_once() {
    let Some(mut cluster) = Cluster::new().await else {
        return;
    };
    let a = cluster.start(|_| {}).await;
    let b = cluster.start(|_| {}).await;
    let c = cluster.start(|_| {}).await;
    let token = signed_in(&cluster, &a, &b, "everywhere@example.org").await;
    for instance in [&a, &b, &c] {
        instance.get("/api/v1/account", &token).await.assert(200);
    }
    b.delete("/api/v1/sessions/current", &token)
        .await
        .assert(204);
    // no wait: the very next request, on any instance, is refused
    for instance in [&c, &a, &b] {
        instance
            .get("/api/v1/account", &token)
            .await
            .assert_error(401, "unauthenticated");
    }
}

#[tokio::test]
async fn two_hundred_registrations_over_three_instances_mail_each_address_though_one_is_killed() {
    let Some(mut cluster) = Cluster::new().await else {
        return;
    };
    let a = cluster.start(|_| {}).await;
    let b = cluster.start(|_| {}).await;
    let mut c = cluster.start(|_| {}).await;
    for resp in register_batch(0..100, &[&a, &b, &c]).await {
        resp.assert(202);
    }
    // in the middle of the sending: c dies with whatever it had taken
    c.kill();
    for resp in register_batch(100..200, &[&a, &b]).await {
        resp.assert(202);
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    while cluster.mails_per_recipient().len() < 200 {
        assert!(
            Instant::now() < deadline,
            "{} of 200 addresses got their mail",
            cluster.mails_per_recipient().len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Every row ends sent. A mail c had sent but not yet marked when it died is sent
    // again once its lease runs out (twice the SMTP timeout and 30 s).
    loop {
        let sent: i64 = cluster
            .sql()
            .one("select count(*) from outbox where status = 'sent'", &[])
            .await;
        if sent == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "{sent} of 200 mails marked sent");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // a little longer, for a late duplicate to show
    tokio::time::sleep(Duration::from_secs(1)).await;
    let per = cluster.mails_per_recipient();
    assert_eq!(per.len(), 200, "every address got its mail");
    // A mail c was sending when it died (the receiver had taken it, c had not yet
    // marked it sent) is sent again: at most one per send c had under way, and with the
    // same Message-ID, by which mail stores show it once. Nothing else twice.
    let twice: Vec<&String> = per
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(r, _)| r)
        .collect();
    assert!(
        twice.len() <= 8,
        "{} mails sent twice, more than the 8 sends c had under way: {twice:?}",
        twice.len()
    );
    for recipient in &twice {
        let ids: std::collections::HashSet<_> = cluster
            .smtp
            .received()
            .iter()
            .filter(|r| r.rcpt_to.contains(recipient))
            .map(|r| Mail::parse(r).message_id)
            .collect();
        assert_eq!(ids.len(), 1, "{recipient}: one Message-ID for both copies");
    }
    assert!(
        per.values().all(|n| *n <= 2),
        "none more than twice: {per:?}"
    );
}

#[tokio::test]
async fn a_deletion_whose_instance_is_killed_is_finished_once_by_another() {
    let Some(mut cluster) = Cluster::new().await else {
        return;
    };
    // one row per batch: slow enough to kill in the middle
    let slow = |c: &mut Config| c.jobs.deletion_batch_size = 1;
    let mut a = cluster.start(slow).await;
    let b = cluster.start(slow).await;
    let token = signed_in(&cluster, &a, &b, "big@example.org").await;
    let sub = a
        .post(
            "/api/v1/subscriptions",
            Some(&token),
            json!({"plan_id": "on-premise-trial"}),
        )
        .await;
    let sub = sub.json["id"].as_str().unwrap().to_owned();
    let host = a
        .post(
            "/api/v1/hosts",
            Some(&token),
            json!({"subscription_id": sub, "name": "big"}),
        )
        .await;
    let host = host.json["id"].as_str().unwrap().to_owned();
    let account: String = cluster
        .sql()
        .one("select cast(account_id as text) from hosts", &[])
        .await;
    cluster
        .sql()
        .exec(
            "insert into integrations (id, account_id, host_id, kind, name, settings, created_at, updated_at)
             select gen_random_uuid(), cast(? as uuid), cast(? as uuid), 'bulk', 'i' || n, '{}', 0, 0
             from generate_series(1, 3000) n",
            &[account.into(), host.into()],
        )
        .await;
    // only a runs jobs when the deletion starts
    drop(b);
    a.delete("/api/v1/account", &token).await.assert(202);
    let integrations = || async {
        cluster
            .sql()
            .one::<i64>("select count(*) from integrations", &[])
            .await
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while integrations().await > 2900 {
        assert!(Instant::now() < deadline, "the deletion did not start");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    a.kill(); // SIGKILL in the middle of the job
    let left = integrations().await;
    assert!(left > 0, "killed too late to show anything");

    let _b = cluster.start(|_| {}).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let rows: i64 = cluster
            .sql()
            .one(
                "select (select count(*) from accounts) + (select count(*) from subscriptions)
                      + (select count(*) from hosts) + (select count(*) from integrations)",
                &[],
            )
            .await;
        if rows == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{rows} rows left ({left} integrations were left at the kill)"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let deleted: i64 = cluster
        .sql()
        .one(
            "select count(*) from audit_events where type = 'account.deleted'",
            &[],
        )
        .await;
    assert_eq!(deleted, 1, "the deletion finished once");
}

#[tokio::test]
async fn periodic_maintenance_runs_once_per_tick_across_instances() {
    let Some(mut cluster) = Cluster::new().await else {
        return;
    };
    let _a = cluster.start(|_| {}).await;
    let _b = cluster.start(|_| {}).await;
    let _c = cluster.start(|_| {}).await;
    let read = || async {
        let sql = cluster.sql();
        let runs: i64 = sql
            .one(
                "select coalesce(max(runs), 0) from periodic_runs where name = 'maintenance'",
                &[],
            )
            .await;
        let tick: i64 = sql
            .one(
                "select coalesce(max(last_tick), 0) from periodic_runs where name = 'maintenance'",
                &[],
            )
            .await;
        (runs, tick)
    };
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (runs_before, tick_before) = read().await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (runs_after, tick_after) = read().await;
    let runs = runs_after - runs_before;
    let ticks = tick_after - tick_before;
    assert!(runs >= 3, "maintenance ran {runs} times in 5 s");
    assert!(
        runs <= ticks,
        "{runs} runs for {ticks} ticks: three instances, each tick once"
    );
}

#[tokio::test]
async fn the_per_ip_limit_counts_attempts_on_every_instance() {
    let Some(mut cluster) = Cluster::new().await else {
        return;
    };
    let limited = |c: &mut Config| c.security.sign_in_per_ip_per_minute = 4;
    let a = cluster.start(limited).await;
    let b = cluster.start(limited).await;
    // the limit counts per minute of wall time: start early in one
    let second = time::OffsetDateTime::now_utc().second();
    if second > 45 {
        tokio::time::sleep(Duration::from_secs(u64::from(61 - second))).await;
    }
    let wrong = json!({"email": "nobody@example.org", "password": "not the password at all"});
    for instance in [&a, &b, &a, &b] {
        instance
            .post("/api/v1/sessions", None, wrong.clone())
            .await
            .assert_error(401, "invalid_credentials");
    }
    // the fifth, on either instance, is one too many
    for instance in [&a, &b] {
        let refused = instance.post("/api/v1/sessions", None, wrong.clone()).await;
        refused.assert_error(429, "rate_limited");
        let retry: u64 = refused.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=60).contains(&retry), "Retry-After: {retry}");
    }
}

#[tokio::test]
async fn a_queued_job_wakes_the_workers_at_once_without_polling() {
    let Some(mut cluster) = Cluster::new().await else {
        return;
    };
    // polling once a minute: only the database's notification can wake a worker sooner
    // (and no maintenance, which would queue the mail again after a while)
    let no_polling = |c: &mut Config| {
        c.jobs.poll_interval_ms = 60_000;
        c.jobs.heartbeat_seconds = 60;
        c.jobs.maintenance_schedule = "0 0 0 1 1 * 2099".into();
    };
    let a = cluster.start(no_polling).await;
    let _b = cluster.start(no_polling).await;
    // past the first fetch each worker makes when it starts
    tokio::time::sleep(Duration::from_secs(2)).await;
    for i in 0..3 {
        let address = format!("woken{i}@example.org");
        let queued = Instant::now();
        a.register(&address).await.assert(202);
        cluster.mail(&address, 1).await;
        let waited = queued.elapsed();
        assert!(
            waited < Duration::from_secs(3),
            "the mail took {waited:?}: no worker was woken by the queued job"
        );
    }
}
