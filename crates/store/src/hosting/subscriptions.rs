//! The subscriptions table.

use crate::Timestamp;
use crate::hosting::SubscriptionStatus;
use crate::ids::{AccountId, SubscriptionId};

#[derive(Debug, Clone)]
pub struct Subscription {
    pub id: SubscriptionId,
    pub account_id: AccountId,
    pub plan_id: String,
    pub status: SubscriptionStatus,
    pub created_at: Timestamp,
    pub trial_ends_at: Option<Timestamp>,
}
