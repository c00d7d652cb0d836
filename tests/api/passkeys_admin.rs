//! Operators see a user's passkeys by name (added, last used), on the admin API and
//! the admin page, not only how many there are.

use serde_json::json;

use crate::support::browser::Browser;
use crate::support::{PASSWORD, PUBLIC_URL, SoftPasskey, TestApp};

#[tokio::test]
async fn operators_see_each_passkey_by_name_on_the_api_and_the_page() {
    let app = TestApp::spawn().await;
    let admin = app.admin_session().await;
    let token = app.signed_in("pk@example.org").await;
    let mut authn = SoftPasskey::new(PUBLIC_URL);
    app.add_passkey(&token, &mut authn, "Laptop").await;
    app.add_passkey(&token, &mut authn, "Phone").await;
    let id = app.get("/api/v1/account", Some(&token)).await.json["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // one of them used once: last used is shown for it alone
    let started = app.post("/api/v1/sessions/passkey", None, json!({})).await;
    started.assert(200);
    let answer = authn.get(&started.json["options"]);
    let challenge = started.json["challenge_id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/sessions/passkey/{challenge}/complete"),
        None,
        json!({"credential": answer}),
    )
    .await
    .assert(201);

    let listed = app
        .get(&format!("/api/v1/admin/users/{id}/passkeys"), Some(&admin))
        .await;
    listed.assert(200);
    let items = listed.json["items"].as_array().unwrap();
    let mut names: Vec<_> = items.iter().map(|p| p["name"].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["Laptop", "Phone"]);
    assert!(items.iter().all(|p| p["created_at"].is_string()));
    let used = items
        .iter()
        .filter(|p| p["last_used_at"].is_string())
        .count();
    assert_eq!(used, 1, "{items:?}");
    let user = app
        .get(&format!("/api/v1/admin/users/{id}"), Some(&admin))
        .await;
    assert_eq!(user.json["passkeys"], 2);

    // only operators, and only users that exist
    app.get(&format!("/api/v1/admin/users/{id}/passkeys"), Some(&token))
        .await
        .assert_error(403, "forbidden");
    let nobody = "/api/v1/admin/users/0190b1a2-0000-7000-8000-000000000000/passkeys";
    app.get(nobody, Some(&admin))
        .await
        .assert_error(404, "not_found");

    let browser = Browser::start().await;
    browser.goto(&app.url("/admin")).await;
    browser.fill("#email", "root@example.org").await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("/admin/sign-in").await;
    browser.goto(&app.url(&format!("/admin/users/{id}"))).await;
    let mut shown = browser.texts("#passkeys tbody td:nth-child(1)").await;
    shown.sort();
    assert_eq!(shown, ["Laptop", "Phone"]);
    let last_used = browser.texts("#passkeys tbody td:nth-child(3)").await;
    assert_eq!(last_used.iter().filter(|t| *t == "never").count(), 1);
    browser.check_page("admin-user-passkeys").await;
    browser.close().await;
}
