-- Passkeys (WebAuthn): credentials that sign in alone or serve as a second factor, and
-- the challenges of their ceremonies.

-- One registered credential. `passkey` is webauthn-rs's own record of it (public key,
-- algorithm, sign count, backup flags), as JSON: the verifier reads only that. The
-- columns beside it repeat what people and admins see, so they are never parsed back.
create table passkeys (
    id text primary key not null,
    account_id text not null references accounts (id) on delete cascade,
    -- the authenticator's credential id: one account at most may hold it
    credential_id blob not null unique,
    name text not null,
    passkey text not null,
    -- the last signature counter seen; a counter going backwards is refused (a cloned
    -- authenticator), one that stays 0 is a synced passkey and accepted
    sign_count integer not null default 0,
    backup_eligible integer not null default 0,
    backup_state integer not null default 0,
    -- JSON array of transports the browser reported ("internal", "hybrid", "usb"…)
    transports text not null default '[]',
    created_at integer not null,
    last_used_at integer
) strict;

create index passkeys_account on passkeys (account_id);

-- A ceremony under way: the server-side state webauthn-rs needs to check the answer
-- (its challenge, and for a second factor the allowed credentials). Used once: the row
-- is deleted when an answer comes, right or wrong; it lives 5 minutes.
create table passkey_challenges (
    id text primary key not null,
    -- null for a sign-in without a password: nobody is known until the answer
    account_id text references accounts (id) on delete cascade,
    purpose text not null,
    -- base64url of the challenge: a second factor's answer is matched to its ceremony
    -- by the challenge its clientDataJSON signs
    challenge text not null unique,
    -- the passkey's name, for a registration
    name text,
    state text not null,
    created_at integer not null,
    expires_at integer not null
) strict;

create index passkey_challenges_expires on passkey_challenges (expires_at);
create index passkey_challenges_account on passkey_challenges (account_id);
