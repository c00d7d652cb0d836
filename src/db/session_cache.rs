//! On SQLite, what the session lookups of requests found, kept in memory until anything
//! is committed to the database, by this process or any other.
//!
//! Every commit to a database in WAL mode rewrites the WAL-index header at the start
//! of the `-shm` file beside it (a change counter, the last frame of the WAL, its
//! salts: <https://sqlite.org/walformat.html>) before the commit returns, whoever
//! commits: this server, or the `steward` command on the same file. Reading those 48
//! bytes is one `pread`, with no hop to a SQLite connection's thread; the same bytes as
//! when a lookup ran mean nothing was committed since, so that lookup's answer is the
//! answer now. A revoked session, a deactivated account or a new second factor changes
//! the bytes with its commit, and the next request reads the database again.
//!
//! Each read of the bytes is taken before the lookup it stands for, so an answer is
//! never kept under a stamp older than what it saw. The time-dependent checks (a
//! session's expiry and idle limit) are made on every request by the caller; answers
//! that depend on the time themselves (a pending email change, whose link expires)
//! are not kept.

use std::collections::HashMap;
use std::fs::File;
use std::os::unix::fs::FileExt as _;
use std::path::Path;
use std::sync::Mutex;

use crate::db::accounts::{Account, AccountFacts};
use crate::db::sessions::Session;

/// The WAL-index header: its first copy, as SQLite writes it on each commit.
type Stamp = [u8; 48];

/// A session found with its account, as the lookup answers.
pub type Found = (Session, Account, AccountFacts);

/// Answers kept at most; past that the cache starts again empty (a commit empties it
/// anyway, and sessions in use at once are far fewer).
const MAX_KEPT: usize = 10_000;

pub struct SessionCache {
    /// The `-shm` file; `None` where it could not be opened, and then nothing is kept.
    shm: Option<File>,
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    stamp: Option<Stamp>,
    found: HashMap<Vec<u8>, Found>,
}

impl SessionCache {
    /// The cache of the database file at `path` (in WAL mode, open in this process).
    pub fn open(path: &Path) -> Self {
        let mut shm = path.as_os_str().to_owned();
        shm.push("-shm");
        let shm = File::open(&shm)
            .inspect_err(|e| {
                tracing::warn!(error = %e, "session lookups are not cached: no WAL index to watch");
            })
            .ok();
        Self {
            shm,
            kept: Mutex::default(),
        }
    }

    /// What was committed last, as of now; `None` when it can't be told.
    pub fn stamp(&self) -> Option<Stamp> {
        let mut stamp = [0; 48];
        let shm = self.shm.as_ref()?;
        shm.read_exact_at(&mut stamp, 0).ok()?;
        Some(stamp)
    }

    /// The answer kept for `token_hash`, if nothing was committed since it was found.
    pub fn get(&self, stamp: Stamp, token_hash: &[u8]) -> Option<Found> {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.stamp != Some(stamp) {
            kept.stamp = Some(stamp);
            kept.found.clear();
            return None;
        }
        kept.found.get(token_hash).cloned()
    }

    /// Keeps what a lookup found, `stamp` being read before it ran; nothing when a
    /// commit has been seen since, or when the answer depends on the time.
    pub fn put(&self, stamp: Stamp, token_hash: &[u8], found: &Found) {
        if found.2.pending_email.is_some() {
            return;
        }
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.stamp != Some(stamp) {
            return;
        }
        if kept.found.len() >= MAX_KEPT {
            kept.found.clear();
        }
        kept.found.insert(token_hash.to_vec(), found.clone());
    }
}
