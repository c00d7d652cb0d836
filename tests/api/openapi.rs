//! The committed OpenAPI document is the one the binary serves; the probes answer.

use serde_json::json;

use crate::support::TestApp;

fn committed(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("openapi")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const REGENERATE: &str = "openapi/ is stale: run `cargo run -- openapi > openapi/openapi.json && \
                          cargo run -- openapi --yaml > openapi/openapi.yaml` and commit the result";

#[tokio::test]
async fn the_committed_document_is_what_the_server_serves() {
    // the server serves the committed files; they must be what the code describes
    assert_eq!(
        steward::app::openapi_json().trim_end(),
        committed("openapi.json").trim_end(),
        "{REGENERATE}"
    );
    assert_eq!(
        steward::app::openapi_yaml().trim_end(),
        committed("openapi.yaml").trim_end(),
        "{REGENERATE}"
    );
    let app = TestApp::spawn().await;
    let served = app
        .client
        .get(app.url("/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    let served = served.text().await.unwrap();
    assert_eq!(
        served.trim_end(),
        committed("openapi.json").trim_end(),
        "{REGENERATE}"
    );
    let yaml = app
        .client
        .get(app.url("/openapi.yaml"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        yaml.trim_end(),
        committed("openapi.yaml").trim_end(),
        "{REGENERATE}"
    );

    let doc: serde_json::Value = serde_json::from_str(&served).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    // every operation has an id and a summary, and documents the error body
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(
                op["operationId"].is_string(),
                "{method} {path} has no operationId"
            );
            assert!(op["summary"].is_string(), "{method} {path} has no summary");
            if path.starts_with("/api/") {
                assert!(
                    op["responses"]["400"].is_object(),
                    "{method} {path} documents no errors"
                );
            }
        }
    }
    let codes = doc["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .unwrap();
    for code in [
        "invalid_request",
        "validation_failed",
        "unauthenticated",
        "invalid_credentials",
        "email_not_verified",
        "token_invalid",
        "token_expired",
        "rate_limited",
    ] {
        assert!(codes.iter().any(|c| c == code), "ErrorCode lacks {code}");
    }
}

#[tokio::test]
async fn probes_and_docs_answer() {
    let app = TestApp::spawn().await;
    app.get("/healthz", None).await.assert(200);
    let ready = app.get("/readyz", None).await;
    ready.assert(200);
    assert_eq!(ready.json["status"], "ok");
    let docs = app.client.get(app.url("/docs")).send().await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger"));

    // not ready when the schema is not (or no longer) there
    app.sql().exec("delete from _sqlx_migrations", &[]).await;
    let resp = app.get("/readyz", None).await;
    resp.assert(503);
    app.get("/healthz", None).await.assert(200);
}

/// Where an operation documents more than one success, the one its examples get.
const SUCCESS: &[(&str, u16)] = &[
    ("admin_create_user", 201),
    ("admin_update_user", 200),
    ("create_host", 201),
    ("create_integration", 201),
    ("create_subscription", 201),
    ("admin_create_webhook", 201),
    // the examples' account has no authenticator app: signed in at once
    ("sign_in", 201),
    ("update_host", 200),
    ("update_integration", 200),
];

/// The examples no server can answer with success, each with the refusal it gets
/// (operation, example, status, code). Every other example must succeed.
#[rustfmt::skip] // a table reads best one row a line
const REFUSED: &[(&str, &str, u16, &str)] = &[
    // a code the test's authenticator app does not show
    ("confirm_totp_enrollment", "code", 400, "invalid_code"),
    // a token no mail carried
    ("confirm_email_change", "from_the_mail", 400, "token_invalid"),
    ("confirm_email_verification", "from_the_mail", 400, "token_invalid"),
    // the reset is the admin's, who has an authenticator app: a code is due, and the
    // examples' codes are not the app's
    ("complete_password_reset", "authenticator_code", 401, "invalid_code"),
    ("complete_password_reset", "no_second_factor", 403, "two_factor_required"),
    ("complete_password_reset", "recovery_code", 401, "invalid_code"),
    // a ticket no first step handed out
    ("sign_in_mfa", "authenticator_code", 401, "unauthenticated"),
    ("sign_in_mfa", "recovery_code", 401, "unauthenticated"),
    // an answer no authenticator made
    ("complete_passkey_registration", "browser_answer", 400, "invalid_credential"),
    ("complete_passkey_sign_in", "browser_answer", 401, "invalid_credential"),
];

/// Every operation that takes a body documents examples of it, and every example is one
/// the server reads and finds valid: sent as is to real objects, each gets the success
/// its operation documents, or, where no server could succeed (a made-up code or token),
/// the refusal [`REFUSED`] names for it.
#[tokio::test]
async fn every_request_body_example_is_read_and_valid() {
    let app = TestApp::spawn().await;
    let root = app.admin_session().await;

    // a real object behind every path parameter, so that validation runs in full
    app.enroll_totp(&root, "first phone").await;
    let device = app
        .get("/api/v1/account/totp/devices", Some(&root))
        .await
        .json["items"][0]["id"]
        .clone();
    let enrollment = app
        .post(
            "/api/v1/account/totp/enrollments",
            Some(&root),
            json!({"device_name": "second phone"}),
        )
        .await
        .json["enrollment_id"]
        .clone();
    let user = app
        .post(
            "/api/v1/admin/users",
            Some(&root),
            json!({"email": "someone@example.org"}),
        )
        .await
        .json["id"]
        .clone();
    let subscription = app.subscribe(&root, "on-premise-trial").await;
    let host = app
        .post(
            "/api/v1/hosts",
            Some(&root),
            json!({"subscription_id": subscription, "name": "first"}),
        )
        .await
        .json["id"]
        .clone();
    let integration = app
        .post(
            &format!("/api/v1/hosts/{}/integrations", host.as_str().unwrap()),
            Some(&root),
            json!({"kind": "webhook", "name": "first"}),
        )
        .await
        .json["id"]
        .clone();
    let reset = app
        .post(
            "/api/v1/password-resets",
            None,
            // the examples' client secret, so that completing it gets past that check
            json!({
                "email": "root@example.org",
                "client_secret": steward::api::examples::request_body("request_password_reset")[0]
                    .value["client_secret"]
            }),
        )
        .await
        .json["reset_id"]
        .clone();
    // "I have verified my email address": the reset's link was opened and confirmed
    let reset_mail = loop {
        let mail = app.mail_to("root@example.org").await;
        if mail.subject.starts_with("Reset") {
            break mail;
        }
    };
    let confirmed = app
        .client
        .post(app.url("/reset-password"))
        .form(&[("token", reset_mail.token("/reset-password"))])
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), 200);
    let webhook = app
        .post(
            "/api/v1/admin/webhooks",
            Some(&root),
            json!({"url": "https://hooks.example.org/", "events": ["*"]}),
        )
        .await
        .json["id"]
        .clone();
    // a passkey of the admin's, one being added, and a passkey sign-in under way
    let mut authn = crate::support::SoftPasskey::new(crate::support::PUBLIC_URL);
    let passkey = app.add_passkey(&root, &mut authn, "first key").await["passkey"]["id"].clone();
    let registration = app
        .post(
            "/api/v1/account/passkeys/registrations",
            Some(&root),
            json!({"name": "second key"}),
        )
        .await
        .json["registration_id"]
        .clone();
    let challenge = app
        .post("/api/v1/sessions/passkey", None, json!({}))
        .await
        .json["challenge_id"]
        .clone();
    // by the path segment before the parameter
    let ids = [
        ("webhooks", &webhook),
        ("devices", &device),
        ("enrollments", &enrollment),
        ("users", &user),
        ("hosts", &host),
        ("integrations", &integration),
        ("password-resets", &reset),
        ("passkeys", &passkey),
        ("registrations", &registration),
        ("passkey", &challenge),
    ];

    // the examples' own account, verified, with the examples' password and no
    // authenticator app: signing in and reauthenticating as it can succeed
    let ada = steward::api::examples::request_body("sign_in")[0]
        .value
        .clone();
    app.post(
        "/api/v1/admin/users",
        Some(&root),
        json!({"email": ada["email"], "password": ada["password"], "email_verified": true}),
    )
    .await
    .assert(201);
    let ada = app
        .sign_in(
            ada["email"].as_str().unwrap(),
            ada["password"].as_str().unwrap(),
        )
        .await;
    ada.assert(201);
    let ada = ada.json["token"].as_str().unwrap().to_owned();

    let doc = steward::api::spec();
    let mut sent = 0;
    let mut refused = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(content) = op["requestBody"]["content"].as_object() else {
                continue;
            };
            let operation = op["operationId"].as_str().unwrap();
            let mut url = Vec::new();
            for part in path.split('/') {
                if part.starts_with('{') {
                    let before = url.last().cloned().unwrap_or_default();
                    let (_, id) = ids
                        .iter()
                        .find(|(segment, _)| *segment == before)
                        .unwrap_or_else(|| panic!("no object for {part} in {path}"));
                    url.push(id.as_str().expect("the object was made").to_owned());
                } else {
                    url.push(part.to_owned());
                }
            }
            let url = url.join("/");
            for media in content.values() {
                let examples = media["examples"].as_object();
                assert!(
                    examples.is_some_and(|e| !e.is_empty()),
                    "{method} {path} has no body examples"
                );
                for (name, example) in examples.unwrap() {
                    assert!(example["summary"].is_string(), "{name} has no summary");
                    // the server ignores a field it does not know: the document must not
                    // show one
                    let schema = media["schema"]["$ref"]
                        .as_str()
                        .and_then(|r| doc.pointer(&r.replace("#/", "/")))
                        .unwrap_or(&media["schema"]);
                    for field in example["value"].as_object().unwrap().keys() {
                        assert!(
                            schema["properties"].get(field).is_some(),
                            "{method} {path}, example {name}: no field {field}"
                        );
                    }
                    let mut body = example["value"].clone();
                    if body.get("subscription_id").is_some() {
                        body["subscription_id"] = json!(subscription);
                    }
                    // the admin's password is no longer the examples' (change_password
                    // ran), and the admin has an authenticator app: ada reauthenticates
                    let token = if operation == "reauthenticate" {
                        &ada
                    } else {
                        &root
                    };
                    let resp = app
                        .request(
                            method.to_uppercase().parse().unwrap(),
                            &url,
                            Some(token),
                            Some(body),
                        )
                        .await;
                    let code = resp.json["code"].as_str().unwrap_or_default();
                    println!("{method} {path} {name}: {} {code}", resp.status);
                    let context = format!("{method} {path}, example {name}");
                    match REFUSED
                        .iter()
                        .find(|(op, example, ..)| *op == operation && example == name)
                    {
                        Some(&(_, _, status, code)) => {
                            resp.assert_error(status, code);
                            refused.push((operation, name.as_str()));
                        }
                        None => {
                            resp.assert(documented_success(operation, op, &context));
                        }
                    }
                    if operation == "admin_create_user" {
                        // the next example may invite the same address
                        let id = resp.json["id"].as_str().unwrap();
                        app.delete(&format!("/api/v1/admin/users/{id}"), Some(&root))
                            .await
                            .assert(202);
                        app.run_jobs_until_idle().await;
                    }
                    sent += 1;
                }
            }
        }
    }
    assert!(sent >= 25, "only {sent} examples");
    for (operation, example, ..) in REFUSED {
        assert!(
            refused.contains(&(*operation, *example)),
            "{operation}, example {example}: in REFUSED but not in the document"
        );
    }
}

/// The success status `op` documents: its one 2xx, or where it documents several, the
/// one [`SUCCESS`] names (which must be among them).
fn documented_success(operation: &str, op: &serde_json::Value, context: &str) -> u16 {
    let documented: Vec<u16> = op["responses"]
        .as_object()
        .unwrap()
        .keys()
        .filter_map(|status| status.parse().ok())
        .filter(|status| (200..300).contains(status))
        .collect();
    match (
        documented.as_slice(),
        SUCCESS.iter().find(|(o, _)| *o == operation),
    ) {
        (&[one], None) => one,
        (_, Some(&(_, status))) if documented.contains(&status) => status,
        _ => panic!("{context}: documents {documented:?}; name the one in SUCCESS"),
    }
}
