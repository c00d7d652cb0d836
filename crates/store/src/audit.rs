//! The audit_events table.

use crate::Timestamp;
use crate::ids::{AccountId, AuditEventId};

pub struct NewEvent<'a> {
    pub account_id: Option<AccountId>,
    pub actor_id: Option<AccountId>,
    pub kind: &'a str,
    pub at: Timestamp,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub detail: &'a str,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: AuditEventId,
    pub kind: String,
    pub at: Timestamp,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub detail: String,
}
