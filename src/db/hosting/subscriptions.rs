//! The subscriptions table.

use crate::clock::Timestamp;
use crate::ids::{AccountId, SubscriptionId};
use steward_store::hosting::*;

crate::db::dispatch! { hosting;
    pub async fn insert_subscription(s: &Subscription) -> sqlx::Result<()>;
    pub async fn list_subscriptions(account_id: AccountId, before: Option<SubscriptionId>, limit: i64) -> sqlx::Result<Vec<Subscription>>;
    pub async fn find_subscription(account_id: AccountId, id: SubscriptionId) -> sqlx::Result<Option<Subscription>>;
    pub async fn mark_cancelling(account_id: AccountId, id: SubscriptionId, now: Timestamp) -> sqlx::Result<bool>;
    pub async fn expire_trials(now: Timestamp) -> sqlx::Result<Vec<Subscription>>;
    pub async fn cancelling_subscriptions(limit: i64) -> sqlx::Result<Vec<SubscriptionId>>;
}
