//! The database the plan tests ask about: a few thousand accounts with what they own,
//! on the run's engine (on PostgreSQL with the planner's statistics of them, which its
//! autovacuum keeps; SQLite plans without, as the server runs it).

use steward::db::Pool;

use crate::support::TestApp;

/// Accounts seeded; each with a session and three sign-ins, most with a subscription,
/// some with hosts, integrations and an authenticator app.
pub const ACCOUNTS: i64 = 3000;

/// An app whose database holds [`ACCOUNTS`] accounts with what they own.
pub async fn seeded() -> TestApp {
    let app = TestApp::spawn().await;
    let sql = app.sql();
    match &app.state.db {
        Pool::Sqlite(_) => {
            let n = format!(
                "with recursive n(i) as (select 1 union all select i + 1 from n where i < {ACCOUNTS})"
            );
            let id = |kind: u32| format!("printf('00000000-0000-7000-{kind:04x}-%012x', i)");
            for statement in [
                format!(
                    "{n} insert into accounts (id, email, display_name, status, email_verified_at,
                        terms_version_accepted, created_at, updated_at)
                     select {}, 'seeded' || i || '@example.org', 'Seeded Person ' || i,
                            case when i % 50 = 0 then 'deactivated' else 'active' end,
                            1700000000 + i, '2024-01', 1700000000 + i, 1700000000 + i from n",
                    id(0x8000)
                ),
                format!(
                    "{n} insert into sessions (id, account_id, token_hash, created_at,
                        last_seen_at, expires_at)
                     select {}, {}, randomblob(32), 1700000000, 1700000000 + i, 4000000000 from n",
                    id(0x8001),
                    id(0x8000)
                ),
                format!(
                    "{n}, k(j) as (select 1 union all select j + 1 from k where j < 3)
                     insert into audit_events (id, account_id, type, at)
                     select printf('00000000-0000-7000-%04x-%012x', 0x8010 + j, i), {},
                            'sign_in.succeeded', 1700000000 + i * 10 + j from n, k",
                    id(0x8000)
                ),
                format!(
                    "{n} insert into subscriptions (id, account_id, plan_id, status, created_at)
                     select {}, {}, 'managed-homeserver', 'active', 1700000000 from n where i % 5 != 0",
                    id(0x8002),
                    id(0x8000)
                ),
                format!(
                    "{n} insert into hosts (id, account_id, subscription_id, name, domain, status,
                        created_at, updated_at)
                     select {}, {}, {}, 'host ' || i, 'host' || i || '.example.org', 'active',
                            1700000000, 1700000000 from n where i % 10 = 1",
                    id(0x8003),
                    id(0x8000),
                    id(0x8002)
                ),
                format!(
                    "{n} insert into integrations (id, account_id, host_id, kind, name,
                        created_at, updated_at)
                     select {}, {}, {}, 'bridge', 'integration ' || i, 1700000000, 1700000000
                     from n where i % 20 = 1",
                    id(0x8004),
                    id(0x8000),
                    id(0x8003)
                ),
                format!(
                    "{n} insert into totp_devices (id, account_id, name, secret_sealed, created_at)
                     select {}, {}, 'phone', randomblob(40), 1700000000 from n where i % 5 = 2",
                    id(0x8005),
                    id(0x8000)
                ),
                // no ANALYZE: the server never runs one (see the SQLite migration
                // `20261207000100_scale.sql`), so its plans are made without statistics

            ] {
                sql.exec(&statement, &[]).await;
            }
        }
        Pool::Postgres(_) => {
            let id = |kind: u32| {
                format!("('00000000-0000-7000-{kind:04x}-' || lpad(to_hex(i), 12, '0'))::uuid")
            };
            let n = format!("generate_series(1, {ACCOUNTS}) as i");
            for statement in [
                format!(
                    "insert into accounts (id, email, display_name, status, email_verified_at,
                        terms_version_accepted, created_at, updated_at)
                     select {}, 'seeded' || i || '@example.org', 'Seeded Person ' || i,
                            case when i % 50 = 0 then 'deactivated' else 'active' end,
                            1700000000 + i, '2024-01', 1700000000 + i, 1700000000 + i from {n}",
                    id(0x8000)
                ),
                format!(
                    "insert into sessions (id, account_id, token_hash, created_at, last_seen_at,
                        expires_at)
                     select {}, {}, decode(md5('a' || i) || md5('b' || i), 'hex'), 1700000000,
                            1700000000 + i, 4000000000 from {n}",
                    id(0x8001),
                    id(0x8000)
                ),
                format!(
                    "insert into audit_events (id, account_id, type, at)
                     select ('00000000-0000-7000-' || lpad(to_hex(32784 + j), 4, '0') || '-'
                             || lpad(to_hex(i), 12, '0'))::uuid, {},
                            'sign_in.succeeded', 1700000000 + i * 10 + j
                     from {n}, generate_series(1, 3) as j",
                    id(0x8000)
                ),
                format!(
                    "insert into subscriptions (id, account_id, plan_id, status, created_at)
                     select {}, {}, 'managed-homeserver', 'active', 1700000000 from {n}
                     where i % 5 != 0",
                    id(0x8002),
                    id(0x8000)
                ),
                format!(
                    "insert into hosts (id, account_id, subscription_id, name, domain, status,
                        created_at, updated_at)
                     select {}, {}, {}, 'host ' || i, 'host' || i || '.example.org', 'active',
                            1700000000, 1700000000 from {n} where i % 10 = 1",
                    id(0x8003),
                    id(0x8000),
                    id(0x8002)
                ),
                format!(
                    "insert into integrations (id, account_id, host_id, kind, name, created_at,
                        updated_at)
                     select {}, {}, {}, 'bridge', 'integration ' || i, 1700000000, 1700000000
                     from {n} where i % 20 = 1",
                    id(0x8004),
                    id(0x8000),
                    id(0x8003)
                ),
                format!(
                    "insert into totp_devices (id, account_id, name, secret_sealed, created_at)
                     select {}, {}, 'phone', decode(md5('c' || i), 'hex'), 1700000000 from {n}
                     where i % 5 = 2",
                    id(0x8005),
                    id(0x8000)
                ),
                "analyze".to_owned(),
            ] {
                sql.exec(&statement, &[]).await;
            }
        }
    }
    app
}
