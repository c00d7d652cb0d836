//! The job queue: apalis in the same database (apalis-sqlite or apalis-postgres), so a
//! job commits with the change that causes it. Workers run in the server process: mail, deletions, and periodic
//! maintenance (apalis-cron).

mod maintenance;
pub mod queue;
mod send_email;
mod send_webhook;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use apalis::prelude::*;
use apalis_postgres::PostgresStorage;
use apalis_sqlite::SqliteStorage;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::jobs::queue::{
    DELETIONS_QUEUE, Deletion, SEND_EMAIL_QUEUE, SendEmail, SendWebhook, WEBHOOKS_QUEUE,
};
use crate::state::AppState;

pub use maintenance::{resume_deletions, tick as maintenance_tick};

/// Mail jobs taken from the queue per fetch.
const MAIL_BATCH: usize = 50;

/// Runs a worker of `$queue` on the database in use until `$stop`: apalis-sqlite or
/// apalis-postgres storage, woken by the job bell and every `$poll`.
macro_rules! run_worker {
    ($state:expr, $stop:expr, $poll:expr, $kind:literal, $args:ty, $queue:expr, $batch:expr,
     $concurrency:expr, $handler:expr) => {{
        let state: &AppState = $state;
        let wake = WakeEvery::new($poll, state.job_bell.listen());
        match &state.db {
            crate::db::Pool::Sqlite(pool) => {
                let config = apalis_sqlite::Config::default()
                    .queue($queue)
                    .batch_size($batch)
                    .heartbeat_interval(heartbeat(state));
                let storage = SqliteStorage::<$args>::new(pool)
                    .with_config(config)
                    .poll_with_strategy(wake);
                WorkerBuilder::new(worker_name($kind))
                    .backend(storage)
                    .concurrency($concurrency)
                    .data(state.clone())
                    .build($handler)
                    .run_until(stop_signal($stop))
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))
            }
            crate::db::Pool::Postgres(pool) => {
                let config = apalis_postgres::Config::default()
                    .queue($queue)
                    .batch_size($batch)
                    .heartbeat_interval(heartbeat(state));
                let storage = PostgresStorage::<$args>::new(pool)
                    .with_config(config)
                    .poll_with_strategy(wake);
                WorkerBuilder::new(worker_name($kind))
                    .backend(storage)
                    .concurrency($concurrency)
                    .data(state.clone())
                    .build($handler)
                    .run_until(stop_signal($stop))
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))
            }
        }
    }};
}

/// Runs the workers until `shutdown`, then lets the work under way finish.
///
/// The order matters. apalis, when told to stop, stops driving its backend stream while
/// it waits for the handlers under way, and that stream may be inside a write
/// transaction (a heartbeat, a lock or an ack): a handler that then writes waits for
/// the lock until `busy_timeout` and fails. So the workers keep running while the work
/// drains (handlers that start now do nothing: their work stays in the database and
/// resumes at the next start), and are stopped only once nothing is under way.
pub async fn run(state: AppState, shutdown: CancellationToken) -> anyhow::Result<()> {
    maintenance::at_start(&state).await?;
    let poll = Duration::from_millis(state.config.jobs.poll_interval_ms);
    let stop_workers = CancellationToken::new();
    let mail = supervise("mail", &state, &stop_workers, move |state, stop| {
        async move {
            let jobs = &state.config.jobs;
            // A fetch takes at most a batch: apalis' default of 10 left most of a burst
            // (a retry storm after an outage) to later polls.
            let batch = MAIL_BATCH.max(jobs.mail_concurrency);
            run_worker!(
                &state,
                stop,
                poll,
                "mail",
                SendEmail,
                SEND_EMAIL_QUEUE,
                batch,
                jobs.mail_concurrency,
                send_email::handle
            )
        }
    });
    let deletions = supervise("deletion", &state, &stop_workers, move |state, stop| {
        async move {
            // one at a time: deletions are long, and each one batches its own writes
            run_worker!(
                &state,
                stop,
                poll,
                "deletion",
                Deletion,
                DELETIONS_QUEUE,
                10,
                1,
                handle_deletion
            )
        }
    });
    let webhooks = supervise("webhook", &state, &stop_workers, move |state, stop| {
        async move {
            // Several at once, so one hanging receiver holds one slot, not the queue; an
            // endpoint's own deliveries still go one at a time (see service::webhooks).
            let concurrency = state.config.webhooks.concurrency.max(1);
            let batch = MAIL_BATCH.max(concurrency);
            run_worker!(
                &state,
                stop,
                poll,
                "webhook",
                SendWebhook,
                WEBHOOKS_QUEUE,
                batch,
                concurrency,
                send_webhook::handle
            )
        }
    });
    let cron = supervise(
        "maintenance",
        &state,
        &stop_workers,
        move |state, stop| async move {
            let schedule: cron::Schedule = state.config.jobs.maintenance_schedule.parse()?;
            let worker = WorkerBuilder::new(worker_name("maintenance"))
                .backend(apalis_cron::CronScheduler::new(schedule))
                .data(state.clone())
                .build(maintenance::handle);
            worker
                .run_until(stop_signal(stop))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))
        },
    );
    let drain = async {
        shutdown.cancelled().await;
        // A send is bounded by the SMTP timeout, a deletion stops between batches, and
        // systemd's stop timeout bounds us in turn.
        state.tasks.close();
        let grace = Duration::from_secs(
            (2 * state.config.mail.smtp.timeout_seconds).max(state.config.webhooks.timeout_seconds)
                + 5,
        );
        if tokio::time::timeout(grace, state.tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("jobs still running after {grace:?}; they resume after the restart");
        }
        stop_workers.cancel();
    };
    let (mail, deletions, webhooks, cron, ()) =
        tokio::join!(mail, deletions, webhooks, cron, drain);
    for worker in [mail, deletions, webhooks, cron] {
        worker?;
    }
    Ok(())
}

