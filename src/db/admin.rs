//! What operators query across accounts: user search with filters, counts.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::clock::Timestamp;
use crate::ids::AccountId;

/// A filter of the user list. `query` matches a substring of the email or the name.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub query: Option<String>,
    pub status: Option<String>,
}

fn push_filter(qb: &mut QueryBuilder<Sqlite>, filter: &UserFilter) {
    qb.push(" where 1 = 1");
    if let Some(query) = filter.query.as_deref().filter(|q| !q.is_empty()) {
        // LIKE with its wildcards escaped: a search for "a_b" finds "a_b", not "axb"
        let escaped = query
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        qb.push(" and (email like ")
            .push_bind(pattern.clone())
            .push(" escape '\\' or display_name like ")
            .push_bind(pattern)
            .push(" escape '\\')");
    }
    if let Some(status) = filter.status.as_deref() {
        qb.push(" and status = ").push_bind(status.to_owned());
    }
}

/// One page of account ids matching the filter, newest first, older than `before`.
pub async fn search_users(
    conn: &mut SqliteConnection,
    filter: &UserFilter,
    before: Option<AccountId>,
    limit: i64,
) -> sqlx::Result<Vec<AccountId>> {
    let mut qb = QueryBuilder::<Sqlite>::new("select id from accounts");
    push_filter(&mut qb, filter);
    if let Some(before) = before {
        qb.push(" and id < ").push_bind(before);
    }
    qb.push(" order by id desc limit ").push_bind(limit);
    qb.build_query_scalar::<AccountId>().fetch_all(conn).await
}

/// How many accounts match the filter in all.
pub async fn count_users(conn: &mut SqliteConnection, filter: &UserFilter) -> sqlx::Result<i64> {
    let mut qb = QueryBuilder::<Sqlite>::new("select count(*) from accounts");
    push_filter(&mut qb, filter);
    qb.build_query_scalar::<i64>().fetch_one(conn).await
}

/// What an account owns and uses, for the admin's detail view.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub subscriptions: i64,
    pub hosts: i64,
    pub totp_devices: i64,
    pub sessions: i64,
}

pub async fn counts(
    conn: &mut SqliteConnection,
    id: AccountId,
    now: Timestamp,
) -> sqlx::Result<Counts> {
    let row = sqlx::query!(
        r#"select (select count(*) from subscriptions where account_id = ?1) as "subscriptions!: i64",
                  (select count(*) from hosts where account_id = ?1) as "hosts!: i64",
                  (select count(*) from totp_devices where account_id = ?1) as "totp_devices!: i64",
                  (select count(*) from sessions where account_id = ?1 and expires_at > ?2) as "sessions!: i64""#,
        id,
        now
    )
    .fetch_one(conn)
    .await?;
    Ok(Counts {
        subscriptions: row.subscriptions,
        hosts: row.hosts,
        totp_devices: row.totp_devices,
        sessions: row.sessions,
    })
}

/// The last successful sign-in of an account, from the audit trail.
pub async fn last_sign_in(
    conn: &mut SqliteConnection,
    id: AccountId,
) -> sqlx::Result<Option<Timestamp>> {
    let at = sqlx::query_scalar!(
        r#"select max(at) as "at: Timestamp" from audit_events where account_id = ? and type = 'sign_in.succeeded'"#,
        id
    )
    .fetch_one(conn)
    .await?;
    Ok(at)
}

pub async fn set_status(
    conn: &mut SqliteConnection,
    id: AccountId,
    status: &str,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update accounts set status = ?, updated_at = ? where id = ? and status != 'deleting'",
        status,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_admin(
    conn: &mut SqliteConnection,
    id: AccountId,
    is_admin: bool,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set is_admin = ?, updated_at = ? where id = ?",
        is_admin,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_verified(
    conn: &mut SqliteConnection,
    id: AccountId,
    verified: bool,
    now: Timestamp,
) -> sqlx::Result<()> {
    let at = verified.then_some(now);
    sqlx::query!(
        "update accounts set email_verified_at = case when ? then coalesce(email_verified_at, ?) else null end,
                updated_at = ? where id = ?",
        verified,
        at,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}
