//! What the rest of the program may know of the queue: the job payloads, their queue
//! names, and the functions that enqueue them inside the caller's transaction. Workers
//! live beside it in jobs/; service/ imports only this.

use std::time::Duration;

use apalis::prelude::TaskBuilder;
use serde::{Deserialize, Serialize};

use crate::db;
use crate::ids::{AccountId, HostId, OutboxId, SubscriptionId, WebhookDeliveryId};

/// Queue names are part of the database: renaming one orphans its queued jobs.
pub const SEND_EMAIL_QUEUE: &str = "send_email";
pub const DELETIONS_QUEUE: &str = "deletions";
pub const WEBHOOKS_QUEUE: &str = "webhooks";

/// Send (or retry) one outbox row. Carries the row's id, never a secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendEmail {
    pub outbox_id: OutboxId,
}

/// Send (or retry) one webhook delivery. Carries the row's id, never a secret, and
/// the tries it had when queued: a copy of the job that comes late (after another copy
/// tried and scheduled a retry) finds a different count and does nothing, so backoff
/// holds whatever the duplicates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendWebhook {
    pub delivery_id: WebhookDeliveryId,
    pub attempts: i64,
}

/// The jobs of the deletions queue: each deletes something and everything under it, in
/// batches. Idempotent: deleting what is gone already is done.
///
/// The serde names are what earlier releases wrote into queued rows
/// (`{"delete": "account", "id": …}`): a rename here must keep them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "delete", content = "id")]
pub enum Deletion {
    /// Cancel the account's subscriptions, delete everything it owns, then the account.
    #[serde(rename = "account")]
    DeleteAccount(AccountId),
    /// Delete a cancelled subscription's hosts and their integrations, then the
    /// subscription.
    #[serde(rename = "subscription")]
    CancelSubscription(SubscriptionId),
    /// Delete a host's integrations, then the host.
    #[serde(rename = "host")]
    DeleteHost(HostId),
}

/// Enqueues a SendEmail job on `conn`, normally inside the transaction that wrote the
/// outbox row.
pub async fn enqueue_send_email(conn: &mut db::Conn, outbox_id: OutboxId) -> anyhow::Result<()> {
    push(conn, SEND_EMAIL_QUEUE, &SendEmail { outbox_id }, None).await
}

/// Enqueues a SendEmail job that runs no earlier than `delay` from now.
pub async fn enqueue_send_email_after(
    conn: &mut db::Conn,
    outbox_id: OutboxId,
    delay: Duration,
) -> anyhow::Result<()> {
    push(
        conn,
        SEND_EMAIL_QUEUE,
        &SendEmail { outbox_id },
        Some(delay),
    )
    .await
}

/// Enqueues a deletion in the transaction that marked the thing for deletion.
pub async fn enqueue_deletion(conn: &mut db::Conn, deletion: Deletion) -> anyhow::Result<()> {
    push(conn, DELETIONS_QUEUE, &deletion, None).await
}

/// Enqueues a SendWebhook job that runs no earlier than `delay` from now (none: at
/// once), normally inside the transaction that wrote or updated the delivery row.
pub async fn enqueue_webhook(
    conn: &mut db::Conn,
    delivery_id: WebhookDeliveryId,
    attempts: i64,
    delay: Option<Duration>,
) -> anyhow::Result<()> {
    let job = SendWebhook {
        delivery_id,
        attempts,
    };
    push(conn, WEBHOOKS_QUEUE, &job, delay).await
}

async fn push<T: Serialize>(
    conn: &mut db::Conn,
    queue: &str,
    job: &T,
    delay: Option<Duration>,
) -> anyhow::Result<()> {
    let args = serde_json::to_vec(job)?;
    // One try per job: a failed send schedules its own retry (a new delayed job), so the
    // backoff survives a restart, which an in-process retry's sleep would not; a failed
    // deletion is picked up again by maintenance.
    let mut task = TaskBuilder::new(args).max_attempts(1);
    if let Some(delay) = delay {
        task = task.run_after(delay);
    }
    match conn.backend() {
        db::Backend::Sqlite(conn) => {
            apalis_sqlite::queries::push_tasks(conn, queue, &[task.build()]).await?
        }
        db::Backend::Postgres(conn) => {
            apalis_postgres::queries::push_tasks(conn, queue, vec![task.build()]).await?
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows queued by earlier releases must still parse.
    #[test]
    fn deletion_payloads_keep_their_encoding() {
        let id = AccountId::new();
        let json = serde_json::to_value(Deletion::DeleteAccount(id)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"delete": "account", "id": id.to_string()})
        );
        let host = HostId::new();
        let old = format!(r#"{{"delete":"host","id":"{host}"}}"#);
        assert_eq!(
            serde_json::from_str::<Deletion>(&old).unwrap(),
            Deletion::DeleteHost(host)
        );
        let sub = SubscriptionId::new();
        let old = format!(r#"{{"delete":"subscription","id":"{sub}"}}"#);
        assert_eq!(
            serde_json::from_str::<Deletion>(&old).unwrap(),
            Deletion::CancelSubscription(sub)
        );
    }
}
