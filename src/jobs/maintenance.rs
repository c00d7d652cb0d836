//! Periodic maintenance (apalis-cron) and the start-up round: resume work a crash or a
//! lost queue row left behind, end trials, purge what expired. Every part is idempotent:
//! running it twice, or alongside the job it resumes, does no harm.

use apalis::prelude::{BoxDynError, Data};
use apalis_cron::Tick;
use time::Duration;

use crate::clock::Timestamp;
use crate::db::hosting;
use crate::db::purge::{self, Purged};
use crate::db::{self, accounts, outbox, webhooks};
use crate::jobs::queue::{
    DELETIONS_QUEUE, Deletion, enqueue_deletion, enqueue_send_email, enqueue_webhook,
};
use crate::state::AppState;

const BATCH: i64 = 500;

/// The name periodic maintenance claims its ticks under (see [`handle`]).
pub const MAINTENANCE: &str = "maintenance";

/// At start-up, resume every due mail and every unfinished deletion now rather than
/// after the grace. On SQLite, this process is the only one: no work is under way, so
/// every lease is freed and every deletion resumed. On PostgreSQL other instances may be
/// at work: their leases run out on their own, and only deletions no live worker holds
/// are resumed.
pub async fn at_start(state: &AppState) -> anyhow::Result<()> {
    let alone = matches!(state.db, db::Pool::Sqlite(_));
    let mut released = 0;
    if alone {
        let mut tx = db::begin_write(&state.db, db::Lock::Global).await?;
        released =
            outbox::release_leases(&mut tx).await? + webhooks::release_leases(&mut tx).await?;
        tx.commit().await?;
    }
    let requeued = requeue_mail(state, state.clock.now()).await?
        + requeue_webhooks(state, state.clock.now()).await?;
    let deletions = resume_deletions(state, alone).await?;
    if released + requeued + deletions > 0 {
        tracing::info!(
            released,
            requeued,
            deletions,
            "resumed work left over from the last run"
        );
    }
    Ok(())
}

/// Runs one tick of the schedule, on the one instance that claims it first: every
/// instance runs the schedule, and a tick runs once.
pub(super) async fn handle(scheduled: Tick, state: Data<AppState>) -> Result<(), BoxDynError> {
    let state = (*state).clone();
    let scheduled = Timestamp(i64::try_from(scheduled.get_timestamp()).unwrap_or(i64::MAX));
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let mine = db::instances::claim_tick(&mut tx, MAINTENANCE, scheduled).await?;
    tx.commit().await?;
    if !mine {
        return Ok(());
    }
    let done = super::tracked(&state.clone(), async move {
        tick(&state).await.map_err(|e| {
            tracing::error!(error = %format!("{e:#}"), "maintenance failed");
            format!("{e:#}")
        })
    })
    .await?;
    done.unwrap_or(Ok(())).map_err(Into::into)
}

/// One round of maintenance.
pub async fn tick(state: &AppState) -> anyhow::Result<()> {
    state.ip_limiter.forget_idle();
    let now = state.clock.now();
    let grace = state.config.jobs.lost_after_seconds;
    requeue_mail(state, Timestamp(now.0 - grace)).await?;
    requeue_webhooks(state, Timestamp(now.0 - grace)).await?;
    resume_deletions(state, false).await?;
    let expired = crate::service::hosting::expire_trials(state).await?;
    let purged = purge_expired(state).await?;
    let deliveries = purge_deliveries(state).await?;
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let jobs = purge::finished_jobs(&mut tx).await?;
    // the per-IP windows are a minute long (wall time, as the limit counts)
    db::instances::purge_ip_attempts(&mut tx, Timestamp(wall_clock() - 120)).await?;
    tx.commit().await?;
    tracing::debug!(
        expired_trials = expired,
        ?purged,
        webhook_deliveries = deliveries,
        finished_jobs = jobs,
        "maintenance done"
    );
    Ok(())
}

