//! The api_tokens table: bearer tokens for scripts using the admin API.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::api_tokens::*;
use steward_store::ids::{AccountId, ApiTokenId};

pub async fn insert(conn: &mut PgConnection, t: &ApiToken, token_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into api_tokens (id, name, token_hash, created_by, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6)",
        t.id as _,
        t.name as _,
        token_hash as _,
        t.created_by as _,
        t.created_at as _,
        t.expires_at as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find_by_hash(
    conn: &mut PgConnection,
    token_hash: &[u8],
) -> sqlx::Result<Option<ApiToken>> {
    sqlx::query_as!(
        ApiToken,
        r#"select id as "id: ApiTokenId", name, created_by as "created_by: AccountId",
                  created_at as "created_at: Timestamp", expires_at as "expires_at: Timestamp",
                  last_used_at as "last_used_at: Timestamp", revoked_at as "revoked_at: Timestamp"
           from api_tokens where token_hash = $1"#,
        token_hash as _
    )
    .fetch_optional(conn)
    .await
}

pub async fn list(conn: &mut PgConnection) -> sqlx::Result<Vec<ApiToken>> {
    sqlx::query_as!(
        ApiToken,
        r#"select id as "id: ApiTokenId", name, created_by as "created_by: AccountId",
                  created_at as "created_at: Timestamp", expires_at as "expires_at: Timestamp",
                  last_used_at as "last_used_at: Timestamp", revoked_at as "revoked_at: Timestamp"
           from api_tokens where revoked_at is null order by id desc"#
    )
    .fetch_all(conn)
    .await
}

pub async fn touch(conn: &mut PgConnection, id: ApiTokenId, now: Timestamp) -> sqlx::Result<()> {
    sqlx::query!(
        "update api_tokens set last_used_at = $1 where id = $2",
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn revoke(conn: &mut PgConnection, id: ApiTokenId, now: Timestamp) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update api_tokens set revoked_at = $1 where id = $2 and revoked_at is null",
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
