//! The password_links table: single-use links that set a password (invitations, resets
//! an operator started).

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::ids::{AccountId, PasswordLinkId};
use steward_store::password_links::*;

/// Records a link; its token is minted later (`mint`), when the mail is sent.
pub async fn insert(conn: &mut PgConnection, new: &NewLink<'_>) -> sqlx::Result<()> {
    let kind = new.kind.as_str();
    sqlx::query!(
        "insert into password_links (id, account_id, kind, email, outbox_id, lifetime_seconds,
                                     created_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
        new.id as _,
        new.account_id as _,
        kind as _,
        new.email as _,
        new.outbox_id as _,
        new.lifetime_seconds as _,
        new.now as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the digest of a freshly minted token and starts its lifetime. A second send of
/// the same mail mints again, so only the latest copy's link works. False when the link
/// is gone or used (then there is nothing to send).
pub async fn mint(
    conn: &mut PgConnection,
    id: PasswordLinkId,
    token_hash: &[u8],
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update password_links set token_hash = $1, expires_at = $2 + lifetime_seconds
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
    token_hash: &[u8],
) -> sqlx::Result<Option<PasswordLink>> {
    let row = sqlx::query!(
        r#"select id as "id!: PasswordLinkId", account_id as "account_id!: AccountId",
                  kind as "kind!", email as "email!", expires_at as "expires_at: Timestamp",
                  used_at as "used_at: Timestamp"
           from password_links where token_hash = $1"#,
        token_hash as _
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| PasswordLink {
        id: r.id,
        account_id: r.account_id,
        kind: Kind::parse(&r.kind),
        email: r.email,
        expires_at: r.expires_at,
        used_at: r.used_at,
    }))
}

/// Uses a link up. False when it was used already (a concurrent submit lost the race).
pub async fn mark_used(
    conn: &mut PgConnection,
    id: PasswordLinkId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update password_links set used_at = $1 where id = $2 and used_at is null",
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Voids every unused link of an account: a newer one replaces them, or one was used.
pub async fn void_unused(conn: &mut PgConnection, account_id: AccountId) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from password_links where account_id = $1 and used_at is null",
        account_id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Links that expired, or were used, more than a day ago.
pub async fn purge(conn: &mut PgConnection, now: Timestamp) -> sqlx::Result<u64> {
    let cutoff = now.0 - 86_400;
    let done = sqlx::query!(
        "delete from password_links where expires_at <= $1 or used_at <= $2",
        cutoff as _,
        cutoff as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
