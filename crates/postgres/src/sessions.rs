//! The sessions table: one row per signed-in device, found by the digest of its token.

use sqlx::PgConnection;
use steward_store::Timestamp;
use steward_store::accounts::{Account, AccountFacts, AccountStatus};
use steward_store::ids::{AccountId, SessionId};
use steward_store::sessions::*;

pub async fn insert(conn: &mut PgConnection, new: &NewSession<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into sessions (id, account_id, token_hash, device_name, ip, user_agent,
                               created_at, last_seen_at, expires_at, elevated_until)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        new.id as _,
        new.account_id as _,
        new.token_hash as _,
        new.device_name as _,
        new.ip as _,
        new.user_agent as _,
        new.now as _,
        new.now as _,
        new.expires_at as _,
        new.elevated_until as _,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The session of a token digest with its account and the account's [`AccountFacts`]
/// (as of `now`), in one query: every authenticated request starts here.
pub async fn find_with_account(
    conn: &mut PgConnection,
    token_hash: &[u8],
    now: Timestamp,
) -> sqlx::Result<Option<(Session, Account, AccountFacts)>> {
    let found = find_many_with_account(conn, &[token_hash.to_vec()], &[now]).await?;
    Ok(found.into_iter().next().map(|(_, found)| found))
}

/// [`find_with_account`] for several lookups in one query: `token_hashes[i]` as of
/// `nows[i]`. Each session found comes with the index of its lookup.
pub async fn find_many_with_account(
    conn: &mut PgConnection,
    token_hashes: &[Vec<u8>],
    nows: &[Timestamp],
) -> sqlx::Result<Vec<(usize, (Session, Account, AccountFacts))>> {
    let nows: Vec<i64> = nows.iter().map(|now| now.0).collect();
    let rows = sqlx::query!(
        // One index lookup per token: as a plain join, the plan PostgreSQL keeps for a
        // prepared statement hashes the whole sessions table instead. The LIMIT keeps
        // the lateral subquery from being flattened into such a join.
        r#"select q.i as "i!", f.id as "id!: SessionId", f.account_id as "account_id!: AccountId",
                  f.device_name, f.ip, f.user_agent,
                  f.created_at as "created_at!: Timestamp",
                  f.last_seen_at as "last_seen_at!: Timestamp",
                  f.expires_at as "expires_at!: Timestamp",
                  f.elevated_until as "elevated_until: Timestamp",
                  f.email as "email!", f.email_verified_at as "email_verified_at: Timestamp",
                  f.password_hash, f.display_name, f.is_admin as "is_admin!: bool",
                  f.status as "status!: AccountStatus", f.terms_version_accepted, f.locale,
                  f.account_created_at as "account_created_at!: Timestamp",
                  f.two_factor as "two_factor!: bool",
                  f.pending_email as "pending_email?: String"
           from unnest($1::bytea[], $2::bigint[]) with ordinality as q(token_hash, now, i)
           cross join lateral (
               select s.id, s.account_id, s.device_name, s.ip, s.user_agent, s.created_at,
                      s.last_seen_at, s.expires_at, s.elevated_until, a.email,
                      a.email_verified_at, a.password_hash, a.display_name, a.is_admin,
                      a.status, a.terms_version_accepted, a.locale,
                      a.created_at as account_created_at,
                      (exists(select 1 from totp_devices d where d.account_id = a.id)
                       or exists(select 1 from passkeys p where p.account_id = a.id))
                        as two_factor,
                      (select t.email from email_tokens t
                       where t.account_id = a.id and t.purpose = 'change_email'
                         and t.used_at is null and (t.expires_at is null or t.expires_at > q.now)
                       order by t.id desc limit 1) as pending_email
               from sessions s join accounts a on a.id = s.account_id
               where s.token_hash = q.token_hash
               limit 1) f"#,
        token_hashes as _,
        &nows as _
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let session = Session {
                id: r.id,
                account_id: r.account_id,
                device_name: r.device_name,
                ip: r.ip,
                user_agent: r.user_agent,
                created_at: r.created_at,
                last_seen_at: r.last_seen_at,
                expires_at: r.expires_at,
                elevated_until: r.elevated_until,
            };
            let account = Account {
                id: r.account_id,
                email: r.email,
                email_verified_at: r.email_verified_at,
                password_hash: r.password_hash,
                display_name: r.display_name,
                is_admin: r.is_admin,
                status: r.status,
                terms_version_accepted: r.terms_version_accepted,
                locale: r.locale,
                created_at: r.account_created_at,
            };
            let facts = AccountFacts {
                two_factor: r.two_factor,
                pending_email: r.pending_email,
            };
            // ordinality counts from 1
            ((r.i - 1) as usize, (session, account, facts))
        })
        .collect())
}

/// Live sessions of an account, newest first, older than `before` (a page's cursor).
pub async fn list_live(
    conn: &mut PgConnection,
    account_id: AccountId,
    now: Timestamp,
    idle_cutoff: Timestamp,
    before: Option<SessionId>,
    limit: i64,
) -> sqlx::Result<Vec<Session>> {
    sqlx::query_as!(
        Session,
        r#"select id as "id: SessionId", account_id as "account_id: AccountId", device_name,
                  ip, user_agent, created_at as "created_at: Timestamp",
                  last_seen_at as "last_seen_at: Timestamp",
                  expires_at as "expires_at: Timestamp",
                  elevated_until as "elevated_until: Timestamp"
           from sessions
           where account_id = $1 and expires_at > $2 and last_seen_at > $3
             and ($4::uuid is null or id < $4)
           order by id desc
           limit $5"#,
        account_id as _,
        now as _,
        idle_cutoff as _,
        before as _,
        limit as _
    )
    .fetch_all(conn)
    .await
}

pub async fn touch(
    conn: &mut PgConnection,
    id: SessionId,
    now: Timestamp,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update sessions set last_seen_at = $1, ip = coalesce($2, ip),
                user_agent = coalesce($3, user_agent)
         where id = $4",
        now as _,
        ip as _,
        user_agent as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_elevated(
    conn: &mut PgConnection,
    id: SessionId,
    until: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update sessions set elevated_until = $1 where id = $2",
        until as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes every session of an account; returns how many.
pub async fn delete_all(conn: &mut PgConnection, account_id: AccountId) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from sessions where account_id = $1",
        account_id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes one session of an account; false when there was none.
pub async fn delete(
    conn: &mut PgConnection,
    account_id: AccountId,
    id: SessionId,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from sessions where id = $1 and account_id = $2",
        id as _,
        account_id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Deletes every session of an account but `keep`; returns how many.
pub async fn delete_others(
    conn: &mut PgConnection,
    account_id: AccountId,
    keep: SessionId,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from sessions where account_id = $1 and id != $2",
        account_id as _,
        keep as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
