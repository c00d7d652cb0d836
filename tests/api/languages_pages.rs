//! Languages of the pages and of API errors: the browser's language, the picker's
//! cookie, and a problem answer's title in the language asked for.

use serde_json::json;

use crate::admin_page::PageSession;
use crate::support::console::{csrf_in, get_page, post_form, session};
use crate::support::{PASSWORD, TestApp};

async fn page(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let mut req = app.client.get(app.url(path)).header("accept", "text/html");
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let resp = req.send().await.unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

#[tokio::test]
async fn a_browser_without_an_account_sees_pages_in_its_language() {
    let app = TestApp::spawn().await;
    let (status, html) = page(&app, "/sign-in", &[("accept-language", "fr-CA, fr;q=0.9")]).await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(html.contains(">Se connecter</button>"), "{html}");
    assert!(html.contains("Mot de passe oublié"), "{html}");
    let (_, html) = page(&app, "/register", &[("accept-language", "de")]).await;
    assert!(
        html.contains("<html lang=\"de\">") && html.contains(">Weiter</button>"),
        "{html}"
    );
    // English stays exactly as it was
    let (_, html) = page(&app, "/sign-in", &[("accept-language", "it, en;q=0.5")]).await;
    assert!(
        html.contains("<html lang=\"en\">") && html.contains(">Sign in</button>"),
        "{html}"
    );
    assert!(
        html.contains("Not sure of your password? Set a new one"),
        "{html}"
    );
    // the picker offers each language in its own words, the current one chosen
    assert!(
        html.contains("<option value=\"de\" lang=\"de\">Deutsch</option>"),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"en\" lang=\"en\" selected>English</option>"),
        "{html}"
    );
}

#[tokio::test]
async fn the_picker_s_cookie_wins_over_the_browser_and_leads_back_here_only() {
    let app = TestApp::spawn().await;
    let resp = app
        .client
        .get(app.url("/language?lang=es&next=/register"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], "/register");
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("lang=es;") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let (_, html) = page(
        &app,
        "/register",
        &[("accept-language", "de"), ("cookie", "lang=es")],
    )
    .await;
    assert!(
        html.contains("<html lang=\"es\">") && html.contains("Crear cuenta"),
        "{html}"
    );
    // elsewhere is never a destination, and an unknown language sets nothing
    for next in ["https://evil.example", "//evil.example", "/\\evil.example"] {
        let resp = app
            .client
            .get(app.url("/language"))
            .query(&[("lang", "xx"), ("next", next)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 303);
        assert_eq!(resp.headers()["location"], "/", "{next}");
        assert!(resp.headers().get("set-cookie").is_none());
    }
    // a cookie naming no offered language counts for nothing
    let (_, html) = page(&app, "/sign-in", &[("cookie", "lang=<x>")]).await;
    assert!(html.contains("<html lang=\"en\">"), "{html}");
}

#[tokio::test]
async fn an_api_error_speaks_the_language_asked_and_keeps_its_code() {
    let app = TestApp::spawn().await;
    let ask = |language: &'static str| {
        app.client
            .post(app.url("/api/v1/sessions"))
            .header("accept-language", language)
            .json(&json!({"email": "nobody@example.org", "password": "wrong password here"}))
            .send()
    };
    let german: serde_json::Value = ask("de").await.unwrap().json().await.unwrap();
    let english: serde_json::Value = ask("en").await.unwrap().json().await.unwrap();
    assert_eq!(german["code"], english["code"]);
    assert_eq!(german["code"], "invalid_credentials");
    assert_eq!(english["title"], "Wrong email or password");
    assert_eq!(
        german["title"],
        "Falsche E-Mail-Adresse oder falsches Passwort"
    );
    assert_eq!(
        german["detail"],
        "Die E-Mail-Adresse oder das Passwort ist falsch."
    );
    // a page refused before any page is in the browser's language too
    let (status, html) = page(&app, "/no/such/page", &[("accept-language", "fr")]).await;
    assert_eq!(status, 404);
    assert!(
        html.contains("<html lang=\"fr\">") && html.contains("Introuvable"),
        "{html}"
    );
}

