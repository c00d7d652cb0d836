//! The subscriptions table.

use sqlx::SqliteConnection;
use steward_store::Timestamp;
use steward_store::hosting::SubscriptionStatus;
use steward_store::hosting::*;
use steward_store::ids::{AccountId, SubscriptionId};

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

/// Ends the trials that are over; returns them as they are now.
pub async fn expire_trials(
    conn: &mut SqliteConnection,
    now: Timestamp,
) -> sqlx::Result<Vec<Subscription>> {
    sqlx::query_as!(
        Subscription,
        r#"update subscriptions set status = 'expired'
           where status = 'trialing' and trial_ends_at <= ?
           returning id as "id!: SubscriptionId", account_id as "account_id!: AccountId",
                     plan_id as "plan_id!", status as "status!: SubscriptionStatus",
                     created_at as "created_at!: Timestamp",
                     trial_ends_at as "trial_ends_at: Timestamp""#,
        now
    )
    .fetch_all(conn)
    .await
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
