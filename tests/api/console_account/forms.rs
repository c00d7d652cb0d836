//! The account area's forms over plain HTTP: each refused without its CSRF token with
//! nothing changed, a form replayed after signing out, and bad input said beside its
//! field (a 4xx, never a 500).

use reqwest::StatusCode;
use serde_json::json;

use super::account;
use crate::support::console::{csrf_in, get_page, post_form, session};
use crate::support::{PASSWORD, TestApp};

async fn recovery_hashes(app: &TestApp) -> Vec<Vec<u8>> {
    app.sql()
        .all(
            "select code_hash from recovery_codes order by code_hash",
            &[],
        )
        .await
}

#[tokio::test]
async fn forms_without_their_csrf_token_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let cookie = session(&token);
    app.enroll_totp(&token, "Phone").await;
    let devices = app.get("/api/v1/account/totp/devices", Some(&token)).await;
    let device = devices.json["items"][0]["id"].as_str().unwrap().to_owned();
    let started = app
        .post(
            "/api/v1/account/totp/enrollments",
            Some(&token),
            json!({"device_name": "Tablet"}),
        )
        .await;
    let enrollment = started.json["enrollment_id"].as_str().unwrap().to_owned();
    app.post(
        "/api/v1/account/email",
        Some(&token),
        json!({"new_email": "ada@new.example.org"}),
    )
    .await
    .assert(202);
    let before = account(&app, &token).await;
    let codes_before = recovery_hashes(&app).await;

    let confirm = format!("/account/security/authenticator/{enrollment}");
    let rename = format!("/account/security/apps/{device}/rename");
    let remove = format!("/account/security/apps/{device}/remove");
    let forms: [(&str, Vec<(&str, &str)>); 7] = [
        (
            "/account",
            vec![("display_name", "Mallory"), ("email", "m@evil.example")],
        ),
        ("/account/email/cancel", vec![]),
        (
            "/account/security/password",
            vec![
                ("new_password", "mallory's password!"),
                ("confirm_password", "mallory's password!"),
            ],
        ),
        (&confirm, vec![("code", "123456"), ("name", "Mallory")]),
        (&rename, vec![("name", "Mallory")]),
        (&remove, vec![]),
        ("/account/security/recovery-codes", vec![]),
    ];
    for (path, fields) in &forms {
        for csrf in [None, Some("not the token")] {
            let mut form = fields.clone();
            if let Some(csrf) = csrf {
                form.push(("csrf", csrf));
            }
            let resp = post_form(&app, path, &cookie, &form).await;
            assert_eq!(
                resp.status,
                StatusCode::FORBIDDEN,
                "{path} without its token"
            );
            assert!(resp.text.contains("Nothing was"), "{path}: {}", resp.text);
        }
    }
    let after = account(&app, &token).await;
    assert_eq!(before, after, "the account is as it was");
    assert_eq!(after["pending_email"], "ada@new.example.org");
    let devices = app.get("/api/v1/account/totp/devices", Some(&token)).await;
    assert_eq!(devices.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(devices.json["items"][0]["name"], "Phone");
    assert_eq!(recovery_hashes(&app).await, codes_before);
    // the password still signs in (then asks for the second factor)
    let signed = app.sign_in("ada@example.org", PASSWORD).await;
    signed.assert(200);
    assert_eq!(signed.json["status"], "mfa_required");
    // the enrollment is still waiting for its code
    let resp = get_page(&app, &confirm, &cookie).await;
    assert_eq!(resp.status, StatusCode::OK);

    // a form replayed after signing out: the sign-in page, nothing changed
    let page = get_page(&app, "/account", &cookie).await;
    let csrf = csrf_in(&page.text);
    app.delete("/api/v1/sessions/current", Some(&token))
        .await
        .assert(204);
    let resp = post_form(
        &app,
        "/account",
        &cookie,
        &[
            ("csrf", csrf.as_str()),
            ("display_name", "Mallory"),
            ("email", "ada@example.org"),
        ],
    )
    .await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    assert_eq!(resp.headers["location"], "/sign-in");
}

#[tokio::test]
async fn bad_input_is_said_beside_its_field_never_a_server_error() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ada@example.org").await;
    let cookie = session(&token);
    let page = get_page(&app, "/account", &cookie).await;
    let csrf = csrf_in(&page.text);

    let long_name = "n".repeat(101);
    let resp = post_form(
        &app,
        "/account",
        &cookie,
        &[
            ("csrf", &csrf),
            ("display_name", &long_name),
            ("email", "ada@example.org"),
        ],
    )
    .await;
    assert_eq!(resp.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        resp.text.contains("id=\"display_name-error\""),
        "{}",
        resp.text
    );
    assert!(resp.text.contains(&long_name), "what was typed is kept");

    for email in [
        "not an address",
        &format!("{}@example.org", "a".repeat(300)),
    ] {
        let resp = post_form(
            &app,
            "/account",
            &cookie,
            &[("csrf", &csrf), ("display_name", ""), ("email", email)],
        )
        .await;
        assert_eq!(resp.status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        assert!(resp.text.contains("id=\"email-error\""), "{}", resp.text);
    }
    // the same address in other letters is no change
    let resp = post_form(
        &app,
        "/account",
        &cookie,
        &[
            ("csrf", &csrf),
            ("display_name", ""),
            ("email", "ADA@example.org"),
        ],
    )
    .await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER);
    assert_eq!(account(&app, &token).await["display_name"], json!(null));

    let long_password = "p".repeat(5_000);
    let resp = post_form(
        &app,
        "/account/security/password",
        &cookie,
        &[
            ("csrf", &csrf),
            ("new_password", &long_password),
            ("confirm_password", &long_password),
        ],
    )
    .await;
    assert_eq!(resp.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        resp.text.contains("id=\"new_password-error\""),
        "{}",
        resp.text
    );
    // a body past the server's limit is refused whole, before any form is read
    let huge = "p".repeat(100_000);
    let resp = post_form(
        &app,
        "/account",
        &cookie,
        &[
            ("csrf", &csrf),
            ("display_name", &huge),
            ("email", "a@b.example"),
        ],
    )
    .await;
    assert_eq!(resp.status, StatusCode::PAYLOAD_TOO_LARGE);

    app.enroll_totp(&token, "Phone").await;
    let devices = app.get("/api/v1/account/totp/devices", Some(&token)).await;
    let device = devices.json["items"][0]["id"].as_str().unwrap().to_owned();
    let rename = format!("/account/security/apps/{device}/rename");
    for name in [long_name.as_str(), "   "] {
        let resp = post_form(&app, &rename, &cookie, &[("csrf", &csrf), ("name", name)]).await;
        assert_eq!(resp.status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
        assert!(resp.text.contains("id=\"name-error\""), "{}", resp.text);
    }
    // addresses that lead nowhere: not found, never a server error
    for path in [
        "/account/security/apps/not-an-id/rename",
        "/account/security/apps/0191e4a0-0000-7000-8000-000000000000/remove",
        "/account/security/authenticator/nonsense",
    ] {
        let resp = get_page(&app, path, &cookie).await;
        assert_eq!(resp.status, StatusCode::NOT_FOUND, "{path}");
    }
    let resp = post_form(
        &app,
        "/account/security/authenticator/0191e4a0-0000-7000-8000-000000000000",
        &cookie,
        &[("csrf", &csrf), ("code", "123456"), ("name", "x")],
    )
    .await;
    assert_eq!(resp.status, StatusCode::NOT_FOUND);
}
