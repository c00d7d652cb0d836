-- Webhooks: endpoints registered by admins, and one delivery row per event and
-- interested endpoint, written in the transaction of the change (the outbox pattern).

create table webhook_endpoints (
    id text primary key not null,
    url text not null,
    -- JSON array of event types, or ["*"] for every event
    events text not null,
    description text,
    enabled integer not null default 1,
    -- the signing key (the bytes behind whsec_…), sealed under the server key like the
    -- TOTP secrets; never stored in the clear
    secret_sealed blob not null,
    -- after a rotation the old key also signs until previous_secret_expires_at, so
    -- receivers can switch keys without losing a delivery
    previous_secret_sealed blob,
    previous_secret_expires_at integer,
    created_at integer not null,
    updated_at integer not null
) strict;

create table webhook_deliveries (
    id text primary key not null,
    endpoint_id text not null references webhook_endpoints (id) on delete cascade,
    -- the webhook-id header: the same on every retry, so receivers can deduplicate
    event_id text not null,
    event_type text not null,
    -- the exact body that is signed and sent
    payload text not null,
    status text not null default 'pending'
        check (status in ('pending', 'delivered', 'failed')),
    -- counted before each try, so a try that kills the process counts too
    attempts integer not null default 0,
    last_status_code integer,
    -- a short excerpt of the receiver's answer, or why there was none
    last_error text,
    next_attempt_at integer not null,
    -- a worker that claims the row holds it until this time; a crash releases it by expiry
    lease_until integer,
    delivered_at integer,
    created_at integer not null,
    -- ids are UUIDv7 but several rows share a millisecond: seq gives the creation order
    -- per endpoint that deliveries keep
    seq integer not null
) strict;

-- the head of each endpoint's queue: its oldest pending delivery
create index webhook_deliveries_queue on webhook_deliveries (endpoint_id, status, seq);
create index webhook_deliveries_due on webhook_deliveries (status, next_attempt_at);
