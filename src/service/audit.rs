//! The audit trail: one row per security-relevant event, written in the transaction of
//! the change it records, by the account itself or by an operator. The one writer of
//! audit rows.

use serde_json::{Value, json};

use crate::clock::Timestamp;
use crate::db;
use crate::db::api_tokens::ApiToken;
use crate::db::audit::{self, NewEvent};
use crate::ids::AccountId;
use crate::service::{Authenticated, ClientInfo};
use steward_store::text_enum;

text_enum! {
    /// Event types: stable strings that clients and admins filter on.
    pub enum Kind {
        Registered = "account.registered",
        EmailVerified = "email.verified",
        SignInSucceeded = "sign_in.succeeded",
        SignInFailed = "sign_in.failed",
        SignInLocked = "sign_in.locked",
        SignedOut = "session.signed_out",
        SessionRevoked = "session.revoked",
        Reauthenticated = "session.reauthenticated",
        PasswordChanged = "password.changed",
        PasswordResetRequested = "password.reset_requested",
        PasswordReset = "password.reset",
        PasswordSetByLink = "password.set_by_link",
        TotpAdded = "two_factor.device_added",
        TotpRenamed = "two_factor.device_renamed",
        TotpRemoved = "two_factor.device_removed",
        RecoveryCodesRegenerated = "two_factor.recovery_codes_regenerated",
        RecoveryCodeUsed = "two_factor.recovery_code_used",
        PasskeyAdded = "passkey.added",
        PasskeyRenamed = "passkey.renamed",
        PasskeyRemoved = "passkey.removed",
        PasskeyUsed = "passkey.used",
        EmailChangeRequested = "email.change_requested",
        EmailChangeCancelled = "email.change_cancelled",
        EmailChanged = "email.changed",
        AccountDeletionRequested = "account.deletion_requested",
        AccountDeleted = "account.deleted",
        TermsAccepted = "terms.accepted",
        AdminUserCreated = "admin.user_created",
        AdminUserUpdated = "admin.user_updated",
        AdminUserDeactivated = "admin.user_deactivated",
        AdminUserReactivated = "admin.user_reactivated",
        AdminPasswordSet = "admin.password_set",
        AdminPasswordLinkSent = "admin.password_link_sent",
        AdminUnlocked = "admin.unlocked",
        AdminSessionsRevoked = "admin.sessions_revoked",
        AdminTwoFactorRemoved = "admin.two_factor_removed",
        AdminUserDeletionRequested = "admin.user_deletion_requested",
        AdminApiTokenCreated = "admin.api_token_created",
        AdminApiTokenRevoked = "admin.api_token_revoked",
        AdminEmailRetried = "admin.email_retried",
        AdminWebhookCreated = "admin.webhook_created",
        AdminWebhookUpdated = "admin.webhook_updated",
        AdminWebhookDeleted = "admin.webhook_deleted",
        AdminWebhookSecretRotated = "admin.webhook_secret_rotated",
        AdminWebhookTested = "admin.webhook_tested",
        AdminWebhookDeliveryRetried = "admin.webhook_delivery_retried",
        /// A receiver answered 410 Gone: its endpoint was turned off.
        WebhookDisabled = "webhook.disabled",
    }
}

/// Who did what an event records.
#[derive(Debug, Clone)]
pub enum Actor {
    /// The account the event belongs to, itself.
    Owner,
    /// An admin signed in (session or the admin page).
    Admin(Box<Authenticated>),
    /// A script with an API token.
    Token(ApiToken),
    /// The person at the console (`steward user …`).
    Console,
}

impl Actor {
    /// The account that acted, when another account did.
    pub fn account_id(&self) -> Option<AccountId> {
        match self {
            Actor::Owner | Actor::Console => None,
            Actor::Admin(auth) => Some(auth.account.id),
            Actor::Token(token) => token.created_by,
        }
    }

    /// How the event's detail names an operator (`"by"`); nothing for the owner.
    fn describe(&self) -> Option<Value> {
        match self {
            Actor::Owner => None,
            Actor::Admin(auth) => Some(json!({"admin": auth.account.email})),
            Actor::Token(token) => Some(json!({"api_token": token.name, "api_token_id": token.id})),
            Actor::Console => Some(json!({"console": true})),
        }
    }
}

/// Records an event of `account_id`, done by the account itself from `client`.
pub async fn record(
    conn: &mut db::Conn,
    now: Timestamp,
    account_id: AccountId,
    kind: Kind,
    client: &ClientInfo,
    detail: Value,
) -> anyhow::Result<()> {
    record_by(
        conn,
        now,
        Some(account_id),
        kind,
        &Actor::Owner,
        client,
        detail,
    )
    .await
}

/// Records an event of `account_id` (none: of the server, such as a new API token), done
/// by `actor` from `client`; an operator is named in the detail's `"by"`.
pub async fn record_by(
    conn: &mut db::Conn,
    now: Timestamp,
    account_id: Option<AccountId>,
    kind: Kind,
    actor: &Actor,
    client: &ClientInfo,
    mut detail: Value,
) -> anyhow::Result<()> {
    if let (Value::Object(map), Some(by)) = (&mut detail, actor.describe()) {
        map.insert("by".into(), by);
    }
    let detail = serde_json::to_string(&detail)?;
    audit::insert(
        conn,
        &NewEvent {
            account_id,
            actor_id: actor.account_id(),
            kind: kind.as_str(),
            at: now,
            ip: client.ip.as_deref(),
            user_agent: client.user_agent.as_deref(),
            detail: &detail,
        },
    )
    .await?;
    Ok(())
}
