//! Reads that must stay fast as the data grows, asked for their plans: SQLite's
//! `EXPLAIN QUERY PLAN` and PostgreSQL's `EXPLAIN (FORMAT JSON)`, on a database seeded
//! with a few thousand accounts and what they own. Every read finds its rows through an
//! index, and none reads the whole of a table that grows with the accounts: what is
//! fast at a few thousand rows then stays fast at a million (bench/scale.py measures
//! that; these tests fail when a plan regresses, long before anyone measures).
//!
//! Every statement checked at compile time is planned (each backend's `.sqlx/` holds
//! them all, so a new query is covered the day it is written), and the statements the
//! admin list and the audit log build at run time, in each of their shapes.

use serde_json::Value;
use sqlx::{Connection as _, Row};
use steward::clock::Timestamp;
use steward::db::Pool;
use steward::db::accounts::AccountStatus;
use steward::db::admin::UserFilter;

use crate::support::TestApp;

mod seed;
use seed::{ACCOUNTS, seeded};

/// Tables of ours that do not grow with the accounts: configuration (webhook endpoints,
/// API tokens), the server key's seal, a row per schedule. Every other table does (and
/// a new one does until it is named here).
const NOT_GROWING: &[&str] = &[
    "webhook_endpoints",
    "api_tokens",
    "server_key_seal",
    "periodic_runs",
];

/// Whether `table`'s rows grow with the accounts (and their sign-ins, mail, events).
fn growing(table: &str) -> bool {
    steward::db::copy::TABLES.contains(&table) && !NOT_GROWING.contains(&table)
}

/// The engine's plan of one statement, as lines: SQLite's details ("SEARCH a USING
/// INDEX …"), or PostgreSQL's nodes ("Index Scan on accounts using accounts_pkey
/// (cond)", a node under a Limit marked so).
struct Plan {
    sql: String,
    lines: Vec<String>,
    /// (table, why) for every read of a whole growing table.
    full_reads: Vec<(String, String)>,
}

impl Plan {
    fn assert_indexed(&self) {
        assert!(
            self.full_reads.is_empty(),
            "reads whole tables {:?}\nplan:\n  {}\nstatement: {}",
            self.full_reads,
            self.lines.join("\n  "),
            self.sql
        );
    }

    fn assert_uses(&self, index: &str) {
        assert!(
            self.lines.iter().any(|l| l.contains(index)),
            "does not use {index}\nplan:\n  {}\nstatement: {}",
            self.lines.join("\n  "),
            self.sql
        );
    }

    fn assert_no_sort(&self) {
        assert!(
            !self
                .lines
                .iter()
                .any(|l| l.contains("TEMP B-TREE FOR ORDER BY") || l.starts_with("Sort")),
            "sorts every row it found to order a page\nplan:\n  {}\nstatement: {}",
            self.lines.join("\n  "),
            self.sql
        );
    }
}

/// SQLite names a table by its alias in a plan: the table an alias stands for.
fn table_of(sql: &str, name: &str) -> String {
    let words: Vec<String> = sql
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    for (i, w) in words.iter().enumerate() {
        if w == name && i > 0 {
            let before = &words[i - 1];
            let table = if before == "as" && i > 1 {
                &words[i - 2]
            } else {
                before
            };
            if growing(table) {
                return table.clone();
            }
        }
    }
    name.to_owned()
}

async fn sqlite_plan(pool: &sqlx::SqlitePool, sql: &str) -> Plan {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("explain query plan {sql}")))
        .fetch_all(pool)
        .await
        .unwrap_or_else(|e| panic!("explain {sql}: {e}"));
    let lines: Vec<String> = rows.iter().map(|r| r.get::<String, _>(3)).collect();
    let limited = sql.to_lowercase().contains(" limit ")
        && !lines.iter().any(|l| l.contains("TEMP B-TREE FOR ORDER BY"));
    let mut full_reads = Vec::new();
    for line in &lines {
        let Some(rest) = line.strip_prefix("SCAN ") else {
            continue;
        };
        let name = rest.split_whitespace().next().unwrap_or_default();
        let table = table_of(sql, name);
        if !growing(&table) {
            continue;
        }
        // an index walked in its order until a page is full reads that page only
        if limited && rest.contains(" USING ") && rest.contains("INDEX") {
            continue;
        }
        full_reads.push((table, line.clone()));
    }
    Plan {
        sql: sql.to_owned(),
        lines,
        full_reads,
    }
}

