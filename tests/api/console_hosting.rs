//! The console's "Hosting" pages in a real browser: subscribe, add a host, rename it,
//! its integrations (settings as JSON), delete it, cancel the subscription, and the jobs
//! that remove what went. Plus the plain-HTTP refusals: forms without their CSRF token
//! (the account deletion's too), other accounts' ids, fields too long or malformed.

use crate::support::TestApp;
use crate::support::console::{
    add_host, add_integration, browser_with_session, csrf_in, get_page, post_form, session,
};

/// A form's fields, as posted.
type Form<'a> = Vec<(&'a str, &'a str)>;

#[tokio::test]
async fn hosting_from_subscribing_to_cancelling() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let browser = browser_with_session(&app, &token, true).await;
    browser.goto(&app.url("/hosting")).await;
    assert_eq!(browser.text("h1").await, "Hosting");
    browser.check_page("console-hosting-empty").await;

    // subscribe
    browser.click("#subscribe-on-premise-trial").await;
    assert_eq!(browser.path().await, "/hosting");
    assert!(
        browser
            .text(".notice")
            .await
            .starts_with("You are subscribed")
    );
    assert_eq!(
        browser.texts(".subscription h3").await,
        ["On-premise trial"]
    );
    let subs = app.get("/api/v1/subscriptions", Some(&token)).await;
    let sub = subs.json["items"][0]["id"].as_str().unwrap().to_owned();

    // add a host: its page follows
    browser.fill("#name", "Main").await;
    browser.fill("#domain", "Matrix.Example.org").await;
    browser.submit("/hosting/hosts").await;
    let host_path = browser.path().await;
    let host = host_path.rsplit('/').next().unwrap().to_owned();
    assert_eq!(browser.text("h1").await, "Main");
    assert_eq!(browser.text(".notice").await, "The host is added.");
    browser.check_page("console-hosting-host").await;

    // a domain another host has: said beside the domain, what was typed kept
    browser.goto(&app.url("/hosting")).await;
    browser.fill("#name", "Second").await;
    browser.fill("#domain", "matrix.example.org").await;
    browser.submit("/hosting/hosts").await;
    assert_eq!(
        browser.text("#domain-error").await,
        "Another host uses this domain."
    );
    assert_eq!(browser.value("#name").await, "Second");
    browser.check_page("console-hosting-add-host-error").await;

    // rename it
    browser.goto(&app.url(&host_path)).await;
    browser.fill("#name", "Main homeserver").await;
    browser.submit(&host_path).await;
    assert_eq!(browser.text(".notice").await, "The host is saved.");
    assert_eq!(browser.text("h1").await, "Main homeserver");
    let got = app
        .get(&format!("/api/v1/hosts/{host}"), Some(&token))
        .await;
    assert_eq!(got.json["name"], "Main homeserver");
    assert_eq!(got.json["domain"], "matrix.example.org");

    // add an integration: settings that are not JSON are the settings field's error
    browser.click("#add-integration").await;
    assert_eq!(browser.text("h1").await, "Add integration");
    browser.check_page("console-hosting-integration-new").await;
    browser.fill("#kind", "matrix-bridge").await;
    browser.fill("#name", "Bridge").await;
    browser.fill("#settings", "{\"url\": https://bridge").await;
    browser
        .submit(&format!("/hosting/hosts/{host}/integrations"))
        .await;
    assert!(
        browser
            .text("#settings-error")
            .await
            .starts_with("This is not valid JSON"),
        "{}",
        browser.text("#settings-error").await
    );
    assert_eq!(browser.value("#settings").await, "{\"url\": https://bridge");
    assert_eq!(browser.value("#kind").await, "matrix-bridge");
    browser
        .check_page("console-hosting-integration-error")
        .await;
    browser
        .fill("#settings", "{\"url\": \"https://bridge.example.org\"}")
        .await;
    browser
        .submit(&format!("/hosting/hosts/{host}/integrations"))
        .await;
    assert_eq!(browser.path().await, host_path);
    assert_eq!(browser.text(".notice").await, "The integration is added.");
    let list = app
        .get(&format!("/api/v1/hosts/{host}/integrations"), Some(&token))
        .await;
    let integration = &list.json["items"][0];
    assert_eq!(integration["settings"]["url"], "https://bridge.example.org");
    assert_eq!(integration["kind"], "matrix-bridge");
    let iid = integration["id"].as_str().unwrap().to_owned();

    // edit it
    browser
        .click(&format!("a[href='/hosting/integrations/{iid}']"))
        .await;
    assert_eq!(browser.text("h1").await, "Edit integration");
    browser.check_page("console-hosting-integration-edit").await;
    browser.fill("#name", "Bridge two").await;
    browser
        .fill(
            "#settings",
            "{\"url\": \"https://two.example.org\", \"retries\": 3}",
        )
        .await;
    browser
        .submit(&format!("/hosting/integrations/{iid}"))
        .await;
    assert_eq!(browser.text(".notice").await, "The integration is saved.");
    let got = app
        .get(&format!("/api/v1/integrations/{iid}"), Some(&token))
        .await;
    assert_eq!(got.json["name"], "Bridge two");
    assert_eq!(got.json["settings"]["retries"], 3);

    // delete it, confirmed: "Keep the integration" leaves it be
    browser.click("#delete-integration").await;
    assert_eq!(browser.text("h1").await, "Delete integration");
    assert!(
        browser
            .text("main")
            .await
            .contains("Bridge two (matrix-bridge)")
    );
    browser
        .check_page("console-hosting-delete-integration")
        .await;
    browser.follow("Keep the integration").await;
    assert_eq!(browser.path().await, format!("/hosting/integrations/{iid}"));
    assert_eq!(
        app.get(&format!("/api/v1/integrations/{iid}"), Some(&token))
            .await
            .status,
        200
    );
    browser.click("#delete-integration").await;
    browser
        .submit(&format!("/hosting/integrations/{iid}/delete"))
        .await;
    assert_eq!(browser.path().await, host_path);
    assert_eq!(browser.text(".notice").await, "The integration is deleted.");
    app.get(&format!("/api/v1/integrations/{iid}"), Some(&token))
        .await
        .assert_error(404, "not_found");

    // delete the host, confirmed: its integrations go with it
    add_integration(&app, &token, &host, "Slack").await;
    browser.click("#delete-host").await;
    assert_eq!(browser.text("h1").await, "Delete host");
    assert!(
        browser
            .text(".goes")
            .await
            .contains("the integration Slack (slack_bridge)")
    );
    browser.check_page("console-hosting-delete-host").await;
    browser
        .submit(&format!("/hosting/hosts/{host}/delete"))
        .await;
    assert_eq!(browser.path().await, "/hosting");
    app.get(&format!("/api/v1/hosts/{host}"), Some(&token))
        .await
        .assert_error(404, "not_found");
    app.run_jobs_until_idle().await;
    assert_eq!(app.count("select count(*) from integrations").await, 0);
    assert_eq!(app.count("select count(*) from hosts").await, 0);

    // cancel the subscription, confirmed on a page that names its hosts
    let kept = add_host(&app, &token, &sub, "Staging").await;
    add_integration(&app, &token, &kept, "Slack").await;
    browser.goto(&app.url("/hosting")).await;
    browser
        .click(&format!("a[href='/hosting/subscriptions/{sub}/cancel']"))
        .await;
    assert_eq!(browser.text("h1").await, "Cancel subscription");
    assert_eq!(
        browser.texts(".goes li").await,
        ["Staging and its integrations"]
    );
    browser.check_page("console-hosting-cancel").await;
    browser
        .submit(&format!("/hosting/subscriptions/{sub}/cancel"))
        .await;
    assert_eq!(browser.path().await, "/hosting");
    assert!(browser.text(".notice").await.contains("cancelled"));
    assert!(browser.texts(".subscription").await.is_empty());
    app.get(&format!("/api/v1/subscriptions/{sub}"), Some(&token))
        .await
        .assert_error(404, "not_found");
    app.get(&format!("/api/v1/hosts/{kept}"), Some(&token))
        .await
        .assert_error(404, "not_found");
    app.run_jobs_until_idle().await;
    assert_eq!(app.count("select count(*) from subscriptions").await, 0);
    assert_eq!(app.count("select count(*) from hosts").await, 0);
    assert_eq!(app.count("select count(*) from integrations").await, 0);
    browser.close().await;
}

