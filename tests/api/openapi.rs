//! The committed OpenAPI document is the one the binary serves; the probes answer.

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
    sqlx::query("delete from _sqlx_migrations")
        .execute(&app.state.db)
        .await
        .unwrap();
    let resp = app.get("/readyz", None).await;
    resp.assert(503);
    app.get("/healthz", None).await.assert(200);
}
