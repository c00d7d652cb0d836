//! The database in use, whichever engine: its pool, a pooled connection, a write
//! transaction, the read-only connections, migrations and readiness.

use anyhow::Context;
use sqlx::pool::PoolConnection;
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

use super::postgres;
use super::session_cache::SessionCache;
use super::sqlite::{self, SqliteReader, SqliteReaders};
use super::{Backend, Connection, JobBell};
use crate::config::Database;
use crate::ids::AccountId;

/// The connection pool of the database in use. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A connection taken from the [`Pool`], back in it when dropped.
pub enum PoolConn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

/// A write transaction ([`begin_write`]); rolled back when dropped uncommitted.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Opens the database, and rings `bell` (if any) whenever a job is queued: on SQLite
/// by this process, on PostgreSQL by any instance.
pub async fn connect(
    database: &Database,
    max_connections: u32,
    bell: Option<JobBell>,
) -> anyhow::Result<Pool> {
    Ok(match database {
        Database::Sqlite(path) => Pool::Sqlite(sqlite::open(path, max_connections, bell).await?),
        Database::Postgres(url) => {
            Pool::Postgres(postgres::open(url, max_connections, bell).await?)
        }
    })
}

impl Pool {
    pub async fn acquire(&self) -> sqlx::Result<PoolConn> {
        Ok(match self {
            Pool::Sqlite(pool) => PoolConn::Sqlite(pool.acquire().await?),
            Pool::Postgres(pool) => PoolConn::Postgres(pool.acquire().await?),
        })
    }

    pub async fn close(&self) {
        match self {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

/// What a write transaction keeps other writers out of while it runs, named where it
/// starts ([`begin_write`]), so that every write says which of its reads it relies on.
///
/// SQLite has one writer: every write transaction holds the whole database from its
/// start (`BEGIN IMMEDIATE`; a deferred one that reads first and writes later fails
/// with SQLITE_BUSY when another writer got in between, and busy_timeout does not help
/// it), so the scope changes nothing there. On PostgreSQL, where several instances
/// write at once at READ COMMITTED, the scope is what keeps a read-then-write right.
#[derive(Clone, Copy, Debug)]
pub enum Lock {
    /// The transaction reads and writes one account's rows and relies on no one else
    /// changing them meanwhile (a plan's host limit, a code used once, a passkey's
    /// counter, the order of the account's webhook events). On PostgreSQL it takes the
    /// account's row lock first (`FOR NO KEY UPDATE`: rows that only reference the
    /// account are not held up), so the same account's writes take turns across
    /// instances and other accounts' writes go on.
    Account(AccountId),
    /// Each write stands on its own: a conditional update that says whether it won (a
    /// link spent once, a lease claimed), an insert a unique constraint guards, a
    /// counter bumped in one statement. Where such a transaction finds its account on
    /// the way (from a token or an address), it takes [`lock_account`] before relying
    /// on that account's rows.
    Rows,
    /// Reads across accounts and writes what they decide (requeuing lost jobs, ending
    /// trials, operators' changes to webhook endpoints). On PostgreSQL it waits until
    /// no other write runs, and keeps every other write waiting until it ends: rare by
    /// design.
    Global,
}

/// Starts a write transaction that holds what `lock` names from its start.
///
/// On PostgreSQL every write first takes a transaction-scoped advisory lock (key
/// 0x7374_7764, "stwd" in ASCII): [`Lock::Global`] exclusively, the others shared, so
/// they run side by side and a global one runs alone. Reads never take it.
pub async fn begin_write(pool: &Pool, lock: Lock) -> anyhow::Result<Tx> {
    let tx = match pool {
        Pool::Sqlite(pool) => pool.begin_with("BEGIN IMMEDIATE").await.map(Tx::Sqlite),
        // the advisory lock in the same round trip as BEGIN (one simple query): a
        // sign-in's transaction made 8 round trips, and now 7
        Pool::Postgres(pool) => match pool.begin_with(postgres_begin(lock)).await {
            Ok(mut tx) => match lock {
                // after the advisory lock, as a global writer takes them: no deadlock
                Lock::Account(id) => steward_postgres::accounts::lock(&mut tx, id)
                    .await
                    .map(|_| Tx::Postgres(tx)),
                Lock::Rows | Lock::Global => Ok(Tx::Postgres(tx)),
            },
            Err(e) => Err(e),
        },
    };
    tx.map_err(|e| anyhow::anyhow!("starting a write transaction: {e}"))
}

/// The statements that start a write transaction on PostgreSQL and take its advisory
/// lock (1937012580 is 0x7374_7764).
fn postgres_begin(lock: Lock) -> &'static str {
    match lock {
        Lock::Global => "BEGIN; SELECT pg_advisory_xact_lock(1937012580)",
        Lock::Account(_) | Lock::Rows => "BEGIN; SELECT pg_advisory_xact_lock_shared(1937012580)",
    }
}

/// Takes, in a [`Lock::Rows`] transaction, the lock of the account it found on the
/// way, as [`Lock::Account`] would have from the start. The rows read before it may
/// have changed: read again what the transaction relies on.
pub async fn lock_account(tx: &mut Tx, id: AccountId) -> anyhow::Result<()> {
    if let Tx::Postgres(tx) = tx {
        steward_postgres::accounts::lock(tx, id).await?;
    }
    Ok(())
}

impl Tx {
    pub async fn commit(self) -> sqlx::Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }

    pub async fn rollback(self) -> sqlx::Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await,
            Tx::Postgres(tx) => tx.rollback().await,
        }
    }
}

