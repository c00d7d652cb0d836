//! The sessions table: one row per signed-in device, found by the digest of its token.

use crate::clock::Timestamp;
use crate::db::accounts::{Account, AccountFacts};
use crate::ids::{AccountId, SessionId};
pub use steward_store::sessions::*;

crate::db::dispatch! { sessions;
    pub async fn insert(new: &NewSession<'_>) -> sqlx::Result<()>;
    pub async fn find_with_account(token_hash: &[u8], now: Timestamp) -> sqlx::Result<Option<(Session, Account, AccountFacts)>>;
    pub async fn list_live(account_id: AccountId, now: Timestamp, idle_cutoff: Timestamp, before: Option<SessionId>, limit: i64) -> sqlx::Result<Vec<Session>>;
    pub async fn touch(id: SessionId, now: Timestamp, ip: Option<&str>, user_agent: Option<&str>) -> sqlx::Result<()>;
    pub async fn set_elevated(id: SessionId, until: Timestamp) -> sqlx::Result<()>;
    pub async fn delete_all(account_id: AccountId) -> sqlx::Result<u64>;
    pub async fn delete(account_id: AccountId, id: SessionId) -> sqlx::Result<bool>;
    pub async fn delete_others(account_id: AccountId, keep: SessionId) -> sqlx::Result<u64>;
}

/// [`find_with_account`] for a request: on the [`Readers`](crate::db::Readers); on
/// SQLite answered from memory while nothing was committed since the same lookup
/// (`session_cache`), on PostgreSQL batched with the lookups of other requests.
pub async fn find_for_request(
    readers: &crate::db::Readers,
    token_hash: &[u8],
    now: Timestamp,
) -> anyhow::Result<Option<(Session, Account, AccountFacts)>> {
    match readers {
        crate::db::Readers::Postgres(_, lookups) => lookups.find(token_hash, now).await,
        crate::db::Readers::Sqlite(_, cache) => {
            let stamp = cache.stamp();
            if let Some(found) = stamp.and_then(|stamp| cache.get(stamp, token_hash)) {
                return Ok(Some(found));
            }
            let mut conn = readers.get().await?;
            let found = find_with_account(&mut conn, token_hash, now).await?;
            if let (Some(stamp), Some(found)) = (stamp, &found) {
                cache.put(stamp, token_hash, found);
            }
            Ok(found)
        }
    }
}
