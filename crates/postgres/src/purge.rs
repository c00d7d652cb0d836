//! Deleting what expired. Run by maintenance; each statement is one short transaction.

use sqlx::PgConnection;
use steward_store::Timestamp;

const DAY: i64 = 24 * 3600;

pub async fn email_tokens(conn: &mut PgConnection, now: Timestamp) -> sqlx::Result<u64> {
    // tokens whose mail is not sent yet have no expiry: they stay
    let done = sqlx::query!("delete from email_tokens where expires_at <= $1", now as _)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn sessions(
    conn: &mut PgConnection,
    now: Timestamp,
    idle_cutoff: Timestamp,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from sessions where expires_at <= $1 or last_seen_at <= $2",
        now as _,
        idle_cutoff as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn mfa_tickets(conn: &mut PgConnection, now: Timestamp) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from mfa_tickets where expires_at <= $1", now as _)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn enrollments(conn: &mut PgConnection, now: Timestamp) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from totp_enrollments where expires_at <= $1",
        now as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Resets a day past their end (until then, completing one answers 410, not 404).
pub async fn password_resets(conn: &mut PgConnection, now: Timestamp) -> sqlx::Result<u64> {
    let cutoff = Timestamp(now.0 - DAY);
    let done = sqlx::query!(
        "delete from password_resets where expires_at <= $1",
        cutoff as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Failure counts untouched for a day whose lockout is over.
pub async fn throttle(conn: &mut PgConnection, now: Timestamp) -> sqlx::Result<u64> {
    let cutoff = Timestamp(now.0 - DAY);
    let done = sqlx::query!(
        "delete from login_throttle where last_failure_at <= $1 and (locked_until is null or locked_until <= $2)",
        cutoff as _,
        now as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

// The queue's own tables belong to apalis-postgres (schema `apalis`): not in our
// migrations, so these queries are checked at run time, not compile time. They use the
// server's clock, as apalis does.

/// Finished queue rows older than a day, and workers gone for a day holding nothing.
pub async fn finished_jobs(conn: &mut PgConnection) -> sqlx::Result<u64> {
    let jobs = sqlx::query(
        "delete from apalis.jobs where status in ('Done', 'Failed', 'Killed')
           and done_at is not null and done_at <= now() - interval '1 day'",
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    sqlx::query(
        "delete from apalis.workers where last_seen <= now() - interval '1 day'
           and id not in (select lock_by from apalis.jobs where lock_by is not null)",
    )
    .execute(conn)
    .await?;
    Ok(jobs)
}

/// Jobs of a queue that are waiting, or taken by a worker that is alive: one whose
/// last heartbeat is less than `alive_seconds` old. A job held by a killed instance's
/// worker is not busy: its work may be resumed.
pub async fn busy_jobs(
    conn: &mut PgConnection,
    queue: &str,
    alive_seconds: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from apalis.jobs j
         where j.job_type = $1
           and (j.status = 'Pending'
                or (j.status in ('Queued', 'Running')
                    and exists (select 1 from apalis.workers w
                                where w.id = j.lock_by
                                  and w.last_seen > now() - make_interval(secs => $2))))",
    )
    .bind(queue)
    .bind(alive_seconds as f64)
    .fetch_one(conn)
    .await
}
