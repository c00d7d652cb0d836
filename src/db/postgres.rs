//! Opening PostgreSQL: the pool, and the listener that rings the job bell when any
//! instance queues a job.

use std::time::Duration;

use anyhow::Context;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};

use super::JobBell;
use crate::config::redact_url;

/// The channel apalis-postgres' trigger notifies when a job that is due is inserted.
const JOBS_CHANNEL: &str = "apalis::job::insert";

pub(super) async fn open(
    url: &str,
    max_connections: u32,
    bell: Option<JobBell>,
) -> anyhow::Result<PgPool> {
    let options: PgConnectOptions = url
        .parse()
        .with_context(|| format!("database.url {} is not a PostgreSQL URL", redact_url(url)))?;
    let pool = PgPoolOptions::new()
        .max_connections(if max_connections == 0 {
            16
        } else {
            max_connections
        })
        .acquire_timeout(Duration::from_secs(10))
        // no ping before each use: it was a second round trip on every request's
        // one-query session lookup. A connection the server dropped fails its next
        // query and is discarded; an idle one is closed after a minute.
        .test_before_acquire(false)
        .idle_timeout(Duration::from_secs(60))
        .connect_with(options.application_name("steward"))
        .await
        .with_context(|| format!("cannot connect to the database {}", redact_url(url)))?;
    if let Some(bell) = bell {
        tokio::spawn(listen_for_jobs(pool.clone(), bell));
    }
    Ok(pool)
}

/// Rings `bell` at every notification of a queued job, from this instance or another,
/// until the pool closes. A lost connection is opened again after a second; meanwhile
/// the workers' polling finds the jobs.
async fn listen_for_jobs(pool: PgPool, bell: JobBell) {
    let closed = pool.close_event();
    tokio::pin!(closed);
    while !pool.is_closed() {
        let listened = async {
            let mut listener = PgListener::connect_with(&pool).await?;
            listener.listen(JOBS_CHANNEL).await?;
            // a job queued while nobody listened is found by this ring's fetch
            bell.ring();
            loop {
                listener.recv().await?;
                bell.ring();
            }
        };
        let result: sqlx::Result<()> = tokio::select! {
            result = listened => result,
            () = &mut closed => return,
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "listening for queued jobs failed; polling until it is back");
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
