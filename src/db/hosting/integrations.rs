//! The integrations table.

use crate::clock::Timestamp;
use crate::ids::{AccountId, HostId, IntegrationId};
use steward_store::hosting::*;

crate::db::dispatch! { hosting;
    pub async fn insert_integration(i: &Integration) -> sqlx::Result<()>;
    pub async fn integration_ids_of_host(host_id: HostId) -> sqlx::Result<Vec<IntegrationId>>;
    pub async fn list_integrations(account_id: AccountId, host_id: HostId, before: Option<IntegrationId>, limit: i64) -> sqlx::Result<Vec<Integration>>;
    pub async fn find_integration(account_id: AccountId, id: IntegrationId) -> sqlx::Result<Option<Integration>>;
    pub async fn update_integration(id: IntegrationId, name: &str, settings: &str, now: Timestamp) -> sqlx::Result<()>;
    pub async fn delete_integration(account_id: AccountId, id: IntegrationId) -> sqlx::Result<bool>;
}
