-- Mail and the single-use tokens its links carry.

-- Every mail is a row here first, written in the same transaction as the change that
-- causes it, together with a SendEmail job. The worker renders and sends it; a sweep
-- re-enqueues rows whose job was lost. So a crash loses no mail.
create table outbox (
    id text primary key not null,
    -- no foreign key: the goodbye mail of a deleted account must outlive the account
    account_id text,
    recipient text not null,
    template text not null,
    -- JSON object handed to the template; ids only, never a secret
    data text not null default '{}',
    -- skipped: nothing left to send (e.g. the link it carried is no longer needed)
    status text not null default 'pending'
        check (status in ('pending', 'sent', 'failed', 'skipped')),
    -- attempts is counted before each try, so a try that kills the process counts too
    attempts integer not null default 0,
    last_error text,
    next_attempt_at integer not null,
    -- a worker that claims the row holds it until this time; a crash releases it by expiry
    lease_until integer,
    message_id text,
    created_at integer not null,
    sent_at integer
) strict;

create index outbox_due on outbox (status, next_attempt_at);
create index outbox_recipient on outbox (recipient, template, created_at);

-- Tokens behind email links (verification, email change, password reset).
-- The row is written with the request; the token itself is minted by the mail worker
-- at send time, and only its SHA-256 is stored (token_hash stays null until then).
create table email_tokens (
    id text primary key not null,
    account_id text not null references accounts (id) on delete cascade,
    purpose text not null check (purpose in ('verify_email', 'change_email', 'reset_password')),
    token_hash blob unique,
    -- the address the link proves: a token for an address the account no longer has is void
    email text not null,
    -- the password of the registration this verification belongs to: confirming the
    -- link sets it, so whoever proves the mailbox gets the password they chose
    -- (a stranger who registered the address earlier does not keep theirs)
    password_hash text,
    outbox_id text references outbox (id) on delete set null,
    created_at integer not null,
    -- how long the link lives once minted; set by the request, from the config of the day
    lifetime_seconds integer not null,
    expires_at integer,
    used_at integer
) strict;

create index email_tokens_account on email_tokens (account_id, purpose);
create index email_tokens_expires on email_tokens (expires_at);
