//! The audit_events table.

use sqlx::SqliteConnection;
use steward_store::Timestamp;
use steward_store::audit::*;
use steward_store::ids::{AccountId, AuditEventId};

pub async fn insert(conn: &mut SqliteConnection, e: &NewEvent<'_>) -> sqlx::Result<AuditEventId> {
    let id = AuditEventId::new();
    sqlx::query!(
        "insert into audit_events (id, account_id, actor_id, type, at, ip, user_agent, detail)
         values (?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        e.account_id,
        e.actor_id,
        e.kind,
        e.at,
        e.ip,
        e.user_agent,
        e.detail,
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// An account's events, newest first, older than `before` (a page's cursor).
pub async fn list_for_account(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    before: Option<AuditEventId>,
    limit: i64,
) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as!(
        Event,
        r#"select id as "id: AuditEventId", type as kind, at as "at: Timestamp", ip, user_agent,
                  detail
           from audit_events
           where account_id = ?1 and (?2 is null or id < ?2)
           order by id desc
           limit ?3"#,
        account_id,
        before,
        limit
    )
    .fetch_all(conn)
    .await
}
