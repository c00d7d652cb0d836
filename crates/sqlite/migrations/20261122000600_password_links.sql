-- Links that let a person set a password without knowing the old one: an invitation,
-- a reset mail an admin sent, or a link printed at the console. Single-use; the token
-- is stored as its SHA-256 digest, minted when the mail is sent (or when printed).

create table password_links (
    id text primary key not null,
    account_id text not null references accounts (id) on delete cascade,
    kind text not null check (kind in ('invite', 'admin_reset', 'console')),
    token_hash blob unique,
    -- the address the link was made for: void once the account has another one
    email text not null,
    outbox_id text references outbox (id) on delete set null,
    created_at integer not null,
    lifetime_seconds integer not null,
    expires_at integer,
    used_at integer
) strict;

create index password_links_account on password_links (account_id);
create index password_links_expires on password_links (expires_at);
