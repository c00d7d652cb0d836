//! Raw SQL from tests on the database the app runs on, SQLite or PostgreSQL: for
//! setting up states the API cannot reach and for checking what is stored.
//!
//! Queries are written once with `?` placeholders (numbered `$1`, `$2`… on
//! PostgreSQL here). An argument that is a UUID binds as a uuid on PostgreSQL, where ids
//! are uuids, and as text on SQLite; select ids `cast(id as text)` to read them as
//! strings on both.

use sqlx::{Decode, Postgres, Sqlite, Type};
use steward::db::Pool;

/// One bound value.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Int(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

/// `?` → `$1`, `$2`… outside quotes.
fn numbered(sql: &str) -> String {
    let (mut out, mut n, mut quote) = (String::new(), 0, None);
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quote) {
            ('\'' | '"', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            ('?', None) => {
                // ?1, ?2… keep their number; a bare ? takes the next one
                if chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                    out.push('$');
                } else {
                    n += 1;
                    out.push_str(&format!("${n}"));
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

macro_rules! bind_all {
    ($query:expr, $args:expr, $db:ident) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                Arg::Int(n) => query.bind(*n),
                Arg::Text(s) => bind_text!(query, s, $db),
            };
        }
        query
    }};
}

macro_rules! bind_text {
    ($query:expr, $s:expr, sqlite) => {
        $query.bind($s.clone())
    };
    ($query:expr, $s:expr, postgres) => {
        match uuid::Uuid::parse_str($s) {
            Ok(id) => $query.bind(id),
            Err(_) => $query.bind($s.clone()),
        }
    };
}

/// Raw SQL on the app's database.
pub struct Sql<'a>(pub &'a Pool);

impl Sql<'_> {
    /// Runs a statement; the rows it changed.
    pub async fn exec(&self, sql: &str, args: &[Arg]) -> u64 {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match self.0 {
            Pool::Sqlite(pool) => bind_all!(sqlx::query(sql), args, sqlite)
                .execute(pool)
                .await
                .unwrap()
                .rows_affected(),
            Pool::Postgres(pool) => {
                let sql = sqlx::AssertSqlSafe(numbered(&sql.0));
                bind_all!(sqlx::query(sql), args, postgres)
                    .execute(pool)
                    .await
                    .unwrap()
                    .rows_affected()
            }
        }
    }

    /// The one value of the one row a query returns.
    pub async fn one<T>(&self, sql: &str, args: &[Arg]) -> T
    where
        T: for<'r> Decode<'r, Sqlite> + Type<Sqlite>,
        T: for<'r> Decode<'r, Postgres> + Type<Postgres>,
        T: Send + Unpin,
    {
        self.all(sql, args)
            .await
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no row from {sql}"))
    }

    /// The first column of every row a query returns.
    pub async fn all<T>(&self, sql: &str, args: &[Arg]) -> Vec<T>
    where
        T: for<'r> Decode<'r, Sqlite> + Type<Sqlite>,
        T: for<'r> Decode<'r, Postgres> + Type<Postgres>,
        T: Send + Unpin,
    {
        let text = sqlx::AssertSqlSafe(sql.to_owned());
        match self.0 {
            Pool::Sqlite(pool) => bind_all!(sqlx::query_scalar(text), args, sqlite)
                .fetch_all(pool)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
            Pool::Postgres(pool) => {
                let text = sqlx::AssertSqlSafe(numbered(sql));
                bind_all!(sqlx::query_scalar(text), args, postgres)
                    .fetch_all(pool)
                    .await
                    .unwrap_or_else(|e| panic!("{sql}: {e}"))
            }
        }
    }
}

#[test]
fn placeholders_are_numbered_outside_quotes() {
    assert_eq!(
        numbered("select '?' from t where a = ? and b = ?"),
        "select '?' from t where a = $1 and b = $2"
    );
    assert_eq!(
        numbered("a = ?1 or b = ?2 or c = ?1"),
        "a = $1 or b = $2 or c = $1"
    );
}

impl crate::support::TestApp {
    /// Every byte the database keeps, as whoever copies its storage reads them: on
    /// SQLite the file, its WAL checkpointed first; on PostgreSQL the files of the
    /// app's database and the server's WAL, after a checkpoint (the test server is a
    /// local cluster, `scripts/pg-cluster`), so rows deleted or updated since count too.
    pub async fn stored_bytes(&self) -> Vec<u8> {
        match &self.state.db {
            Pool::Sqlite(_) => {
                self.sql()
                    .exec("pragma wal_checkpoint(truncate)", &[])
                    .await;
                std::fs::read(self.state.config.database_path()).unwrap()
            }
            Pool::Postgres(_) => {
                self.sql().exec("checkpoint", &[]).await;
                let data: String = self
                    .sql()
                    .one(
                        "select setting from pg_settings where name = 'data_directory'",
                        &[],
                    )
                    .await;
                let oid: String = self
                    .sql()
                    .one("select cast(oid as text) from pg_database where datname = current_database()", &[])
                    .await;
                let data = std::path::Path::new(&data);
                let mut bytes = Vec::new();
                for dir in [data.join("base").join(oid), data.join("pg_wal")] {
                    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
                        panic!("{} (the test server must be local): {e}", dir.display())
                    });
                    for entry in entries {
                        let path = entry.unwrap().path();
                        if path.is_file() {
                            bytes.extend(std::fs::read(path).unwrap());
                        }
                    }
                }
                bytes
            }
        }
    }
}
