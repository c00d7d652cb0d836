//! The mfa_tickets table: a correct password waiting for its second factor.

use crate::clock::Timestamp;
use crate::ids::MfaTicketId;
pub use steward_store::mfa::*;

crate::db::dispatch! { mfa;
    pub async fn insert(ticket: &Ticket, ticket_hash: &[u8], now: Timestamp) -> sqlx::Result<()>;
    pub async fn find(ticket_hash: &[u8]) -> sqlx::Result<Option<Ticket>>;
    pub async fn delete(id: MfaTicketId) -> sqlx::Result<bool>;
}
