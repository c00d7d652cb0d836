//! What operators do: manage users, API tokens for scripts. Every action is an audit
//! event of the account it touches, naming the actor.

mod actions;
mod mail;
mod tokens;
mod users;

pub use actions::*;
pub use mail::*;
pub use tokens::*;
pub use users::*;

pub use crate::service::audit::Actor;

use crate::db::accounts::{self, Account};
use crate::db::admin::{self as store};
use crate::i18n::text;
use crate::ids::AccountId;
use crate::service::{Authenticated, Page};
use crate::service::{Error, Result};
use crate::state::AppState;

/// Admin session: a signed-in admin; anyone else is Forbidden.
pub fn require_admin(auth: Authenticated) -> Result<Actor> {
    if auth.account.is_admin {
        Ok(Actor::Admin(Box::new(auth)))
    } else {
        Err(Error::Forbidden(text("forbidden-admin-needed")))
    }
}

/// The account an action is about, without the counts of its view.
pub(super) async fn account(state: &AppState, id: AccountId) -> Result<Account> {
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    accounts::find(&mut conn, id).await?.ok_or(Error::NotFound)
}

/// The audit trail across accounts, newest first; optionally one account, one type.
pub async fn events(
    state: &AppState,
    account_id: Option<AccountId>,
    kind: Option<&str>,
    page: Page,
) -> Result<(Vec<store::AdminEvent>, Option<crate::ids::AuditEventId>)> {
    let before = page.cursor_id()?;
    let mut conn = state.db.acquire().await.map_err(anyhow::Error::from)?;
    let mut items = store::events(&mut conn, account_id, kind, before, page.limit + 1).await?;
    let next = page.next_cursor(&mut items, |e| e.id);
    Ok((items, next))
}
