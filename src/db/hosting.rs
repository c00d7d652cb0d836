//! Subscriptions, hosts and integrations, and their deletion in small batches.

use sqlx::SqliteConnection;

use crate::clock::Timestamp;
use crate::ids::{AccountId, HostId, IntegrationId, SubscriptionId};
use crate::text_enum::text_enum;

text_enum! {
    /// Where a subscription stands. Stored in `subscriptions.status`.
    pub enum SubscriptionStatus {
        Active = "active",
        /// In its trial, until `trial_ends_at`.
        Trialing = "trialing",
        /// The trial ended.
        Expired = "expired",
        /// Cancelled: gone for every read; a job deletes it with its hosts.
        Cancelling = "cancelling",
    }
}

text_enum! {
    /// Where a host stands. Stored in `hosts.status`.
    pub enum HostStatus {
        Active = "active",
        /// Deleted: gone for every read; a job deletes it with its integrations.
        Deleting = "deleting",
    }
}

#[derive(Debug, Clone)]
pub struct Subscription {
    pub id: SubscriptionId,
    pub account_id: AccountId,
    pub plan_id: String,
    pub status: SubscriptionStatus,
    pub created_at: Timestamp,
    pub trial_ends_at: Option<Timestamp>,
}

pub async fn insert_subscription(
    conn: &mut SqliteConnection,
    s: &Subscription,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into subscriptions (id, account_id, plan_id, status, created_at, trial_ends_at)
         values (?, ?, ?, ?, ?, ?)",
        s.id,
        s.account_id,
        s.plan_id,
        s.status,
        s.created_at,
        s.trial_ends_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The account's subscriptions; one being cancelled is gone already (as are the hosts and
/// integrations below, the same way): a DELETE's 202 means it is gone for every read.
pub async fn list_subscriptions(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    before: Option<SubscriptionId>,
    limit: i64,
) -> sqlx::Result<Vec<Subscription>> {
    sqlx::query_as!(
        Subscription,
        r#"select id as "id: SubscriptionId", account_id as "account_id: AccountId", plan_id,
                  status as "status: SubscriptionStatus",
                  created_at as "created_at: Timestamp", trial_ends_at as "trial_ends_at: Timestamp"
           from subscriptions
           where account_id = ?1 and status != 'cancelling' and (?2 is null or id < ?2)
           order by id desc limit ?3"#,
        account_id,
        before,
        limit
    )
    .fetch_all(conn)
    .await
}

pub async fn find_subscription(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: SubscriptionId,
) -> sqlx::Result<Option<Subscription>> {
    sqlx::query_as!(
        Subscription,
        r#"select id as "id: SubscriptionId", account_id as "account_id: AccountId", plan_id,
                  status as "status: SubscriptionStatus",
                  created_at as "created_at: Timestamp", trial_ends_at as "trial_ends_at: Timestamp"
           from subscriptions where id = ? and account_id = ? and status != 'cancelling'"#,
        id,
        account_id
    )
    .fetch_optional(conn)
    .await
}

/// Marks a subscription and its hosts for deletion; false when it is not the account's or
/// is going already.
pub async fn mark_cancelling(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: SubscriptionId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update subscriptions set status = 'cancelling', cancelled_at = ?
         where id = ? and account_id = ? and status != 'cancelling'",
        now,
        id,
        account_id
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        sqlx::query!(
            "update hosts set status = 'deleting' where subscription_id = ? and status != 'deleting'",
            id
        )
        .execute(conn)
        .await?;
    }
    Ok(done.rows_affected() == 1)
}

/// Ends the trials that are over; returns how many.
pub async fn expire_trials(conn: &mut SqliteConnection, now: Timestamp) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update subscriptions set status = 'expired' where status = 'trialing' and trial_ends_at <= ?",
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn cancelling_subscriptions(
    conn: &mut SqliteConnection,
    limit: i64,
) -> sqlx::Result<Vec<SubscriptionId>> {
    sqlx::query_scalar!(
        r#"select id as "id!: SubscriptionId" from subscriptions where status = 'cancelling' limit ?"#,
        limit
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone)]
pub struct Host {
    pub id: HostId,
    pub account_id: AccountId,
    pub subscription_id: SubscriptionId,
    pub name: String,
    pub domain: Option<String>,
    pub status: HostStatus,
    pub created_at: Timestamp,
}

pub async fn insert_host(conn: &mut SqliteConnection, h: &Host) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into hosts (id, account_id, subscription_id, name, domain, status, created_at,
                            updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)",
        h.id,
        h.account_id,
        h.subscription_id,
        h.name,
        h.domain,
        h.status,
        h.created_at,
        h.created_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count_hosts(
    conn: &mut SqliteConnection,
    subscription_id: SubscriptionId,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!: i64" from hosts where subscription_id = ? and status != 'deleting'"#,
        subscription_id
    )
    .fetch_one(conn)
    .await
}

pub async fn list_hosts(
    conn: &mut SqliteConnection,
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
           from hosts where account_id = ?1 and status != 'deleting' and (?2 is null or id < ?2)
           order by id desc limit ?3"#,
        account_id,
        before,
        limit
    )
    .fetch_all(conn)
    .await
}

pub async fn find_host(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: HostId,
) -> sqlx::Result<Option<Host>> {
    sqlx::query_as!(
        Host,
        r#"select id as "id: HostId", account_id as "account_id: AccountId",
                  subscription_id as "subscription_id: SubscriptionId", name, domain,
                  status as "status: HostStatus",
                  created_at as "created_at: Timestamp"
           from hosts where id = ? and account_id = ? and status != 'deleting'"#,
        id,
        account_id
    )
    .fetch_optional(conn)
    .await
}

pub async fn update_host(
    conn: &mut SqliteConnection,
    id: HostId,
    name: &str,
    domain: Option<&str>,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update hosts set name = ?, domain = ?, updated_at = ? where id = ?",
        name,
        domain,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a host for deletion; false when it is not the account's or is going already.
pub async fn mark_host_deleting(
    conn: &mut SqliteConnection,
    account_id: AccountId,
    id: HostId,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update hosts set status = 'deleting' where id = ? and account_id = ? and status != 'deleting'",
        id,
        account_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn deleting_hosts(conn: &mut SqliteConnection, limit: i64) -> sqlx::Result<Vec<HostId>> {
    sqlx::query_scalar!(
        r#"select id as "id!: HostId" from hosts where status = 'deleting' limit ?"#,
        limit
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone)]
pub struct Integration {
    pub id: IntegrationId,
    pub account_id: AccountId,
    pub host_id: HostId,
    pub kind: String,
    pub name: String,
    pub settings: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

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
             and host_id in (select id from hosts where status != 'deleting')"#,
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

// Batched deletion: each call deletes at most `limit` rows, so that the write lock is
// held only briefly and other writers (sign-ins) get in between batches.

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
