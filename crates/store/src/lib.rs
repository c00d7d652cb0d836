//! What Steward stores, as Rust types: ids, timestamps, statuses and the rows each
//! table family reads and writes. Shared by the SQL of every backend (`steward-sqlite`)
//! and by the binary, which sees them through `steward::db`. No SQL here.

pub mod ids;
pub mod text_enum;
mod timestamp;

pub mod accounts;
pub mod admin;
pub mod api_tokens;
pub mod audit;
pub mod email_tokens;
pub mod hosting;
pub mod metrics;
pub mod mfa;
pub mod outbox;
pub mod passkeys;
pub mod password_links;
pub mod password_resets;
pub mod purge;
pub mod sessions;
pub mod totp;
pub mod webhooks;

pub use timestamp::Timestamp;

/// For [`text_enum!`]: the crates its expansion names, so that a crate using the macro
/// needs neither.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use sqlx;
}
