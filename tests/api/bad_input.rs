//! Hostile and broken requests: a clear 4xx with a stable code, never a 500, nothing
//! written.

use reqwest::Method;
use serde_json::json;

use crate::support::{PASSWORD, TestApp, read};

async fn raw(
    app: &TestApp,
    method: Method,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> crate::support::Resp {
    let mut req = app.client.request(method, app.url(path)).body(body);
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    read(req.send().await.unwrap()).await
}

#[tokio::test]
async fn broken_bodies_are_400_and_write_nothing() {
    let app = TestApp::spawn().await;
    let json_ct = Some("application/json");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("malformed JSON", b"{\"email\": ".to_vec()),
        ("not an object", b"[1, 2, 3]".to_vec()),
        ("wrong type", br#"{"email": 5, "password": "correct horse battery", "accept_terms": true}"#.to_vec()),
        ("terms as a string", br#"{"email": "a@example.org", "password": "correct horse battery", "accept_terms": "yes"}"#.to_vec()),
        ("missing password", br#"{"email": "a@example.org", "accept_terms": true}"#.to_vec()),
        ("empty body", Vec::new()),
        ("invalid UTF-8", b"{\"email\": \"\xff\xfe\"}".to_vec()),
    ];
    for (what, body) in cases {
        let resp = raw(&app, Method::POST, "/api/v1/registrations", json_ct, body).await;
        assert_eq!(resp.status.as_u16(), 400, "{what}: {}", resp.text);
        assert_eq!(resp.code(), "invalid_request", "{what}");
    }
    let long = |n: usize| "x".repeat(n);
    for (what, body) in [
        (
            "email > 254",
            json!({"email": format!("{}@example.org", long(250)), "password": long(12), "accept_terms": true}),
        ),
        (
            "password > 1024",
            json!({"email": "a@example.org", "password": long(1025), "accept_terms": true}),
        ),
        (
            "display name > 100",
            json!({"email": "a@example.org", "password": long(12), "display_name": long(101), "accept_terms": true}),
        ),
    ] {
        // well-formed, but over a documented limit
        let resp = app.post("/api/v1/registrations", None, body).await;
        assert_eq!(resp.status.as_u16(), 422, "{what}: {}", resp.text);
        assert_eq!(resp.code(), "validation_failed", "{what}");
    }
    let resp = raw(
        &app,
        Method::POST,
        "/api/v1/registrations",
        Some("text/plain"),
        b"hello".to_vec(),
    )
    .await;
    resp.assert_error(415, "unsupported_media_type");
    let resp = raw(
        &app,
        Method::POST,
        "/api/v1/registrations",
        None,
        b"{}".to_vec(),
    )
    .await;
    resp.assert_error(415, "unsupported_media_type");

    app.run_jobs_until_idle().await;
    assert_eq!(app.count("select count(*) from accounts").await, 0);
    assert_eq!(app.count("select count(*) from outbox").await, 0);
}

#[tokio::test]
async fn bodies_over_64_kib_are_413_whether_or_not_they_say_so() {
    let app = TestApp::spawn().await;
    let big =
        json!({"email": "a@example.org", "password": "x".repeat(70 * 1024), "accept_terms": true});
    let resp = app.post("/api/v1/registrations", None, big.clone()).await;
    resp.assert_error(413, "payload_too_large");

    // chunked: no Content-Length to check up front
    let bytes = serde_json::to_vec(&big).unwrap();
    let stream = futures::stream::iter(
        bytes
            .chunks(8192)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    let resp = app
        .client
        .post(app.url("/api/v1/sessions"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    read(resp).await.assert_error(413, "payload_too_large");

    // just under the limit is read (and then judged on its content)
    let fits =
        json!({"email": "a@example.org", "password": "x".repeat(60 * 1024), "accept_terms": true});
    app.post("/api/v1/registrations", None, fits)
        .await
        .assert_error(422, "validation_failed");
    assert_eq!(app.count("select count(*) from accounts").await, 0);
}

#[tokio::test]
async fn unknown_paths_methods_and_ids_have_the_error_body() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/nothing-here", None)
        .await
        .assert_error(404, "not_found");
    app.get("/no/such/page", None)
        .await
        .assert_error(404, "not_found");
    let wrong = app
        .request(Method::PUT, "/api/v1/registrations", None, Some(json!({})))
        .await;
    wrong.assert_error(405, "method_not_allowed");
    assert_eq!(wrong.headers["allow"], "POST", "a 405 says what is allowed");
    let wrong = app
        .request(
            Method::TRACE,
            "/api/v1/hosts/0190a0a0-0000-7000-8000-000000000000",
            None,
            None,
        )
        .await;
    wrong.assert_error(405, "method_not_allowed");
    assert_eq!(wrong.headers["allow"], "DELETE, GET, PATCH");
    let token = app.signed_in("ids@example.org").await;
    app.delete("/api/v1/sessions/not-a-uuid", Some(&token))
        .await
        .assert_error(404, "not_found");
    app.delete(
        "/api/v1/sessions/01234567-89ab-7def-8123-456789abcdef",
        Some(&token),
    )
    .await
    .assert_error(404, "not_found");
    for token_value in ["", "x".repeat(10_000).as_str(), "../../etc/passwd", "%00"] {
        let resp = app
            .post(
                "/api/v1/email-verifications/confirm",
                None,
                json!({"token": token_value}),
            )
            .await;
        assert!(
            resp.status.is_client_error(),
            "{token_value:.20}: {}",
            resp.status
        );
        assert!(
            ["token_invalid", "invalid_request", "validation_failed"].contains(&resp.code()),
            "{token_value:.20}: {}",
            resp.text
        );
    }
    let page = app
        .client
        .get(app.url("/verify-email"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.status(),
        400,
        "a link without a token is an invalid link"
    );
}

/// Each kind of bad input gets its one answer, in plain words that name the field: no
/// backticks, no `param0`, no "verification failed", no type of the server's code.
#[tokio::test]
async fn every_kind_of_bad_input_is_told_in_plain_words() {
    let app = TestApp::spawn().await;
    let token = app.signed_in("words@example.org").await;
    let plain = |what: &str, resp: &crate::support::Resp| {
        let detail = resp.json["detail"].as_str().unwrap_or_default();
        assert!(!detail.is_empty(), "{what}: {}", resp.text);
        for internal in [
            "`",
            "param0",
            "verification failed",
            "failed to parse",
            "string_uuid",
            "Request\"",
            "exclusive",
        ] {
            assert!(
                !resp.text.contains(internal),
                "{what}: {internal:?} in {}",
                resp.text
            );
        }
    };
    let field_error = |what: &str, resp: &crate::support::Resp, field: &str, words: &str| {
        resp.assert_error(422, "validation_failed");
        plain(what, resp);
        let errors = resp.json["errors"].as_array().expect("errors[]");
        assert_eq!(errors.len(), 1, "{what}: {}", resp.text);
        assert_eq!(errors[0]["field"], field, "{what}: {}", resp.text);
        let message = errors[0]["message"].as_str().unwrap();
        assert!(message.contains(words), "{what}: {message}");
        let detail = resp.json["detail"].as_str().unwrap();
        assert!(
            detail.contains(field) && detail.contains(words),
            "{what}: {detail}"
        );
    };

    // a body field under a documented limit: 422, like the service's own checks
    let resp = app
        .post(
            "/api/v1/password-resets",
            None,
            json!({"email": "words@example.org", "client_secret": "0123456789"}),
        )
        .await;
    field_error(
        "short client_secret",
        &resp,
        "client_secret",
        "at least 16 characters",
    );
    let resp = app
        .post(
            "/api/v1/registrations",
            None,
            json!({"email": "b@example.org", "password": PASSWORD, "display_name": "x".repeat(101), "accept_terms": true}),
        )
        .await;
    field_error(
        "long display_name",
        &resp,
        "display_name",
        "at most 100 characters",
    );
    // and one the service checks, for comparison: the same shape
    let resp = app
        .post(
            "/api/v1/registrations",
            None,
            json!({"email": "b@example.org", "password": "short", "accept_terms": true}),
        )
        .await;
    resp.assert_error(422, "validation_failed");
    assert_eq!(resp.json["errors"][0]["field"], "password");

    // a parameter out of range: 422 naming it
    let resp = app.get("/api/v1/hosts?limit=0", Some(&token)).await;
    field_error("limit=0", &resp, "limit", "at least 1");
    let resp = app.get("/api/v1/hosts?limit=201", Some(&token)).await;
    field_error("limit=201", &resp, "limit", "at most 200");
    // a parameter that is no number: 400 naming it
    let resp = app.get("/api/v1/hosts?limit=many", Some(&token)).await;
    resp.assert_error(400, "invalid_request");
    plain("limit=many", &resp);
    assert!(
        resp.json["detail"].as_str().unwrap().contains("limit"),
        "{}",
        resp.text
    );

    // an id in the path that is no id: nothing is there
    for path in ["/api/v1/hosts/not-a-uuid", "/api/v1/subscriptions/42"] {
        let resp = app.get(path, Some(&token)).await;
        resp.assert_error(404, "not_found");
        plain(path, &resp);
    }

    // a body that is not JSON: 400, saying where it breaks
    let resp = raw(
        &app,
        Method::POST,
        "/api/v1/registrations",
        Some("application/json"),
        b"{\"email\": ".to_vec(),
    )
    .await;
    resp.assert_error(400, "invalid_request");
    plain("malformed JSON", &resp);
    let detail = resp.json["detail"].as_str().unwrap();
    assert!(
        detail.contains("not valid JSON") && detail.contains("line 1"),
        "{detail}"
    );
    // JSON of the wrong shape: 400 in plain words
    for (what, body) in [
        (
            "missing password",
            json!({"email": "c@example.org", "accept_terms": true}),
        ),
        (
            "wrong type",
            json!({"email": 5, "password": PASSWORD, "accept_terms": true}),
        ),
        ("not an object", json!([1, 2])),
    ] {
        let resp = app.post("/api/v1/registrations", None, body).await;
        resp.assert_error(400, "invalid_request");
        plain(what, &resp);
    }
}
