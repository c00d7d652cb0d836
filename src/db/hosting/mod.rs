//! Subscriptions, hosts and integrations, and their deletion in small batches.

mod deletion;
mod hosts;
mod integrations;
mod subscriptions;

pub use deletion::*;
pub use hosts::*;
pub use integrations::*;
pub use subscriptions::*;

use crate::text_enum::text_enum;

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
