//! What operators query across accounts: user search with filters, counts.

use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Postgres, QueryBuilder, Row};
use steward_store::Timestamp;
use steward_store::accounts::{Account, AccountStatus};
use steward_store::admin::*;
use steward_store::ids::AccountId;
use steward_store::outbox::MailStatus;

fn push_filter(qb: &mut QueryBuilder<Postgres>, filter: &UserFilter) {
    qb.push(" where 1 = 1");
    if let Some(pattern) = filter.like_pattern() {
        // No ESCAPE clause: backslash is PostgreSQL's own escape, and an ESCAPE clause
        // becomes a function of the pattern, which keeps the trigram indexes out of a
        // prepared statement's plan. The email is compared as text, as it is indexed.
        qb.push(" and (a.email::text ilike ")
            .push_bind(pattern.clone())
            .push(" or a.display_name ilike ")
            .push_bind(pattern)
            .push(")");
    }
    if let Some(status) = filter.status {
        // With a search, the matches are the few rows to read: compared as an
        // expression, the status keeps its index (every active account) out of that plan.
        qb.push(if searches(filter) {
            " and a.status || '' = "
        } else {
            " and a.status = "
        })
        .push_bind(status);
    }
}

/// The account columns, its counts and its last sign-in, each a correlated subquery on
/// an indexed column: one statement for a whole page, however long.
///
/// The email is read as text: a statement planned for its values is not kept prepared
/// (`search_users`), and sqlx, on a connection that has not met citext yet, looks up its
/// type with a query of its own, which ends the unprepared statement before it runs.
fn select_users(now: Timestamp) -> QueryBuilder<Postgres> {
    let mut qb = QueryBuilder::<Postgres>::new(
        "select a.id, a.email::text as email, a.email_verified_at, a.password_hash, a.display_name,
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

fn user_row(row: &PgRow) -> sqlx::Result<UserRow> {
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
) -> QueryBuilder<Postgres> {
    let mut qb = select_users(now);
    push_filter(&mut qb, filter);
    if let Some(before) = before {
        qb.push(" and a.id < ").push_bind(before);
    }
    if searches(filter) {
        // The same order, as text (ids are lowercase hex), so that no index yields it:
        // the page is the newest of the matches the trigram indexes find. Ordered by the
        // id itself, the planner may walk every account newest first, hoping to fill a
        // page soon, and read them all when the text matches few.
        qb.push(" order by a.id::text desc limit ").push_bind(limit);
    } else {
        qb.push(" order by a.id desc limit ").push_bind(limit);
    }
    qb
}

/// Whether the filter has a text to search for.
fn searches(filter: &UserFilter) -> bool {
    filter.text().is_some()
}

pub async fn search_users(
    conn: &mut PgConnection,
    filter: &UserFilter,
    before: Option<AccountId>,
    limit: i64,
    now: Timestamp,
) -> sqlx::Result<Vec<UserRow>> {
    let mut qb = users_page(filter, before, limit, now);
    // A filtered page is planned for its values, never kept prepared: a generic plan
    // guesses how many rows a status or a text matches, and walked every account for a
    // text that matches none (0.4 s among 300,000), or for a rare status.
    let filtered = searches(filter) || filter.status.is_some();
    let rows = qb.build().persistent(!filtered).fetch_all(conn).await?;
    rows.iter().map(user_row).collect()
}

/// One user as the list shows it.
pub async fn find_user(
    conn: &mut PgConnection,
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
pub async fn count_users(conn: &mut PgConnection, filter: &UserFilter) -> sqlx::Result<i64> {
    if filter.text().is_none() {
        return sqlx::query_scalar!(
            r#"select coalesce(sum(accounts), 0)::bigint as "n!: i64" from account_counts
               where $1::text is null or status = $1"#,
            filter.status as _
        )
        .fetch_one(conn)
        .await;
    }
    let mut qb = users_count(filter);
    // planned for its values (see `search_users`)
    qb.build_query_scalar::<i64>()
        .persistent(false)
        .fetch_one(conn)
        .await
}

/// The statement counting the users a filter matches, as a search does (`count_users`);
/// public for the plan tests.
pub fn users_count(filter: &UserFilter) -> QueryBuilder<Postgres> {
    let mut qb = QueryBuilder::<Postgres>::new("select count(*) from accounts a");
    push_filter(&mut qb, filter);
    qb
}

pub async fn set_status(
    conn: &mut PgConnection,
    id: AccountId,
    status: AccountStatus,
    now: Timestamp,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update accounts set status = $1, updated_at = $2 where id = $3 and status != 'deleting'",
        status as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_admin(
    conn: &mut PgConnection,
    id: AccountId,
    is_admin: bool,
    now: Timestamp,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set is_admin = $1, updated_at = $2 where id = $3",
        is_admin as _,
        now as _,
        id as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_verified(
    conn: &mut PgConnection,
    id: AccountId,
    verified: bool,
    now: Timestamp,
) -> sqlx::Result<()> {
    let at = verified.then_some(now);
    sqlx::query!(
        "update accounts set email_verified_at = case when $1 then coalesce(email_verified_at, $2) else null end,
                updated_at = $3 where id = $4",
        verified as _,
        at as _,
        now as _,
        id as _
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
) -> QueryBuilder<Postgres> {
    let mut qb = QueryBuilder::<Postgres>::new(
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
    conn: &mut PgConnection,
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
    conn: &mut PgConnection,
    status: Option<MailStatus>,
    before: Option<steward_store::ids::OutboxId>,
    limit: i64,
) -> sqlx::Result<Vec<OutboxMail>> {
    let mut qb = QueryBuilder::<Postgres>::new(
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
    conn: &mut PgConnection,
    id: steward_store::ids::OutboxId,
) -> sqlx::Result<Option<OutboxMail>> {
    sqlx::query_as::<_, OutboxMail>(
        "select id, account_id, recipient, template, status, attempts, last_error,
                next_attempt_at, created_at, sent_at
         from outbox where id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}
