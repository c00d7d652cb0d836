//! The password_resets table.

use sqlx::SqliteConnection;
use steward_store::Timestamp;
use steward_store::ids::{AccountId, EmailTokenId, PasswordResetId};
use steward_store::password_resets::*;

pub async fn insert(conn: &mut SqliteConnection, r: &Reset, now: Timestamp) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into password_resets (id, account_id, client_secret_hash, email_token_id,
                                      created_at, expires_at)
         values (?, ?, ?, ?, ?, ?)",
        r.id,
        r.account_id,
        r.client_secret_hash,
        r.email_token_id,
        now,
        r.expires_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find(conn: &mut SqliteConnection, id: PasswordResetId) -> sqlx::Result<Option<Reset>> {
    sqlx::query_as!(
        Reset,
        r#"select id as "id: PasswordResetId", account_id as "account_id: AccountId",
                  client_secret_hash, email_token_id as "email_token_id: EmailTokenId",
                  expires_at as "expires_at: Timestamp",
                  validated_at as "validated_at: Timestamp",
                  completed_at as "completed_at: Timestamp"
           from password_resets where id = ?"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Marks the reset whose link carried `token_id` as validated by its mailbox.
pub async fn validate_by_token(
    conn: &mut SqliteConnection,
    token_id: EmailTokenId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update password_resets set validated_at = coalesce(validated_at, ?)
         where email_token_id = ? and completed_at is null",
        now,
        token_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Completes a validated reset; false when it was completed already (a race).
pub async fn complete(
    conn: &mut SqliteConnection,
    id: PasswordResetId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update password_resets set completed_at = ? where id = ? and completed_at is null",
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
