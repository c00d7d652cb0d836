//! The job queue: apalis on the same SQLite file, so a job commits with the change that
//! causes it. Workers run in the server process.

mod send_email;
mod sweep;

use std::time::Duration;

use apalis::prelude::*;
use apalis_sqlite::SqliteStorage;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use tokio_util::sync::CancellationToken;

use crate::app::AppState;
use crate::ids::OutboxId;

/// Queue names are part of the database: renaming one orphans its queued jobs.
pub const SEND_EMAIL_QUEUE: &str = "send_email";

/// Send (or retry) one outbox row. Carries the row's id, never a secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendEmail {
    pub outbox_id: OutboxId,
}

/// Enqueues a SendEmail job on `conn`, normally inside the transaction that wrote the
/// outbox row.
pub async fn enqueue_send_email(
    conn: &mut SqliteConnection,
    outbox_id: OutboxId,
) -> anyhow::Result<()> {
    push(conn, outbox_id, None).await
}

/// Enqueues a SendEmail job that runs no earlier than `delay` from now.
pub async fn enqueue_send_email_after(
    conn: &mut SqliteConnection,
    outbox_id: OutboxId,
    delay: Duration,
) -> anyhow::Result<()> {
    push(conn, outbox_id, Some(delay)).await
}

async fn push(
    conn: &mut SqliteConnection,
    outbox_id: OutboxId,
    delay: Option<Duration>,
) -> anyhow::Result<()> {
    let args = serde_json::to_vec(&SendEmail { outbox_id })?;
    // One try per job: a failed send schedules its own retry (a new delayed job), so the
    // backoff survives a restart, which an in-process retry's sleep would not.
    let mut task = TaskBuilder::new(args).max_attempts(1);
    if let Some(delay) = delay {
        task = task.run_after(delay);
    }
    apalis_sqlite::queries::push_tasks(conn, SEND_EMAIL_QUEUE, &[task.build()]).await?;
    Ok(())
}

/// Wakes an idle worker every `interval` to look for due jobs.
///
/// apalis 1.0's `IntervalStrategy` re-arms its timer without polling it, so no waker is
/// registered; when the fetch that follows completes at once, the worker then sleeps
/// forever (seen here: a second mail never sent). This one always leaves a pending
/// timer behind, as the `PollStrategy` contract asks.
struct WakeEvery {
    interval: Duration,
    sleep: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

impl WakeEvery {
    fn new(interval: Duration) -> Self {
        Self {
            interval: interval.max(Duration::from_millis(1)),
            sleep: None,
        }
    }
}

impl PollStrategy for WakeEvery {
    fn poll_drive(
        &mut self,
        cx: &mut std::task::Context<'_>,
        _: &apalis::prelude::PollSnapshot,
    ) -> std::task::Poll<Option<()>> {
        use std::future::Future;
        let mut fired = false;
        loop {
            let interval = self.interval;
            let sleep = self
                .sleep
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(interval)));
            match sleep.as_mut().poll(cx) {
                std::task::Poll::Ready(()) => {
                    self.sleep = None;
                    fired = true;
                }
                std::task::Poll::Pending if fired => return std::task::Poll::Ready(Some(())),
                std::task::Poll::Pending => return std::task::Poll::Pending,
            }
        }
    }
}

/// Runs the workers and the sweep until `shutdown`, then lets running jobs finish.
pub async fn run(state: AppState, shutdown: CancellationToken) -> anyhow::Result<()> {
    sweep::at_start(&state).await?;
    let sweeper = tokio::spawn(sweep::run(state.clone(), shutdown.clone()));
    // A worker whose backend fails (a fetch that hit SQLITE_BUSY, say) ends; mail must
    // not stop with it, so it is started again until shutdown.
    while !shutdown.is_cancelled() {
        match run_mail_worker(&state, &shutdown).await {
            Ok(()) => {}
            Err(e) => tracing::error!(error = %e, "mail worker stopped; starting a new one"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => {}
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
    sweeper.abort();
    // Work the worker started finishes, within reason: a send is bounded by the SMTP
    // timeout, and systemd's stop timeout bounds us in turn.
    state.tasks.close();
    let grace = Duration::from_secs(2 * state.config.mail.smtp.timeout_seconds + 5);
    if tokio::time::timeout(grace, state.tasks.wait())
        .await
        .is_err()
    {
        tracing::warn!("jobs still running after {grace:?}; they resume after the restart");
    }
    Ok(())
}

async fn run_mail_worker(state: &AppState, shutdown: &CancellationToken) -> anyhow::Result<()> {
    let jobs = &state.config.jobs;
    let storage = SqliteStorage::<SendEmail>::new(&state.db)
        .with_config(apalis_sqlite::Config::default().queue(SEND_EMAIL_QUEUE))
        .poll_with_strategy(WakeEvery::new(Duration::from_millis(jobs.poll_interval_ms)));
    // A worker name seen in the last heartbeat is refused, even after a clean stop:
    // every worker gets its own.
    let name = format!("steward-mail-{}", uuid::Uuid::new_v4());
    let worker = WorkerBuilder::new(name)
        .backend(storage)
        .concurrency(jobs.mail_concurrency)
        .data(state.clone())
        .build(send_email::handle);
    let stop = shutdown.clone();
    worker
        .run_until(async move {
            stop.cancelled().await;
            Ok::<(), std::io::Error>(())
        })
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}
