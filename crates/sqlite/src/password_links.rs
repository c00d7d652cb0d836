//! The password_links table: single-use links that set a password (invitations, resets
//! an operator started).

use sqlx::SqliteConnection;
use steward_store::Timestamp;
use steward_store::ids::{AccountId, PasswordLinkId};
use steward_store::password_links::*;

/// Records a link; its token is minted later (`mint`), when the mail is sent.
pub async fn insert(conn: &mut SqliteConnection, new: &NewLink<'_>) -> sqlx::Result<()> {
    let kind = new.kind.as_str();
    sqlx::query!(
        "insert into password_links (id, account_id, kind, email, outbox_id, lifetime_seconds,
                                     created_at)
         values (?, ?, ?, ?, ?, ?, ?)",
        new.id,
        new.account_id,
        kind,
        new.email,
        new.outbox_id,
        new.lifetime_seconds,
        new.now,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the digest of a freshly minted token and starts its lifetime. A second send of
/// the same mail mints again, so only the latest copy's link works. False when the link
/// is gone or used (then there is nothing to send).
pub async fn mint(
    conn: &mut SqliteConnection,
    id: PasswordLinkId,
    token_hash: &[u8],
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update password_links set token_hash = ?, expires_at = ? + lifetime_seconds
         where id = ? and used_at is null",
        token_hash,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn find_by_hash(
    conn: &mut SqliteConnection,
    token_hash: &[u8],
) -> sqlx::Result<Option<PasswordLink>> {
    let row = sqlx::query!(
        r#"select id as "id!: PasswordLinkId", account_id as "account_id!: AccountId",
                  kind as "kind!", email as "email!", expires_at as "expires_at: Timestamp",
                  used_at as "used_at: Timestamp"
           from password_links where token_hash = ?"#,
        token_hash
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
    conn: &mut SqliteConnection,
    id: PasswordLinkId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update password_links set used_at = ? where id = ? and used_at is null",
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Voids every unused link of an account: a newer one replaces them, or one was used.
pub async fn void_unused(conn: &mut SqliteConnection, account_id: AccountId) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from password_links where account_id = ? and used_at is null",
        account_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Links that expired, or were used, more than a day ago.
pub async fn purge(conn: &mut SqliteConnection, now: Timestamp) -> sqlx::Result<u64> {
    let cutoff = now.0 - 86_400;
    let done = sqlx::query!(
        "delete from password_links where expires_at <= ? or used_at <= ?",
        cutoff,
        cutoff
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
