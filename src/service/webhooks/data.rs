//! The `data` of each event: the resource as the API shows it, plus the id of the
//! account that owns it (`account_id`), which receivers need to provision for it.

use serde_json::{Value, json};

use super::rfc3339;
use crate::db::accounts::Account;
use crate::db::hosting::{Host, Integration, Subscription, SubscriptionStatus};
use crate::ids::AccountId;

pub fn account(a: &Account) -> Value {
    json!({
        "id": a.id,
        "account_id": a.id,
        "email": a.email,
        "email_verified": a.email_verified_at.is_some(),
        "display_name": a.display_name,
        "is_admin": a.is_admin,
        "created_at": rfc3339(a.created_at),
    })
}

/// A subscription; `status` overrides the stored one (a cancelled subscription is
/// stored as being cancelled until its job deletes it).
pub fn subscription(s: &Subscription, status: Option<&str>) -> Value {
    let stored = match s.status {
        SubscriptionStatus::Trialing => "trialing",
        SubscriptionStatus::Expired => "expired",
        SubscriptionStatus::Active | SubscriptionStatus::Cancelling => "active",
    };
    json!({
        "id": s.id,
        "account_id": s.account_id,
        "plan_id": s.plan_id,
        "status": status.unwrap_or(stored),
        "created_at": rfc3339(s.created_at),
        "trial_ends_at": s.trial_ends_at.map(rfc3339),
    })
}

pub fn host(h: &Host) -> Value {
    json!({
        "id": h.id,
        "account_id": h.account_id,
        "name": h.name,
        "domain": h.domain,
        "subscription_id": h.subscription_id,
        "status": "active",
        "created_at": rfc3339(h.created_at),
    })
}

pub fn integration(i: &Integration) -> Value {
    json!({
        "id": i.id,
        "account_id": i.account_id,
        "host_id": i.host_id,
        "kind": i.kind,
        "name": i.name,
        "settings": serde_json::from_str::<Value>(&i.settings).unwrap_or_default(),
        "created_at": rfc3339(i.created_at),
        "updated_at": rfc3339(i.updated_at),
    })
}

/// What a deletion event carries: the id of what went, and its owner.
pub fn deleted(id: impl serde::Serialize, owner: AccountId) -> Value {
    json!({"id": id, "account_id": owner})
}