#[tokio::test]
async fn plan_limits_and_other_accounts_ids_are_shown_in_place() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let sub = app.subscribe(&token, "element-one").await;
    add_host(&app, &token, &sub, "Only").await;
    let stranger = app.signed_in("eve@example.org").await;
    let theirs_sub = app.subscribe(&stranger, "element-one").await;
    let theirs = add_host(&app, &stranger, &theirs_sub, "Theirs").await;
    let theirs_integration = add_integration(&app, &stranger, &theirs, "Theirs").await;

    let browser = browser_with_session(&app, &token, true).await;
    browser.goto(&app.url("/hosting")).await;
    browser.fill("#name", "One too many").await;
    browser.submit("/hosting/hosts").await;
    assert_eq!(
        browser.text("#form-error").await,
        "The plan allows 1 host(s) per subscription."
    );
    assert_eq!(browser.value("#name").await, "One too many");
    browser.check_page("console-hosting-plan-limit").await;

    // another account's host: the 404 page
    browser
        .goto(&app.url(&format!("/hosting/hosts/{theirs}")))
        .await;
    assert_eq!(browser.text("h1").await, "Not found");
    browser.check_page("console-hosting-not-found").await;
    browser.close().await;

    for path in [
        format!("/hosting/hosts/{theirs}"),
        format!("/hosting/hosts/{theirs}/delete"),
        format!("/hosting/hosts/{theirs}/integrations/new"),
        format!("/hosting/integrations/{theirs_integration}"),
        format!("/hosting/subscriptions/{theirs_sub}/cancel"),
        "/hosting/hosts/not-an-id".to_owned(),
    ] {
        let resp = get_page(&app, &path, &session(&token)).await;
        assert_eq!(resp.status, 404, "{path}");
    }
    // their things can't be changed either, with a right CSRF token
    let csrf = csrf_in(&get_page(&app, "/hosting", &session(&token)).await.text);
    for path in [
        format!("/hosting/hosts/{theirs}"),
        format!("/hosting/hosts/{theirs}/delete"),
        format!("/hosting/hosts/{theirs}/integrations"),
        format!("/hosting/integrations/{theirs_integration}"),
        format!("/hosting/integrations/{theirs_integration}/delete"),
        format!("/hosting/subscriptions/{theirs_sub}/cancel"),
    ] {
        let fields = [("csrf", csrf.as_str()), ("name", "Mine now"), ("kind", "x")];
        let resp = post_form(&app, &path, &session(&token), &fields).await;
        assert_eq!(resp.status, 404, "{path}");
    }
    let got = app
        .get(
            &format!("/api/v1/integrations/{theirs_integration}"),
            Some(&stranger),
        )
        .await;
    assert_eq!(got.json["name"], "Theirs");
    app.get(
        &format!("/api/v1/subscriptions/{theirs_sub}"),
        Some(&stranger),
    )
    .await
    .assert(200);

    // a subscription that is no longer active refuses new hosts, in place
    let trial = app.subscribe(&token, "on-premise-trial").await;
    app.sql()
        .exec(
            "update subscriptions set status = 'expired' where id = ?",
            &[(&trial).into()],
        )
        .await;
    let resp = post_form(
        &app,
        "/hosting/hosts",
        &session(&token),
        &[
            ("csrf", &csrf),
            ("subscription_id", &trial),
            ("name", "Late"),
        ],
    )
    .await;
    assert_eq!(resp.status, 409);
    assert!(
        resp.text
            .contains("This subscription is expired or being cancelled."),
        "{}",
        resp.text
    );
}

