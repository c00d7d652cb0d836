//! What operators query across accounts: user search with filters, counts.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use steward_store::Timestamp;
use steward_store::accounts::{Account, AccountStatus};
use steward_store::admin::*;
use steward_store::ids::AccountId;
use steward_store::outbox::MailStatus;

fn push_filter(qb: &mut QueryBuilder<Sqlite>, filter: &UserFilter) {
    qb.push(" where 1 = 1");
    if let Some(query) = filter.text().filter(|_| searches_index(filter)) {
        // The trigram index: a phrase matches where its characters stand together, as
        // LIKE '%…%' would, without reading every account. Inside a phrase only the
        // double quote is special (doubled).
        let phrase = format!("\"{}\"", query.replace('"', "\"\""));
        qb.push(
            " and a.search_rowid in \
             (select rowid from accounts_search where accounts_search match ",
        )
        .push_bind(phrase)
        .push(")");
    } else if let Some(pattern) = filter.like_pattern() {
        // Shorter than a trigram: LIKE, its wildcards escaped. It reads the accounts
        // newest first until a page is full.
        qb.push(" and (a.email like ")
            .push_bind(pattern.clone())
            .push(" escape '\\' or a.display_name like ")
            .push_bind(pattern)
            .push(" escape '\\')");
    }
    if let Some(status) = filter.status {
        // With a search, the matches are the few rows to read: `+` keeps the status
        // index (every active account) out of that plan.
        qb.push(if searches_index(filter) {
            " and +a.status = "
        } else {
            " and a.status = "
        })
        .push_bind(status);
    }
}

/// Whether the filter's text is looked up in the trigram index (three characters or more).
fn searches_index(filter: &UserFilter) -> bool {
    filter.text().is_some_and(|q| q.chars().count() >= 3)
}

/// The account columns, its counts and its last sign-in, each a correlated subquery on
/// an indexed column: one statement for a whole page, however long.
fn select_users(now: Timestamp) -> QueryBuilder<Sqlite> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "select a.id, a.email, a.email_verified_at, a.password_hash, a.display_name,
                a.is_admin, a.status, a.terms_version_accepted, a.locale, a.created_at,
                (select count(*) from subscriptions where account_id = a.id) as subscriptions,
                (select count(*) from hosts where account_id = a.id) as hosts,
                (select count(*) from totp_devices where account_id = a.id) as totp_devices,
                (select count(*) from passkeys where account_id = a.id) as passkeys,
                (select count(*) from sessions where account_id = a.id and expires_at > ",
    );
    qb.push_bind(now).push(
        ") as sessions,
                (select max(at) from audit_events
                  where account_id = a.id and type = 'sign_in.succeeded') as last_sign_in_at
         from accounts a",
    );
    qb
}

fn user_row(row: &SqliteRow) -> sqlx::Result<UserRow> {
    Ok(UserRow {
        account: Account {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            email_verified_at: row.try_get("email_verified_at")?,
            password_hash: row.try_get("password_hash")?,
            display_name: row.try_get("display_name")?,
            is_admin: row.try_get("is_admin")?,
            status: row.try_get("status")?,
            terms_version_accepted: row.try_get("terms_version_accepted")?,
            locale: row.try_get("locale")?,
            created_at: row.try_get("created_at")?,
        },
        counts: Counts {
            subscriptions: row.try_get("subscriptions")?,
            hosts: row.try_get("hosts")?,
            totp_devices: row.try_get("totp_devices")?,
            passkeys: row.try_get("passkeys")?,
            sessions: row.try_get("sessions")?,
        },
        last_sign_in_at: row.try_get("last_sign_in_at")?,
    })
}

/// One page of the users matching the filter, newest first, older than `before`: one
/// statement.
/// The statement of one page of users (`search_users`); public for the plan tests.
pub fn users_page(
    filter: &UserFilter,
    before: Option<AccountId>,
    limit: i64,
    now: Timestamp,
) -> QueryBuilder<Sqlite> {
    let mut qb = select_users(now);
    push_filter(&mut qb, filter);
    if let Some(before) = before {
        qb.push(" and a.id < ").push_bind(before);
    }
    qb.push(" order by a.id desc limit ").push_bind(limit);
    qb
}

