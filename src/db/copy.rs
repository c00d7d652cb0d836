//! `steward db copy`: a SQLite installation's rows into an empty PostgreSQL database.
//!
//! The tables are the same on both engines, in each one's own types: a column is read
//! from SQLite as the PostgreSQL column's type asks (ids as text into uuid, 0/1 into
//! boolean, blobs into bytea) and written with a cast. The job queue is not copied:
//! mail, webhooks and deletions still to do are in our own tables, and the first start
//! on PostgreSQL queues their jobs again.

use anyhow::{Context, bail};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Connection as _, PgPool, Postgres, QueryBuilder, Row, SqlitePool};

/// Every table of ours, parents before children (foreign keys hold at each insert).
pub const TABLES: &[&str] = &[
    "accounts",
    "sessions",
    "outbox",
    "email_tokens",
    "audit_events",
    "login_throttle",
    "totp_devices",
    "totp_enrollments",
    "recovery_codes",
    "mfa_tickets",
    "password_resets",
    "subscriptions",
    "hosts",
    "integrations",
    "api_tokens",
    "password_links",
    "passkeys",
    "passkey_challenges",
    "webhook_endpoints",
    "webhook_deliveries",
    "server_key_seal",
    "periodic_runs",
];

/// Rows written per statement.
const BATCH: usize = 200;

/// Rows read from SQLite at a time.
const READ: usize = 10_000;

/// How a column is read from SQLite and written to PostgreSQL.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Integer,
    Flag,
    Bytes,
}

/// Copies every table into `target` (migrated, and empty), in one transaction: a copy
/// that fails leaves the target as empty as it was. Returns the rows per table, each
/// checked by counting both sides.
pub async fn sqlite_to_postgres(
    source: &super::Pool,
    target: &super::Pool,
) -> anyhow::Result<Vec<(&'static str, i64)>> {
    let (super::Pool::Sqlite(source), super::Pool::Postgres(target)) = (source, target) else {
        bail!("a copy goes from SQLite to PostgreSQL");
    };
    copy(source, target).await
}

async fn copy(source: &SqlitePool, target: &PgPool) -> anyhow::Result<Vec<(&'static str, i64)>> {
    for table in TABLES {
        let rows: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select count(*) from {table}")))
                .fetch_one(target)
                .await?;
        if rows > 0 {
            bail!(
                "the target database is not empty ({table} has {rows} rows): copy only into \
                 a new, empty database"
            );
        }
    }
    // one read transaction: a consistent snapshot of the file, even if written meanwhile
    let mut read = source.acquire().await?;
    let mut read = read.begin().await?;
    let mut write = target.begin().await?;
    let mut copied = Vec::new();
    for table in TABLES {
        let columns = columns(target, table).await?;
        let names: Vec<&str> = columns.iter().map(|(name, _, _)| name.as_str()).collect();
        // a slice at a time, in rowid order: memory holds one slice of a table however
        // large it is (a million accounts' audit events, read whole, were gigabytes)
        let (mut after, mut count) = (0i64, 0i64);
        loop {
            let rows: Vec<SqliteRow> = sqlx::query(sqlx::AssertSqlSafe(format!(
                "select {}, rowid from {table} where rowid > ? order by rowid limit {READ}",
                names.join(", ")
            )))
            .bind(after)
            .fetch_all(&mut *read)
            .await
            .with_context(|| format!("reading {table}"))?;
            let Some(last) = rows.last() else { break };
            after = last.try_get(columns.len())?;
            count += rows.len() as i64;
            let values = rows
                .iter()
                .map(|row| read_row(row, &columns))
                .collect::<anyhow::Result<Vec<_>>>()
                .with_context(|| format!("reading {table}"))?;
            for chunk in values.chunks(BATCH) {
                insert_rows(&mut write, table, &names, &columns, chunk)
                    .await
                    .with_context(|| format!("writing {table}"))?;
            }
        }
        copied.push((*table, count));
    }
    // the sequence that numbers deliveries goes on after the copied ones
    sqlx::query(
        "select setval('webhook_delivery_seq', coalesce((select max(seq) from webhook_deliveries), 0) + 1, false)",
    )
    .execute(&mut *write)
    .await?;
    for (table, rows) in &copied {
        let there: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select count(*) from {table}")))
                .fetch_one(&mut *write)
                .await?;
        if there != *rows {
            bail!("{table}: {rows} rows read, {there} written; nothing was copied");
        }
    }
    write.commit().await?;
    read.rollback().await?;
    Ok(copied)
}

/// One statement inserting `rows` into `table`, each value cast to its column's type.
async fn insert_rows(
    write: &mut sqlx::PgConnection,
    table: &str,
    names: &[&str],
    columns: &[(String, Kind, String)],
    rows: &[Vec<Value>],
) -> sqlx::Result<()> {
    let mut insert =
        QueryBuilder::<Postgres>::new(format!("insert into {table} ({}) ", names.join(", ")));
    insert.push_values(rows, |mut out, row| {
        for (value, (_, _, cast)) in row.iter().zip(columns) {
            match value.clone() {
                Value::Text(v) => {
                    out.push_bind(v);
                    out.push_unseparated(format!("::{cast}"));
                }
                Value::Integer(v) => {
                    out.push_bind(v);
                }
                Value::Flag(v) => {
                    out.push_bind(v);
                }
                Value::Bytes(v) => {
                    out.push_bind(v);
                }
            }
        }
    });
    insert.build().execute(write).await?;
    Ok(())
}

/// The columns of `table` on PostgreSQL: name, how to carry it, the cast its value
/// needs.
async fn columns(target: &PgPool, table: &str) -> anyhow::Result<Vec<(String, Kind, String)>> {
    let rows: Vec<PgRow> = sqlx::query(
        "select cast(column_name as text), cast(udt_name as text) from information_schema.columns
         where table_schema = current_schema() and table_name = $1 order by ordinal_position",
    )
    .bind(table)
    .fetch_all(target)
    .await?;
    rows.iter()
        .map(|row| {
            let name: String = row.try_get(0)?;
            let udt: String = row.try_get(1)?;
            let kind = match udt.as_str() {
                "int8" | "int4" => Kind::Integer,
                "bool" => Kind::Flag,
                "bytea" => Kind::Bytes,
                "uuid" | "text" | "citext" => Kind::Text,
                other => bail!("{table}.{name}: no copy for the type {other}"),
            };
            Ok((name, kind, udt))
        })
        .collect()
}

/// One cell, read from SQLite as its PostgreSQL column wants it.
#[derive(Clone)]
enum Value {
    Text(Option<String>),
    Integer(Option<i64>),
    Flag(Option<bool>),
    Bytes(Option<Vec<u8>>),
}

/// A row's cells; a cell that does not read as its column's kind is an error, never a
/// silent null.
fn read_row(row: &SqliteRow, columns: &[(String, Kind, String)]) -> anyhow::Result<Vec<Value>> {
    columns
        .iter()
        .enumerate()
        .map(|(i, (name, kind, _))| {
            let value = match kind {
                Kind::Text => row.try_get(i).map(Value::Text),
                Kind::Integer => row.try_get(i).map(Value::Integer),
                Kind::Flag => row
                    .try_get::<Option<i64>, _>(i)
                    .map(|n| Value::Flag(n.map(|n| n != 0))),
                Kind::Bytes => row.try_get(i).map(Value::Bytes),
            };
            value.with_context(|| format!("the column {name}"))
        })
        .collect()
}
