//! Passkeys through the API, with a software authenticator: registration, signing in
//! without a password, as a second factor, and every bad answer.

use serde_json::{Value, json};
use time::Duration;

use crate::support::{PASSWORD, PUBLIC_URL, SoftPasskey, TestApp};

const REGISTRATIONS: &str = "/api/v1/account/passkeys/registrations";

async fn passkeys_in_db(app: &TestApp) -> i64 {
    app.count("select count(*) from passkeys").await
}

/// Starts a passwordless sign-in: (challenge id, options).
async fn begin_sign_in(app: &TestApp) -> (String, Value) {
    let resp = app.post("/api/v1/sessions/passkey", None, json!({})).await;
    resp.assert(200);
    (
        resp.json["challenge_id"].as_str().unwrap().to_owned(),
        resp.json["options"].clone(),
    )
}

async fn complete_sign_in(app: &TestApp, challenge: &str, answer: &Value) -> crate::support::Resp {
    app.post(
        &format!("/api/v1/sessions/passkey/{challenge}/complete"),
        None,
        json!({"credential": answer, "device_name": "Laptop"}),
    )
    .await
}

#[tokio::test]
async fn a_passkey_is_added_then_signs_in_alone_once_per_answer() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("pk@example.org").await;
    let mut authn = SoftPasskey::new(PUBLIC_URL);

    let started = app
        .post(REGISTRATIONS, Some(&token), json!({"name": "Laptop"}))
        .await;
    started.assert(201);
    let options = &started.json["options"];
    assert_eq!(
        options["rp"]["id"], "steward.test",
        "rp id = public_url's host"
    );
    assert_eq!(options["user"]["name"], "pk@example.org");
    assert_eq!(options["authenticatorSelection"]["residentKey"], "required");
    let answer = authn.create(options);
    let path = format!(
        "{REGISTRATIONS}/{}/complete",
        started.json["registration_id"].as_str().unwrap()
    );
    let added = app
        .post(&path, Some(&token), json!({"credential": answer}))
        .await;
    added.assert(201);
    assert_eq!(added.json["passkey"]["name"], "Laptop");
    assert_eq!(
        added.json["recovery_codes"].as_array().map(Vec::len),
        Some(10),
        "the first second factor brings the recovery codes"
    );
    // the registration was used up
    app.post(&path, Some(&token), json!({"credential": answer}))
        .await
        .assert_error(404, "not_found");

    let list = app.get("/api/v1/account/passkeys", Some(&token)).await;
    list.assert(200);
    assert_eq!(list.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["two_factor_enabled"],
        true
    );
    let mail = app.mail_to("pk@example.org").await;
    let mail = if mail.subject.starts_with("Verify") {
        app.mail_to("pk@example.org").await
    } else {
        mail
    };
    assert_eq!(mail.subject, "A passkey was added to your Steward account");
    assert!(mail.text.contains("\"Laptop\""));

    // no email, no password
    let (challenge, options) = begin_sign_in(&app).await;
    assert!(
        options["allowCredentials"]
            .as_array()
            .is_none_or(Vec::is_empty),
        "discoverable: no credential named"
    );
    let assertion = authn.get(&options);
    let signed_in = complete_sign_in(&app, &challenge, &assertion).await;
    signed_in.assert(201);
    assert_eq!(signed_in.json["status"], "signed_in");
    assert_eq!(signed_in.json["session"]["device_name"], "Laptop");
    let session = signed_in.json["token"].as_str().unwrap();
    let me = app.get("/api/v1/account", Some(session)).await;
    me.assert(200);
    assert_eq!(me.json["email"], "pk@example.org");

    // the same answer again: the challenge is gone
    complete_sign_in(&app, &challenge, &assertion)
        .await
        .assert_error(401, "invalid_credential");
    // and on a new challenge it signs the wrong one
    let (other, _) = begin_sign_in(&app).await;
    complete_sign_in(&app, &other, &assertion)
        .await
        .assert_error(401, "invalid_credential");

    let list = app.get("/api/v1/account/passkeys", Some(session)).await;
    assert!(list.json["items"][0]["last_used_at"].is_string());
    let events = app.get("/api/v1/account/events", Some(session)).await;
    let types: Vec<&str> = events.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert!(types.contains(&"passkey.added"), "{types:?}");
    assert!(types.contains(&"passkey.used"), "{types:?}");
}

