//! Storage: the connection pool, migrations, and the query functions per table family.
//!
//! The SQL itself lives in a crate per backend (`steward-sqlite`), the types it reads
//! and writes in `steward-store`; the modules here declare each query function once and
//! pass the call to the backend of the connection (`backend`). They take `&mut Conn`,
//! so a pooled connection and a transaction both work. Writes go through
//! [`begin_immediate`].

mod backend;

pub(crate) use backend::dispatch;
pub use backend::{Backend, Conn, Connection};

pub mod accounts;
pub mod admin;
pub mod api_tokens;
pub mod audit;
pub mod email_tokens;
pub mod hosting;
pub mod mfa;
pub mod outbox;
pub mod passkeys;
pub mod password_links;
pub mod password_resets;
pub mod purge;
pub mod sessions;
pub mod throttle;
pub mod totp;
pub mod webhooks;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqliteOperation, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{Connection as _, Sqlite, SqliteConnection, Transaction};

pub type Tx = Transaction<'static, Sqlite>;

use steward_sqlite::MIGRATOR;

/// Opens (creating if needed) the database file with the settings every connection needs.
pub async fn connect(path: &Path) -> anyhow::Result<SqlitePool> {
    open(path, None).await
}

/// Opens the database as [`connect`] does, and rings `bell` whenever one of its
/// connections inserts a job, so an idle worker fetches it at once instead of at its
/// next poll.
///
/// The bell rings before the inserting transaction commits. That is early enough and
/// never too early: every write here holds the write lock from its start
/// ([`begin_immediate`]), and the worker's fetch is a write, so it waits for the commit
/// and then sees the job.
pub async fn connect_with_job_bell(path: &Path, bell: JobBell) -> anyhow::Result<SqlitePool> {
    open(path, Some(bell)).await
}

/// Rung by the database when a job is queued; each worker listens on its own receiver.
#[derive(Debug, Clone)]
pub struct JobBell(std::sync::Arc<tokio::sync::watch::Sender<()>>);

impl JobBell {
    pub fn new() -> Self {
        Self(std::sync::Arc::new(tokio::sync::watch::Sender::new(())))
    }

    pub fn ring(&self) {
        self.0.send_replace(());
    }

    /// A receiver that sees the rings from now on (several rings before it looks count
    /// as one).
    pub fn listen(&self) -> tokio::sync::watch::Receiver<()> {
        self.0.subscribe()
    }
}

impl Default for JobBell {
    fn default() -> Self {
        Self::new()
    }
}

/// apalis-sqlite's table of jobs (its name is not exported).
const JOBS_TABLE: &str = "Jobs";

/// The settings every connection to the database file gets.
fn options(path: &Path) -> anyhow::Result<SqliteConnectOptions> {
    Ok(SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // NORMAL in WAL mode: a power cut can lose the last commits but never corrupts
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // writers queue for the lock instead of failing at once
        .busy_timeout(Duration::from_secs(5))
        .pragma("temp_store", "memory"))
}

