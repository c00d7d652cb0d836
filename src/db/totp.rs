//! Authenticator devices, their enrollments, and recovery codes.

use crate::clock::Timestamp;
use crate::ids::{AccountId, TotpDeviceId, TotpEnrollmentId};
pub use steward_store::totp::*;

crate::db::dispatch! { totp;
    pub async fn devices(account_id: AccountId) -> sqlx::Result<Vec<Device>>;
    pub async fn count_devices(account_id: AccountId) -> sqlx::Result<i64>;
    pub async fn insert_device(d: &NewDevice<'_>) -> sqlx::Result<()>;
    pub async fn use_step(id: TotpDeviceId, step: i64, now: Timestamp) -> sqlx::Result<bool>;
    pub async fn rename_device(account_id: AccountId, id: TotpDeviceId, name: &str) -> sqlx::Result<bool>;
    pub async fn delete_device(account_id: AccountId, id: TotpDeviceId) -> sqlx::Result<Option<String>>;
    pub async fn delete_all_devices(account_id: AccountId) -> sqlx::Result<u64>;
    pub async fn insert_enrollment(e: &Enrollment, now: Timestamp) -> sqlx::Result<()>;
    pub async fn find_enrollment(account_id: AccountId, id: TotpEnrollmentId) -> sqlx::Result<Option<Enrollment>>;
    pub async fn newest_open_enrollment(account_id: AccountId, open_after: Timestamp) -> sqlx::Result<Option<TotpEnrollmentId>>;
    pub async fn delete_enrollment(id: TotpEnrollmentId) -> sqlx::Result<bool>;
    pub async fn replace_recovery_codes(account_id: AccountId, digests: &[Vec<u8>], now: Timestamp) -> sqlx::Result<()>;
    pub async fn delete_recovery_codes(account_id: AccountId) -> sqlx::Result<()>;
    pub async fn use_recovery_code(account_id: AccountId, digest: &[u8], now: Timestamp) -> sqlx::Result<bool>;
    pub async fn remaining_recovery_codes(account_id: AccountId) -> sqlx::Result<i64>;
}
