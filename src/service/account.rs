//! The signed-in person's own account.

use crate::app::AppState;
use crate::db::{self, accounts};
use crate::service::sessions::Authenticated;
use crate::service::validate;
use crate::service::{Error, Result};

pub use crate::db::accounts::Account;

pub struct AccountUpdate {
    /// `Some(None)` clears the name; `None` leaves it.
    pub display_name: Option<Option<String>>,
}

pub async fn update(
    state: &AppState,
    auth: &Authenticated,
    update: AccountUpdate,
) -> Result<Account> {
    let mut account = auth.account.clone();
    if let Some(name) = update.display_name {
        let name =
            validate::optional_name("display_name", name.as_deref(), validate::DISPLAY_NAME_MAX)
                .map_err(|e| Error::Validation(vec![e]))?;
        let mut tx = db::begin_immediate(&state.db).await?;
        accounts::set_display_name(&mut tx, account.id, name.as_deref(), state.clock.now()).await?;
        tx.commit().await?;
        account.display_name = name;
    }
    Ok(account)
}