/// A statement's plan on PostgreSQL, as `values` ask: `None`, the generic plan of a
/// prepared statement (what a statement sqlx keeps prepared runs after its fifth
/// execution), else the plan for these literal values. Sequential scans are turned off,
/// so a `Seq Scan` means no index can serve the statement at all.
async fn postgres_plan(pool: &sqlx::PgPool, sql: &str, values: Option<&[&str]>) -> Plan {
    let mut conn = pool.acquire().await.unwrap();
    let params = (1..=32)
        .take_while(|n| sql.contains(&format!("${n}")))
        .count();
    let mode = if values.is_some() {
        "force_custom_plan"
    } else {
        "force_generic_plan"
    };
    let arguments = match values {
        Some(values) => format!("({})", values.join(", ")),
        None if params == 0 => String::new(),
        None => format!("({})", vec!["null"; params].join(", ")),
    };
    let mut tx = conn.begin().await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "set local plan_cache_mode = {mode}; set local enable_seqscan = off;
         prepare plan_probe as {sql}"
    )))
    .execute(&mut *tx)
    .await
    .unwrap_or_else(|e| panic!("prepare {sql}: {e}"));
    let explained = format!("explain (format json) execute plan_probe{arguments}");
    let plan: Value = sqlx::query_scalar(sqlx::AssertSqlSafe(explained))
        .fetch_one(&mut *tx)
        .await
        .unwrap_or_else(|e| panic!("explain {sql}: {e}"));
    tx.rollback().await.unwrap();
    sqlx::raw_sql("deallocate plan_probe")
        .execute(&mut *conn)
        .await
        .unwrap();
    let mut lines = Vec::new();
    let mut full_reads = Vec::new();
    walk(&plan[0]["Plan"], false, &mut lines, &mut full_reads);
    Plan {
        sql: sql.to_owned(),
        lines,
        full_reads,
    }
}

fn walk(node: &Value, limited: bool, lines: &mut Vec<String>, full: &mut Vec<(String, String)>) {
    let kind = node["Node Type"].as_str().unwrap_or_default();
    let relation = node["Relation Name"].as_str().unwrap_or_default();
    let cond = ["Index Cond", "Recheck Cond", "Filter"]
        .iter()
        .filter_map(|k| node[*k].as_str().map(|c| format!("{k}: {c}")))
        .collect::<Vec<_>>()
        .join("; ");
    let index = node["Index Name"].as_str().unwrap_or_default();
    let line = format!(
        "{kind} on {relation} using {index} ({cond}){}",
        if limited { " [under a Limit]" } else { "" }
    );
    if growing(relation) {
        let whole = match kind {
            "Seq Scan" => true,
            // an index walked whole, unless a Limit stops it at a page
            "Index Scan" | "Index Only Scan" => node["Index Cond"].is_null() && !limited,
            _ => false,
        };
        if whole {
            full.push((relation.to_owned(), line.clone()));
        }
    }
    lines.push(line);
    // a Limit stops the rows streaming up to it, not those a sort or a hash takes whole
    let limited = match kind {
        "Limit" => true,
        "Sort" | "Incremental Sort" | "Hash" | "Aggregate" | "Materialize" => false,
        _ => limited,
    };
    for child in node["Plans"].as_array().into_iter().flatten() {
        walk(child, limited, lines, full);
    }
}

async fn plan(app: &TestApp, sql: &str) -> Plan {
    match &app.state.db {
        Pool::Sqlite(pool) => sqlite_plan(pool, sql).await,
        Pool::Postgres(pool) => postgres_plan(pool, sql, None).await,
    }
}

/// Statements that read a whole table on purpose, each with why that is right.
const WHOLE_ON_PURPOSE: &[(&str, &str)] = &[];

/// Every statement checked at compile time, from the backend's `.sqlx/` data.
fn stored_statements(app: &TestApp) -> Vec<String> {
    let crate_dir = match &app.state.db {
        Pool::Sqlite(_) => "crates/sqlite/.sqlx",
        Pool::Postgres(_) => "crates/postgres/.sqlx",
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(crate_dir);
    let mut statements: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let data: Value = serde_json::from_str(&text).unwrap();
            data["query"].as_str().unwrap().to_owned()
        })
        .collect();
    statements.sort();
    statements
}

