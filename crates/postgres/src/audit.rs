//! The audit_events table.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::audit::*;
use steward_store::ids::{AccountId, AuditEventId};

pub async fn insert(conn: &mut PgConnection, e: &NewEvent<'_>) -> sqlx::Result<AuditEventId> {
    let id = AuditEventId::new();
    sqlx::query!(
        "insert into audit_events (id, account_id, actor_id, type, at, ip, user_agent, detail)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        id as _,
        e.account_id as _,
        e.actor_id as _,
        e.kind as _,
        e.at as _,
        e.ip as _,
        e.user_agent as _,
        e.detail as _,
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// An account's events, newest first, older than `before` (a page's cursor).
pub async fn list_for_account(
    conn: &mut PgConnection,
    account_id: AccountId,
    before: Option<AuditEventId>,
    limit: i64,
) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as!(
        Event,
        r#"select id as "id: AuditEventId", type as kind, at as "at: Timestamp", ip, user_agent,
                  detail
           from audit_events
           where account_id = $1 and ($2::uuid is null or id < $2)
           order by id desc
           limit $3"#,
        account_id as _,
        before as _,
        limit as _
    )
    .fetch_all(conn)
    .await
}
