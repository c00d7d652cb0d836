//! `[jobs]`: the queue's workers and periodic maintenance.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JobsConfig {
    /// How often an idle worker looks for jobs that came due (a retry) or that another
    /// process queued, in milliseconds. Jobs this process queues wake the workers at once.
    pub poll_interval_ms: u64,
    /// Mails sent at once.
    pub mail_concurrency: usize,
    /// Tries of one mail before it is marked failed (and shown to admins).
    pub mail_max_attempts: u32,
    /// Seconds before the first retry; each further retry waits twice as long.
    pub mail_retry_base_seconds: u64,
    /// Longest wait between two tries, in seconds.
    pub mail_retry_max_seconds: u64,
    /// When maintenance runs (cron, with a seconds field): resuming lost mail and
    /// deletions, ending trials, purging what expired.
    pub maintenance_schedule: String,
    /// Rows deleted per transaction by deletion jobs: smaller keeps other writers'
    /// waits shorter, larger finishes sooner.
    pub deletion_batch_size: i64,
    /// How often each worker tells the queue it is alive, in seconds. A worker silent
    /// for three of these is taken for dead: its unfinished deletions are resumed by
    /// another instance.
    pub heartbeat_seconds: u64,
    /// How late a queued mail or webhook must be before maintenance takes its job for
    /// lost and queues it again, in seconds (once no live try leases it).
    pub lost_after_seconds: i64,
}

impl Default for JobsConfig {
    fn default() -> Self {
        Self {
            poll_interval_ms: 1000,
            mail_concurrency: 8,
            mail_max_attempts: 10,
            mail_retry_base_seconds: 15,
            mail_retry_max_seconds: 3600,
            maintenance_schedule: "*/30 * * * * *".into(),
            deletion_batch_size: 500,
            heartbeat_seconds: 30,
            lost_after_seconds: 60,
        }
    }
}