async fn requeue_mail(state: &AppState, cutoff: Timestamp) -> anyhow::Result<u64> {
    let mut tx = db::begin_write(&state.db, db::Lock::Global).await?;
    let due = outbox::due_unleased(&mut tx, cutoff, state.clock.now(), BATCH).await?;
    for id in &due {
        enqueue_send_email(&mut tx, *id).await?;
    }
    tx.commit().await?;
    Ok(due.len() as u64)
}

/// Queues again the next delivery of every endpoint whose job was lost (the sweep of
/// the outbox pattern, as for mail).
async fn requeue_webhooks(state: &AppState, cutoff: Timestamp) -> anyhow::Result<u64> {
    let mut tx = db::begin_write(&state.db, db::Lock::Global).await?;
    let due = webhooks::due_heads(&mut tx, cutoff, state.clock.now(), BATCH).await?;
    for head in &due {
        enqueue_webhook(&mut tx, head.id, head.attempts, None).await?;
    }
    tx.commit().await?;
    Ok(due.len() as u64)
}

/// Enqueues the deletion of everything marked for deletion. Unless `force`, only when
/// the deletion queue is idle: a long deletion under way is not joined by copies of it.
pub async fn resume_deletions(state: &AppState, force: bool) -> anyhow::Result<u64> {
    let mut tx = db::begin_write(&state.db, db::Lock::Global).await?;
    let alive = 3 * i64::try_from(state.config.jobs.heartbeat_seconds).unwrap_or(i64::MAX / 4);
    if !force && purge::busy_jobs(&mut tx, DELETIONS_QUEUE, alive).await? > 0 {
        return Ok(0);
    }
    let mut pending: Vec<Deletion> = Vec::new();
    pending.extend(
        accounts::deleting(&mut tx, BATCH)
            .await?
            .into_iter()
            .map(Deletion::DeleteAccount),
    );
    pending.extend(
        hosting::cancelling_subscriptions(&mut tx, BATCH)
            .await?
            .into_iter()
            .map(Deletion::CancelSubscription),
    );
    pending.extend(
        hosting::deleting_hosts(&mut tx, BATCH)
            .await?
            .into_iter()
            .map(Deletion::DeleteHost),
    );
    for deletion in &pending {
        enqueue_deletion(&mut tx, *deletion).await?;
    }
    tx.commit().await?;
    Ok(pending.len() as u64)
}

/// Removes the delivery log's done rows older than `webhooks.keep_deliveries_days`, a
/// batch per short transaction so senders are not held up.
async fn purge_deliveries(state: &AppState) -> anyhow::Result<u64> {
    let keep = Duration::days(state.config.webhooks.keep_deliveries_days.into());
    let cutoff = Timestamp(state.clock.now().0 - keep.whole_seconds());
    let mut total = 0;
    loop {
        let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
        let n = webhooks::purge_done(&mut tx, cutoff, BATCH).await?;
        tx.commit().await?;
        total += n;
        if n < BATCH as u64 {
            return Ok(total);
        }
    }
}

const DAY_SECONDS: i64 = 24 * 60 * 60;

async fn purge_expired(state: &AppState) -> anyhow::Result<Purged> {
    let now = state.clock.now();
    let idle = Duration::days(state.config.security.session_idle_days).whole_seconds();
    let mut purged = Purged::default();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    purged.email_tokens = purge::email_tokens(&mut tx, now).await?;
    purged.sessions = purge::sessions(&mut tx, now, Timestamp(now.0 - idle)).await?;
    purged.mfa_tickets = purge::mfa_tickets(&mut tx, now).await?;
    // kept a day past their end, so that a set-up finished late says it expired (and
    // offers to start again) rather than that it does not exist
    purged.enrollments = purge::enrollments(&mut tx, Timestamp(now.0 - DAY_SECONDS)).await?;
    purged.passkey_challenges = crate::db::passkeys::purge(&mut tx, now).await?;
    purged.password_resets = purge::password_resets(&mut tx, now).await?;
    purged.throttle = purge::throttle(&mut tx, now).await?;
    purged.password_links = crate::db::password_links::purge(&mut tx, now).await?;
    tx.commit().await?;
    Ok(purged)
}

/// Unix seconds by the wall clock.
fn wall_clock() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