/// Runs a job's work as a task of its own, which shutdown waits for (see `run`), unless
/// shutdown has begun: then the work is left for the next start, and `None` returned.
async fn tracked<T, F>(state: &AppState, work: F) -> Result<Option<T>, BoxDynError>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    if state.stopping.is_cancelled() {
        return Ok(None);
    }
    Ok(Some(state.tasks.spawn(work).await?))
}

fn heartbeat(state: &AppState) -> Duration {
    Duration::from_secs(state.config.jobs.heartbeat_seconds.max(1))
}

/// A worker name seen in the last heartbeat is refused, even after a clean stop: every
/// worker gets its own.
fn worker_name(kind: &str) -> String {
    format!("steward-{kind}-{}", uuid::Uuid::new_v4())
}

async fn stop_signal(shutdown: CancellationToken) -> Result<(), std::io::Error> {
    shutdown.cancelled().await;
    Ok(())
}

/// Starts a worker again whenever it ends before shutdown: a worker whose backend failed
/// once (a fetch that hit SQLITE_BUSY, say) ends, and its work must not stop with it.
///
/// Each worker runs as a task of its own. An apalis backend starts a fetch whenever it
/// is polled while idle, so workers that share a task (and so a waker) wake each other
/// without end: one's finished fetch polls the other, which fetches in turn. Together
/// they made an idle server run ~250 empty queue queries a second.
fn supervise<F, Fut>(
    kind: &'static str,
    state: &AppState,
    shutdown: &CancellationToken,
    mut start: F,
) -> tokio::task::JoinHandle<()>
where
    F: FnMut(AppState, CancellationToken) -> Fut + Send + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send,
{
    let (state, shutdown) = (state.clone(), shutdown.clone());
    tokio::spawn(async move {
        while !shutdown.is_cancelled() {
            if let Err(e) = start(state.clone(), shutdown.clone()).await {
                tracing::error!(worker = kind, error = %e, "worker stopped; starting a new one");
            }
            tokio::select! {
                _ = shutdown.cancelled() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    })
}

async fn handle_deletion(job: Deletion, state: Data<AppState>) -> Result<(), BoxDynError> {
    let state = (*state).clone();
    let done = tracked(&state.clone(), async move {
        crate::service::deletion::run(&state, job)
            .await
            .map_err(|e| format!("{e:#}"))
    })
    .await?;
    done.unwrap_or(Ok(())).map_err(Into::into)
}

/// Wakes an idle worker when a job is queued (the database's [`JobBell`]) and every
/// `interval`, for jobs that come due later (a mail's retry) or that another process
/// queued.
///
/// apalis 1.0's `IntervalStrategy` re-arms its timer without polling it, so no waker is
/// registered; when the fetch that follows completes at once, the worker then sleeps
/// forever (seen here: a second mail never sent). This one always leaves a pending
/// timer behind, as the `PollStrategy` contract asks.
///
/// [`JobBell`]: crate::db::JobBell
struct WakeEvery {
    interval: Duration,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    /// Resolves at the next ring, giving the receiver back; `None` once the bell is gone.
    ring: Option<Ring>,
}

type Ring = Pin<Box<dyn Future<Output = Option<watch::Receiver<()>>> + Send>>;

fn next_ring(mut bell: watch::Receiver<()>) -> Ring {
    Box::pin(async move { bell.changed().await.ok().map(|()| bell) })
}

impl WakeEvery {
    fn new(interval: Duration, bell: watch::Receiver<()>) -> Self {
        Self {
            interval: interval.max(Duration::from_millis(1)),
            sleep: None,
            ring: Some(next_ring(bell)),
        }
    }
}

impl PollStrategy for WakeEvery {
    fn poll_drive(
        &mut self,
        cx: &mut std::task::Context<'_>,
        _: &apalis::prelude::PollSnapshot,
    ) -> std::task::Poll<Option<()>> {
        let mut fired = false;
        while let Some(ring) = self.ring.as_mut() {
            match ring.as_mut().poll(cx) {
                std::task::Poll::Ready(bell) => {
                    self.ring = bell.map(next_ring);
                    fired = true;
                }
                std::task::Poll::Pending => break,
            }
        }
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
