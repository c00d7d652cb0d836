//! API tokens for operators' scripts: made, listed, revoked, and the lookup behind a
//! `stw_a_` bearer token.

use serde_json::json;

use crate::clock::Timestamp;
use crate::crypto::{random_token, token_digest};
use crate::db::api_tokens::{self, ApiToken};
use crate::db::{self};
use crate::ids::ApiTokenId;
use crate::service::ClientInfo;
use crate::service::validate::{self};
use crate::service::{Error, Result};
use crate::state::AppState;

use crate::i18n::text;
use crate::service::admin::Actor;
use crate::service::audit::{Kind, record_by};

/// Prefix of admin API tokens.
pub const API_TOKEN_PREFIX: &str = "stw_a_";

/// Finds the live API token behind a bearer token, or `Unauthenticated`.
pub async fn authenticate_token(state: &AppState, token: &str) -> Result<ApiToken> {
    if !token.starts_with(API_TOKEN_PREFIX) {
        return Err(Error::Unauthenticated);
    }
    let now = state.clock.now();
    let mut conn = state.readers.get().await?;
    let found = api_tokens::find_by_hash(&mut conn, &token_digest(token))
        .await?
        .filter(|t| t.revoked_at.is_none() && t.expires_at.is_none_or(|at| at > now))
        .ok_or(Error::Unauthenticated)?;
    drop(conn);
    if found.last_used_at.is_none_or(|at| now.0 - at.0 >= 60) {
        let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
        api_tokens::touch(&mut tx, found.id, now).await?;
        tx.commit().await?;
    }
    Ok(found)
}

/// A new API token and the only copy of its secret.
pub async fn create_api_token(
    state: &AppState,
    actor: &Actor,
    name: &str,
    expires_at: Option<Timestamp>,
    client: &ClientInfo,
) -> Result<(ApiToken, String)> {
    let name = validate::optional_name("name", Some(name), validate::DISPLAY_NAME_MAX)
        .map_err(|e| Error::Validation(vec![e]))?
        .ok_or_else(|| Error::field("name", text("invalid-token-name")))?;
    let now = state.clock.now();
    if expires_at.is_some_and(|at| at <= now) {
        return Err(Error::field("expires_at", text("invalid-expiry-past")));
    }
    let secret = random_token(API_TOKEN_PREFIX);
    let token = ApiToken {
        id: ApiTokenId::new(),
        name,
        created_by: actor.account_id(),
        created_at: now,
        expires_at,
        last_used_at: None,
        revoked_at: None,
    };
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    api_tokens::insert(&mut tx, &token, &token_digest(&secret)).await?;
    record_by(
        &mut tx,
        now,
        None,
        Kind::AdminApiTokenCreated,
        actor,
        client,
        json!({"token": token.name}),
    )
    .await?;
    tx.commit().await?;
    Ok((token, secret))
}

pub async fn api_tokens(state: &AppState) -> Result<Vec<ApiToken>> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    Ok(api_tokens::list(&mut conn).await?)
}

pub async fn revoke_api_token(
    state: &AppState,
    actor: &Actor,
    id: ApiTokenId,
    client: &ClientInfo,
) -> Result<()> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    if !api_tokens::revoke(&mut tx, id, now).await? {
        return Err(Error::NotFound);
    }
    record_by(
        &mut tx,
        now,
        None,
        Kind::AdminApiTokenRevoked,
        actor,
        client,
        json!({"token_id": id}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