#[tokio::test]
async fn a_passkey_is_the_second_factor_at_sign_in_reauthentication_and_reset() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("second@example.org").await;
    let mut authn = SoftPasskey::new(PUBLIC_URL);
    app.add_passkey(&token, &mut authn, "Phone").await;

    // sign-in: the password, then the passkey
    let first = app.sign_in("second@example.org", PASSWORD).await;
    first.assert(200);
    assert_eq!(first.json["status"], "mfa_required");
    assert_eq!(first.json["methods"], json!(["recovery_code", "passkey"]));
    let options = &first.json["passkey_options"];
    assert_eq!(
        options["allowCredentials"][0]["id"],
        authn.credential_id(),
        "the account's passkey is named"
    );
    let ticket = first.json["mfa_ticket"].as_str().unwrap();
    let answer = authn.get(options);
    // a code where a passkey is due does not pass
    app.post(
        "/api/v1/sessions/mfa",
        None,
        json!({"mfa_ticket": ticket, "code": "123456"}),
    )
    .await
    .assert_error(401, "invalid_code");
    let done = app
        .post(
            "/api/v1/sessions/mfa",
            None,
            json!({"mfa_ticket": ticket, "passkey": answer}),
        )
        .await;
    done.assert(201);
    let session = done.json["token"].as_str().unwrap().to_owned();

    // reauthentication with the passkey alone
    app.clock.advance(Duration::minutes(11));
    app.delete(
        &format!(
            "/api/v1/account/passkeys/{}",
            app.get("/api/v1/account/passkeys", Some(&session))
                .await
                .json["items"][0]["id"]
                .as_str()
                .unwrap()
        ),
        Some(&session),
    )
    .await
    .assert_error(403, "reauthentication_required");
    let options = app
        .post(
            "/api/v1/sessions/current/reauthenticate/passkey-options",
            Some(&session),
            json!({}),
        )
        .await;
    options.assert(200);
    let answer = authn.get(&options.json["options"]);
    let elevated = app
        .post(
            "/api/v1/sessions/current/reauthenticate",
            Some(&session),
            json!({"passkey": answer}),
        )
        .await;
    elevated.assert(200);
    assert!(elevated.json["elevated_until"].is_string());
    // the answer once more: used up
    app.post(
        "/api/v1/sessions/current/reauthenticate",
        Some(&session),
        json!({"passkey": answer}),
    )
    .await
    .assert_error(401, "invalid_credential");

    // a password reset needs the passkey too
    let secret = "client-secret-0123456789";
    let reset = app
        .post(
            "/api/v1/password-resets",
            None,
            json!({"email": "second@example.org", "client_secret": secret}),
        )
        .await;
    reset.assert(202);
    let reset_id = reset.json["reset_id"].as_str().unwrap().to_owned();
    let link = loop {
        let mail = app.mail_to("second@example.org").await;
        if mail.subject.starts_with("Reset") {
            break mail.token("/reset-password");
        }
    };
    app.client
        .post(app.url("/reset-password"))
        .form(&[("token", link.as_str())])
        .send()
        .await
        .unwrap();
    let complete = format!("/api/v1/password-resets/{reset_id}/complete");
    app.post(
        &complete,
        None,
        json!({"client_secret": secret, "new_password": "a brand new password"}),
    )
    .await
    .assert_error(403, "two_factor_required");
    let options = app
        .post(
            &format!("/api/v1/password-resets/{reset_id}/passkey-options"),
            None,
            json!({"client_secret": secret}),
        )
        .await;
    options.assert(200);
    let answer = authn.get(&options.json["options"]);
    app.post(
        &complete,
        None,
        json!({"client_secret": secret, "new_password": "a brand new password", "passkey": answer}),
    )
    .await
    .assert(204);
    app.sign_in("second@example.org", "a brand new password")
        .await
        .assert(200);
}

