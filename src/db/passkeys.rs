//! The passkeys and passkey_challenges tables: registered WebAuthn credentials and the
//! ceremonies under way.

use crate::clock::Timestamp;
use crate::ids::{AccountId, PasskeyChallengeId, PasskeyId};
pub use steward_store::passkeys::*;

crate::db::dispatch! { passkeys;
    pub async fn insert(p: &NewPasskey<'_>) -> sqlx::Result<()>;
    pub async fn list(account_id: AccountId) -> sqlx::Result<Vec<Passkey>>;
    pub async fn find_by_credential(credential_id: &[u8]) -> sqlx::Result<Option<Passkey>>;
    pub async fn count(account_id: AccountId) -> sqlx::Result<i64>;
    pub async fn record_use(id: PasskeyId, passkey: &str, sign_count: i64, backup_state: bool, now: Timestamp) -> sqlx::Result<()>;
    pub async fn rename(account_id: AccountId, id: PasskeyId, name: &str) -> sqlx::Result<bool>;
    pub async fn delete(account_id: AccountId, id: PasskeyId) -> sqlx::Result<Option<String>>;
    pub async fn delete_all(account_id: AccountId) -> sqlx::Result<u64>;
    pub async fn insert_challenge(c: &Challenge, now: Timestamp) -> sqlx::Result<()>;
    pub async fn take_challenge(id: PasskeyChallengeId, purpose: Purpose, account_id: Option<AccountId>) -> sqlx::Result<Option<Challenge>>;
    pub async fn take_by_challenge(challenge: &str) -> sqlx::Result<Option<Challenge>>;
    pub async fn purge(now: Timestamp) -> sqlx::Result<u64>;
}
