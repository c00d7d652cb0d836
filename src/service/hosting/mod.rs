//! Subscriptions to plans, hosts under them, integrations on hosts. An account sees only
//! its own: another account's id is NotFound. Deleting a subscription or a host is a job.

use time::Duration;

use crate::config::PlanConfig;
use crate::db::hosting::{self, Host, HostStatus, Subscription, SubscriptionStatus};
use crate::db::{self};
use crate::i18n::text;
use crate::ids::{HostId, SubscriptionId};
use crate::jobs::queue::{self, Deletion};
use crate::service::validate::{self, Checks};
use crate::service::webhooks::{self, EventType};
use crate::service::{Authenticated, Page};
use crate::service::{Error, Result};
use crate::state::AppState;

mod integrations;
pub use integrations::*;

pub const SETTINGS_MAX_BYTES: usize = 16 * 1024;
pub const KIND_MAX: usize = 50;

/// The plan catalog, from the config.
pub fn plans(state: &AppState) -> &[PlanConfig] {
    &state.config.plans
}

pub async fn create_subscription(
    state: &AppState,
    auth: &Authenticated,
    plan_id: &str,
) -> Result<Subscription> {
    let plan = plans(state)
        .iter()
        .find(|p| p.id == plan_id)
        .ok_or_else(|| Error::field("plan_id", text("invalid-plan")))?;
    let now = state.clock.now();
    let trial = plan.trial_days > 0;
    let subscription = Subscription {
        id: SubscriptionId::new(),
        account_id: auth.account.id,
        plan_id: plan.id.clone(),
        status: if trial {
            SubscriptionStatus::Trialing
        } else {
            SubscriptionStatus::Active
        },
        created_at: now,
        trial_ends_at: trial.then(|| now.plus(Duration::days(i64::from(plan.trial_days)))),
    };
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    hosting::insert_subscription(&mut tx, &subscription).await?;
    let data = webhooks::subscription(&subscription, None);
    webhooks::record(&mut tx, now, EventType::SubscriptionCreated, data).await?;
    tx.commit().await?;
    Ok(subscription)
}

/// Ends the trials that are over (maintenance); returns how many.
pub async fn expire_trials(state: &AppState) -> anyhow::Result<usize> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Global).await?;
    let expired = hosting::expire_trials(&mut tx, now).await?;
    for subscription in &expired {
        let data = webhooks::subscription(subscription, None);
        webhooks::record(&mut tx, now, EventType::SubscriptionExpired, data).await?;
    }
    tx.commit().await?;
    Ok(expired.len())
}

pub async fn subscriptions(
    state: &AppState,
    auth: &Authenticated,
    page: Page,
) -> Result<(Vec<Subscription>, Option<SubscriptionId>)> {
    let before = page.cursor_id()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let mut items =
        hosting::list_subscriptions(&mut conn, auth.account.id, before, page.limit + 1).await?;
    let next = page.next_cursor(&mut items, |s| s.id);
    Ok((items, next))
}

pub async fn subscription(
    state: &AppState,
    auth: &Authenticated,
    id: SubscriptionId,
) -> Result<Subscription> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    hosting::find_subscription(&mut conn, auth.account.id, id)
        .await?
        .ok_or(Error::NotFound)
}

/// Cancels a subscription: marks it and enqueues the job that deletes its hosts and
/// their integrations, then the subscription itself.
pub async fn cancel_subscription(
    state: &AppState,
    auth: &Authenticated,
    id: SubscriptionId,
) -> Result<()> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    let subscription = hosting::find_subscription(&mut tx, auth.account.id, id)
        .await?
        .ok_or(Error::NotFound)?;
    webhooks::record_hosts_going(&mut tx, now, auth.account.id, Some(id)).await?;
    if hosting::mark_cancelling(&mut tx, auth.account.id, id, now).await? {
        queue::enqueue_deletion(&mut tx, Deletion::CancelSubscription(id)).await?;
        let data = webhooks::subscription(&subscription, Some("cancelled"));
        webhooks::record(&mut tx, now, EventType::SubscriptionCancelled, data).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub struct NewHost {
    pub subscription_id: SubscriptionId,
    pub name: String,
    pub domain: Option<String>,
}

pub async fn create_host(state: &AppState, auth: &Authenticated, input: NewHost) -> Result<Host> {
    let mut checks = Checks::default();
    let name = checks.check(required_name("name", &input.name));
    let domain = checks.check(match input.domain.as_deref() {
        Some(d) => hostname("domain", d),
        None => Ok(None),
    });
    let (name, domain) = checks.finish(|| Some((name?, domain?)))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    let subscription = hosting::find_subscription(&mut tx, auth.account.id, input.subscription_id)
        .await?
        .ok_or_else(|| Error::field("subscription_id", text("invalid-subscription")))?;
    if !matches!(
        subscription.status,
        SubscriptionStatus::Active | SubscriptionStatus::Trialing
    ) {
        return Err(Error::SubscriptionInactive);
    }
    let max = plans(state)
        .iter()
        .find(|p| p.id == subscription.plan_id)
        .map_or(0, |p| i64::from(p.max_hosts));
    if hosting::count_hosts(&mut tx, subscription.id).await? >= max {
        return Err(Error::PlanLimitReached { max_hosts: max });
    }
    let host = Host {
        id: HostId::new(),
        account_id: auth.account.id,
        subscription_id: subscription.id,
        name,
        domain,
        status: HostStatus::Active,
        created_at: now,
    };
    match hosting::insert_host(&mut tx, &host).await {
        Ok(()) => {}
        Err(e) if db::is_unique_violation(&e) => return Err(Error::DomainTaken),
        Err(e) => return Err(e.into()),
    }
    webhooks::record(&mut tx, now, EventType::HostCreated, webhooks::host(&host)).await?;
    tx.commit().await?;
    Ok(host)
}

/// How many subscriptions, hosts and integrations the account holds: what deleting it
/// takes with it.
pub async fn holdings(state: &AppState, auth: &Authenticated) -> Result<hosting::Holdings> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    Ok(hosting::holdings(&mut conn, auth.account.id).await?)
}