#[tokio::test]
async fn every_stored_statement_finds_its_rows_through_an_index() {
    let app = seeded().await;
    let statements = stored_statements(&app);
    assert!(statements.len() > 100, "{} statements", statements.len());
    let mut failures = Vec::new();
    for sql in &statements {
        let plan = plan(&app, sql).await;
        if plan.full_reads.is_empty()
            || WHOLE_ON_PURPOSE
                .iter()
                .any(|(shape, _)| sql.contains(shape))
        {
            continue;
        }
        failures.push(format!(
            "{}\n  reads whole: {:?}\n  plan: {}",
            sql.split_whitespace().collect::<Vec<_>>().join(" "),
            plan.full_reads,
            plan.lines.join(" | ")
        ));
    }
    assert!(
        failures.is_empty(),
        "{} of {} statements read a whole growing table:\n\n{}",
        failures.len(),
        statements.len(),
        failures.join("\n\n")
    );
}

fn filter(query: Option<&str>, status: Option<AccountStatus>) -> UserFilter {
    UserFilter {
        query: query.map(str::to_owned),
        status,
    }
}

/// The admin's user list: its first page, a page deep down the cursor, filtered by
/// status, and each row's counts and last sign-in, every one a range of an index.
#[tokio::test]
async fn the_admin_user_list_reads_a_page_not_every_account() {
    let app = seeded().await;
    let now = Timestamp(1_800_000_000);
    let cursor = Some("00000000-0000-7000-8000-000000000600".parse().unwrap());
    let shapes = [
        ("first page", filter(None, None), None),
        ("deep page", filter(None, None), cursor),
        (
            "deactivated, first page",
            filter(None, Some(AccountStatus::Deactivated)),
            None,
        ),
        (
            "active, deep page",
            filter(None, Some(AccountStatus::Active)),
            cursor,
        ),
    ];
    for (shape, filter, before) in shapes {
        let plan = match &app.state.db {
            Pool::Sqlite(pool) => {
                let page = steward_sqlite::admin::users_page(&filter, before, 51, now);
                sqlite_plan(pool, page.sql().as_str()).await
            }
            Pool::Postgres(pool) => {
                let page = steward_postgres::admin::users_page(&filter, before, 51, now);
                match filter.status {
                    // kept prepared: the generic plan
                    None => postgres_plan(pool, page.sql().as_str(), None).await,
                    // planned for its values, as it runs
                    Some(status) => {
                        let status = format!("'{status}'");
                        let cursor = before.map(|id| format!("'{id}'::uuid"));
                        let mut values = vec!["1800000000", status.as_str()];
                        values.extend(cursor.as_deref());
                        values.push("51");
                        postgres_plan(pool, page.sql().as_str(), Some(&values)).await
                    }
                }
            }
        };
        println!("{shape}:\n  {}", plan.lines.join("\n  "));
        plan.assert_indexed();
        plan.assert_no_sort();
        // the last sign-in of each row: a seek into the account's sign-ins, not a walk
        // over every sign-in of that type
        plan.assert_uses("audit_events_account_type");
        // a status few accounts have: its range of the status index, newest first (for
        // one most have, walking the accounts newest first fills a page as soon)
        if filter.status == Some(AccountStatus::Deactivated) {
            plan.assert_uses("accounts_status");
        }
    }
    // the total on every page is the kept count, and it is right: the seeded
    // accounts, the admin, and no more after one is deleted outright
    let admin = app.admin_session().await;
    let total = |query: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let page = app.get(query, Some(admin)).await;
            assert_eq!(page.status, 200, "{query}: {}", page.text);
            page.json["total"].clone()
        }
    };
    assert_eq!(total("/api/v1/admin/users?limit=1").await, ACCOUNTS + 1);
    assert_eq!(
        total("/api/v1/admin/users?limit=1&status=deactivated").await,
        ACCOUNTS / 50
    );
    app.sql()
        .exec(
            "delete from accounts where email = ?",
            &["seeded50@example.org".into()],
        )
        .await;
    assert_eq!(total("/api/v1/admin/users?limit=1").await, ACCOUNTS);
    assert_eq!(
        total("/api/v1/admin/users?limit=1&status=deactivated").await,
        ACCOUNTS / 50 - 1
    );
}