#[tokio::test]
async fn removing_the_last_passkey_turns_two_factor_off_and_mails_a_notice() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("rm@example.org").await;
    let mut authn = SoftPasskey::new(PUBLIC_URL);
    let added = app.add_passkey(&token, &mut authn, "Key").await;
    let id = added["passkey"]["id"].as_str().unwrap();
    let renamed = app
        .request(
            reqwest::Method::PATCH,
            &format!("/api/v1/account/passkeys/{id}"),
            Some(&token),
            Some(json!({"name": "Yellow key"})),
        )
        .await;
    renamed.assert(200);
    assert_eq!(renamed.json["name"], "Yellow key");
    app.delete(&format!("/api/v1/account/passkeys/{id}"), Some(&token))
        .await
        .assert(204);
    assert_eq!(passkeys_in_db(&app).await, 0);
    let me = app.get("/api/v1/account", Some(&token)).await;
    assert_eq!(me.json["two_factor_enabled"], false);
    assert_eq!(
        app.get("/api/v1/account/recovery-codes", Some(&token))
            .await
            .json["remaining"],
        0
    );
    let removed = loop {
        let mail = app.mail_to("rm@example.org").await;
        if mail.subject.contains("removed") {
            break mail;
        }
    };
    assert!(removed.text.contains("\"Yellow key\""));
    assert!(removed.text.contains("last second factor"));
    // and it signs in no more
    let (challenge, options) = begin_sign_in(&app).await;
    let answer = authn.get(&options);
    complete_sign_in(&app, &challenge, &answer)
        .await
        .assert_error(401, "invalid_credential");
    app.sign_in("rm@example.org", PASSWORD).await.assert(201);
}

#[tokio::test]
async fn bad_registrations_are_refused_and_store_nothing() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("bad@example.org").await;
    let start = || async {
        let resp = app
            .post(REGISTRATIONS, Some(&token), json!({"name": "Key"}))
            .await;
        resp.assert(201);
        (
            format!(
                "{REGISTRATIONS}/{}/complete",
                resp.json["registration_id"].as_str().unwrap()
            ),
            resp.json["options"].clone(),
        )
    };

    // a phishing site's origin
    let mut phished = SoftPasskey::new("http://steward.example");
    let (path, options) = start().await;
    app.post(
        &path,
        Some(&token),
        json!({"credential": phished.create(&options)}),
    )
    .await
    .assert_error(400, "invalid_credential");

    // an answer to another registration's challenge
    let mut authn = SoftPasskey::new(PUBLIC_URL);
    let (_, other_options) = start().await;
    let (path, _) = start().await;
    app.post(
        &path,
        Some(&token),
        json!({"credential": authn.create(&other_options)}),
    )
    .await
    .assert_error(400, "invalid_credential");

    // malformed answers: not a credential, broken base64, a string
    for credential in [
        json!({"id": "x"}),
        json!({"id": "x", "rawId": "***", "type": "public-key",
               "response": {"clientDataJSON": "***", "attestationObject": "***"}}),
        json!("nonsense"),
    ] {
        let (path, _) = start().await;
        app.post(&path, Some(&token), json!({"credential": credential}))
            .await
            .assert_error(400, "invalid_credential");
    }
    // a body that is no JSON at all
    let (path, _) = start().await;
    let resp = app
        .client
        .post(app.url(&path))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"credential\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);

    // five minutes later
    let (path, options) = start().await;
    app.clock.advance(Duration::minutes(6));
    app.post(
        &path,
        Some(&token),
        json!({"credential": authn.create(&options)}),
    )
    .await
    .assert_error(410, "registration_expired");
    assert_eq!(passkeys_in_db(&app).await, 0, "nothing stored");

    // registered twice: on this account, then on another
    let token = app.signed_in("bad2@example.org").await;
    let mut authn = SoftPasskey::new(PUBLIC_URL);
    app.add_passkey(&token, &mut authn, "Key").await;
    let resp = app
        .post(REGISTRATIONS, Some(&token), json!({"name": "Again"}))
        .await;
    let path = format!(
        "{REGISTRATIONS}/{}/complete",
        resp.json["registration_id"].as_str().unwrap()
    );
    assert_eq!(
        resp.json["options"]["excludeCredentials"][0]["id"],
        authn.credential_id(),
        "the browser is told which authenticator holds one already"
    );
    app.post(
        &path,
        Some(&token),
        json!({"credential": authn.recreate(&resp.json["options"])}),
    )
    .await
    .assert_error(409, "passkey_already_registered");
    let thief = app.signed_in("thief@example.org").await;
    let resp = app
        .post(REGISTRATIONS, Some(&thief), json!({"name": "Theirs"}))
        .await;
    let path = format!(
        "{REGISTRATIONS}/{}/complete",
        resp.json["registration_id"].as_str().unwrap()
    );
    app.post(
        &path,
        Some(&thief),
        json!({"credential": authn.recreate(&resp.json["options"])}),
    )
    .await
    .assert_error(409, "passkey_already_registered");
    assert_eq!(passkeys_in_db(&app).await, 1);

    // adding one is sensitive
    app.clock.advance(Duration::minutes(11));
    app.post(REGISTRATIONS, Some(&token), json!({"name": "Late"}))
        .await
        .assert_error(403, "reauthentication_required");
}

