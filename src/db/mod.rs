//! Storage: the connection pool, migrations, and the query functions per table family.
//!
//! The SQL itself lives in a crate per backend (`steward-sqlite`, `steward-postgres`),
//! the types it reads and writes in `steward-store`; the modules here declare each query
//! function once and pass the call to the backend of the connection (`backend`). They
//! take `&mut Conn`, so a pooled connection and a transaction both work. Writes go
//! through [`begin_write`], which names what each one relies on ([`Lock`]).

mod backend;
mod pool;
mod postgres;
mod session_cache;
mod sqlite;

pub(crate) use backend::dispatch;
pub use backend::{Backend, Conn, Connection};
pub use pool::{
    Lock, Pool, PoolConn, Reader, Readers, Tx, backup_into, begin_write, connect, is_ready,
    lock_account, migrate,
};

pub mod accounts;
pub mod admin;
pub mod api_tokens;
pub mod audit;
pub mod copy;
pub mod email_tokens;
pub mod hosting;
pub mod instances;
pub mod metrics;
pub mod mfa;
pub mod outbox;
pub mod passkeys;
pub mod password_links;
pub mod password_resets;
pub mod purge;
pub mod seal;
pub mod sessions;
pub mod throttle;
pub mod totp;
pub mod webhooks;

/// Rung when a job is queued; each worker listens on its own receiver. On SQLite the
/// database's update hook rings it; on PostgreSQL a listener on apalis' `NOTIFY`
/// channel does, for jobs queued by any instance.
#[derive(Debug, Clone)]
pub struct JobBell(std::sync::Arc<tokio::sync::watch::Sender<()>>);

impl JobBell {
    pub fn new() -> Self {
        Self(std::sync::Arc::new(tokio::sync::watch::Sender::new(())))
    }

    pub fn ring(&self) {
        self.0.send_replace(());
    }

    /// A receiver that sees the rings from now on (several rings before it looks count
    /// as one).
    pub fn listen(&self) -> tokio::sync::watch::Receiver<()> {
        self.0.subscribe()
    }
}

impl Default for JobBell {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether an error is a unique-constraint violation.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}
