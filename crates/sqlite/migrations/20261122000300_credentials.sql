-- Credentials beyond the password: second factors, throttling, password reset, and the
-- audit trail of every change to them.

-- What happened to an account, for its owner and for admins. No foreign key: the trail
-- of a deleted account outlives it (its rows carry no secret and little personal data).
create table audit_events (
    id text primary key not null,
    account_id text,
    -- who did it when not the account itself (an admin), else null
    actor_id text,
    type text not null,
    at integer not null,
    ip text,
    user_agent text,
    -- JSON object with event-specific facts (device name, old address…), never a secret
    detail text not null default '{}'
) strict;

create index audit_events_account on audit_events (account_id, id);
create index audit_events_type on audit_events (type, id);

-- Failed sign-in attempts per address (password, second factor or reauthentication).
-- Keyed by the lowercased address, not the account, so that unknown addresses lock out
-- exactly like known ones (a lockout must not tell which addresses have accounts).
-- Persisted, so a restart does not reset a lockout; old rows are purged.
create table login_throttle (
    email text primary key not null,
    failures integer not null default 0,
    last_failure_at integer not null,
    -- no attempt is looked at before this time
    locked_until integer
) strict;

-- Authenticator apps. The secret is sealed with the server key (XChaCha20-Poly1305,
-- nonce || ciphertext), so a copy of the database alone yields no codes.
create table totp_devices (
    id text primary key not null,
    account_id text not null references accounts (id) on delete cascade,
    name text not null,
    secret_sealed blob not null,
    created_at integer not null,
    last_used_at integer,
    -- the last accepted time step: a code is never accepted twice (replay)
    last_used_step integer not null default 0
) strict;

create index totp_devices_account on totp_devices (account_id);

-- A device being added: the secret shown to the person, waiting for a first code.
create table totp_enrollments (
    id text primary key not null,
    account_id text not null references accounts (id) on delete cascade,
    name text not null,
    secret_sealed blob not null,
    created_at integer not null,
    expires_at integer not null
) strict;

create index totp_enrollments_account on totp_enrollments (account_id);
create index totp_enrollments_expires on totp_enrollments (expires_at);

-- Single-use recovery codes, as SHA-256 digests of their normalised form.
create table recovery_codes (
    id text primary key not null,
    account_id text not null references accounts (id) on delete cascade,
    code_hash blob not null,
    created_at integer not null,
    used_at integer,
    unique (account_id, code_hash)
) strict;

-- The step between a correct password and a second factor at sign-in.
create table mfa_tickets (
    id text primary key not null,
    account_id text not null references accounts (id) on delete cascade,
    ticket_hash blob not null unique,
    device_name text,
    created_at integer not null,
    expires_at integer not null
) strict;

create index mfa_tickets_expires on mfa_tickets (expires_at);

-- Password resets by email (request → link validated in the browser → completed by the
-- client that holds client_secret). A request for an unknown address gets a row too,
-- with no account, so that every answer looks the same.
create table password_resets (
    id text primary key not null,
    account_id text references accounts (id) on delete cascade,
    client_secret_hash blob not null,
    email_token_id text references email_tokens (id) on delete set null,
    created_at integer not null,
    expires_at integer not null,
    validated_at integer,
    completed_at integer
) strict;

create index password_resets_expires on password_resets (expires_at);
