-- Accounts and their sign-in sessions.
-- Times are INTEGER unix seconds (UTC) everywhere: they compare and index cheaply, and
-- the queue tables of apalis use the same representation.
-- IDs are UUIDv7 as TEXT: sortable by creation time, readable in a shell.

create table accounts (
    id text primary key not null,
    -- NOCASE: Alice@Example.org and alice@example.org are one account. SQLite folds
    -- ASCII only, which covers the domain part and nearly every local part in use.
    email text not null collate nocase unique,
    email_verified_at integer,
    -- null for an account created by an admin invitation that has no password yet
    password_hash text,
    display_name text,
    is_admin integer not null default 0 check (is_admin in (0, 1)),
    -- 'deleting': the DeleteAccount job owns the row; nothing may sign in or change it
    status text not null default 'active' check (status in ('active', 'deactivated', 'deleting')),
    terms_version_accepted text,
    created_at integer not null,
    updated_at integer not null
) strict;

create table sessions (
    id text primary key not null,
    account_id text not null references accounts (id) on delete cascade,
    -- SHA-256 of the bearer token: a copy of the database signs nobody in
    token_hash blob not null unique,
    device_name text,
    ip text,
    user_agent text,
    created_at integer not null,
    last_seen_at integer not null,
    -- absolute end; the idle limit is checked against last_seen_at
    expires_at integer not null,
    -- end of the reauthentication ("sudo") window, null when never elevated
    elevated_until integer
) strict;

create index sessions_account on sessions (account_id);
create index sessions_expires on sessions (expires_at);
