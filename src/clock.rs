//! Time: the one clock every lifetime is measured with, and its storage form.
//!
//! Production reads the system clock. Tests get a clock they can move forward, so that
//! expiry is tested without sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use time::OffsetDateTime;

pub use steward_store::Timestamp;

/// The clock of one running app.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Seconds added to the system time; only a test clock is ever moved.
    offset: Arc<AtomicI64>,
    /// A test clock stands still at this time (plus `offset`) until moved.
    frozen: Option<i64>,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock that stands still at the present moment until moved. For tests: a
    /// second that ticks between two steps of a test must not change what it sees.
    pub fn frozen() -> Self {
        Self {
            offset: Arc::default(),
            frozen: Some(OffsetDateTime::now_utc().unix_timestamp()),
        }
    }

    pub fn now(&self) -> Timestamp {
        let now = self
            .frozen
            .unwrap_or_else(|| OffsetDateTime::now_utc().unix_timestamp());
        Timestamp(now + self.offset.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every clone of it) forward. For tests.
    pub fn advance(&self, by: time::Duration) {
        self.offset.fetch_add(by.whole_seconds(), Ordering::Relaxed);
    }
}