#[tokio::test]
async fn signed_in_the_picker_saves_the_account_s_language_and_the_pages_and_mail_follow() {
    let app = TestApp::spawn().await;
    app.verified_account("ada@example.org").await;
    let resp = app.sign_in("ada@example.org", PASSWORD).await;
    let token = resp.json["token"].as_str().unwrap().to_owned();
    let cookie = session(&token);
    let account = get_page(&app, "/account", &cookie).await;
    assert!(
        account.text.contains("<html lang=\"en\">"),
        "{}",
        account.text
    );
    // the signed-in picker is a POST carrying the page's CSRF token
    assert!(
        account.text.contains(
            "<form class=\"language\" method=\"post\" action=\"&#x2f;account&#x2f;language\">"
        ),
        "{}",
        account.text
    );
    let csrf = csrf_in(&account.text);
    let refused = post_form(
        &app,
        "/account/language",
        &cookie,
        &[("lang", "de"), ("csrf", "x")],
    )
    .await;
    assert_eq!(refused.status, 403);
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["locale"],
        "en"
    );
    let chosen = post_form(
        &app,
        "/account/language",
        &cookie,
        &[
            ("lang", "de"),
            ("next", "/account/security"),
            ("csrf", &csrf),
        ],
    )
    .await;
    assert_eq!(chosen.status, 303);
    assert_eq!(chosen.headers["location"], "/account/security");
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["locale"],
        "de"
    );
    // the account's language wins over a browser asking for another
    let security = app
        .client
        .get(app.url("/account/security"))
        .header("cookie", &cookie)
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(security.contains("<html lang=\"de\">"), "{security}");
    assert!(
        security.contains("Zwei-Faktor-Authentifizierung"),
        "{security}"
    );
    // and the next mail is German
    app.post(
        "/api/v1/password-resets",
        None,
        json!({"email": "ada@example.org", "client_secret": "client-secret-0123456789"}),
    )
    .await
    .assert(202);
    let mail = app.mail_to("ada@example.org").await;
    assert!(mail.html.contains("lang=\"de\""), "{}", mail.subject);
}

/// The admin page's picker (POST /admin/language): the signed-in admin's account keeps
/// the language, only with the page's CSRF token, and the admin page follows it.
#[tokio::test]
async fn the_admin_page_s_picker_saves_the_admin_s_language_with_the_page_s_token_only() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    let page = PageSession::start(&app, "root@example.org").await;
    let users = page.get(&app, "/admin/users").await;
    assert!(users.text.contains("<html lang=\"en\">"), "{}", users.text);
    assert!(
        users.text.contains(
            "<form class=\"language\" method=\"post\" action=\"&#x2f;admin&#x2f;language\">"
        ),
        "{}",
        users.text
    );
    let locale = || async { app.get("/api/v1/account", Some(&root)).await.json["locale"].clone() };

    // another form's token, or none: refused, nothing saved, the page stays English
    for csrf in ["0123456789abcdef0123456789abcdef", ""] {
        let refused = page
            .post(
                &app,
                "/admin/language",
                &[("lang", "fr"), ("next", "/admin/tokens"), ("csrf", csrf)],
            )
            .await;
        assert_eq!(refused.status, 403, "{csrf:?}");
        assert!(refused.headers.get("location").is_none());
        assert_eq!(locale().await, "en");
    }
    let users = page.get(&app, "/admin/users").await;
    assert!(users.text.contains("<html lang=\"en\">"), "{}", users.text);

    // the page's own token: saved, and back to the page it was chosen on
    let chosen = page
        .post(
            &app,
            "/admin/language",
            &[
                ("lang", "fr"),
                ("next", "/admin/tokens"),
                ("csrf", &page.csrf),
            ],
        )
        .await;
    assert_eq!(chosen.status, 303);
    assert_eq!(chosen.headers["location"], "/admin/tokens");
    assert_eq!(locale().await, "fr");
    // the admin page is French now, whatever the browser asks for, and so is what
    // the page's code says after a step
    let tokens = app
        .client
        .get(app.url("/admin/tokens"))
        .header("cookie", format!("steward_admin={}", page.cookie))
        .header("accept-language", "de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(tokens.contains("<html lang=\"fr\">"), "{tokens}");
    assert!(tokens.contains("Jetons d&#x27;API"), "{tokens}");
    assert!(
        tokens.contains("<option value=\"fr\" lang=\"fr\" selected>Français</option>"),
        "{tokens}"
    );
    let users = page.get(&app, "/admin/users?done=updated").await;
    assert!(
        users
            .text
            .contains("<p class=\"notice\" role=\"status\">Enregistré.</p>"),
        "{}",
        users.text
    );
    // a `next` off the admin page leads back to its users; an unknown language saves nothing
    let elsewhere = page
        .post(
            &app,
            "/admin/language",
            &[
                ("lang", "xx"),
                ("next", "https://evil.example/admin"),
                ("csrf", &page.csrf),
            ],
        )
        .await;
    assert_eq!(elsewhere.status, 303);
    assert_eq!(elsewhere.headers["location"], "/admin/users");
    assert_eq!(locale().await, "fr");
}
