//! Deleting integrations, hosts and subscriptions in batches: each call deletes at most
//! `limit` rows, so that the write lock is held only briefly and other writers
//! (sign-ins) get in between batches.

use crate::ids::{AccountId, HostId, SubscriptionId};

crate::db::dispatch! { hosting;
    pub async fn delete_integrations_of_host(host_id: HostId, limit: i64) -> sqlx::Result<u64>;
    pub async fn delete_integrations_of_subscription(subscription_id: SubscriptionId, limit: i64) -> sqlx::Result<u64>;
    pub async fn delete_integrations_of_account(account_id: AccountId, limit: i64) -> sqlx::Result<u64>;
    pub async fn delete_hosts_of_subscription(subscription_id: SubscriptionId, limit: i64) -> sqlx::Result<u64>;
    pub async fn delete_hosts_of_account(account_id: AccountId, limit: i64) -> sqlx::Result<u64>;
    pub async fn delete_host(id: HostId) -> sqlx::Result<u64>;
    pub async fn delete_subscriptions_of_account(account_id: AccountId, limit: i64) -> sqlx::Result<u64>;
    pub async fn delete_subscription(id: SubscriptionId) -> sqlx::Result<u64>;
}
