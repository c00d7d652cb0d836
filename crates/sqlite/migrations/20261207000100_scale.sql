-- Reads that stay fast as the data grows: every list and look-up below is a range of an
-- index, measured at a million accounts (bench/scale.py) and held by the plan tests.

-- The admin list's "last sign-in" of each row is max(at) of the account's sign-ins:
-- one seek into this index. The (type, id) index walked every sign-in of every
-- account, once per row (20 s a page at 100,000 accounts).
create index audit_events_account_type on audit_events (account_id, type, at);

-- Maintenance (every 30 s) purges what has run out: sessions idle too long, sign-in
-- failures long past, used set-password links; a reset's link, once confirmed, finds
-- its request. Each reads a range of an index instead of every row of its table.
create index sessions_last_seen on sessions (last_seen_at);
create index login_throttle_last_failure on login_throttle (last_failure_at);
create index password_resets_email_token on password_resets (email_token_id);
create index password_links_used on password_links (used_at);

-- Deleting an account deletes its rows in every table that references it: these two
-- had no index on the account, so each deletion read both tables whole.
create index password_resets_account on password_resets (account_id);
create index mfa_tickets_account on mfa_tickets (account_id);

-- An account's passkeys are listed in the order they were added: the index gives that
-- order, where it gave the account's rows to sort.
drop index passkeys_account;
create index passkeys_account on passkeys (account_id, id);

-- The admin list filtered by status, newest first, and the accounts being deleted
-- that start-up and the sweep resume: a range of this index, not every account.
create index accounts_status on accounts (status, id);

-- Search: a trigram index over email and display name, so that finding "ada" among a
-- million accounts reads the few rows that contain it. The index keys its rows by an
-- integer of the account's own (the rowid of a table keyed by text may be renumbered by
-- VACUUM, and backups are made with VACUUM INTO), given at insert by the trigger below.
alter table accounts add column search_rowid integer;
update accounts set search_rowid = rowid;
create unique index accounts_search_rowid on accounts (search_rowid);

create virtual table accounts_search using fts5 (
    email, display_name,
    content = 'accounts', content_rowid = 'search_rowid',
    tokenize = 'trigram'
);
insert into accounts_search (accounts_search) values ('rebuild');

-- Kept in the same statement as the change, whoever writes (the server, the CLI).
-- Beware: with these triggers, SQLite 3.51 fails the first write to accounts on a
-- connection that has not seen another connection's schema change ("no such table:
-- accounts") instead of preparing it again. ANALYZE changes the schema, so the server
-- never runs it (nor PRAGMA optimize) while it serves; its plans need no statistics
-- (tests/api/plans/ checks them without).
create trigger accounts_search_insert after insert on accounts begin
    update accounts set search_rowid = (select coalesce(max(search_rowid), 0) + 1 from accounts)
     where id = new.id;
    insert into accounts_search (rowid, email, display_name)
    select search_rowid, email, display_name from accounts where id = new.id;
end;

create trigger accounts_search_update after update of email, display_name on accounts begin
    insert into accounts_search (accounts_search, rowid, email, display_name)
    values ('delete', old.search_rowid, old.email, old.display_name);
    insert into accounts_search (rowid, email, display_name)
    values (new.search_rowid, new.email, new.display_name);
end;

create trigger accounts_search_delete after delete on accounts begin
    insert into accounts_search (accounts_search, rowid, email, display_name)
    values ('delete', old.search_rowid, old.email, old.display_name);
end;

-- How many accounts have each status, for the admin list's total on every page: read
-- from here, not counted anew over every account. Kept by triggers, in the statement
-- that changes the accounts.
create table account_counts (
    status text primary key not null,
    accounts integer not null
) strict;

insert into account_counts (status, accounts)
select s.status, (select count(*) from accounts where status = s.status)
from (select 'active' as status union all select 'deactivated' union all select 'deleting') s;

create trigger account_counts_insert after insert on accounts begin
    update account_counts set accounts = accounts + 1 where status = new.status;
end;

create trigger account_counts_update after update of status on accounts
when old.status != new.status begin
    update account_counts set accounts = accounts - 1 where status = old.status;
    update account_counts set accounts = accounts + 1 where status = new.status;
end;

create trigger account_counts_delete after delete on accounts begin
    update account_counts set accounts = accounts - 1 where status = old.status;
end;
