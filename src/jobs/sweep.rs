//! The sweep: finds work whose job was lost (a killed process, a deleted queue row) and
//! enqueues it again. Handlers are idempotent, so a second job for the same work is
//! harmless.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::app::AppState;
use crate::clock::Timestamp;
use crate::db::{self, outbox};
use crate::jobs::enqueue_send_email;

/// A mail is presumed lost when it is this late.
const GRACE_SECONDS: i64 = 60;
const BATCH: i64 = 500;

/// At start-up no try of ours is under way: free every lease and re-enqueue every mail
/// that is due, so what a crash interrupted goes out now rather than after the grace.
pub async fn at_start(state: &AppState) -> anyhow::Result<()> {
    let mut tx = db::begin_immediate(&state.db).await?;
    let released = outbox::release_leases(&mut tx).await?;
    tx.commit().await?;
    let requeued = requeue_mail(state, state.clock.now()).await?;
    if released + requeued > 0 {
        tracing::info!(
            released,
            requeued,
            "resumed mail left over from the last run"
        );
    }
    Ok(())
}

pub async fn run(state: AppState, shutdown: CancellationToken) {
    let period = Duration::from_secs(state.config.jobs.sweep_interval_seconds.max(1));
    let mut ticks = tokio::time::interval(period);
    ticks.tick().await; // the first tick is immediate; at_start did that round
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = ticks.tick() => {}
        }
        state.ip_limiter.forget_idle();
        let cutoff = Timestamp(state.clock.now().0 - GRACE_SECONDS);
        if let Err(e) = requeue_mail(&state, cutoff).await {
            tracing::error!(error = %format!("{e:#}"), "sweep failed");
        }
    }
}

async fn requeue_mail(state: &AppState, cutoff: Timestamp) -> anyhow::Result<u64> {
    let mut tx = db::begin_immediate(&state.db).await?;
    let due = outbox::due_unleased(&mut tx, cutoff, state.clock.now(), BATCH).await?;
    for id in &due {
        enqueue_send_email(&mut tx, *id).await?;
    }
    tx.commit().await?;
    Ok(due.len() as u64)
}