pub async fn hosts(
    state: &AppState,
    auth: &Authenticated,
    page: Page,
) -> Result<(Vec<Host>, Option<HostId>)> {
    let before = page.cursor_id()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let mut items = hosting::list_hosts(&mut conn, auth.account.id, before, page.limit + 1).await?;
    let next = page.next_cursor(&mut items, |h| h.id);
    Ok((items, next))
}

pub async fn host(state: &AppState, auth: &Authenticated, id: HostId) -> Result<Host> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    hosting::find_host(&mut conn, auth.account.id, id)
        .await?
        .ok_or(Error::NotFound)
}

pub struct HostUpdate {
    pub name: Option<String>,
    /// `Some(None)` removes the domain.
    pub domain: Option<Option<String>>,
}

pub async fn update_host(
    state: &AppState,
    auth: &Authenticated,
    id: HostId,
    update: HostUpdate,
) -> Result<Host> {
    let mut checks = Checks::default();
    let name = update
        .name
        .as_deref()
        .map(|n| required_name("name", n))
        .transpose();
    let name = checks.check(name);
    // None: keep; Some(None): remove; Some(Some(d)): set
    let domain = checks.check(match update.domain {
        None => Ok(None),
        Some(None) => Ok(Some(None)),
        Some(Some(d)) => hostname("domain", &d).map(Some),
    });
    let (name, domain) = checks.finish(|| Some((name?, domain?)))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    let mut host = hosting::find_host(&mut tx, auth.account.id, id)
        .await?
        .ok_or(Error::NotFound)?;
    if let Some(name) = name {
        host.name = name;
    }
    if let Some(domain) = domain {
        host.domain = domain;
    }
    match hosting::update_host(&mut tx, id, &host.name, host.domain.as_deref(), now).await {
        Ok(()) => {}
        Err(e) if db::is_unique_violation(&e) => return Err(Error::DomainTaken),
        Err(e) => return Err(e.into()),
    }
    webhooks::record(&mut tx, now, EventType::HostUpdated, webhooks::host(&host)).await?;
    tx.commit().await?;
    Ok(host)
}

/// Deletes a host: marks it and enqueues the job that deletes its integrations and then it.
pub async fn delete_host(state: &AppState, auth: &Authenticated, id: HostId) -> Result<()> {
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    if hosting::find_host(&mut tx, auth.account.id, id)
        .await?
        .is_none()
    {
        return Err(Error::NotFound);
    }
    if hosting::mark_host_deleting(&mut tx, auth.account.id, id).await? {
        queue::enqueue_deletion(&mut tx, Deletion::DeleteHost(id)).await?;
        webhooks::record_host_going(&mut tx, state.clock.now(), auth.account.id, id).await?;
    }
    tx.commit().await?;
    Ok(())
}

fn required_name(field: &str, raw: &str) -> std::result::Result<String, validate::FieldError> {
    validate::optional_name(field, Some(raw), validate::DISPLAY_NAME_MAX)?
        .ok_or_else(|| validate::FieldError::new(field, text("invalid-name-empty")))
}

/// A domain as hosts use it: lowercase letters, digits and hyphens in dot-separated
/// labels of 1 to 63 characters, 253 in all, at least two labels, no trailing dot.
pub fn hostname(
    field: &str,
    raw: &str,
) -> std::result::Result<Option<String>, validate::FieldError> {
    let domain = raw.trim().trim_end_matches('.').to_ascii_lowercase();
    if domain.is_empty() {
        return Ok(None);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld_ok = labels
        .last()
        .is_some_and(|t| !t.chars().all(|c| c.is_ascii_digit()));
    if domain.len() > 253 || labels.len() < 2 || !labels.iter().all(label_ok) || !tld_ok {
        return Err(validate::FieldError::new(field, text("invalid-domain")));
    }
    Ok(Some(domain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames() {
        assert_eq!(
            hostname("d", " Matrix.Example.ORG. ").unwrap().as_deref(),
            Some("matrix.example.org")
        );
        assert_eq!(
            hostname("d", "xn--bcher-kva.example").unwrap().as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert_eq!(hostname("d", "").unwrap(), None);
        for bad in [
            "localhost",
            "-a.example.org",
            "a-.example.org",
            "a..b.org",
            "a_b.example.org",
            "bücher.example",
            "10.0.0.1",
            &format!("{}.org", "a".repeat(64)),
        ] {
            assert!(hostname("d", bad).is_err(), "{bad:?} accepted");
        }
    }
}
