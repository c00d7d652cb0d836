//! Deleting what expired. Run by maintenance; each statement is one short transaction.

use sqlx::SqliteConnection;
use steward_store::Timestamp;

const DAY: i64 = 24 * 3600;

pub async fn email_tokens(conn: &mut SqliteConnection, now: Timestamp) -> sqlx::Result<u64> {
    // tokens whose mail is not sent yet have no expiry: they stay
    let done = sqlx::query!("delete from email_tokens where expires_at <= ?", now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn sessions(
    conn: &mut SqliteConnection,
    now: Timestamp,
    idle_cutoff: Timestamp,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from sessions where expires_at <= ? or last_seen_at <= ?",
        now,
        idle_cutoff
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn mfa_tickets(conn: &mut SqliteConnection, now: Timestamp) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from mfa_tickets where expires_at <= ?", now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn enrollments(conn: &mut SqliteConnection, now: Timestamp) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from totp_enrollments where expires_at <= ?", now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Resets a day past their end (until then, completing one answers 410, not 404).
pub async fn password_resets(conn: &mut SqliteConnection, now: Timestamp) -> sqlx::Result<u64> {
    let cutoff = Timestamp(now.0 - DAY);
    let done = sqlx::query!("delete from password_resets where expires_at <= ?", cutoff)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Failure counts untouched for a day whose lockout is over.
pub async fn throttle(conn: &mut SqliteConnection, now: Timestamp) -> sqlx::Result<u64> {
    let cutoff = Timestamp(now.0 - DAY);
    let done = sqlx::query!(
        "delete from login_throttle where last_failure_at <= ? and (locked_until is null or locked_until <= ?)",
        cutoff,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

// The queue's own tables belong to apalis-sqlite: not in our migrations, so these
// queries are checked at run time, not compile time. They use the wall clock, as apalis
// does.

/// Finished queue rows older than a day, and workers gone for a day holding nothing.
pub async fn finished_jobs(conn: &mut SqliteConnection) -> sqlx::Result<u64> {
    let jobs = sqlx::query(
        "delete from Jobs where status in ('Done', 'Failed', 'Killed')
           and done_at is not null and done_at <= strftime('%s', 'now') - 86400",
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    sqlx::query(
        "delete from Workers where last_seen <= strftime('%s', 'now') - 86400
           and id not in (select lock_by from Jobs where lock_by is not null)",
    )
    .execute(conn)
    .await?;
    Ok(jobs)
}

/// Jobs of a queue that are waiting or running. Every worker on SQLite is this
/// process's, so each one holding a job is alive: `_alive_seconds` is for PostgreSQL.
pub async fn busy_jobs(
    conn: &mut SqliteConnection,
    queue: &str,
    _alive_seconds: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from Jobs where job_type = ? and status in ('Pending', 'Queued', 'Running')",
    )
    .bind(queue)
    .fetch_one(conn)
    .await
}
