//! Deleting integrations, hosts and subscriptions in batches: each call deletes at most
//! `limit` rows, so that the write lock is held only briefly and other writers
//! (sign-ins) get in between batches.

use sqlx::PgConnection;
use steward_store::ids::{AccountId, HostId, SubscriptionId};

pub async fn delete_integrations_of_host(
    conn: &mut PgConnection,
    host_id: HostId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from integrations where id in
           (select id from integrations where host_id = $1 limit $2)",
        host_id as _,
        limit as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_integrations_of_subscription(
    conn: &mut PgConnection,
    subscription_id: SubscriptionId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from integrations where id in
           (select integrations.id from integrations join hosts on hosts.id = integrations.host_id
            where hosts.subscription_id = $1 limit $2)",
        subscription_id as _,
        limit as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_integrations_of_account(
    conn: &mut PgConnection,
    account_id: AccountId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from integrations where id in
           (select id from integrations where account_id = $1 limit $2)",
        account_id as _,
        limit as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_hosts_of_subscription(
    conn: &mut PgConnection,
    subscription_id: SubscriptionId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from hosts where id in (select id from hosts where subscription_id = $1 limit $2)",
        subscription_id as _,
        limit as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_hosts_of_account(
    conn: &mut PgConnection,
    account_id: AccountId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from hosts where id in (select id from hosts where account_id = $1 limit $2)",
        account_id as _,
        limit as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_host(conn: &mut PgConnection, id: HostId) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from hosts where id = $1", id as _)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn delete_subscriptions_of_account(
    conn: &mut PgConnection,
    account_id: AccountId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from subscriptions where id in
           (select id from subscriptions where account_id = $1 limit $2)",
        account_id as _,
        limit as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_subscription(conn: &mut PgConnection, id: SubscriptionId) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from subscriptions where id = $1", id as _)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
