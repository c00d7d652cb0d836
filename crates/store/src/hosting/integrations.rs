//! The integrations table.

use crate::Timestamp;
use crate::ids::{AccountId, HostId, IntegrationId};

#[derive(Debug, Clone)]
pub struct Integration {
    pub id: IntegrationId,
    pub account_id: AccountId,
    pub host_id: HostId,
    pub kind: String,
    pub name: String,
    pub settings: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}
