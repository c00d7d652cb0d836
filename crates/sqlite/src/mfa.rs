//! The mfa_tickets table: a correct password waiting for its second factor.

use sqlx::SqliteConnection;
use steward_store::Timestamp;
use steward_store::ids::{AccountId, MfaTicketId};
use steward_store::mfa::*;

pub async fn insert(
    conn: &mut SqliteConnection,
    ticket: &Ticket,
    ticket_hash: &[u8],
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into mfa_tickets (id, account_id, ticket_hash, device_name, created_at, expires_at)
         values (?, ?, ?, ?, ?, ?)",
        ticket.id,
        ticket.account_id,
        ticket_hash,
        ticket.device_name,
        now,
        ticket.expires_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find(conn: &mut SqliteConnection, ticket_hash: &[u8]) -> sqlx::Result<Option<Ticket>> {
    sqlx::query_as!(
        Ticket,
        r#"select id as "id: MfaTicketId", account_id as "account_id: AccountId", device_name,
                  expires_at as "expires_at: Timestamp"
           from mfa_tickets where ticket_hash = ?"#,
        ticket_hash
    )
    .fetch_optional(conn)
    .await
}

/// Uses a ticket up; false when another request used it first.
pub async fn delete(conn: &mut SqliteConnection, id: MfaTicketId) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from mfa_tickets where id = ?", id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
