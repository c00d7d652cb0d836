//! Types that several tags answer with: sessions (the account's and an admin's view of
//! a user's), and the 202 of a deletion that a job carries out.

use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::sessions::Session as SessionRow;
use crate::ids::SessionId;

/// One signed-in device.
#[derive(Debug, Object)]
pub struct Session {
    pub id: Uuid,
    pub device_name: Option<String>,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    /// When the session ends at the latest (it also ends after 14 days unused).
    pub expires_at: OffsetDateTime,
    /// The address the session was last used from.
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// Whether this is the session making the request.
    pub current: bool,
}

impl Session {
    pub fn from_row(row: SessionRow, current: SessionId) -> Self {
        Self {
            id: row.id.0,
            current: row.id == current,
            device_name: row.device_name,
            created_at: row.created_at.to_datetime(),
            last_seen_at: row.last_seen_at.to_datetime(),
            expires_at: row.expires_at.to_datetime(),
            ip: row.ip,
            user_agent: row.user_agent,
        }
    }
}

#[derive(Debug, Object)]
pub struct SessionList {
    pub items: Vec<Session>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Object)]
pub struct Revoked {
    /// How many sessions were ended.
    pub revoked: u64,
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum DeletionStatus {
    DeletionScheduled,
}

#[derive(Debug, Object)]
pub struct DeletionScheduled {
    pub status: DeletionStatus,
}

#[derive(ApiResponse)]
pub enum Deleting {
    /// Marked for deletion; a job deletes it and everything under it shortly.
    #[oai(status = 202)]
    Accepted(Json<DeletionScheduled>),
}

impl Deleting {
    pub fn scheduled() -> Self {
        Deleting::Accepted(Json(DeletionScheduled {
            status: DeletionStatus::DeletionScheduled,
        }))
    }
}
