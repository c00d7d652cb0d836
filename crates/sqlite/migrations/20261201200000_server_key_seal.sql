-- The server key's seal: a constant sealed under the key the database was first used
-- with. Start-up opens it and refuses a key that cannot: secrets sealed under another
-- key (authenticator apps, webhook signing keys) would be unreadable.
create table server_key_seal (
    id integer primary key not null check (id = 1),
    sealed blob not null,
    created_at integer not null
) strict;
