-- Operators: API tokens for scripts.

create table api_tokens (
    id text primary key not null,
    name text not null,
    -- SHA-256 of the bearer token (stw_a_…), which is shown once
    token_hash blob not null unique,
    -- the admin who made it; null when made at the console (steward token create)
    created_by text,
    created_at integer not null,
    expires_at integer,
    last_used_at integer,
    revoked_at integer
) strict;

create index audit_events_actor on audit_events (actor_id, id);
