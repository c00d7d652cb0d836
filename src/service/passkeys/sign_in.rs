//! Signing in with a passkey alone (discoverable credentials): no email, no password.

use serde_json::Value;
use webauthn_rs::prelude::{DiscoverableAuthentication, PublicKeyCredential};

use crate::db::accounts::{self, AccountStatus};
use crate::db::passkeys::{self as store, Purpose};
use crate::db::{self};
use crate::ids::{AccountId, PasskeyChallengeId};
use crate::service::passkeys::{
    Started, credential, internal, record_use, relying_party, save_ceremony,
};
use crate::service::sessions::{self, NewSessionToken};
use crate::service::throttle;
use crate::service::validate;
use crate::service::{ClientInfo, Error, Result};
use crate::state::AppState;

/// Options for `navigator.credentials.get` that let the person pick any passkey of
/// theirs for this site.
pub async fn begin(state: &AppState) -> Result<Started> {
    let rp = relying_party(state)?;
    let (rcr, ceremony) = rp.start_discoverable_authentication().map_err(internal)?;
    let options = serde_json::to_value(&rcr.public_key).map_err(internal)?;
    let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
    let started = save_ceremony(
        state,
        &mut tx,
        None,
        Purpose::SignIn,
        None,
        options,
        &ceremony,
    )
    .await?;
    tx.commit().await?;
    Ok(started)
}

/// Signs in with the browser's answer to [`begin`]'s options. Every refusal answers
/// `PasskeyRejected`; a wrong answer for a known account counts toward its lockout.
pub async fn complete(
    state: &AppState,
    id: PasskeyChallengeId,
    answer: &Value,
    device_name: Option<&str>,
    client: &ClientInfo,
) -> Result<NewSessionToken> {
    let rp = relying_party(state)?;
    let device_name =
        validate::optional_name("device_name", device_name, validate::DEVICE_NAME_MAX)
            .map_err(|e| Error::Validation(vec![e]))?;
    let answer: PublicKeyCredential =
        serde_json::from_value(answer.clone()).map_err(|_| Error::InvalidPasskey)?;
    let now = state.clock.now();
    // Taken in its own transaction: whatever the answer, this ceremony is over (a
    // replayed answer finds nothing).
    let ceremony = {
        let mut tx = db::begin_write(&state.db, db::Lock::Rows).await?;
        let row = store::take_challenge(&mut tx, id, Purpose::SignIn, None).await?;
        tx.commit().await?;
        row.ok_or(Error::PasskeyRejected)?
    };
    if ceremony.expires_at <= now {
        return Err(Error::PasskeyRejected);
    }
    let ceremony: DiscoverableAuthentication =
        serde_json::from_str(&ceremony.state).map_err(internal)?;
    let (user, credential_id) = rp
        .identify_discoverable_authentication(&answer)
        .map_err(|_| Error::PasskeyRejected)?;
    let (row, account) = {
        let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
        let row = store::find_by_credential(&mut conn, credential_id)
            .await?
            .filter(|row| row.account_id == AccountId(user))
            .ok_or(Error::PasskeyRejected)?;
        let account = accounts::find(&mut conn, row.account_id)
            .await?
            .ok_or(Error::PasskeyRejected)?;
        (row, account)
    };
    throttle::check(state, &account.email).await?;
    let key = credential(&row)?;
    let result = match rp.finish_discoverable_authentication_v2(&answer, ceremony, &key) {
        Ok(result) => result,
        Err(e) => {
            tracing::info!(error = %e, "passkey sign-in refused");
            sessions::failed_attempt(state, &account.email, Some(&account), client, "passkey")
                .await?;
            return Err(Error::PasskeyRejected);
        }
    };
    match account.status {
        AccountStatus::Active => {}
        AccountStatus::Deactivated => return Err(Error::AccountDeactivated),
        AccountStatus::Deleting => return Err(Error::PasskeyRejected),
    }
    if account.email_verified_at.is_none() {
        return Err(Error::EmailNotVerified);
    }
    let mut tx = db::begin_write(&state.db, db::Lock::Account(account.id)).await?;
    record_use(state, &mut tx, &row, &result, client, "sign_in").await?;
    let created =
        sessions::create_session(state, &mut tx, &account, device_name.as_deref(), client).await?;
    tx.commit().await?;
    Ok(created)
}
