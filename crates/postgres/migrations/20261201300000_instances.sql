-- What several instances on one database share.

-- Periodic jobs: every instance runs the schedule; the first to claim a tick runs it.
create table periodic_runs (
    name text primary key not null,
    -- the scheduled time (unix seconds) of the last tick claimed
    last_tick bigint not null,
    runs bigint not null default 0
);

-- Attempts per client IP and minute, where instances must count together (on
-- PostgreSQL; a single SQLite instance counts in memory). Old windows are purged.
create table ip_attempts (
    ip text not null,
    window_start bigint not null,
    attempts bigint not null,
    primary key (ip, window_start)
);
