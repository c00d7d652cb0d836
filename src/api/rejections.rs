//! Requests poem-openapi refused before a handler ran, told in the contract's words: a
//! body or parameter that parses but breaks a documented limit is 422
//! `validation_failed` naming the field; one that can't be read is 400
//! `invalid_request` in plain words; an id in the path that is no id is 404. No message
//! of the framework (its type names, backticks, `param0`) reaches the client.

use poem::http::StatusCode;
use poem_openapi::error::{ParseParamError, ParsePathError, ParseRequestPayloadError};

use crate::api::ApiError;
use crate::http::error::ErrorCode;
use crate::service::{self, FieldError};

/// The answer to one of poem-openapi's parse errors; `None` for any other error.
pub fn rejection(err: &poem::Error) -> Option<ApiError> {
    if err.downcast_ref::<ParsePathError>().is_some() {
        // an id that can't be one names nothing
        return Some(ApiError::not_found());
    }
    if let Some(param) = err.downcast_ref::<ParseParamError>() {
        return Some(match limit_broken(&param.reason) {
            Some(message) => invalid(param.name, message),
            None => ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidRequest,
                format!(
                    "The parameter {} {}.",
                    param.name,
                    unreadable_param(&param.reason)
                ),
            ),
        });
    }
    if let Some(payload) = err.downcast_ref::<ParseRequestPayloadError>() {
        return Some(payload_rejection(&payload.reason));
    }
    None
}

fn payload_rejection(reason: &str) -> ApiError {
    // `failed to parse "X": field `name` verification failed. maxLength(100)`
    if let Some((_, rest)) = reason.split_once("field `")
        && let Some((field, rest)) = rest.split_once('`')
        && let Some(rest) = rest.trim_start().strip_prefix("verification failed.")
        && let Some(message) = limit_broken(rest)
    {
        return invalid(field, message);
    }
    let detail = if let Some(position) = json_syntax_position(reason) {
        format!("The body is not valid JSON ({position}).")
    } else if reason.contains("expects an input value") {
        "A required field is missing from the body (the documentation at /docs lists them)."
            .to_owned()
    } else if reason.contains("Expected input type") {
        "A field of the body has the wrong type, or the body is not a JSON object (the \
         documentation at /docs shows what each field takes)."
            .to_owned()
    } else if let Some(name) = backticked(reason, "unknown field") {
        format!("The body has a field this operation does not take: {name}.")
    } else {
        "The body does not match what this operation takes (the documentation at /docs \
         shows it)."
            .to_owned()
    };
    ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::InvalidRequest, detail)
}

/// A 422 `validation_failed` for one field, through the one error mapping.
fn invalid(field: &str, message: String) -> ApiError {
    ApiError::from(service::Error::Validation(vec![FieldError::english(
        field, message,
    )]))
}

/// A validator's failure (`maxLength(100)`, `minimum(1, exclusive: false)`, …) in plain
/// words, when `reason` is one.
fn limit_broken(reason: &str) -> Option<String> {
    let reason = reason
        .trim()
        .trim_start_matches("verification failed.")
        .trim();
    let (name, args) = reason.split_once('(')?;
    let args = args.strip_suffix(')').unwrap_or(args);
    let first = args.split(',').next().unwrap_or_default().trim();
    let exclusive = args.contains("exclusive: true");
    let message = match name {
        "maxLength" => format!("Must be at most {first} characters."),
        "minLength" => format!("Must be at least {first} characters."),
        "maximum" if exclusive => format!("Must be less than {first}."),
        "maximum" => format!("Must be at most {first}."),
        "minimum" if exclusive => format!("Must be more than {first}."),
        "minimum" => format!("Must be at least {first}."),
        "maxItems" => format!("Must have at most {first} items."),
        "minItems" => format!("Must have at least {first} items."),
        "maxProperties" => format!("Must have at most {first} keys."),
        "minProperties" => format!("Must have at least {first} keys."),
        "multipleOf" => format!("Must be a multiple of {first}."),
        "uniqueItems" => "Must not list an item twice.".to_owned(),
        "pattern" => "Is not in the form the documentation describes.".to_owned(),
        _ => return None,
    };
    Some(message)
}

/// Why a parameter could not be read, from the type poem-openapi names in `reason`.
fn unreadable_param(reason: &str) -> &'static str {
    if reason.contains("expects an input value") {
        return "is required";
    }
    let kind = reason
        .split('"')
        .nth(1)
        .unwrap_or_default()
        .to_ascii_lowercase();
    if kind.starts_with("integer") {
        "must be a whole number"
    } else if kind.starts_with("number") {
        "must be a number"
    } else if kind.starts_with("boolean") {
        "must be true or false"
    } else if kind.contains("uuid") {
        "must be an id (a UUID)"
    } else if kind.contains("date-time") {
        "must be a time in RFC 3339 form (2024-01-31T12:00:00Z)"
    } else {
        "has a value this operation does not take (the documentation at /docs lists them)"
    }
}

/// `line 1 column 10` from serde_json's message of a body that is not JSON.
fn json_syntax_position(reason: &str) -> Option<String> {
    if reason.starts_with("failed to parse")
        || reason.starts_with("Expected input type")
        || reason.starts_with("Type \"")
    {
        return None;
    }
    let (_, at) = reason.rsplit_once(" at line ")?;
    let (line, column) = at.split_once(" column ")?;
    Some(format!("line {line}, column {column}"))
}

/// The name between backticks after `marker` in `reason`.
fn backticked<'a>(reason: &'a str, marker: &str) -> Option<&'a str> {
    let (_, rest) = reason.split_once(marker)?;
    let (_, rest) = rest.split_once('`')?;
    rest.split_once('`').map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_in_plain_words() {
        let cases = [
            ("minLength(16)", "Must be at least 16 characters."),
            ("maxLength(100)", "Must be at most 100 characters."),
            (
                "verification failed. minimum(1, exclusive: false)",
                "Must be at least 1.",
            ),
            ("maximum(200, exclusive: false)", "Must be at most 200."),
            ("maximum(200, exclusive: true)", "Must be less than 200."),
        ];
        for (reason, words) in cases {
            assert_eq!(limit_broken(reason).as_deref(), Some(words), "{reason}");
        }
    }

    #[test]
    fn framework_words_never_reach_the_detail() {
        for reason in [
            "failed to parse \"RegistrationRequest\": field `client_secret` verification failed. minLength(16)",
            "EOF while parsing an object at line 1 column 10",
            "expected `,` or `}` at line 1 column 5",
            "Type \"string\" expects an input value. (occurred while parsing \"RegistrationRequest\")",
            "Expected input type \"string\", found 5. (occurred while parsing \"RegistrationRequest\")",
            "failed to parse \"X\": unknown field `nope`.",
            "something poem may say one day about \"Internal\"",
        ] {
            let answer = payload_rejection(reason);
            for word in ["`", "RegistrationRequest", "verification failed", "param0"] {
                assert!(!answer.detail.contains(word), "{reason}: {}", answer.detail);
            }
        }
    }
}