async fn open(path: &Path, bell: Option<JobBell>) -> anyhow::Result<SqlitePool> {
    let options = options(path)?;
    SqlitePoolOptions::new()
        .max_connections(8)
        .min_connections(1)
        // a file can't drop the connection as a network server can; the default ping
        // before each acquire was a round trip to SQLite's thread on every request
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _| {
            let bell = bell.clone();
            Box::pin(async move {
                if let Some(bell) = bell {
                    conn.lock_handle().await?.set_update_hook(move |change| {
                        if change.operation == SqliteOperation::Insert && change.table == JOBS_TABLE
                        {
                            bell.ring();
                        }
                    });
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {}", path.display()))
}

/// Read-only connections, outside sqlx's pool, for the lookup every authenticated
/// request starts with.
///
/// A pool connection, when released, pings SQLite's thread before it can be reused: a
/// second round trip for a one-query read, and each round trip is two thread handoffs.
/// These connections go back to the queue as they are; `query_only` keeps them to reads,
/// which leave no transaction open even when their request is cancelled mid-query.
#[derive(Clone)]
pub struct Readers {
    back: flume::Sender<SqliteConnection>,
    idle: flume::Receiver<SqliteConnection>,
}

impl Readers {
    /// Opens `count` read-only connections to the (migrated) database.
    pub async fn open(path: &Path, count: usize) -> anyhow::Result<Self> {
        let (back, idle) = flume::unbounded();
        let options = options(path)?.pragma("query_only", "true");
        for _ in 0..count.max(1) {
            let conn = SqliteConnection::connect_with(&options)
                .await
                .with_context(|| format!("cannot open the database {}", path.display()))?;
            back.send(conn)?;
        }
        Ok(Self { back, idle })
    }

    /// A connection, once one is free.
    pub async fn get(&self) -> anyhow::Result<Reader> {
        // never disconnected: `self` holds a sender
        let conn = self.idle.recv_async().await?;
        Ok(Reader {
            conn: Some(conn),
            back: self.back.clone(),
        })
    }
}

/// A read-only connection, back in its queue when dropped.
pub struct Reader {
    conn: Option<SqliteConnection>,
    back: flume::Sender<SqliteConnection>,
}

impl std::ops::Deref for Reader {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        self.conn
            .as_ref()
            .expect("a reader holds its connection until dropped")
    }
}

impl std::ops::DerefMut for Reader {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.conn
            .as_mut()
            .expect("a reader holds its connection until dropped")
    }
}

impl Connection for Reader {
    fn backend(&mut self) -> Backend<'_> {
        Backend::Sqlite(self)
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let _ = self.back.send(conn);
        }
    }
}

/// Applies our migrations and those of the job queue, each under its own table.
pub async fn migrate(pool: &SqlitePool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .context("applying the database migrations")?;
    // apalis-sqlite's migrations default to _sqlx_migrations too, and the two sets would
    // then each see the other's rows as "previously applied but missing".
    let mut queue = apalis_sqlite::SqliteStorage::migrations();
    queue.dangerous_set_table_name("_apalis_migrations");
    queue
        .run(pool)
        .await
        .context("applying the job queue migrations")?;
    Ok(())
}

/// Whether the database answers and every migration we ship has been applied.
pub async fn is_ready(pool: &SqlitePool) -> bool {
    let expected = MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .count();
    let applied: Result<i64, _> =
        sqlx::query_scalar("select count(*) from _sqlx_migrations where success = 1")
            .fetch_one(pool)
            .await;
    matches!(applied, Ok(n) if n as usize >= expected)
}

/// Starts a write transaction that takes the write lock at once.
///
/// A deferred transaction that reads first and writes later fails with SQLITE_BUSY when
/// another writer got in between, and busy_timeout does not help it; an immediate one
/// waits for the lock up front instead.
pub async fn begin_immediate(pool: &SqlitePool) -> anyhow::Result<Tx> {
    pool.begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(|e| anyhow::anyhow!("starting a write transaction: {e}"))
}

/// Whether an error is a unique-constraint violation (SQLite names no constraint).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn count(conn: &mut SqliteConnection) -> i64 {
        sqlx::query_scalar("select count(*) from t")
            .fetch_one(conn)
            .await
            .unwrap()
    }

    /// A session revoked a moment ago must not authenticate: a reader, reused, sees
    /// every commit made before its query, and it can never write.
    #[tokio::test]
    async fn readers_see_each_new_commit_and_refuse_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("steward.db");
        let pool = connect(&path).await.unwrap();
        sqlx::query("create table t (x)")
            .execute(&pool)
            .await
            .unwrap();
        let readers = Readers::open(&path, 1).await.unwrap();
        let mut reader = readers.get().await.unwrap();
        assert_eq!(count(&mut reader).await, 0);
        let refused = sqlx::query("insert into t values (1)")
            .execute(&mut *reader)
            .await
            .unwrap_err();
        assert!(refused.to_string().contains("readonly"), "{refused}");
        drop(reader);
        sqlx::query("insert into t values (2)")
            .execute(&pool)
            .await
            .unwrap();
        // the same connection, back from the queue
        let mut reader = readers.get().await.unwrap();
        assert_eq!(count(&mut reader).await, 1);
    }
}
