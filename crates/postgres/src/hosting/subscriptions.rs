//! The subscriptions table.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::hosting::SubscriptionStatus;
use steward_store::hosting::*;
use steward_store::ids::{AccountId, SubscriptionId};

pub async fn insert_subscription(conn: &mut PgConnection, s: &Subscription) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into subscriptions (id, account_id, plan_id, status, created_at, trial_ends_at)
         values ($1, $2, $3, $4, $5, $6)",
        s.id as _,
        s.account_id as _,
        s.plan_id as _,
        s.status as _,
        s.created_at as _,
        s.trial_ends_at as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The account's subscriptions; one being cancelled is gone already (as are the hosts and
/// integrations below, the same way): a DELETE's 202 means it is gone for every read.
pub async fn list_subscriptions(
    conn: &mut PgConnection,
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
           where account_id = $1 and status != 'cancelling' and ($2::uuid is null or id < $2)
           order by id desc limit $3"#,
        account_id as _,
        before as _,
        limit as _
    )
    .fetch_all(conn)
    .await
}

pub async fn find_subscription(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: SubscriptionId,
) -> sqlx::Result<Option<Subscription>> {
    sqlx::query_as!(
        Subscription,
        r#"select id as "id: SubscriptionId", account_id as "account_id: AccountId", plan_id,
                  status as "status: SubscriptionStatus",
                  created_at as "created_at: Timestamp", trial_ends_at as "trial_ends_at: Timestamp"
           from subscriptions where id = $1 and account_id = $2 and status != 'cancelling'"#,
        id as _,
        account_id as _
    )
    .fetch_optional(conn)
    .await
}

/// Marks a subscription and its hosts for deletion; false when it is not the account's or
/// is going already.
pub async fn mark_cancelling(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: SubscriptionId,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update subscriptions set status = 'cancelling', cancelled_at = $1
         where id = $2 and account_id = $3 and status != 'cancelling'",
        now as _,
        id as _,
        account_id as _
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        sqlx::query!(
            "update hosts set status = 'deleting' where subscription_id = $1 and status != 'deleting'",
            id as _
        )
        .execute(conn)
        .await?;
    }
    Ok(done.rows_affected() == 1)
}

/// Ends the trials that are over; returns them as they are now.
pub async fn expire_trials(
    conn: &mut PgConnection,
    now: Timestamp,
) -> sqlx::Result<Vec<Subscription>> {
    sqlx::query_as!(
        Subscription,
        r#"update subscriptions set status = 'expired'
           where status = 'trialing' and trial_ends_at <= $1
           returning id as "id!: SubscriptionId", account_id as "account_id!: AccountId",
                     plan_id as "plan_id!", status as "status!: SubscriptionStatus",
                     created_at as "created_at!: Timestamp",
                     trial_ends_at as "trial_ends_at: Timestamp""#,
        now as _
    )
    .fetch_all(conn)
    .await
}

pub async fn cancelling_subscriptions(
    conn: &mut PgConnection,
    limit: i64,
) -> sqlx::Result<Vec<SubscriptionId>> {
    sqlx::query_scalar!(
        r#"select id as "id!: SubscriptionId" from subscriptions where status = 'cancelling' limit $1"#,
        limit as _
    )
    .fetch_all(conn)
    .await
}
