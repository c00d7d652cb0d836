//! The one seam between Steward and a database engine: a connection says which engine
//! it is, and each query function of `db` passes it on to that engine's SQL crate.

use sqlx::pool::PoolConnection;
use sqlx::{PgConnection, Postgres, Sqlite, SqliteConnection, Transaction};

/// A connection to the database in use, pooled or inside a transaction. Query
/// functions take `&mut Conn`, so callers hand over either.
pub trait Connection: Send {
    fn backend(&mut self) -> Backend<'_>;
}

/// What every query function of `db` takes.
pub type Conn = dyn Connection;

/// The engine behind a connection, and the connection as that engine's driver sees it.
pub enum Backend<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl Connection for SqliteConnection {
    fn backend(&mut self) -> Backend<'_> {
        Backend::Sqlite(self)
    }
}

impl Connection for PoolConnection<Sqlite> {
    fn backend(&mut self) -> Backend<'_> {
        Backend::Sqlite(self)
    }
}

impl Connection for Transaction<'_, Sqlite> {
    fn backend(&mut self) -> Backend<'_> {
        Backend::Sqlite(self)
    }
}

impl Connection for PgConnection {
    fn backend(&mut self) -> Backend<'_> {
        Backend::Postgres(self)
    }
}

impl Connection for PoolConnection<Postgres> {
    fn backend(&mut self) -> Backend<'_> {
        Backend::Postgres(self)
    }
}

impl Connection for Transaction<'_, Postgres> {
    fn backend(&mut self) -> Backend<'_> {
        Backend::Postgres(self)
    }
}

/// Declares query functions that take `&mut Conn` and run the function of the same
/// name and arguments in the backend's crate (`steward_sqlite::<module>` or
/// `steward_postgres::<module>`):
///
/// ```text
/// dispatch! { accounts;
///     pub async fn find(id: AccountId) -> sqlx::Result<Option<Account>>;
/// }
/// ```
macro_rules! dispatch {
    ($module:ident; $(
        pub async fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;
    )*) => {$(
        pub async fn $name(conn: &mut $crate::db::Conn, $($arg: $ty),*) -> $ret {
            match conn.backend() {
                $crate::db::Backend::Sqlite(c) => {
                    steward_sqlite::$module::$name(c, $($arg),*).await
                }
                $crate::db::Backend::Postgres(c) => {
                    steward_postgres::$module::$name(c, $($arg),*).await
                }
            }
        }
    )*};
}

pub(crate) use dispatch;
