//! The integrations table.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::hosting::*;
use steward_store::ids::{AccountId, HostId, IntegrationId};

pub async fn insert_integration(conn: &mut PgConnection, i: &Integration) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into integrations (id, account_id, host_id, kind, name, settings, created_at,
                                   updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        i.id as _,
        i.account_id as _,
        i.host_id as _,
        i.kind as _,
        i.name as _,
        i.settings as _,
        i.created_at as _,
        i.updated_at as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The ids of a host's integrations, oldest first: those that go with it.
pub async fn integration_ids_of_host(
    conn: &mut PgConnection,
    host_id: HostId,
) -> sqlx::Result<Vec<IntegrationId>> {
    sqlx::query_scalar!(
        r#"select id as "id!: IntegrationId" from integrations where host_id = $1
           order by created_at, id"#,
        host_id as _
    )
    .fetch_all(conn)
    .await
}

pub async fn list_integrations(
    conn: &mut PgConnection,
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
           from integrations where account_id = $1 and host_id = $2 and ($3::uuid is null or id < $3)
           order by id desc limit $4"#,
        account_id as _,
        host_id as _,
        before as _,
        limit as _
    )
    .fetch_all(conn)
    .await
}

pub async fn find_integration(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: IntegrationId,
) -> sqlx::Result<Option<Integration>> {
    sqlx::query_as!(
        Integration,
        r#"select id as "id: IntegrationId", account_id as "account_id: AccountId",
                  host_id as "host_id: HostId", kind, name, settings,
                  created_at as "created_at: Timestamp", updated_at as "updated_at: Timestamp"
           from integrations
           where id = $1 and account_id = $2
             and exists (select 1 from hosts h
                          where h.id = integrations.host_id and h.status != 'deleting')"#,
        id as _,
        account_id as _
    )
    .fetch_optional(conn)
    .await
}

pub async fn update_integration(
    conn: &mut PgConnection,
    id: IntegrationId,
    name: &str,
    settings: &str,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update integrations set name = $1, settings = $2, updated_at = $3 where id = $4",
        name as _,
        settings as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_integration(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: IntegrationId,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from integrations where id = $1 and account_id = $2",
        id as _,
        account_id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