pub async fn search_users(
    conn: &mut SqliteConnection,
    filter: &UserFilter,
    before: Option<AccountId>,
    limit: i64,
    now: Timestamp,
) -> sqlx::Result<Vec<UserRow>> {
    let mut qb = users_page(filter, before, limit, now);
    let rows = qb.build().fetch_all(conn).await?;
    rows.iter().map(user_row).collect()
}

/// One user as the list shows it.
pub async fn find_user(
    conn: &mut SqliteConnection,
    id: AccountId,
    now: Timestamp,
) -> sqlx::Result<Option<UserRow>> {
    let mut qb = select_users(now);
    qb.push(" where a.id = ").push_bind(id);
    let row = qb.build().fetch_optional(conn).await?;
    row.as_ref().map(user_row).transpose()
}

/// How many accounts match the filter in all: without a text to search, the count kept
/// for each status (no walk over every account); with one, the matches.
pub async fn count_users(conn: &mut SqliteConnection, filter: &UserFilter) -> sqlx::Result<i64> {
    if filter.text().is_none() {
        return sqlx::query_scalar!(
            r#"select coalesce(sum(accounts), 0) as "n!: i64" from account_counts
               where ?1 is null or status = ?1"#,
            filter.status
        )
        .fetch_one(conn)
        .await;
    }
    let mut qb = users_count(filter);
    qb.build_query_scalar::<i64>().fetch_one(conn).await
}

/// The statement counting the users a filter matches, as a search does (`count_users`);
/// public for the plan tests.
pub fn users_count(filter: &UserFilter) -> QueryBuilder<Sqlite> {
    let mut qb = QueryBuilder::<Sqlite>::new("select count(*) from accounts a");
    push_filter(&mut qb, filter);
    qb
}

pub async fn set_status(
    conn: &mut SqliteConnection,
    id: AccountId,
    status: AccountStatus,
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

/// The statement of one page of the audit log (`events`); public for the plan tests.
pub fn events_page(
    account_id: Option<AccountId>,
    kind: Option<&str>,
    before: Option<steward_store::ids::AuditEventId>,
    limit: i64,
) -> QueryBuilder<Sqlite> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "select id, account_id, actor_id, type, at, ip, user_agent, detail from audit_events where 1 = 1",
    );
    if let Some(account_id) = account_id {
        qb.push(" and account_id = ").push_bind(account_id);
    }
    if let Some(kind) = kind {
        qb.push(" and type = ").push_bind(kind.to_owned());
    }
    if let Some(before) = before {
        qb.push(" and id < ").push_bind(before);
    }
    qb.push(" order by id desc limit ").push_bind(limit);
    qb
}

/// Audit events of every account (or one), of every type (or one), newest first.
pub async fn events(
    conn: &mut SqliteConnection,
    account_id: Option<AccountId>,
    kind: Option<&str>,
    before: Option<steward_store::ids::AuditEventId>,
    limit: i64,
) -> sqlx::Result<Vec<AdminEvent>> {
    let mut qb = events_page(account_id, kind, before, limit);
    qb.build_query_as::<AdminEvent>().fetch_all(conn).await
}

/// The outbox (or the mails of one status), newest first.
pub async fn emails(
    conn: &mut SqliteConnection,
    status: Option<MailStatus>,
    before: Option<steward_store::ids::OutboxId>,
    limit: i64,
) -> sqlx::Result<Vec<OutboxMail>> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "select id, account_id, recipient, template, status, attempts, last_error,
                next_attempt_at, created_at, sent_at
         from outbox where 1 = 1",
    );
    if let Some(status) = status {
        qb.push(" and status = ").push_bind(status);
    }
    if let Some(before) = before {
        qb.push(" and id < ").push_bind(before);
    }
    qb.push(" order by id desc limit ").push_bind(limit);
    qb.build_query_as::<OutboxMail>().fetch_all(conn).await
}

pub async fn email(
    conn: &mut SqliteConnection,
    id: steward_store::ids::OutboxId,
) -> sqlx::Result<Option<OutboxMail>> {
    sqlx::query_as::<_, OutboxMail>(
        "select id, account_id, recipient, template, status, attempts, last_error,
                next_attempt_at, created_at, sent_at
         from outbox where id = ?",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}
