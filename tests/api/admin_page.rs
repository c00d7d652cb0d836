//! The admin page: in a real headless Chromium, and over plain HTTP where a forged
//! request is what is tested.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use time::Duration;

use crate::support::browser::Browser;
use crate::support::smtp::Mode;
use crate::support::{PASSWORD, Resp, TestApp, read};

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.goto(&app.url("/admin")).await;
    assert_eq!(browser.path().await, "/admin/sign-in", "sent to sign in");
    browser.fill("#email", email).await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("/admin/sign-in").await;
}

#[tokio::test]
async fn an_operator_runs_the_user_lifecycle_from_the_page() {
    let app = TestApp::spawn().await;
    app.verified_admin("root@example.org").await;
    let api = app.sign_in("root@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    for (email, name) in [
        ("carol@example.org", "Carol Jones"),
        ("dave@example.org", "<script>alert('owned')</script>"),
        ("erin@example.org", "Erin"),
    ] {
        app.post(
            "/api/v1/admin/users",
            Some(&api),
            json!({"email": email, "display_name": name, "password": PASSWORD, "email_verified": true}),
        )
        .await
        .assert(201);
    }
    let carol = app.sign_in("carol@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();

    let browser = Browser::start().await;
    sign_in(&browser, &app, "root@example.org").await;
    assert_eq!(browser.path().await, "/admin/users");
    assert_eq!(browser.texts("#users tbody tr").await.len(), 4);

    // a name with markup is shown as text, not run
    let names = browser.texts("#users tbody td:nth-child(2)").await;
    assert!(
        names.contains(&"<script>alert('owned')</script>".to_owned()),
        "{names:?}"
    );
    let html = browser.client.source().await.unwrap();
    assert!(!html.contains("<script>alert"), "escaped in the markup");
    let shot = browser.screenshot("admin-users.png").await;
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 1000,
        "a real picture"
    );

    // search
    browser.fill("input[name=query]", "carol").await;
    browser.click("form.search button").await;
    let rows = browser.texts("#users tbody tr").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("carol@example.org"));
    assert!(browser.text("h1").await.contains("(1)"));

    // deactivate, with a confirmation first; her session dies at once
    browser.click("#users a").await;
    assert_eq!(browser.text("#user-email").await, "carol@example.org");
    let user_path = browser.path().await;
    browser.submit(&format!("{user_path}/deactivate")).await;
    assert!(browser.text("h1").await.contains("Deactivate this user?"));
    app.get("/api/v1/account", Some(&carol)).await.assert(200);
    browser.click("#confirm").await;
    assert_eq!(browser.text("#status").await, "deactivated");
    assert!(browser.text(".notice").await.contains("deactivated"));
    app.get("/api/v1/account", Some(&carol))
        .await
        .assert_error(401, "unauthenticated");
    app.sign_in("carol@example.org", PASSWORD)
        .await
        .assert_error(403, "account_deactivated");

    // reactivate (no confirmation needed)
    browser.submit(&format!("{user_path}/reactivate")).await;
    assert_eq!(browser.text("#status").await, "active");
    app.sign_in("carol@example.org", PASSWORD).await.assert(201);

    // a POST without the form's CSRF token is refused, even with the admin's cookie
    let cookie = browser
        .cookie("steward_admin")
        .await
        .expect("a session cookie");
    let forged = reqwest::Client::new()
        .post(app.url(&format!("{user_path}/deactivate")))
        .header("cookie", format!("steward_admin={cookie}"))
        .form(&[("confirm", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let forged = reqwest::Client::new()
        .post(app.url(&format!("{user_path}/deactivate")))
        .header("cookie", format!("steward_admin={cookie}"))
        .form(&[("confirm", "yes"), ("csrf", "0123456789abcdef")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    app.sign_in("carol@example.org", PASSWORD).await.assert(201);

    // a phone-sized screen: nothing wider than the screen
    browser.client.set_window_size(390, 844).await.unwrap();
    browser.goto(&app.url("/admin/users")).await;
    let fits = browser
        .client
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, json!(true), "no sideways scrolling on a phone");
    browser.screenshot("admin-users-phone.png").await;

    // sign out ends the session
    browser.click(".bar button").await;
    assert_eq!(browser.path().await, "/admin/sign-in");
    let after = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/admin/users"))
        .header("cookie", format!("steward_admin={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 303, "the old cookie no longer works");
    browser.close().await;
}

#[tokio::test]
async fn admins_with_two_factor_give_a_code_and_others_are_refused() {
    let app = TestApp::spawn().await;
    app.verified_admin("root@example.org").await;
    let api = app.sign_in("root@example.org", PASSWORD).await.json["token"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post(
        "/api/v1/sessions/current/reauthenticate",
        Some(&api),
        json!({"password": PASSWORD}),
    )
    .await
    .assert(200);
    let (authenticator, _) = app.enroll_totp(&api, "phone").await;
    app.verified_account("user@example.org").await;

    let browser = Browser::start().await;
    sign_in(&browser, &app, "user@example.org").await;
    assert!(browser.text(".error").await.contains("not an admin"));

    sign_in(&browser, &app, "root@example.org").await;
    assert_eq!(browser.text("h1").await, "Second factor");
    browser.fill("#code", "000000").await;
    browser.submit("/admin/sign-in").await;
    assert!(browser.text(".error").await.contains("wrong"));
    app.clock.advance(Duration::seconds(30)); // a fresh time step: codes are single-use
    let code = authenticator.code_at(app.clock.now().0);
    browser.fill("#code", &code).await;
    browser.submit("/admin/sign-in").await;
    assert_eq!(browser.path().await, "/admin/users");
    browser.close().await;
}

#[tokio::test]
async fn the_page_sends_strict_headers_and_cookies() {
    let app = TestApp::spawn().await;
    let resp = reqwest::get(app.url("/admin/sign-in")).await.unwrap();
    assert_eq!(resp.status(), 200);
    let csp = resp.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"));
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "http: no Secure flag here");
    // a sign-in without the form's token is refused before any password is checked
    let resp = reqwest::Client::new()
        .post(app.url("/admin/sign-in"))
        .form(&[("email", "root@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    // behind https the cookie is Secure
    let app =
        TestApp::spawn_with(|c| c.server.public_url = "https://steward.example.org".into()).await;
    let resp = reqwest::get(app.url("/admin/sign-in")).await.unwrap();
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

/// The value `name` is given by a response's `Set-Cookie` headers.
fn cookie_set(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| {
            c.split(';')
                .next()?
                .strip_prefix(&prefix)
                .map(str::to_owned)
        })
}

/// The value of the first hidden field `name` in a page's forms.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let (_, rest) = html.split_once(&format!(r#"name="{name}" value=""#))?;
    rest.split('"').next().map(str::to_owned)
}

/// Where each form of a page POSTs to, ids written `:id`.
fn post_actions(html: &str) -> Vec<String> {
    html.split(r#"<form method="post" action=""#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|action| route_of(&action.replace("&#x2f;", "/")))
        .collect()
}

/// A path with its ids written `:id`, as the routes name them.
fn route_of(path: &str) -> String {
    path.split('/')
        .map(|part| match uuid::Uuid::parse_str(part) {
            Ok(_) => ":id",
            Err(_) => part,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Fills in the page's sign-in form over HTTP, as a browser does (the form's CSRF token
/// doubled in a cookie); returns the answer to its POST.
pub async fn page_sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    let form = app
        .client
        .get(app.url("/admin/sign-in"))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    let csrf = cookie_set(form.headers(), "steward_admin_csrf").expect("the sign-in form's cookie");
    let html = form.text().await.unwrap();
    assert_eq!(
        hidden(&html, "csrf").as_ref(),
        Some(&csrf),
        "doubled in the form"
    );
    app.client
        .post(app.url("/admin/sign-in"))
        .header("cookie", format!("steward_admin_csrf={csrf}"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
}

/// A session of the admin page made over plain HTTP: its cookie, and the CSRF token
/// that the signed-in page puts in its forms.
pub struct PageSession {
    pub cookie: String,
    pub csrf: String,
}

impl PageSession {
    pub async fn start(app: &TestApp, email: &str) -> Self {
        let signed_in = page_sign_in(app, email, PASSWORD).await;
        assert_eq!(signed_in.status(), 303, "signed in");
        let cookie = cookie_set(signed_in.headers(), "steward_admin").expect("a session cookie");
        let mut session = Self {
            cookie,
            csrf: String::new(),
        };
        let users = session.get(app, "/admin/users").await;
        users.assert(200);
        session.csrf = hidden(&users.text, "csrf").expect("a CSRF token in the forms");
        session
    }

    pub async fn get(&self, app: &TestApp, path: &str) -> Resp {
        let req = app.client.get(app.url(path));
        read(self.with_cookie(req).send().await.unwrap()).await
    }

    /// POSTs `fields` as a form of the page, with this session's cookie (and no CSRF
    /// token unless `fields` has one).
    pub async fn post(&self, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Resp {
        let req = app.client.post(app.url(path)).form(fields);
        read(self.with_cookie(req).send().await.unwrap()).await
    }

    fn with_cookie(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        req.header("cookie", format!("steward_admin={}", self.cookie))
    }
}

/// The id of the account with `email`, from the admin API.
pub async fn user_id(app: &TestApp, admin: &str, email: &str) -> String {
    let found = app
        .get(&format!("/api/v1/admin/users?query={email}"), Some(admin))
        .await;
    found.assert(200);
    found.json["items"][0]["id"].as_str().unwrap().to_owned()
}

/// What the admin API shows of everything a form of the page could change.
async fn everything(app: &TestApp, admin: &str) -> Vec<Value> {
    let mut seen = Vec::new();
    for path in [
        "/api/v1/admin/users?limit=200",
        "/api/v1/admin/events?limit=200",
        "/api/v1/admin/emails?limit=200",
        "/api/v1/admin/api-tokens",
    ] {
        let resp = app.get(path, Some(admin)).await;
        resp.assert(200);
        seen.push(resp.json);
    }
    seen
}

/// Every form of the page refuses a POST that lacks its CSRF token, or carries another
/// session's, even with the admin's cookie; such a POST changes nothing.
#[tokio::test]
async fn every_admin_form_refuses_a_post_without_its_csrf_token() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    // carol: signed in, with an authenticator app, locked out after wrong passwords
    let carol_session = app.signed_in("carol@example.org").await;
    app.enroll_totp(&carol_session, "phone").await;
    for _ in 0..6 {
        app.sign_in("carol@example.org", "wrong password!").await;
    }
    app.sign_in("carol@example.org", PASSWORD)
        .await
        .assert_error(429, "rate_limited");
    let carol = user_id(&app, &root, "carol@example.org").await;
    // dave: deactivated
    app.verified_account("dave@example.org").await;
    let dave = user_id(&app, &root, "dave@example.org").await;
    app.post(
        &format!("/api/v1/admin/users/{dave}/deactivate"),
        Some(&root),
        json!({}),
    )
    .await
    .assert(204);
    // a mail that failed, and a script's token
    app.run_jobs_until_idle().await;
    app.smtp.set_mode(Mode::RejectPermanently);
    app.register("bounced@example.org", PASSWORD)
        .await
        .assert(202);
    app.run_jobs_until_idle().await;
    app.smtp.set_mode(Mode::Accept);
    let failed = app
        .get("/api/v1/admin/emails?status=failed", Some(&root))
        .await;
    let mail = failed.json["items"][0]["id"].as_str().unwrap().to_owned();
    let made = app
        .post(
            "/api/v1/admin/api-tokens",
            Some(&root),
            json!({"name": "backup script"}),
        )
        .await;
    made.assert(201);
    let token = made.json["id"].as_str().unwrap().to_owned();
    let script = made.json["token"].as_str().unwrap().to_owned();

    // two sessions of the page: the second one's token is real, but not the first's
    let page = PageSession::start(&app, "root@example.org").await;
    let other = PageSession::start(&app, "root@example.org").await;
    assert_ne!(page.csrf, other.csrf);

    let confirmed = vec![("confirm", "yes")];
    let forms: Vec<(String, Vec<(&str, &str)>)> = vec![
        ("/admin/sign-out".into(), vec![]),
        (
            "/admin/users".into(),
            vec![
                ("email", "mallory@example.org"),
                ("display_name", "Mallory"),
                ("is_admin", "on"),
            ],
        ),
        (
            format!("/admin/users/{carol}/deactivate"),
            confirmed.clone(),
        ),
        (format!("/admin/users/{dave}/reactivate"), confirmed.clone()),
        (
            format!("/admin/users/{carol}/password-link"),
            confirmed.clone(),
        ),
        (format!("/admin/users/{carol}/unlock"), confirmed.clone()),
        (
            format!("/admin/users/{carol}/end-sessions"),
            confirmed.clone(),
        ),
        (
            format!("/admin/users/{carol}/remove-2fa"),
            confirmed.clone(),
        ),
        (format!("/admin/users/{carol}/delete"), confirmed.clone()),
        (
            format!("/admin/users/{carol}/update"),
            vec![
                ("email", "mallory@example.org"),
                ("display_name", "Mallory"),
                ("is_admin", "on"),
                ("email_verified", "on"),
            ],
        ),
        (format!("/admin/mail/{mail}/retry"), vec![]),
        (
            "/admin/tokens".into(),
            vec![("name", "stolen"), ("expires_days", "")],
        ),
        (format!("/admin/tokens/{token}/revoke"), vec![]),
    ];
    // the forms tested are every form the signed-in page offers
    let mut offered = BTreeSet::new();
    for path in [
        "/admin/users".to_owned(),
        format!("/admin/users/{carol}"),
        format!("/admin/users/{dave}"),
        "/admin/mail".to_owned(),
        "/admin/tokens".to_owned(),
    ] {
        let shown = page.get(&app, &path).await;
        shown.assert(200);
        offered.extend(post_actions(&shown.text));
    }
    let tested: BTreeSet<String> = forms.iter().map(|(path, _)| route_of(path)).collect();
    assert_eq!(offered, tested, "a form of the page is not tested here");

    let before = everything(&app, &root).await;
    let mails_to_carol = app.mails_to("carol@example.org").len();
    for (path, fields) in &forms {
        for csrf in [None, Some(""), Some(other.csrf.as_str())] {
            let mut fields = fields.clone();
            fields.extend(csrf.map(|c| ("csrf", c)));
            let refused = page.post(&app, path, &fields).await;
            assert_eq!(
                refused.status, 403,
                "{path} with CSRF {csrf:?}: {}",
                refused.text
            );
            assert!(
                refused.text.contains("did not come from this page"),
                "{path}: {}",
                refused.text
            );
        }
    }
    app.run_jobs_until_idle().await;
    assert_eq!(everything(&app, &root).await, before, "nothing changed");
    assert_eq!(
        app.mails_to("carol@example.org").len(),
        mails_to_carol,
        "no password link mailed"
    );
    app.get("/api/v1/account", Some(&carol_session))
        .await
        .assert(200);
    app.sign_in("carol@example.org", PASSWORD)
        .await
        .assert_error(429, "rate_limited");
    page.get(&app, "/admin/users").await.assert(200);
    app.get("/api/v1/admin/users", Some(&script))
        .await
        .assert(200);

    // the same forms with the session's own token do their work
    page.post(
        &app,
        &format!("/admin/tokens/{token}/revoke"),
        &[("csrf", page.csrf.as_str())],
    )
    .await
    .assert(303);
    app.get("/api/v1/admin/users", Some(&script))
        .await
        .assert_error(401, "unauthenticated");
    page.post(&app, "/admin/sign-out", &[("csrf", page.csrf.as_str())])
        .await
        .assert(303);
    page.get(&app, "/admin/users").await.assert(303);
    other.get(&app, "/admin/users").await.assert(200);
}

/// A sign-in whose form token is not the one doubled in its cookie is refused before
/// any password is checked: no session, nothing on the trail.
#[tokio::test]
async fn a_sign_in_with_another_forms_token_is_refused() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    let before = everything(&app, &root).await;
    let form = app
        .client
        .get(app.url("/admin/sign-in"))
        .send()
        .await
        .unwrap();
    let cookie = cookie_set(form.headers(), "steward_admin_csrf").unwrap();
    let forged = app
        .client
        .post(app.url("/admin/sign-in"))
        .header("cookie", format!("steward_admin_csrf={cookie}"))
        .form(&[
            ("csrf", "0123456789abcdef0123456789abcdef"),
            ("email", "root@example.org"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(
        cookie_set(forged.headers(), "steward_admin"),
        None,
        "no session"
    );
    assert_eq!(everything(&app, &root).await, before);
}

/// A non-admin who signs in to the admin page with the right password (and code) is
/// refused before any session exists; the answers up to there are any sign-in's.
#[tokio::test]
async fn a_non_admin_is_refused_at_the_admin_sign_in_before_any_session_exists() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    let api = app.signed_in("user@example.org").await;
    let (authenticator, _) = app.enroll_totp(&api, "phone").await;
    let user = user_id(&app, &root, "user@example.org").await;
    app.delete(&format!("/api/v1/admin/users/{user}/sessions"), Some(&root))
        .await
        .assert(200);
    let trail = |kind: &str| format!("/api/v1/admin/events?account_id={user}&type={kind}");
    let succeeded = app.get(&trail("sign_in.succeeded"), Some(&root)).await.json;

    // a wrong password still says only that
    let wrong = read(page_sign_in(&app, "user@example.org", "wrong password!").await).await;
    wrong.assert(401);
    assert!(wrong.text.contains("wrong"), "{}", wrong.text);
    // the right one asks for the code, as for anyone
    let step = read(page_sign_in(&app, "user@example.org", PASSWORD).await).await;
    step.assert(200);
    assert!(step.text.contains("Second factor"), "{}", step.text);
    let ticket = hidden(&step.text, "ticket").expect("the second step's ticket");
    let csrf = cookie_set(&step.headers, "steward_admin_csrf").unwrap();
    // and the right code learns the account is no admin, with no session made
    app.clock.advance(Duration::seconds(30));
    let code = authenticator.code_at(app.clock.now().0);
    let refused = app
        .client
        .post(app.url("/admin/sign-in"))
        .header("cookie", format!("steward_admin_csrf={csrf}"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("ticket", ticket.as_str()),
            ("code", code.as_str()),
        ])
        .send()
        .await
        .unwrap();
    let refused = read(refused).await;
    refused.assert(403);
    assert!(refused.text.contains("This account is not an admin."));
    assert_eq!(cookie_set(&refused.headers, "steward_admin"), None);

    // without a second factor: refused at once after the password
    app.delete(&format!("/api/v1/admin/users/{user}/totp"), Some(&root))
        .await
        .assert(204);
    let refused = read(page_sign_in(&app, "user@example.org", PASSWORD).await).await;
    refused.assert(403);
    assert!(refused.text.contains("This account is not an admin."));
    assert_eq!(cookie_set(&refused.headers, "steward_admin"), None);

    let sessions = app
        .get(&format!("/api/v1/admin/users/{user}/sessions"), Some(&root))
        .await;
    sessions.assert(200);
    assert_eq!(sessions.json["items"], json!([]), "no session left behind");
    assert_eq!(
        app.get(&trail("sign_in.succeeded"), Some(&root)).await.json,
        succeeded,
        "no sign-in succeeded"
    );
    let failed = app.get(&trail("sign_in.failed"), Some(&root)).await.json;
    let reasons: Vec<&str> = failed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["detail"]["reason"].as_str())
        .collect();
    assert_eq!(
        reasons,
        ["not_admin", "not_admin", "password"],
        "newest first"
    );
    // the account itself still signs in where it may
    app.sign_in("user@example.org", PASSWORD).await.assert(201);
}
