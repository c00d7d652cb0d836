//! The integrations table.

use sqlx::SqliteConnection;
use steward_store::Timestamp;
use steward_store::hosting::*;
use steward_store::ids::{AccountId, HostId, IntegrationId};

pub async fn insert_integration(conn: &mut SqliteConnection, i: &Integration) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into integrations (id, account_id, host_id, kind, name, settings, created_at,
                                   updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)",
        i.id,
        i.account_id,
        i.host_id,
        i.kind,
        i.name,
        i.settings,
        i.created_at,
        i.updated_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The ids of a host's integrations, oldest first: those that go with it.
pub async fn integration_ids_of_host(
    conn: &mut SqliteConnection,
    host_id: HostId,
) -> sqlx::Result<Vec<IntegrationId>> {
    sqlx::query_scalar!(
        r#"select id as "id!: IntegrationId" from integrations where host_id = ?
           order by created_at, id"#,
        host_id
    )
    .fetch_all(conn)
    .await
}

pub async fn list_integrations(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    host_id: HostId,
    before: Option<IntegrationId>,
    limit: i64,
) -> sqlx::Result<Vec<Integration>> {
    sqlx::query_as!(
        Integration,
        r#"select id as "id: IntegrationId", account_id as "account_id: AccountId",
                  host_id as "host_id: HostId", kind, name, settings,
                  created_at as "created_at: Timestamp", updated_at as "updated_at: Timestamp"
           from integrations where account_id = ?1 and host_id = ?2 and (?3 is null or id < ?3)
           order by id desc limit ?4"#,
        account_id,
        host_id,
        before,
        limit
    )
    .fetch_all(conn)
    .await
}

pub async fn find_integration(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: IntegrationId,
) -> sqlx::Result<Option<Integration>> {
    sqlx::query_as!(
        Integration,
        r#"select id as "id: IntegrationId", account_id as "account_id: AccountId",
                  host_id as "host_id: HostId", kind, name, settings,
                  created_at as "created_at: Timestamp", updated_at as "updated_at: Timestamp"
           from integrations
           where id = ? and account_id = ?
             and exists (select 1 from hosts h
                          where h.id = integrations.host_id and h.status != 'deleting')"#,
        id,
        account_id
    )
    .fetch_optional(conn)
    .await
}

pub async fn update_integration(
    conn: &mut SqliteConnection,
    id: IntegrationId,
    name: &str,
    settings: &str,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update integrations set name = ?, settings = ?, updated_at = ? where id = ?",
        name,
        settings,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_integration(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: IntegrationId,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from integrations where id = ? and account_id = ?",
        id,
        account_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
