//! The hosts table.

use crate::Timestamp;
use crate::hosting::HostStatus;
use crate::ids::{AccountId, HostId, SubscriptionId};

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
