//! Deleting what expired. Run by maintenance; each statement is one short transaction.

/// Counts of what one purge deleted.
#[derive(Debug, Default, Clone, Copy)]
pub struct Purged {
    pub email_tokens: u64,
    pub sessions: u64,
    pub mfa_tickets: u64,
    pub enrollments: u64,
    pub password_resets: u64,
    pub throttle: u64,
    pub password_links: u64,
    pub passkey_challenges: u64,
}
