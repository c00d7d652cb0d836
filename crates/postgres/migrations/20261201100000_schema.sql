-- Steward's schema on PostgreSQL: the same tables as on SQLite (crates/sqlite/migrations
-- tells what each column is for), in PostgreSQL's own types:
-- ids are uuid (UUIDv7, so they sort by creation time), times are bigint unix seconds
-- (UTC), digests and sealed secrets are bytea, flags are boolean, and email addresses
-- are citext, so that Alice@Example.org and alice@example.org are one account.
-- JSON stays text: a webhook payload is signed byte for byte as stored.

create extension if not exists citext;

create table accounts (
    id uuid primary key,
    email citext not null unique,
    email_verified_at bigint,
    password_hash text,
    display_name text,
    is_admin boolean not null default false,
    status text not null default 'active' check (status in ('active', 'deactivated', 'deleting')),
    terms_version_accepted text,
    created_at bigint not null,
    updated_at bigint not null,
    deletion_requested_at bigint,
    locale text
);

create table sessions (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    token_hash bytea not null unique,
    device_name text,
    ip text,
    user_agent text,
    created_at bigint not null,
    last_seen_at bigint not null,
    expires_at bigint not null,
    elevated_until bigint
);

create index sessions_account on sessions (account_id);
create index sessions_expires on sessions (expires_at);

create table outbox (
    id uuid primary key,
    account_id uuid,
    recipient text not null,
    template text not null,
    data text not null default '{}',
    status text not null default 'pending'
        check (status in ('pending', 'sent', 'failed', 'skipped')),
    attempts bigint not null default 0,
    last_error text,
    next_attempt_at bigint not null,
    lease_until bigint,
    message_id text,
    created_at bigint not null,
    sent_at bigint
);

create index outbox_due on outbox (status, next_attempt_at);
create index outbox_recipient on outbox (recipient, template, created_at);

create table email_tokens (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    purpose text not null check (purpose in ('verify_email', 'change_email', 'reset_password')),
    token_hash bytea unique,
    email citext not null,
    password_hash text,
    outbox_id uuid references outbox (id) on delete set null,
    created_at bigint not null,
    lifetime_seconds bigint not null,
    expires_at bigint,
    used_at bigint
);

create index email_tokens_account on email_tokens (account_id, purpose);
create index email_tokens_expires on email_tokens (expires_at);

create table audit_events (
    id uuid primary key,
    account_id uuid,
    actor_id uuid,
    type text not null,
    at bigint not null,
    ip text,
    user_agent text,
    detail text not null default '{}'
);

create index audit_events_account on audit_events (account_id, id);
create index audit_events_type on audit_events (type, id);
create index audit_events_actor on audit_events (actor_id, id);

create table login_throttle (
    email text primary key,
    failures bigint not null default 0,
    last_failure_at bigint not null,
    locked_until bigint
);

create table totp_devices (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    name text not null,
    secret_sealed bytea not null,
    created_at bigint not null,
    last_used_at bigint,
    last_used_step bigint not null default 0
);

create index totp_devices_account on totp_devices (account_id);

create table totp_enrollments (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    name text not null,
    secret_sealed bytea not null,
    created_at bigint not null,
    expires_at bigint not null
);

create index totp_enrollments_account on totp_enrollments (account_id);
create index totp_enrollments_expires on totp_enrollments (expires_at);

create table recovery_codes (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    code_hash bytea not null,
    created_at bigint not null,
    used_at bigint,
    unique (account_id, code_hash)
);

create table mfa_tickets (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    ticket_hash bytea not null unique,
    device_name text,
    created_at bigint not null,
    expires_at bigint not null
);

create index mfa_tickets_expires on mfa_tickets (expires_at);

create table password_resets (
    id uuid primary key,
    account_id uuid references accounts (id) on delete cascade,
    client_secret_hash bytea not null,
    email_token_id uuid references email_tokens (id) on delete set null,
    created_at bigint not null,
    expires_at bigint not null,
    validated_at bigint,
    completed_at bigint
);

create index password_resets_expires on password_resets (expires_at);

create table subscriptions (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    plan_id text not null,
    status text not null check (status in ('active', 'trialing', 'expired', 'cancelling')),
    created_at bigint not null,
    trial_ends_at bigint,
    cancelled_at bigint
);

create index subscriptions_account on subscriptions (account_id, id);
create index subscriptions_trials on subscriptions (status, trial_ends_at);

create table hosts (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    subscription_id uuid not null references subscriptions (id) on delete cascade,
    name text not null,
    domain text unique,
    status text not null check (status in ('active', 'deleting')),
    created_at bigint not null,
    updated_at bigint not null
);

create index hosts_account on hosts (account_id, id);
create index hosts_subscription on hosts (subscription_id, id);
create index hosts_deleting on hosts (status) where status = 'deleting';

create table integrations (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    host_id uuid not null references hosts (id) on delete cascade,
    kind text not null,
    name text not null,
    settings text not null default '{}',
    created_at bigint not null,
    updated_at bigint not null
);

create index integrations_host on integrations (host_id, id);
create index integrations_account on integrations (account_id, id);

create table api_tokens (
    id uuid primary key,
    name text not null,
    token_hash bytea not null unique,
    created_by uuid,
    created_at bigint not null,
    expires_at bigint,
    last_used_at bigint,
    revoked_at bigint
);

create table password_links (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    kind text not null check (kind in ('invite', 'admin_reset', 'console')),
    token_hash bytea unique,
    email citext not null,
    outbox_id uuid references outbox (id) on delete set null,
    created_at bigint not null,
    lifetime_seconds bigint not null,
    expires_at bigint,
    used_at bigint
);

create index password_links_account on password_links (account_id);
create index password_links_expires on password_links (expires_at);

create table passkeys (
    id uuid primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    credential_id bytea not null unique,
    name text not null,
    passkey text not null,
    sign_count bigint not null default 0,
    backup_eligible boolean not null default false,
    backup_state boolean not null default false,
    transports text not null default '[]',
    created_at bigint not null,
    last_used_at bigint
);

create index passkeys_account on passkeys (account_id);

create table passkey_challenges (
    id uuid primary key,
    account_id uuid references accounts (id) on delete cascade,
    purpose text not null,
    challenge text not null unique,
    name text,
    state text not null,
    created_at bigint not null,
    expires_at bigint not null
);

create index passkey_challenges_expires on passkey_challenges (expires_at);
create index passkey_challenges_account on passkey_challenges (account_id);

create table webhook_endpoints (
    id uuid primary key,
    url text not null,
    events text not null,
    description text,
    enabled boolean not null default true,
    secret_sealed bytea not null,
    previous_secret_sealed bytea,
    previous_secret_expires_at bigint,
    created_at bigint not null,
    updated_at bigint not null
);

-- several instances write deliveries at once: a sequence, not max + 1, numbers them
create sequence webhook_delivery_seq;

create table webhook_deliveries (
    id uuid primary key,
    endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
    event_id uuid not null,
    event_type text not null,
    payload text not null,
    status text not null default 'pending'
        check (status in ('pending', 'delivered', 'failed')),
    attempts bigint not null default 0,
    last_status_code bigint,
    last_error text,
    next_attempt_at bigint not null,
    lease_until bigint,
    delivered_at bigint,
    created_at bigint not null,
    seq bigint not null default nextval('webhook_delivery_seq')
);

create index webhook_deliveries_queue on webhook_deliveries (endpoint_id, status, seq);
create index webhook_deliveries_due on webhook_deliveries (status, next_attempt_at);
