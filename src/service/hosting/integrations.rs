//! Integrations on a person's hosts: their kind, name and settings (JSON), each one
//! recorded for webhooks in the transaction that changes it.

use serde_json::Value;

use super::{KIND_MAX, SETTINGS_MAX_BYTES, required_name};
use crate::db::hosting::{self, Integration};
use crate::db::{self};
use crate::i18n::text;
use crate::ids::{HostId, IntegrationId};
use crate::service::validate::{self, Checks};
use crate::service::webhooks::{self, EventType};
use crate::service::{Authenticated, Page};
use crate::service::{Error, Result};
use crate::state::AppState;

pub struct IntegrationInput {
    pub kind: Option<String>,
    pub name: Option<String>,
    pub settings: Option<Value>,
}

pub async fn create_integration(
    state: &AppState,
    auth: &Authenticated,
    host_id: HostId,
    input: IntegrationInput,
) -> Result<Integration> {
    let mut checks = Checks::default();
    let kind = checks.check(kind("kind", input.kind.as_deref().unwrap_or_default()));
    let name = checks.check(required_name(
        "name",
        input.name.as_deref().unwrap_or_default(),
    ));
    let settings = checks.check(settings(
        "settings",
        input.settings.unwrap_or(Value::Object(Default::default())),
    ));
    let (kind, name, settings) = checks.finish(|| Some((kind?, name?, settings?)))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    hosting::find_host(&mut tx, auth.account.id, host_id)
        .await?
        .ok_or(Error::NotFound)?;
    let integration = Integration {
        id: IntegrationId::new(),
        account_id: auth.account.id,
        host_id,
        kind,
        name,
        settings,
        created_at: now,
        updated_at: now,
    };
    hosting::insert_integration(&mut tx, &integration).await?;
    let data = webhooks::integration(&integration);
    webhooks::record(&mut tx, now, EventType::IntegrationCreated, data).await?;
    tx.commit().await?;
    Ok(integration)
}

pub async fn integrations(
    state: &AppState,
    auth: &Authenticated,
    host_id: HostId,
    page: Page,
) -> Result<(Vec<Integration>, Option<IntegrationId>)> {
    let before = page.cursor_id()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    hosting::find_host(&mut conn, auth.account.id, host_id)
        .await?
        .ok_or(Error::NotFound)?;
    let mut items =
        hosting::list_integrations(&mut conn, auth.account.id, host_id, before, page.limit + 1)
            .await?;
    let next = page.next_cursor(&mut items, |i| i.id);
    Ok((items, next))
}

pub async fn integration(
    state: &AppState,
    auth: &Authenticated,
    id: IntegrationId,
) -> Result<Integration> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    hosting::find_integration(&mut conn, auth.account.id, id)
        .await?
        .ok_or(Error::NotFound)
}

pub async fn update_integration(
    state: &AppState,
    auth: &Authenticated,
    id: IntegrationId,
    input: IntegrationInput,
) -> Result<Integration> {
    let mut checks = Checks::default();
    let name = checks.check(
        input
            .name
            .as_deref()
            .map(|n| required_name("name", n))
            .transpose(),
    );
    let settings = checks.check(input.settings.map(|s| settings("settings", s)).transpose());
    if input.kind.is_some() {
        checks.add("kind", text("invalid-kind-fixed"));
    }
    let (name, settings) = checks.finish(|| Some((name?, settings?)))?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    let mut integration = hosting::find_integration(&mut tx, auth.account.id, id)
        .await?
        .ok_or(Error::NotFound)?;
    if let Some(name) = name {
        integration.name = name;
    }
    if let Some(settings) = settings {
        integration.settings = settings;
    }
    integration.updated_at = now;
    hosting::update_integration(&mut tx, id, &integration.name, &integration.settings, now).await?;
    let data = webhooks::integration(&integration);
    webhooks::record(&mut tx, now, EventType::IntegrationUpdated, data).await?;
    tx.commit().await?;
    Ok(integration)
}

pub async fn delete_integration(
    state: &AppState,
    auth: &Authenticated,
    id: IntegrationId,
) -> Result<()> {
    let mut tx = db::begin_write(&state.db, db::Lock::Account(auth.account.id)).await?;
    if !hosting::delete_integration(&mut tx, auth.account.id, id).await? {
        return Err(Error::NotFound);
    }
    let data = webhooks::deleted(id, auth.account.id);
    webhooks::record(
        &mut tx,
        state.clock.now(),
        EventType::IntegrationDeleted,
        data,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn kind(field: &str, raw: &str) -> std::result::Result<String, validate::FieldError> {
    let ok = !raw.is_empty()
        && raw.len() <= KIND_MAX
        && raw
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(validate::FieldError::new(field, text("invalid-kind")))
    }
}

fn settings(field: &str, value: Value) -> std::result::Result<String, validate::FieldError> {
    if !value.is_object() {
        return Err(validate::FieldError::new(
            field,
            text("invalid-settings-object"),
        ));
    }
    let json = value.to_string();
    if json.len() > SETTINGS_MAX_BYTES {
        return Err(validate::FieldError::new(
            field,
            text("invalid-settings-too-large"),
        ));
    }
    Ok(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_objects_of_at_most_16_kib() {
        assert!(settings("s", serde_json::json!({"a": 1})).is_ok());
        assert!(settings("s", serde_json::json!([1])).is_err());
        assert!(settings("s", serde_json::json!({"a": "x".repeat(16 * 1024)})).is_err());
    }
}
