//! Subscriptions, hosts and integrations, and their deletion in small batches.

mod deletion;
mod hosts;
mod integrations;
mod subscriptions;
use crate::ids::AccountId;
pub use deletion::*;
pub use hosts::*;
pub use integrations::*;
pub use steward_store::hosting::*;
pub use subscriptions::*;

crate::db::dispatch! { hosting;
    pub async fn holdings(account_id: AccountId) -> sqlx::Result<Holdings>;
}
