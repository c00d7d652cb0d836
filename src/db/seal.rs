//! The server key's seal (see `state::check_server_key`).

use crate::clock::Timestamp;

crate::db::dispatch! { seal;
    pub async fn find() -> sqlx::Result<Option<Vec<u8>>>;
    pub async fn insert(sealed: &[u8], now: Timestamp) -> sqlx::Result<()>;
}
