//! Opening PostgreSQL: the pool, the listener that rings the job bell when any
//! instance queues a job, and the batched session lookups.

use std::time::Duration;

use anyhow::Context;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};

use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

use super::JobBell;
use crate::clock::Timestamp;
use crate::config::redact_url;
use crate::db::accounts::{Account, AccountFacts};
use crate::db::sessions::Session;

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
    let pool = pool_options(if max_connections == 0 {
        16
    } else {
        max_connections
    })
    .connect_with(options.application_name("steward"))
    .await
    .with_context(|| format!("cannot connect to the database {}", redact_url(url)))?;
    if let Some(bell) = bell {
        tokio::spawn(listen_for_jobs(pool.clone(), bell));
    }
    Ok(pool)
}

/// A pool of at most `max_connections`, as every pool to PostgreSQL is kept.
fn pool_options(max_connections: u32) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        // no ping before each use: it was a second round trip on every request's
        // one-query session lookup. A connection the server dropped fails its next
        // query and is discarded; an idle one is closed after a minute.
        .test_before_acquire(false)
        .idle_timeout(Duration::from_secs(60))
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

/// A session found with its account, as `sessions::find_with_account` answers.
type Found = (Session, Account, AccountFacts);

/// The session lookups of authenticated requests on PostgreSQL, several in one query.
///
/// Every authenticated request starts with one. Asked one at a time, PostgreSQL spends
/// most of each on the round trip and the statement, not on the four index lookups, and
/// 64 connections busy at once on a small machine switch more than they work. Here a
/// lookup waits in a queue; when fewer than [`QUERIES_AT_ONCE`] queries run, its request
/// starts one, which takes every lookup waiting (up to [`LOOKUPS_PER_QUERY`]) and goes
/// on until none waits. A request alone queries at once, as before; many share queries.
/// Each lookup is asked after its request arrived, so a session ended before is never
/// found.
#[derive(Clone)]
pub struct SessionLookups {
    pool: PgPool,
    waiting: Arc<Mutex<Vec<Lookup>>>,
    queries: Arc<Semaphore>,
}

struct Lookup {
    token_hash: Vec<u8>,
    now: Timestamp,
    answer: oneshot::Sender<Result<Option<Found>, String>>,
}

const QUERIES_AT_ONCE: usize = 4;
const LOOKUPS_PER_QUERY: usize = 64;

impl SessionLookups {
    /// Lookups on connections of their own, [`QUERIES_AT_ONCE`], to `pool`'s database.
    ///
    /// Their statements always use PostgreSQL's generic plan: left to choose, it plans
    /// the lookup query anew for every batch of fewer than about ten (it compares the
    /// generic plan's estimate of ten rows with the batch's size), and planning costs
    /// ten times what running it does. Two instances behind nginx, each seeing half the
    /// requests in smaller batches, answered 4,000 reads a second instead of 19,000.
    pub(super) fn new(pool: &PgPool) -> Self {
        let options = pool
            .connect_options()
            .as_ref()
            .clone()
            .options([("plan_cache_mode", "force_generic_plan")]);
        let lookups = pool_options(QUERIES_AT_ONCE as u32).connect_lazy_with(options);
        Self {
            pool: lookups,
            waiting: Arc::default(),
            queries: Arc::new(Semaphore::new(QUERIES_AT_ONCE)),
        }
    }

    fn waiting(&self) -> MutexGuard<'_, Vec<Lookup>> {
        // held for a push or a drain only: nothing can panic while it is held
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The live or ended session of `token_hash`, as of `now`, with its account.
    pub async fn find(&self, token_hash: &[u8], now: Timestamp) -> anyhow::Result<Option<Found>> {
        let (answer, answered) = oneshot::channel();
        self.waiting().push(Lookup {
            token_hash: token_hash.to_vec(),
            now,
            answer,
        });
        if let Ok(permit) = self.queries.clone().try_acquire_owned() {
            // a task of its own: the request may go away, the others waiting may not
            tokio::spawn(self.clone().answer_waiting(permit));
        }
        answered
            .await
            .map_err(|_| anyhow::anyhow!("a session lookup was dropped unanswered"))?
            .map_err(|e| anyhow::anyhow!("looking up a session: {e}"))
    }

    /// Answers the lookups waiting until none is left. A lookup queued while the last
    /// query ran, by a request that found no query free, is seen after the permit is
    /// given back.
    async fn answer_waiting(self, mut permit: OwnedSemaphorePermit) {
        loop {
            loop {
                let batch: Vec<Lookup> = {
                    let mut waiting = self.waiting();
                    let n = waiting.len().min(LOOKUPS_PER_QUERY);
                    waiting.drain(..n).collect()
                };
                if batch.is_empty() {
                    break;
                }
                self.answer(batch).await;
            }
            drop(permit);
            if self.waiting().is_empty() {
                return;
            }
            match self.queries.clone().try_acquire_owned() {
                Ok(again) => permit = again,
                // another query runs and will see them
                Err(_) => return,
            }
        }
    }

    async fn answer(&self, batch: Vec<Lookup>) {
        let mut hashes = Vec::with_capacity(batch.len());
        let mut nows = Vec::with_capacity(batch.len());
        let mut waiting = Vec::with_capacity(batch.len());
        for lookup in batch {
            hashes.push(lookup.token_hash);
            nows.push(lookup.now);
            waiting.push(lookup.answer);
        }
        let found = match self.pool.acquire().await {
            Ok(mut conn) => {
                steward_postgres::sessions::find_many_with_account(&mut conn, &hashes, &nows).await
            }
            Err(e) => Err(e),
        };
        match found {
            Ok(found) => {
                let mut answers: Vec<Option<Found>> = waiting.iter().map(|_| None).collect();
                for (i, session) in found {
                    if let Some(slot) = answers.get_mut(i) {
                        *slot = Some(session);
                    }
                }
                for (answer, session) in waiting.into_iter().zip(answers) {
                    // a request that went away meanwhile hears nothing
                    let _ = answer.send(Ok(session));
                }
            }
            Err(e) => {
                let e = e.to_string();
                for answer in waiting {
                    let _ = answer.send(Err(e.clone()));
                }
            }
        }
    }
}
