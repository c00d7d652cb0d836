//! Deleting an account, a subscription or a host with everything under it.
//!
//! The request marks the thing and enqueues a job in one transaction; the job deletes
//! bottom-up (integrations, hosts, subscriptions, then the thing) in batches of
//! `jobs.deletion_batch_size` rows, one short transaction each, so other writers (a
//! sign-in) wait at most one batch. It is idempotent and resumable: after a crash the
//! maintenance round enqueues it again and it carries on from what is left.

use serde_json::json;

use crate::db::accounts::Account;
use crate::db::{self, accounts, hosting, sessions};
use crate::ids::{AccountId, HostId, SubscriptionId};
use crate::jobs::queue::{self, Deletion};
use crate::service::audit::{self, Actor, Kind};
use crate::service::mail::notice;
use crate::service::require_elevated;
use crate::service::webhooks::{self, EventType};
use crate::service::{Authenticated, ClientInfo};
use crate::service::{Error, Result};
use crate::state::AppState;

/// The account asks to be deleted: every session ends at once; the rest goes by job.
pub async fn request_account_deletion(
    state: &AppState,
    auth: &Authenticated,
    client: &ClientInfo,
) -> Result<()> {
    require_elevated(state, auth)?;
    schedule_account_deletion(state, &auth.account, &Actor::Owner, client).await
}

/// Schedules an account's deletion, whoever asked: in one transaction the account is
/// marked, its sessions end, the event is recorded, the goodbye mail and the job are
/// queued. `NotFound` when it is gone or being deleted already.
pub async fn schedule_account_deletion(
    state: &AppState,
    account: &Account,
    actor: &Actor,
    client: &ClientInfo,
) -> Result<()> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    if !accounts::mark_deleting(&mut tx, account.id, now).await? {
        return Err(Error::NotFound);
    }
    webhooks::record_hosts_going(&mut tx, now, account.id, None).await?;
    sessions::delete_all(&mut tx, account.id).await?;
    let kind = match actor {
        Actor::Owner => Kind::AccountDeletionRequested,
        _ => Kind::AdminUserDeletionRequested,
    };
    audit::record_by(
        &mut tx,
        now,
        Some(account.id),
        kind,
        actor,
        client,
        json!({}),
    )
    .await?;
    // the outbox row has no foreign key: the goodbye outlives the account
    notice(&mut tx, now, account, "account_deleted", json!({})).await?;
    queue::enqueue_deletion(&mut tx, Deletion::DeleteAccount(account.id)).await?;
    let data = webhooks::deleted(account.id, account.id);
    webhooks::record(&mut tx, now, EventType::AccountDeleted, data).await?;
    tx.commit().await?;
    Ok(())
}

/// The job.
pub async fn run(state: &AppState, deletion: Deletion) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let deleted = match deletion {
        Deletion::DeleteAccount(id) => delete_account(state, id).await?,
        Deletion::CancelSubscription(id) => delete_subscription(state, id).await?,
        Deletion::DeleteHost(id) => delete_host(state, id).await?,
    };
    tracing::info!(
        ?deletion,
        rows = deleted,
        ms = started.elapsed().as_millis() as u64,
        "deleted"
    );
    Ok(())
}

/// Runs one batch delete after another, each in its own short write transaction, until
/// one deletes nothing. Returns the rows deleted.
async fn in_batches<F>(state: &AppState, mut batch: F) -> anyhow::Result<u64>
where
    F: for<'c> FnMut(&'c mut db::Conn, i64) -> futures::future::BoxFuture<'c, sqlx::Result<u64>>,
{
    let size = state.config.jobs.deletion_batch_size;
    let mut total = 0;
    loop {
        if state.stopping.is_cancelled() {
            // marked for deletion still: the next start resumes here
            anyhow::bail!("stopped for shutdown after {total} rows; resumes at the next start");
        }
        let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
        let n = batch(&mut tx, size).await?;
        tx.commit().await?;
        total += n;
        if n == 0 {
            return Ok(total);
        }
        // let a waiting writer take the lock before the next batch
        tokio::task::yield_now().await;
    }
}

async fn delete_account(state: &AppState, id: AccountId) -> anyhow::Result<u64> {
    let mut total = 0;
    total += in_batches(state, |c, n| {
        Box::pin(hosting::delete_integrations_of_account(c, id, n))
    })
    .await?;
    total += in_batches(state, |c, n| {
        Box::pin(hosting::delete_hosts_of_account(c, id, n))
    })
    .await?;
    total += in_batches(state, |c, n| {
        Box::pin(hosting::delete_subscriptions_of_account(c, id, n))
    })
    .await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    // sessions, tokens, devices, codes, tickets go by cascade: few rows each
    let gone = accounts::delete(&mut tx, id).await?;
    if gone > 0 {
        let job = ClientInfo::default();
        audit::record(
            &mut tx,
            now,
            id,
            Kind::AccountDeleted,
            &job,
            json!({"rows": total}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(total + gone)
}

async fn delete_subscription(state: &AppState, id: SubscriptionId) -> anyhow::Result<u64> {
    let mut total = 0;
    total += in_batches(state, |c, n| {
        Box::pin(hosting::delete_integrations_of_subscription(c, id, n))
    })
    .await?;
    total += in_batches(state, |c, n| {
        Box::pin(hosting::delete_hosts_of_subscription(c, id, n))
    })
    .await?;
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    total += hosting::delete_subscription(&mut tx, id).await?;
    tx.commit().await?;
    Ok(total)
}

async fn delete_host(state: &AppState, id: HostId) -> anyhow::Result<u64> {
    let mut total = in_batches(state, |c, n| {
        Box::pin(hosting::delete_integrations_of_host(c, id, n))
    })
    .await?;
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    total += hosting::delete_host(&mut tx, id).await?;
    tx.commit().await?;
    Ok(total)
}