#[tokio::test]
async fn hosting_forms_without_their_csrf_token_change_nothing() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let sub = app.subscribe(&token, "on-premise-trial").await;
    let host = add_host(&app, &token, &sub, "Main").await;
    let integration = add_integration(&app, &token, &host, "Slack").await;
    let forms = [
        "/hosting/subscriptions".to_owned(),
        "/hosting/hosts".to_owned(),
        format!("/hosting/hosts/{host}"),
        format!("/hosting/hosts/{host}/delete"),
        format!("/hosting/hosts/{host}/integrations"),
        format!("/hosting/integrations/{integration}"),
        format!("/hosting/integrations/{integration}/delete"),
        format!("/hosting/subscriptions/{sub}/cancel"),
        "/account/delete".to_owned(),
    ];
    for path in &forms {
        for csrf in [None, Some("forged")] {
            let mut fields = vec![
                ("plan_id", "element-one"),
                ("subscription_id", sub.as_str()),
                ("name", "Changed"),
                ("kind", "changed"),
                ("settings", "{}"),
                ("email", "ada@example.org"),
            ];
            fields.extend(csrf.map(|c| ("csrf", c)));
            let resp = post_form(&app, path, &session(&token), &fields).await;
            assert_eq!(resp.status, 403, "{path} {csrf:?}");
            assert!(resp.text.contains("This form has expired"), "{path}");
        }
    }
    let subs = app.get("/api/v1/subscriptions", Some(&token)).await;
    assert_eq!(subs.json["items"].as_array().unwrap().len(), 1);
    let hosts = app.get("/api/v1/hosts", Some(&token)).await;
    assert_eq!(hosts.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(hosts.json["items"][0]["name"], "Main");
    let got = app
        .get(&format!("/api/v1/integrations/{integration}"), Some(&token))
        .await;
    assert_eq!(got.json["name"], "Slack");
    app.get("/api/v1/account", Some(&token)).await.assert(200);
}

