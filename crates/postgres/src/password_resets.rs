//! The password_resets table.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::ids::{AccountId, EmailTokenId, PasswordResetId};
use steward_store::password_resets::*;

pub async fn insert(conn: &mut PgConnection, r: &Reset, now: Timestamp) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into password_resets (id, account_id, client_secret_hash, email_token_id,
                                      created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6)",
        r.id as _,
        r.account_id as _,
        r.client_secret_hash as _,
        r.email_token_id as _,
        now as _,
        r.expires_at as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find(conn: &mut PgConnection, id: PasswordResetId) -> sqlx::Result<Option<Reset>> {
    sqlx::query_as!(
        Reset,
        r#"select id as "id: PasswordResetId", account_id as "account_id: AccountId",
                  client_secret_hash, email_token_id as "email_token_id: EmailTokenId",
                  expires_at as "expires_at: Timestamp",
                  validated_at as "validated_at: Timestamp",
                  completed_at as "completed_at: Timestamp"
           from password_resets where id = $1"#,
        id as _
    )
    .fetch_optional(conn)
    .await
}

/// Marks the reset whose link carried `token_id` as validated by its mailbox.
pub async fn validate_by_token(
    conn: &mut PgConnection,
    token_id: EmailTokenId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update password_resets set validated_at = coalesce(validated_at, $1)
         where email_token_id = $2 and completed_at is null",
        now as _,
        token_id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Completes a validated reset; false when it was completed already (a race).
pub async fn complete(
    conn: &mut PgConnection,
    id: PasswordResetId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update password_resets set completed_at = $1 where id = $2 and completed_at is null",
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
