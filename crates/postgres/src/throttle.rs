//! The login_throttle table: failed attempts per (lowercased) address.

use sqlx::PgConnection;
use steward_store::Timestamp;

/// When attempts for `email` may resume, if they are locked now.
pub async fn locked_until(
    conn: &mut PgConnection,
    email: &str,
    now: Timestamp,
) -> sqlx::Result<Option<Timestamp>> {
    let until = sqlx::query_scalar!(
        r#"select locked_until as "locked_until: Timestamp" from login_throttle
           where email = $1 and locked_until > $2"#,
        email as _,
        now as _
    )
    .fetch_optional(conn)
    .await?;
    Ok(until.flatten())
}

/// Counts a failure and returns the failures so far.
pub async fn record_failure(
    conn: &mut PgConnection,
    email: &str,
    now: Timestamp,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"insert into login_throttle (email, failures, last_failure_at) values ($1, 1, $2)
           on conflict (email) do update set failures = login_throttle.failures + 1, last_failure_at = $2
           returning failures as "failures!: i64""#,
        email as _,
        now as _
    )
    .fetch_one(conn)
    .await
}

pub async fn lock(conn: &mut PgConnection, email: &str, until: Timestamp) -> sqlx::Result<()> {
    sqlx::query!(
        "update login_throttle set locked_until = $1 where email = $2",
        until as _,
        email as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets the failures of an address (after a success, or an admin's unlock).
pub async fn clear(conn: &mut PgConnection, email: &str) -> sqlx::Result<()> {
    sqlx::query!("delete from login_throttle where email = $1", email as _)
        .execute(conn)
        .await?;
    Ok(())
}
