//! The outbox table: every mail, from the request that causes it to its delivery.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::ids::OutboxId;
use steward_store::outbox::*;

pub async fn insert(conn: &mut PgConnection, new: &NewMail<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into outbox (id, account_id, recipient, template, data, next_attempt_at,
                             created_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
        new.id as _,
        new.account_id as _,
        new.recipient as _,
        new.template as _,
        new.data as _,
        new.now as _,
        new.now as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Claims a pending mail for one try: counts the try and takes the lease. None when the
/// mail is sent, failed, or leased by a try still under way.
pub async fn claim(
    conn: &mut PgConnection,
    id: OutboxId,
    now: Timestamp,
    lease_until: Timestamp,
) -> sqlx::Result<Option<ClaimedMail>> {
    sqlx::query_as!(
        ClaimedMail,
        r#"update outbox set attempts = attempts + 1, lease_until = $1
           where id = $2 and status = 'pending' and (lease_until is null or lease_until <= $3)
           returning id as "id!: OutboxId", recipient as "recipient!", template as "template!",
                     data as "data!", attempts as "attempts!""#,
        lease_until as _,
        id as _,
        now as _
    )
    .fetch_optional(conn)
    .await
}

pub async fn mark_sent(
    conn: &mut PgConnection,
    id: OutboxId,
    now: Timestamp,
    message_id: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update outbox set status = 'sent', sent_at = $1, message_id = $2, lease_until = null,
                last_error = null
         where id = $3",
        now as _,
        message_id as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_retry(
    conn: &mut PgConnection,
    id: OutboxId,
    error: &str,
    next_attempt_at: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update outbox set last_error = $1, next_attempt_at = $2, lease_until = null where id = $3",
        error as _,
        next_attempt_at as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_failed(conn: &mut PgConnection, id: OutboxId, error: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update outbox set status = 'failed', last_error = $1, lease_until = null where id = $2",
        error as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends a mail with nothing left to send (its link is no longer needed).
pub async fn mark_skipped(conn: &mut PgConnection, id: OutboxId, why: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update outbox set status = 'skipped', last_error = $1, lease_until = null where id = $2",
        why as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Pending mails due before `cutoff` whose lease (if any) has run out: their job was lost
/// or its worker died.
pub async fn due_unleased(
    conn: &mut PgConnection,
    cutoff: Timestamp,
    now: Timestamp,
    limit: i64,
) -> sqlx::Result<Vec<OutboxId>> {
    sqlx::query_scalar!(
        r#"select id as "id!: OutboxId" from outbox
           where status = 'pending' and next_attempt_at <= $1
             and (lease_until is null or lease_until <= $2)
           order by next_attempt_at limit $3"#,
        cutoff as _,
        now as _,
        limit as _
    )
    .fetch_all(conn)
    .await
}

/// Ends every lease. Only at start-up: no try of this process can be under way yet, and
/// one process owns the database.
pub async fn release_leases(conn: &mut PgConnection) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update outbox set lease_until = null where status = 'pending' and lease_until is not null"
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// How many mails of `template` went (or are going) to `recipient` since `since`.
pub async fn count_recent(
    conn: &mut PgConnection,
    recipient: &str,
    template: &str,
    since: Timestamp,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!: i64" from outbox
           where recipient = $1 and template = $2 and created_at > $3"#,
        recipient as _,
        template as _,
        since as _
    )
    .fetch_one(conn)
    .await
}

/// Gives a failed mail a fresh set of tries, from now. False when it is not failed.
pub async fn retry(conn: &mut PgConnection, id: OutboxId, now: Timestamp) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update outbox set status = 'pending', attempts = 0, next_attempt_at = $1,
                lease_until = null
         where id = $2 and status = 'failed'",
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
