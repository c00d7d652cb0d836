//! The OpenAPI document as served and committed: poem-openapi's, post-processed with
//! examples and `nullable` on optional properties.

use super::{examples, service};

/// The OpenAPI document as served and committed: poem-openapi's, with every optional
/// property marked `nullable`, which is what the server does (it sends `null` for an
/// absent value and accepts `null` for an optional field). Generated clients then parse
/// `"next_cursor": null` instead of failing on it.
pub fn spec() -> serde_json::Value {
    let mut spec: serde_json::Value =
        serde_json::from_str(&service().spec()).expect("poem-openapi writes valid JSON");
    let originals = spec
        .pointer("/components/schemas")
        .cloned()
        .unwrap_or_default();
    if let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(serde_json::Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            if schema.get("properties").is_some() && schema.get("example").is_none() {
                schema["example"] = example(schema, &originals, 0);
            }
            mark_optional_nullable(schema);
        }
    }
    add_request_examples(&mut spec);
    spec
}

/// Puts [`examples::request_body`]'s examples under each operation's request body.
fn add_request_examples(spec: &mut serde_json::Value) {
    let Some(paths) = spec
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return;
    };
    for operation in paths
        .values_mut()
        .filter_map(serde_json::Value::as_object_mut)
        .flat_map(|item| item.values_mut())
    {
        let Some(id) = operation["operationId"].as_str().map(str::to_owned) else {
            continue;
        };
        let Some(content) = operation
            .pointer_mut("/requestBody/content")
            .and_then(serde_json::Value::as_object_mut)
        else {
            continue;
        };
        let named: serde_json::Map<String, serde_json::Value> = examples::request_body(&id)
            .into_iter()
            .map(|e| {
                (
                    e.name.to_owned(),
                    serde_json::json!({"summary": e.summary, "value": e.value}),
                )
            })
            .collect();
        if named.is_empty() {
            continue;
        }
        for media in content.values_mut() {
            media["examples"] = serde_json::Value::Object(named.clone());
        }
    }
}

/// An example value for a schema, built from its types, formats and property names, so
/// that every body in the document has one that matches it.
fn example(
    schema: &serde_json::Value,
    schemas: &serde_json::Value,
    depth: u8,
) -> serde_json::Value {
    use serde_json::{Value, json};
    if depth > 10 {
        return Value::Null;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/components/schemas/");
        return schemas
            .get(name)
            .map_or(Value::Null, |s| example(s, schemas, depth + 1));
    }
    if let Some(first) = schema
        .get("allOf")
        .or_else(|| schema.get("oneOf"))
        .and_then(Value::as_array)
        .and_then(|all| all.first())
    {
        return example(first, schemas, depth + 1);
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => {
            let mut out = serde_json::Map::new();
            if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                for (name, property) in properties {
                    let generic = example(property, schemas, depth + 1);
                    // a name's example where it is a plain value of the same type
                    let plain = property.get("$ref").is_none() && property.get("enum").is_none();
                    let value = match example_by_name(name) {
                        Some(hint)
                            if plain
                                && std::mem::discriminant(&hint)
                                    == std::mem::discriminant(&generic) =>
                        {
                            hint
                        }
                        _ => generic,
                    };
                    out.insert(name.clone(), value);
                }
            }
            Value::Object(out)
        }
        Some("array") => json!([schema.get("items").map_or(Value::Null, |items| example(
            items,
            schemas,
            depth + 1
        ))]),
        Some("integer") => json!(1),
        Some("number") => json!(1.0),
        Some("boolean") => json!(true),
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2026-11-22T12:00:00Z"),
            Some("uuid") => json!("01936f3a-7c2e-7a51-9d3b-2f6c8e4a1b07"),
            Some("email") => json!("ada@example.org"),
            _ => json!("text"),
        },
        _ => Value::Null,
    }
}

/// Examples for property names that mean the same everywhere.
fn example_by_name(name: &str) -> Option<serde_json::Value> {
    use serde_json::json;
    Some(match name {
        "email" | "new_email" | "recipient" | "pending_email" => json!("ada@example.org"),
        "password" | "new_password" | "current_password" => json!("correct horse battery staple"),
        "display_name" => json!("Ada Lovelace"),
        "device_name" => json!("Ada's phone"),
        "code" => json!("123456"),
        "recovery_code" => json!("k7mq-2xwd-9hfp"),
        "token" => json!("stw_s_4bW0n3gT8Qh1c1bQ2W8n2x3Zy0k5s9PZ6j3nJvLq3aE"),
        "mfa_ticket" => json!("stw_m_Hq0yN1x2dY9cV4b7e6L3k8p5s0a2W1r9T4u6Z8m0Q2c"),
        "client_secret" => json!("a-secret-the-client-chose-7f3a9c"),
        "plan_id" => json!("managed-homeserver"),
        "domain" => json!("matrix.example.org"),
        "version" => json!("2026-11-01"),
        "accept_terms" => json!(true),
        "name" => json!("production"),
        "status" => json!(400),
        "title" => json!("Invalid request"),
        "detail" => json!("The body is not the JSON object this operation takes."),
        "next_cursor" => json!("01936f3a-7c2e-7a51-9d3b-2f6c8e4a1b07"),
        "request_id" => json!("01a204c4e8b874b1b5ca52df253555bb"),
        "field" => json!("email"),
        "message" => json!("Enter an email address."),
        _ => return None,
    })
}

fn mark_optional_nullable(schema: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let required: Vec<String> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for (name, property) in properties.iter_mut() {
        if required.contains(name) {
            continue;
        }
        if let Some(reference) = property.get("$ref").cloned() {
            // OpenAPI 3.0 ignores siblings of $ref: wrap it
            let mut wrapped = json!({"allOf": [{"$ref": reference}], "nullable": true});
            if let Some(description) = property.get("description") {
                wrapped["description"] = description.clone();
            }
            *property = wrapped;
        } else if let Some(object) = property.as_object_mut() {
            object.insert("nullable".into(), Value::Bool(true));
        }
    }
}

/// `spec_json()` as committed in openapi/openapi.json, which the server serves.
///
/// Building the document at start-up ran poem-openapi's registry over every operation
/// and type, code that nothing else runs, and left a megabyte of garbage behind; the
/// committed text is the same document (CI and the openapi tests fail when it is stale).
pub const COMMITTED_JSON: &str = include_str!("../../openapi/openapi.json");

/// `spec_yaml()` as committed in openapi/openapi.yaml.
pub const COMMITTED_YAML: &str = include_str!("../../openapi/openapi.yaml");

/// `spec()` as pretty JSON.
pub fn spec_json() -> String {
    serde_json::to_string_pretty(&spec()).expect("a JSON value serializes")
}

/// `spec()` as YAML.
pub fn spec_yaml() -> String {
    serde_yaml::to_string(&spec()).expect("a JSON value serializes as YAML")
}
