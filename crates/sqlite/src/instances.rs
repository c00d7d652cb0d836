//! What several instances on one database share: periodic ticks and per-IP attempts.

use sqlx::SqliteConnection;
use steward_store::Timestamp;

/// Claims the tick of `name` scheduled at `tick`: true for the one instance that gets it
/// (the first), false for every other and for a tick older than the last claimed.
pub async fn claim_tick(
    conn: &mut SqliteConnection,
    name: &str,
    tick: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "insert into periodic_runs (name, last_tick, runs) values (?1, ?2, 1)
         on conflict (name) do update set last_tick = excluded.last_tick,
                                          runs = periodic_runs.runs + 1
         where periodic_runs.last_tick < excluded.last_tick",
        name,
        tick
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Counts one attempt of `ip` in the window that starts at `window_start`; the attempts
/// in that window so far, this one included.
pub async fn hit_ip(
    conn: &mut SqliteConnection,
    ip: &str,
    window_start: Timestamp,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"insert into ip_attempts (ip, window_start, attempts) values (?1, ?2, 1)
           on conflict (ip, window_start) do update set attempts = ip_attempts.attempts + 1
           returning attempts as "attempts!: i64""#,
        ip,
        window_start
    )
    .fetch_one(conn)
    .await
}

/// Forgets the windows that started before `cutoff`.
pub async fn purge_ip_attempts(
    conn: &mut SqliteConnection,
    cutoff: Timestamp,
) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from ip_attempts where window_start < ?1", cutoff)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