/// Searching the users (by email or name, three characters or more) reads the rows
/// the trigram index finds, with or without a status, and counting them does too.
#[tokio::test]
async fn admin_search_reads_the_trigram_index() {
    let app = seeded().await;
    let now = Timestamp(1_800_000_000);
    for status in [None, Some(AccountStatus::Active)] {
        let filter = filter(Some("seeded1234@"), status);
        let plans = match &app.state.db {
            Pool::Sqlite(pool) => {
                let page = steward_sqlite::admin::users_page(&filter, None, 51, now);
                let count = steward_sqlite::admin::users_count(&filter);
                [
                    sqlite_plan(pool, page.sql().as_str()).await,
                    sqlite_plan(pool, count.sql().as_str()).await,
                ]
            }
            Pool::Postgres(pool) => {
                // a search is planned for its text (never kept prepared): its values
                let page = steward_postgres::admin::users_page(&filter, None, 51, now);
                let count = steward_postgres::admin::users_count(&filter);
                let (mut page_values, mut count_values) = (
                    vec!["1800000000", "'%seeded1234@%'", "'%seeded1234@%'"],
                    vec!["'%seeded1234@%'", "'%seeded1234@%'"],
                );
                if status.is_some() {
                    page_values.push("'active'");
                    count_values.push("'active'");
                }
                page_values.push("51");
                [
                    postgres_plan(pool, page.sql().as_str(), Some(&page_values)).await,
                    postgres_plan(pool, count.sql().as_str(), Some(&count_values)).await,
                ]
            }
        };
        for plan in plans {
            println!("search, status {status:?}:\n  {}", plan.lines.join("\n  "));
            plan.assert_indexed();
            match &app.state.db {
                Pool::Sqlite(_) => plan.assert_uses("accounts_search VIRTUAL TABLE"),
                Pool::Postgres(_) => plan.assert_uses("accounts_email_trgm"),
            }
            assert!(
                !plan
                    .lines
                    .iter()
                    .any(|l| l.contains("USING INDEX accounts_status")
                        || l.contains("using accounts_status")),
                "a search reads its matches, not every account of a status:\n  {}",
                plan.lines.join("\n  ")
            );
        }
    }
    // and it finds what it should: by email (with a status or not), by name, case aside,
    // nothing for no match
    let admin = app.admin_session().await;
    for (query, expected) in [
        ("seeded1234%40", vec!["seeded1234@example.org"]),
        (
            "seeded1234%40&status=active",
            vec!["seeded1234@example.org"],
        ),
        ("seeded1234%40&status=deactivated", vec![]),
        (
            "seeded1250%40&status=deactivated",
            vec!["seeded1250@example.org"],
        ),
        ("SEEDED%20PERSON%202999", vec!["seeded2999@example.org"]),
        ("no%20such%20person", vec![]),
    ] {
        let found = app
            .get(&format!("/api/v1/admin/users?query={query}"), Some(&admin))
            .await;
        let emails: Vec<&str> = found.json["items"]
            .as_array()
            .unwrap_or_else(|| panic!("{query}: {}", found.text))
            .iter()
            .map(|u| u["email"].as_str().unwrap())
            .collect();
        assert_eq!(emails, expected, "{query}");
        assert_eq!(found.json["total"], expected.len() as i64, "{query}");
    }
}

/// The operators' audit log filtered by type or by account, and an account's own
/// activity: a range of an index in the order of the page.
#[tokio::test]
async fn the_audit_log_reads_a_page_of_an_index() {
    let app = seeded().await;
    let account = Some("00000000-0000-7000-8000-000000000010".parse().unwrap());
    let before = Some("00000000-0000-7000-8011-000000000600".parse().unwrap());
    for (shape, account, kind, before) in [
        ("by type", None, Some("sign_in.succeeded"), None),
        ("by type, deep", None, Some("sign_in.succeeded"), before),
        ("by account", account, None, None),
        (
            "by account and type",
            account,
            Some("sign_in.succeeded"),
            None,
        ),
    ] {
        let sql = match &app.state.db {
            Pool::Sqlite(_) => steward_sqlite::admin::events_page(account, kind, before, 51)
                .sql()
                .as_str()
                .to_owned(),
            Pool::Postgres(_) => steward_postgres::admin::events_page(account, kind, before, 51)
                .sql()
                .as_str()
                .to_owned(),
        };
        let plan = plan(&app, &sql).await;
        println!("{shape}:\n  {}", plan.lines.join("\n  "));
        plan.assert_indexed();
    }
}
