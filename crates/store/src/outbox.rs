//! The outbox table: every mail, from the request that causes it to its delivery.

use crate::Timestamp;
use crate::ids::{AccountId, OutboxId};
use crate::text_enum;

text_enum! {
    /// Where a mail stands. Stored in `outbox.status`.
    pub enum MailStatus {
        /// Waiting for its next try.
        Pending = "pending",
        Sent = "sent",
        /// Every try failed: an admin can retry it.
        Failed = "failed",
        /// Not sent: its link was used or voided first.
        Skipped = "skipped",
    }
}

pub struct NewMail<'a> {
    pub id: OutboxId,
    pub account_id: Option<AccountId>,
    pub recipient: &'a str,
    pub template: &'a str,
    pub data: &'a str,
    pub now: Timestamp,
}

/// A mail a worker has claimed and may now send.
#[derive(Debug, Clone)]
pub struct ClaimedMail {
    pub id: OutboxId,
    pub recipient: String,
    pub template: String,
    pub data: String,
    /// This try included.
    pub attempts: i64,
}