#[tokio::test]
async fn bad_sign_ins_are_refused_and_count_toward_the_lockout() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("lock@example.org").await;
    let mut authn = SoftPasskey::new(PUBLIC_URL);
    app.add_passkey(&token, &mut authn, "Key").await;

    // the first use is fine; the counter then goes backwards (a cloned key)
    let (challenge, options) = begin_sign_in(&app).await;
    complete_sign_in(&app, &challenge, &authn.get(&options))
        .await
        .assert(201);
    authn.set_counter(0);
    let (challenge, options) = begin_sign_in(&app).await;
    complete_sign_in(&app, &challenge, &authn.get(&options))
        .await
        .assert_error(401, "invalid_credential");

    // a phishing site's origin
    let real_origin = authn.origin.clone();
    authn.origin = "http://steward.example".into();
    let (challenge, options) = begin_sign_in(&app).await;
    complete_sign_in(&app, &challenge, &authn.get(&options))
        .await
        .assert_error(401, "invalid_credential");
    authn.origin = real_origin;

    // expired challenge
    let (challenge, options) = begin_sign_in(&app).await;
    app.clock.advance(Duration::minutes(6));
    complete_sign_in(&app, &challenge, &authn.get(&options))
        .await
        .assert_error(401, "invalid_credential");

    // an unknown credential
    let mut stranger = SoftPasskey::new(PUBLIC_URL);
    let other = app.signed_in("other@example.org").await;
    app.add_passkey(&other, &mut stranger, "Theirs").await;
    app.sql()
        .exec("delete from passkeys where name = 'Theirs'", &[])
        .await;
    let (challenge, options) = begin_sign_in(&app).await;
    complete_sign_in(&app, &challenge, &stranger.get(&options))
        .await
        .assert_error(401, "invalid_credential");

    // malformed answers
    let (challenge, _) = begin_sign_in(&app).await;
    complete_sign_in(&app, &challenge, &json!({"id": 5}))
        .await
        .assert_error(400, "invalid_credential");

    // the two failures of a known account count like wrong passwords
    let failed = app
        .count("select count(*) from audit_events where type = 'sign_in.failed'")
        .await;
    assert_eq!(failed, 2, "the counter and the origin; not the others");
    let failures = app
        .count("select failures from login_throttle where email = 'lock@example.org'")
        .await;
    assert_eq!(failures, 2);
}

#[tokio::test]
async fn an_admin_removing_every_second_factor_removes_passkeys() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;
    let token = app.signed_in("lost@example.org").await;
    let mut authn = SoftPasskey::new(PUBLIC_URL);
    app.add_passkey(&token, &mut authn, "Lost phone").await;
    let users = app
        .get("/api/v1/admin/users?query=lost@example.org", Some(&root))
        .await;
    let user = &users.json["items"][0];
    assert_eq!(user["passkeys"], 1);
    assert_eq!(user["two_factor_enabled"], true);
    let id = user["id"].as_str().unwrap();
    app.delete(&format!("/api/v1/admin/users/{id}/totp"), Some(&root))
        .await
        .assert(204);
    assert_eq!(passkeys_in_db(&app).await, 0);
    assert_eq!(
        app.get("/api/v1/account", Some(&token)).await.json["two_factor_enabled"],
        false
    );
    app.sign_in("lost@example.org", PASSWORD).await.assert(201);
}

#[tokio::test]
async fn a_public_url_on_an_ip_address_has_no_passkeys() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("ip@example.org").await;
    let app = app
        .restart_with(|c| c.server.public_url = "http://127.0.0.1:8080".into())
        .await;
    app.post(REGISTRATIONS, Some(&token), json!({"name": "Key"}))
        .await
        .assert_error(409, "passkeys_unavailable");
    app.post("/api/v1/sessions/passkey", None, json!({}))
        .await
        .assert_error(409, "passkeys_unavailable");
}
