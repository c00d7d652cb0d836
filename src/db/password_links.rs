//! The password_links table: single-use links that set a password (invitations, resets
//! an operator started).

use sqlx::SqliteConnection;

use crate::clock::Timestamp;
use crate::ids::{AccountId, OutboxId, PasswordLinkId};

/// Why the link exists. Stored as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A new account made by an admin: the person chooses their first password.
    Invite,
    /// An admin sent the person a reset mail.
    AdminReset,
    /// Printed at the console by `steward user reset-password`.
    Console,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Invite => "invite",
            Kind::AdminReset => "admin_reset",
            Kind::Console => "console",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "invite" => Kind::Invite,
            "admin_reset" => Kind::AdminReset,
            _ => Kind::Console,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PasswordLink {
    pub id: PasswordLinkId,
    pub account_id: AccountId,
    pub kind: Kind,
    pub email: String,
    pub expires_at: Option<Timestamp>,
    pub used_at: Option<Timestamp>,
}

pub struct NewLink<'a> {
    pub id: PasswordLinkId,
    pub account_id: AccountId,
    pub kind: Kind,
    pub email: &'a str,
    /// The mail that carries it; None for a link printed at the console.
    pub outbox_id: Option<OutboxId>,
    pub lifetime_seconds: i64,
    pub now: Timestamp,
}

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
