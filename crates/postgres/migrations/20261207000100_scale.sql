-- Reads that stay fast as the data grows: every list and look-up below is a range of an
-- index, measured at a million accounts (bench/scale.py) and held by the plan tests.

-- The admin list's "last sign-in" of each row is max(at) of the account's sign-ins:
-- one seek into this index. The (type, id) index walked every sign-in of every
-- account, once per row.
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
-- that start-up and the sweep resume.
create index accounts_status on accounts (status, id);

-- Search: trigram indexes over email and display name (pg_trgm, a trusted extension
-- of PostgreSQL's contrib), so that `ilike '%ada%'` among a million accounts reads the
-- few rows that contain it. The email is indexed as text, as the search compares it.
create extension if not exists pg_trgm;
create index accounts_email_trgm on accounts using gin ((email::text) gin_trgm_ops);
create index accounts_display_name_trgm on accounts using gin (display_name gin_trgm_ops);

-- How many accounts have each status, for the admin list's total on every page: read
-- from here, not counted anew over every account. Kept by triggers, in the statement
-- that changes the accounts.
create table account_counts (
    status text primary key,
    accounts bigint not null
);

insert into account_counts (status, accounts)
select s.status, (select count(*) from accounts where status = s.status)
from (values ('active'), ('deactivated'), ('deleting')) as s (status);

-- Statement-level, from the transition tables: one update per statement, however many
-- rows it changed (a row-level trigger would update one row a million times in a bulk
-- insert, and PostgreSQL walks every version of it that the transaction made).
create function account_counts_keep() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        update account_counts c set accounts = c.accounts + d.n
        from (select status, count(*) as n from new_rows group by status) d
        where c.status = d.status;
    elsif tg_op = 'DELETE' then
        update account_counts c set accounts = c.accounts - d.n
        from (select status, count(*) as n from old_rows group by status) d
        where c.status = d.status;
    else
        update account_counts c set accounts = c.accounts + d.n
        from (select status, sum(n) as n
              from (select status, count(*) as n from new_rows group by status
                    union all
                    select status, -count(*) from old_rows group by status) changes
              group by status
              having sum(n) != 0) d
        where c.status = d.status;
    end if;
    return null;
end;
$$;

create trigger account_counts_insert after insert on accounts
referencing new table as new_rows
for each statement execute function account_counts_keep();

create trigger account_counts_delete after delete on accounts
referencing old table as old_rows
for each statement execute function account_counts_keep();

create trigger account_counts_update after update on accounts
referencing old table as old_rows new table as new_rows
for each statement execute function account_counts_keep();
