//! Subscriptions, hosts and integrations, and their deletion in small batches.

mod hosts;
mod integrations;
mod subscriptions;
use crate::text_enum;
pub use hosts::*;
pub use integrations::*;
pub use subscriptions::*;

/// What an account holds, as its reads show it (nothing already on its way out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holdings {
    pub subscriptions: i64,
    pub hosts: i64,
    pub integrations: i64,
}

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
