//! The hosts table.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::hosting::HostStatus;
use steward_store::hosting::*;
use steward_store::ids::{AccountId, HostId, SubscriptionId};

pub async fn insert_host(conn: &mut PgConnection, h: &Host) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into hosts (id, account_id, subscription_id, name, domain, status, created_at,
                            updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        h.id as _,
        h.account_id as _,
        h.subscription_id as _,
        h.name as _,
        h.domain as _,
        h.status as _,
        h.created_at as _,
        h.created_at as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count_hosts(
    conn: &mut PgConnection,
    subscription_id: SubscriptionId,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!: i64" from hosts where subscription_id = $1 and status != 'deleting'"#,
        subscription_id as _
    )
    .fetch_one(conn)
    .await
}

pub async fn list_hosts(
    conn: &mut PgConnection,
    account_id: AccountId,
    before: Option<HostId>,
    limit: i64,
) -> sqlx::Result<Vec<Host>> {
    sqlx::query_as!(
        Host,
        r#"select id as "id: HostId", account_id as "account_id: AccountId",
                  subscription_id as "subscription_id: SubscriptionId", name, domain,
                  status as "status: HostStatus",
                  created_at as "created_at: Timestamp"
           from hosts where account_id = $1 and status != 'deleting' and ($2::uuid is null or id < $2)
           order by id desc limit $3"#,
        account_id as _,
        before as _,
        limit as _
    )
    .fetch_all(conn)
    .await
}

/// The ids of an account's hosts not being deleted yet, of one subscription or all.
pub async fn live_host_ids(
    conn: &mut PgConnection,
    account_id: AccountId,
    subscription_id: Option<SubscriptionId>,
) -> sqlx::Result<Vec<HostId>> {
    sqlx::query_scalar!(
        r#"select id as "id!: HostId" from hosts
           where account_id = $1 and status != 'deleting'
             and ($2::uuid is null or subscription_id = $2)
           order by id"#,
        account_id as _,
        subscription_id as _
    )
    .fetch_all(conn)
    .await
}

pub async fn find_host(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: HostId,
) -> sqlx::Result<Option<Host>> {
    sqlx::query_as!(
        Host,
        r#"select id as "id: HostId", account_id as "account_id: AccountId",
                  subscription_id as "subscription_id: SubscriptionId", name, domain,
                  status as "status: HostStatus",
                  created_at as "created_at: Timestamp"
           from hosts where id = $1 and account_id = $2 and status != 'deleting'"#,
        id as _,
        account_id as _
    )
    .fetch_optional(conn)
    .await
}

pub async fn update_host(
    conn: &mut PgConnection,
    id: HostId,
    name: &str,
    domain: Option<&str>,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update hosts set name = $1, domain = $2, updated_at = $3 where id = $4",
        name as _,
        domain as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a host for deletion; false when it is not the account's or is going already.
pub async fn mark_host_deleting(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: HostId,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update hosts set status = 'deleting' where id = $1 and account_id = $2 and status != 'deleting'",
        id as _,
        account_id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn deleting_hosts(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<HostId>> {
    sqlx::query_scalar!(
        r#"select id as "id!: HostId" from hosts where status = 'deleting' limit $1"#,
        limit as _
    )
    .fetch_all(conn)
    .await
}
