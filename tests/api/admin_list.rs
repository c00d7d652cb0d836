//! The operators' user list: every row shows what the user's own page shows, whatever
//! the page's length (the list reads a whole page in one statement).

use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp};

/// What the list and the detail both show of a user.
fn shown(user: &Value) -> Value {
    json!({
        "email": user["email"],
        "status": user["status"],
        "is_admin": user["is_admin"],
        "email_verified": user["email_verified"],
        "two_factor_enabled": user["two_factor_enabled"],
        "subscriptions": user["subscriptions"],
        "hosts": user["hosts"],
        "totp_devices": user["totp_devices"],
        "sessions": user["sessions"],
        "last_sign_in_at": user["last_sign_in_at"],
    })
}

#[tokio::test]
async fn each_row_of_the_list_is_what_the_users_page_shows() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    // one user with a bit of everything, one who signed in twice, one who never did
    let busy = app.signed_in("busy@example.org").await;
    let sub = app.subscribe(&busy, "managed-homeserver").await;
    app.post(
        "/api/v1/hosts",
        Some(&busy),
        json!({"subscription_id": sub, "name": "prod"}),
    )
    .await
    .assert(201);
    app.signed_in("twice@example.org").await;
    app.sign_in("twice@example.org", PASSWORD).await.assert(201);
    app.verified_account("quiet@example.org").await;

    let list = app.get("/api/v1/admin/users?limit=200", Some(&root)).await;
    list.assert(200);
    let items = list.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 4, "{}", list.text);
    for item in items {
        let id = item["id"].as_str().unwrap();
        let detail = app
            .get(&format!("/api/v1/admin/users/{id}"), Some(&root))
            .await;
        detail.assert(200);
        assert_eq!(shown(item), shown(&detail.json), "{}", item["email"]);
    }
    let by_email = |email: &str| {
        items
            .iter()
            .find(|i| i["email"] == email)
            .map(shown)
            .unwrap()
    };
    let busy = by_email("busy@example.org");
    assert_eq!(
        (&busy["subscriptions"], &busy["hosts"], &busy["sessions"]),
        (&json!(1), &json!(1), &json!(1))
    );
    assert!(busy["last_sign_in_at"].is_string());
    assert_eq!(by_email("twice@example.org")["sessions"], json!(2));
    let quiet = by_email("quiet@example.org");
    assert_eq!(
        (
            &quiet["sessions"],
            &quiet["hosts"],
            &quiet["last_sign_in_at"]
        ),
        (&json!(0), &json!(0), &Value::Null)
    );
}

/// The statements of the server's log (sqlx logs each at debug) that read accounts.
fn account_statements(log: &str) -> usize {
    log.lines()
        .filter(|l| l.contains("sqlx::query") && l.contains("accounts"))
        .count()
}

#[tokio::test]
async fn a_page_of_users_takes_as_many_statements_whatever_its_length() {
    use crate::support::process::{free_port, spawn_binary_with_env, steward};
    let dir = tempfile::tempdir().unwrap();
    let smtp = crate::support::smtp::SmtpServer::start().await;
    let env = [("RUST_LOG", "warn,sqlx::query=debug".to_owned())];
    let server = spawn_binary_with_env(
        dir.path(),
        free_port(),
        smtp.port,
        // no periodic round reads accounts meanwhile
        |c| c.jobs.maintenance_schedule = "0 0 0 1 1 * 2099".into(),
        &env,
    )
    .await;
    for n in 0..12 {
        let email = format!("user{n}@example.org");
        let out = steward(dir.path(), &["user", "create", "--email", &email], None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = steward(dir.path(), &["token", "create", "--name", "count"], None);
    assert!(out.status.success());
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();

    let log_path = dir.path().join("server.log");
    let client = reqwest::Client::new();
    let mut counts = Vec::new();
    for limit in [2, 12] {
        let before = std::fs::read_to_string(&log_path).unwrap().len();
        let page = client
            .get(format!("{}/api/v1/admin/users?limit={limit}", server.base))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let page: Value = page.json().await.unwrap();
        assert_eq!(page["items"].as_array().unwrap().len(), limit);
        assert_eq!(page["total"], json!(12), "{page}");
        // a statement is logged as it finishes, before the answer leaves
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let log = std::fs::read_to_string(&log_path).unwrap();
        counts.push(account_statements(&log[before..]));
    }
    assert!(counts[0] > 0, "sqlx logs its statements: {counts:?}");
    assert_eq!(
        counts[0], counts[1],
        "statements that read accounts for a page of 2 and of 12 users"
    );
}
