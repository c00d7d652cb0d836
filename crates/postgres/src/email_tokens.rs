//! The email_tokens table: single-use tokens behind email links.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::email_tokens::*;
use steward_store::ids::{AccountId, EmailTokenId};

/// Records a token to be minted when its mail is sent.
pub async fn insert_pending(conn: &mut PgConnection, new: &NewEmailToken<'_>) -> sqlx::Result<()> {
    let purpose = new.purpose.as_str();
    sqlx::query!(
        "insert into email_tokens (id, account_id, purpose, email, password_hash, outbox_id,
                                   lifetime_seconds, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        new.id as _,
        new.account_id as _,
        purpose as _,
        new.email as _,
        new.password_hash as _,
        new.outbox_id as _,
        new.lifetime_seconds as _,
        new.now as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the digest of a freshly minted token. A second send of the same mail mints again
/// and replaces the digest, so only the link in the latest copy works.
/// Returns false when the token is gone or already used (then nothing is to be sent).
pub async fn mint(
    conn: &mut PgConnection,
    id: EmailTokenId,
    token_hash: &[u8],
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update email_tokens set token_hash = $1, expires_at = $2 + lifetime_seconds
         where id = $3 and used_at is null",
        token_hash as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn find_by_hash(
    conn: &mut PgConnection,
    purpose: Purpose,
    token_hash: &[u8],
) -> sqlx::Result<Option<EmailToken>> {
    let purpose = purpose.as_str();
    sqlx::query_as!(
        EmailToken,
        r#"select id as "id: EmailTokenId", account_id as "account_id: AccountId", email,
                  password_hash, expires_at as "expires_at: Timestamp",
                  used_at as "used_at: Timestamp"
           from email_tokens where token_hash = $1 and purpose = $2"#,
        token_hash as _,
        purpose as _
    )
    .fetch_optional(conn)
    .await
}

/// Uses a token up. False when it was used already (a concurrent click lost the race).
pub async fn mark_used(
    conn: &mut PgConnection,
    id: EmailTokenId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update email_tokens set used_at = $1 where id = $2 and used_at is null",
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Voids every unused token of one purpose of an account (after one of them was used).
pub async fn delete_unused(
    conn: &mut PgConnection,
    account_id: AccountId,
    purpose: Purpose,
) -> sqlx::Result<u64> {
    let purpose = purpose.as_str();
    let done = sqlx::query!(
        "delete from email_tokens where account_id = $1 and purpose = $2 and used_at is null",
        account_id as _,
        purpose as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