impl Connection for PoolConn {
    fn backend(&mut self) -> Backend<'_> {
        match self {
            PoolConn::Sqlite(conn) => Backend::Sqlite(conn),
            PoolConn::Postgres(conn) => Backend::Postgres(conn),
        }
    }
}

impl Connection for Tx {
    fn backend(&mut self) -> Backend<'_> {
        match self {
            Tx::Sqlite(tx) => Backend::Sqlite(tx),
            Tx::Postgres(tx) => Backend::Postgres(tx),
        }
    }
}

/// Connections for the session lookup every authenticated request starts with: on
/// SQLite read-only connections of their own (see `SqliteReaders`), on PostgreSQL the
/// pool's, and the lookups batched ([`postgres::SessionLookups`]).
#[derive(Clone)]
pub enum Readers {
    Sqlite(SqliteReaders, std::sync::Arc<SessionCache>),
    Postgres(PgPool, postgres::SessionLookups),
}

/// Read-only connections in [`Readers`] on SQLite: at 64 connections four served 15%
/// more requests than the pool, eight no more than four.
const SQLITE_READERS: usize = 4;

impl Readers {
    /// The readers of `pool`'s database.
    pub async fn open(pool: &Pool) -> anyhow::Result<Self> {
        Ok(match pool {
            Pool::Sqlite(pool) => {
                let path = pool.connect_options().get_filename().to_owned();
                let readers = SqliteReaders::open(&path, SQLITE_READERS).await?;
                Readers::Sqlite(readers, std::sync::Arc::new(SessionCache::open(&path)))
            }
            Pool::Postgres(pool) => {
                Readers::Postgres(pool.clone(), postgres::SessionLookups::new(pool))
            }
        })
    }

    /// A connection, once one is free.
    pub async fn get(&self) -> anyhow::Result<Reader> {
        Ok(match self {
            Readers::Sqlite(readers, _) => Reader::Sqlite(readers.get().await?),
            Readers::Postgres(pool, _) => Reader::Postgres(pool.acquire().await?),
        })
    }
}

/// A connection from [`Readers`].
pub enum Reader {
    Sqlite(SqliteReader),
    Postgres(PoolConnection<Postgres>),
}

impl Connection for Reader {
    fn backend(&mut self) -> Backend<'_> {
        match self {
            Reader::Sqlite(reader) => Backend::Sqlite(reader.conn()),
            Reader::Postgres(conn) => Backend::Postgres(conn),
        }
    }
}

/// Applies our migrations and those of the job queue, each under its own table, under
/// the engine's lock (on PostgreSQL an advisory lock: instances started together migrate
/// once). Refuses a database that a newer release migrated.
pub async fn migrate(pool: &Pool) -> anyhow::Result<()> {
    let ours = match pool {
        Pool::Sqlite(pool) => steward_sqlite::MIGRATOR.run(pool).await,
        Pool::Postgres(pool) => steward_postgres::MIGRATOR.run(pool).await,
    };
    ours.map_err(|e| match e {
        sqlx::migrate::MigrateError::VersionMissing(version) => anyhow::anyhow!(
            "the database was upgraded by a newer release of Steward (its migration {version} \
             is unknown to this one): run that release or a later one, or restore a backup \
             taken before the upgrade"
        ),
        e => anyhow::Error::new(e).context("applying the database migrations"),
    })?;
    // The queue's migrations default to _sqlx_migrations too, and the two sets would then
    // each see the other's rows as "previously applied but missing".
    let queue = match pool {
        Pool::Sqlite(pool) => {
            let mut queue = apalis_sqlite::SqliteStorage::migrations();
            queue.dangerous_set_table_name("_apalis_migrations");
            queue.run(pool).await
        }
        Pool::Postgres(pool) => {
            let mut queue = apalis_postgres::PostgresStorage::migrations();
            queue.dangerous_set_table_name("_apalis_migrations");
            queue.run(pool).await
        }
    };
    queue.context("applying the job queue migrations")?;
    Ok(())
}

/// Whether the database answers and every migration we ship has been applied.
pub async fn is_ready(pool: &Pool) -> bool {
    const APPLIED: &str = "select count(*) from _sqlx_migrations where success = true";
    let (expected, applied) = match pool {
        Pool::Sqlite(pool) => (
            &steward_sqlite::MIGRATOR,
            sqlx::query_scalar::<_, i64>(APPLIED).fetch_one(pool).await,
        ),
        Pool::Postgres(pool) => (
            &steward_postgres::MIGRATOR,
            sqlx::query_scalar::<_, i64>(APPLIED).fetch_one(pool).await,
        ),
    };
    let expected = expected
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .count();
    matches!(applied, Ok(n) if n as usize >= expected)
}

/// Writes a consistent copy of the SQLite database to the file `target` (`VACUUM
/// INTO`), while the server may go on writing. PostgreSQL has pg_dump for that.
pub async fn backup_into(pool: &Pool, target: &str) -> anyhow::Result<()> {
    match pool {
        Pool::Sqlite(pool) => {
            sqlx::query("vacuum into ?")
                .bind(target)
                .execute(pool)
                .await?;
            Ok(())
        }
        Pool::Postgres(_) => anyhow::bail!("on PostgreSQL, back up with pg_dump"),
    }
}
