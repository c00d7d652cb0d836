//! The hosts table.

use crate::clock::Timestamp;
use crate::ids::{AccountId, HostId, SubscriptionId};
use steward_store::hosting::*;

crate::db::dispatch! { hosting;
    pub async fn insert_host(h: &Host) -> sqlx::Result<()>;
    pub async fn count_hosts(subscription_id: SubscriptionId) -> sqlx::Result<i64>;
    pub async fn list_hosts(account_id: AccountId, before: Option<HostId>, limit: i64) -> sqlx::Result<Vec<Host>>;
    pub async fn live_host_ids(account_id: AccountId, subscription_id: Option<SubscriptionId>) -> sqlx::Result<Vec<HostId>>;
    pub async fn find_host(account_id: AccountId, id: HostId) -> sqlx::Result<Option<Host>>;
    pub async fn update_host(id: HostId, name: &str, domain: Option<&str>, now: Timestamp) -> sqlx::Result<()>;
    pub async fn mark_host_deleting(account_id: AccountId, id: HostId) -> sqlx::Result<bool>;
    pub async fn deleting_hosts(limit: i64) -> sqlx::Result<Vec<HostId>>;
}
