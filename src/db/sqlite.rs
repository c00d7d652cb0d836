//! Opening SQLite: the file's settings, the job bell on its update hook, and the
//! read-only connections for the session lookup.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqliteOperation, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{Connection as _, SqliteConnection};

use super::JobBell;

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

/// Opens (creating if needed) the database file. With a bell, it rings whenever one of
/// the connections inserts a job, so an idle worker fetches it at once instead of at its
/// next poll.
///
/// The bell rings before the inserting transaction commits. That is early enough and
/// never too early: every write here holds the write lock from its start
/// (`begin_write`), and the worker's fetch is a write, so it waits for the commit
/// and then sees the job.
pub(super) async fn open(
    path: &Path,
    max_connections: u32,
    bell: Option<JobBell>,
) -> anyhow::Result<SqlitePool> {
    let options = options(path)?;
    SqlitePoolOptions::new()
        .max_connections(if max_connections == 0 {
            8
        } else {
            max_connections
        })
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
pub struct SqliteReaders {
    back: flume::Sender<SqliteConnection>,
    idle: flume::Receiver<SqliteConnection>,
}

impl SqliteReaders {
    /// Opens `count` read-only connections to the (migrated) database.
    pub(super) async fn open(path: &Path, count: usize) -> anyhow::Result<Self> {
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
    pub(super) async fn get(&self) -> anyhow::Result<SqliteReader> {
        // never disconnected: `self` holds a sender
        let conn = self.idle.recv_async().await?;
        Ok(SqliteReader {
            conn: Some(conn),
            back: self.back.clone(),
        })
    }
}

/// A read-only connection, back in its queue when dropped.
pub struct SqliteReader {
    conn: Option<SqliteConnection>,
    back: flume::Sender<SqliteConnection>,
}

impl SqliteReader {
    pub(super) fn conn(&mut self) -> &mut SqliteConnection {
        self.conn
            .as_mut()
            .expect("a reader holds its connection until dropped")
    }
}

impl Drop for SqliteReader {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let _ = self.back.send(conn);
        }
    }
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
        let pool = open(&path, 0, None).await.unwrap();
        sqlx::query("create table t (x)")
            .execute(&pool)
            .await
            .unwrap();
        let readers = SqliteReaders::open(&path, 1).await.unwrap();
        let mut reader = readers.get().await.unwrap();
        assert_eq!(count(reader.conn()).await, 0);
        let refused = sqlx::query("insert into t values (1)")
            .execute(reader.conn())
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
        assert_eq!(count(reader.conn()).await, 1);
    }
}
