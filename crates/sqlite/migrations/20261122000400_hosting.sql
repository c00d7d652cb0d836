-- What an account runs: subscriptions to plans, hosts under them, integrations on hosts.
-- integrations → hosts → subscriptions → accounts cascade on delete; a deletion job
-- deletes bottom-up in small batches anyway, so that no single statement holds the
-- write lock for long (a cascade of 10,000 rows would).

create table subscriptions (
    id text primary key not null,
    account_id text not null references accounts (id) on delete cascade,
    -- the [[plans]] id of the config; a plan removed from the config keeps its subscribers
    plan_id text not null,
    -- cancelling: a job is deleting its hosts; the row goes last
    status text not null check (status in ('active', 'trialing', 'expired', 'cancelling')),
    created_at integer not null,
    trial_ends_at integer,
    cancelled_at integer
) strict;

create index subscriptions_account on subscriptions (account_id, id);
create index subscriptions_trials on subscriptions (status, trial_ends_at);

create table hosts (
    id text primary key not null,
    -- the owner, repeated from the subscription so ownership checks need no join
    account_id text not null references accounts (id) on delete cascade,
    subscription_id text not null references subscriptions (id) on delete cascade,
    name text not null,
    -- a hostname, lowercased; unique among all hosts of all accounts
    domain text unique,
    -- deleting: a job is deleting its integrations; the row goes last
    status text not null check (status in ('active', 'deleting')),
    created_at integer not null,
    updated_at integer not null
) strict;

create index hosts_account on hosts (account_id, id);
create index hosts_subscription on hosts (subscription_id, id);
create index hosts_deleting on hosts (status) where status = 'deleting';

create table integrations (
    id text primary key not null,
    account_id text not null references accounts (id) on delete cascade,
    host_id text not null references hosts (id) on delete cascade,
    kind text not null,
    name text not null,
    -- a JSON object, at most 16 KiB
    settings text not null default '{}',
    created_at integer not null,
    updated_at integer not null
) strict;

create index integrations_host on integrations (host_id, id);
create index integrations_account on integrations (account_id, id);

-- Accounts whose deletion was asked for carry the time, so the sweep can tell a
-- deletion that is late from one just started.
alter table accounts add column deletion_requested_at integer;
