//! What a request brings to the service, whatever door it came in by (the API, a page or
//! a console command): where it came from, who is signed in (and whether recently
//! enough for a sensitive action), which page of a list.

use crate::db::accounts::{Account, AccountFacts};
use crate::db::sessions::Session;
use crate::i18n::text;
use crate::service::Error;
use crate::state::AppState;

/// Where a request came from, recorded on the session it creates or uses.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// A request's live session and its account.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub session: Session,
    pub account: Account,
    pub facts: AccountFacts,
}

/// A page request of a list: how many items, and where the previous page ended.
#[derive(Debug, Clone)]
pub struct Page {
    pub limit: i64,
    pub cursor: Option<String>,
}

impl Page {
    pub const DEFAULT_LIMIT: i64 = 50;
    pub const MAX_LIMIT: i64 = 200;

    pub fn new(limit: Option<u32>, cursor: Option<String>) -> Self {
        Self {
            limit: limit
                .map_or(Self::DEFAULT_LIMIT, i64::from)
                .clamp(1, Self::MAX_LIMIT),
            cursor: cursor.filter(|c| !c.is_empty()),
        }
    }

    /// The cursor as the id it encodes (lists page by descending id).
    pub fn cursor_id<T: std::str::FromStr>(&self) -> Result<Option<T>, Error> {
        match self.cursor.as_deref() {
            None => Ok(None),
            Some(c) => c
                .parse()
                .map(Some)
                .map_err(|_| Error::field("cursor", text("invalid-cursor"))),
        }
    }

    /// Trims a `limit + 1` fetch to the page and returns the next page's cursor.
    pub fn next_cursor<T, Id>(&self, items: &mut Vec<T>, id: impl Fn(&T) -> Id) -> Option<Id> {
        if items.len() as i64 > self.limit {
            items.truncate(self.limit as usize);
            items.last().map(id)
        } else {
            None
        }
    }
}

/// Refuses unless the session signed in or reauthenticated within the window.
pub fn require_elevated(state: &AppState, auth: &Authenticated) -> Result<(), Error> {
    let now = state.clock.now();
    match auth.session.elevated_until {
        Some(until) if until > now => Ok(()),
        _ => Err(Error::ReauthenticationRequired),
    }
}
