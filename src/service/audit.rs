//! The audit trail: one row per security-relevant event, written in the transaction of
//! the change it records.

use serde_json::Value;
use sqlx::SqliteConnection;

use crate::clock::Timestamp;
use crate::db::audit::{self, NewEvent};
use crate::ids::AccountId;
use crate::service::sessions::ClientInfo;

/// Event types: stable strings that clients and admins filter on.
pub mod kind {
    pub const REGISTERED: &str = "account.registered";
    pub const EMAIL_VERIFIED: &str = "email.verified";
    pub const SIGN_IN_SUCCEEDED: &str = "sign_in.succeeded";
    pub const SIGN_IN_FAILED: &str = "sign_in.failed";
    pub const SIGN_IN_LOCKED: &str = "sign_in.locked";
    pub const SIGNED_OUT: &str = "session.signed_out";
    pub const SESSION_REVOKED: &str = "session.revoked";
    pub const REAUTHENTICATED: &str = "session.reauthenticated";
    pub const PASSWORD_CHANGED: &str = "password.changed";
    pub const PASSWORD_RESET_REQUESTED: &str = "password.reset_requested";
    pub const PASSWORD_RESET: &str = "password.reset";
    pub const PASSWORD_SET_BY_LINK: &str = "password.set_by_link";
    pub const TOTP_ADDED: &str = "two_factor.device_added";
    pub const TOTP_RENAMED: &str = "two_factor.device_renamed";
    pub const TOTP_REMOVED: &str = "two_factor.device_removed";
    pub const RECOVERY_CODES_REGENERATED: &str = "two_factor.recovery_codes_regenerated";
    pub const RECOVERY_CODE_USED: &str = "two_factor.recovery_code_used";
    pub const EMAIL_CHANGE_REQUESTED: &str = "email.change_requested";
    pub const EMAIL_CHANGE_CANCELLED: &str = "email.change_cancelled";
    pub const EMAIL_CHANGED: &str = "email.changed";
    pub const ACCOUNT_DELETION_REQUESTED: &str = "account.deletion_requested";
    pub const ACCOUNT_DELETED: &str = "account.deleted";
    pub const TERMS_ACCEPTED: &str = "terms.accepted";
}

/// Records an event of `account_id`, done by the account itself from `client`.
pub async fn record(
    conn: &mut SqliteConnection,
    now: Timestamp,
    account_id: AccountId,
    kind: &str,
    client: &ClientInfo,
    detail: Value,
) -> anyhow::Result<()> {
    let detail = serde_json::to_string(&detail)?;
    audit::insert(
        conn,
        &NewEvent {
            account_id: Some(account_id),
            actor_id: None,
            kind,
            at: now,
            ip: client.ip.as_deref(),
            user_agent: client.user_agent.as_deref(),
            detail: &detail,
        },
    )
    .await?;
    Ok(())
}
