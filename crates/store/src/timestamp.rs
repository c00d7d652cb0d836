//! A point in time as every table stores it.

use time::OffsetDateTime;

/// A point in time as stored: unix seconds, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, sqlx::Type)]
#[sqlx(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn to_datetime(self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(self.0).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    pub fn plus(self, duration: time::Duration) -> Timestamp {
        Timestamp(self.0.saturating_add(duration.whole_seconds()))
    }
}