#[tokio::test]
async fn fields_too_long_or_malformed_are_field_errors_never_500() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let sub = app.subscribe(&token, "on-premise-trial").await;
    let host = add_host(&app, &token, &sub, "Main").await;
    let integration = add_integration(&app, &token, &host, "Slack").await;
    let csrf = csrf_in(&get_page(&app, "/hosting", &session(&token)).await.text);
    let long = "x".repeat(101);
    let huge = format!("{{\"a\": \"{}\"}}", "x".repeat(17 * 1024));
    // the form, what is posted, and the field whose error must show beside it
    let cases: Vec<(String, Form, &str)> = vec![
        (
            "/hosting/hosts".into(),
            vec![("subscription_id", &sub), ("name", &long)],
            "name",
        ),
        (
            "/hosting/hosts".into(),
            vec![
                ("subscription_id", &sub),
                ("name", "A"),
                ("domain", "not a domain"),
            ],
            "domain",
        ),
        (
            "/hosting/hosts".into(),
            vec![("subscription_id", "nonsense"), ("name", "A")],
            "subscription_id",
        ),
        (
            format!("/hosting/hosts/{host}"),
            vec![("name", ""), ("domain", "")],
            "name",
        ),
        (
            format!("/hosting/hosts/{host}/integrations"),
            vec![("kind", "Not A Kind!"), ("name", "A"), ("settings", "{}")],
            "kind",
        ),
        (
            format!("/hosting/hosts/{host}/integrations"),
            vec![("kind", "k"), ("name", "A"), ("settings", "[1, 2]")],
            "settings",
        ),
        (
            format!("/hosting/hosts/{host}/integrations"),
            vec![("kind", "k"), ("name", "A"), ("settings", &huge)],
            "settings",
        ),
        (
            format!("/hosting/integrations/{integration}"),
            vec![("name", &long), ("settings", "{}")],
            "name",
        ),
        (
            format!("/hosting/integrations/{integration}"),
            vec![("name", "A"), ("settings", "{not json")],
            "settings",
        ),
        ("/account/delete".into(), vec![("email", &long)], "email"),
    ];
    for (path, mut fields, field) in cases {
        fields.push(("csrf", &csrf));
        let resp = post_form(&app, &path, &session(&token), &fields).await;
        assert!(
            resp.status.is_client_error(),
            "{path} {field}: {}",
            resp.status
        );
        assert!(
            resp.text.contains(&format!("id=\"{field}-error\"")),
            "{path}: no error beside {field}\n{}",
            resp.text
        );
    }
    // nothing changed
    let got = app
        .get(&format!("/api/v1/integrations/{integration}"), Some(&token))
        .await;
    assert_eq!(got.json["name"], "Slack");
    let hosts = app.get("/api/v1/hosts", Some(&token)).await;
    assert_eq!(hosts.json["items"].as_array().unwrap().len(), 1);
    app.get("/api/v1/account", Some(&token)).await.assert(200);
}
