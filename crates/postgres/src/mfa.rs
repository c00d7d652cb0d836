//! The mfa_tickets table: a correct password waiting for its second factor.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::ids::{AccountId, MfaTicketId};
use steward_store::mfa::*;

pub async fn insert(
    conn: &mut PgConnection,
    ticket: &Ticket,
    ticket_hash: &[u8],
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into mfa_tickets (id, account_id, ticket_hash, device_name, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6)",
        ticket.id as _,
        ticket.account_id as _,
        ticket_hash as _,
        ticket.device_name as _,
        now as _,
        ticket.expires_at as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find(conn: &mut PgConnection, ticket_hash: &[u8]) -> sqlx::Result<Option<Ticket>> {
    sqlx::query_as!(
        Ticket,
        r#"select id as "id: MfaTicketId", account_id as "account_id: AccountId", device_name,
                  expires_at as "expires_at: Timestamp"
           from mfa_tickets where ticket_hash = $1"#,
        ticket_hash as _
    )
    .fetch_optional(conn)
    .await
}

/// Uses a ticket up; false when another request used it first.
pub async fn delete(conn: &mut PgConnection, id: MfaTicketId) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from mfa_tickets where id = $1", id as _)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
