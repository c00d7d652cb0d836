//! Authenticator devices, their enrollments, and recovery codes.

use crate::Timestamp;
use crate::ids::{AccountId, TotpDeviceId, TotpEnrollmentId};

#[derive(Debug, Clone)]
pub struct Device {
    pub id: TotpDeviceId,
    pub name: String,
    pub secret_sealed: Vec<u8>,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub last_used_step: i64,
}

pub struct NewDevice<'a> {
    pub id: TotpDeviceId,
    pub account_id: AccountId,
    pub name: &'a str,
    pub secret_sealed: &'a [u8],
    pub now: Timestamp,
    /// The step of the code that confirmed it: not accepted again.
    pub last_used_step: i64,
}

#[derive(Debug, Clone)]
pub struct Enrollment {
    pub id: TotpEnrollmentId,
    pub account_id: AccountId,
    pub name: String,
    pub secret_sealed: Vec<u8>,
    pub expires_at: Timestamp,
}
