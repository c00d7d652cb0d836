//! Deleting integrations, hosts and subscriptions in batches: each call deletes at most
//! `limit` rows, so that the write lock is held only briefly and other writers
//! (sign-ins) get in between batches.

use sqlx::SqliteConnection;
use steward_store::ids::{AccountId, HostId, SubscriptionId};

pub async fn delete_integrations_of_host(
    conn: &mut SqliteConnection,
    host_id: HostId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from integrations where rowid in
           (select rowid from integrations where host_id = ? limit ?)",
        host_id,
        limit
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_integrations_of_subscription(
    conn: &mut SqliteConnection,
    subscription_id: SubscriptionId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from integrations where rowid in
           (select integrations.rowid from integrations join hosts on hosts.id = integrations.host_id
            where hosts.subscription_id = ? limit ?)",
        subscription_id,
        limit
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_integrations_of_account(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from integrations where rowid in
           (select rowid from integrations where account_id = ? limit ?)",
        account_id,
        limit
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_hosts_of_subscription(
    conn: &mut SqliteConnection,
    subscription_id: SubscriptionId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from hosts where rowid in (select rowid from hosts where subscription_id = ? limit ?)",
        subscription_id,
        limit
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_hosts_of_account(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from hosts where rowid in (select rowid from hosts where account_id = ? limit ?)",
        account_id,
        limit
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_host(conn: &mut SqliteConnection, id: HostId) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from hosts where id = ?", id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn delete_subscriptions_of_account(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    limit: i64,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from subscriptions where rowid in
           (select rowid from subscriptions where account_id = ? limit ?)",
        account_id,
        limit
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn delete_subscription(
    conn: &mut SqliteConnection,
    id: SubscriptionId,
) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from subscriptions where id = ?", id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
