//! Subscriptions, hosts and integrations, and their deletion in small batches.

mod deletion;
mod hosts;
mod integrations;
mod subscriptions;

pub use deletion::*;
pub use hosts::*;
pub use integrations::*;
pub use subscriptions::*;

use sqlx::SqliteConnection;

use crate::ids::AccountId;
use crate::text_enum::text_enum;

/// What an account holds, as its reads show it (nothing already on its way out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holdings {
    pub subscriptions: i64,
    pub hosts: i64,
    pub integrations: i64,
}

pub async fn holdings(
    conn: &mut SqliteConnection,
    account_id: AccountId,
) -> sqlx::Result<Holdings> {
    sqlx::query_as!(
        Holdings,
        r#"select
             (select count(*) from subscriptions
               where account_id = ?1 and status != 'cancelling') as "subscriptions!: i64",
             (select count(*) from hosts
               where account_id = ?1 and status != 'deleting') as "hosts!: i64",
             (select count(*) from integrations i join hosts h on h.id = i.host_id
               where i.account_id = ?1 and h.status != 'deleting') as "integrations!: i64"
        "#,
        account_id
    )
    .fetch_one(conn)
    .await
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
