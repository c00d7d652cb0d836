//! The mfa_tickets table: a correct password waiting for its second factor.

use crate::Timestamp;
use crate::ids::{AccountId, MfaTicketId};

#[derive(Debug, Clone)]
pub struct Ticket {
    pub id: MfaTicketId,
    pub account_id: AccountId,
    pub device_name: Option<String>,
    pub expires_at: Timestamp,
}
