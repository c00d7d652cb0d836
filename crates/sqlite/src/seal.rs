//! The server key's seal: one row, written at the first start.

use sqlx::SqliteConnection;
use steward_store::Timestamp;

pub async fn find(conn: &mut SqliteConnection) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar!("select sealed from server_key_seal where id = 1")
        .fetch_optional(conn)
        .await
}

/// Writes the seal unless one is there already (another instance's, started at the same
/// time): the caller reads it back.
pub async fn insert(
    conn: &mut SqliteConnection,
    sealed: &[u8],
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into server_key_seal (id, sealed, created_at) values (1, ?, ?)
         on conflict (id) do nothing",
        sealed,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}
