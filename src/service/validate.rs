//! Input rules shared by every place that takes an email, a password or a name.

use std::str::FromStr;

use crate::i18n::{Text, text};
use crate::service::Error;

/// One invalid field, as shown to clients in a 422 `validation_failed`: the API says
/// `message` (the shipped English), a page says `text` in the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// The message to say in another language; none for the API's own refusals of a
    /// body, which no page meets.
    pub text: Option<Text>,
}

impl FieldError {
    pub fn new(field: &str, text: Text) -> Self {
        Self {
            field: field.to_owned(),
            message: text.english(),
            text: Some(text),
        }
    }

    /// An error in English alone (the API's words for a body it could not take).
    pub fn english(field: &str, message: String) -> Self {
        Self {
            field: field.to_owned(),
            message,
            text: None,
        }
    }
}

pub const EMAIL_MAX: usize = 254;
pub const PASSWORD_MAX: usize = 1024;
pub const DISPLAY_NAME_MAX: usize = 100;
pub const DEVICE_NAME_MAX: usize = 100;

/// Collects field errors so a client learns of every bad field at once.
#[derive(Default)]
pub struct Checks(Vec<FieldError>);

impl Checks {
    pub fn add(&mut self, field: &str, text: Text) {
        self.0.push(FieldError::new(field, text));
    }

    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }

    /// Every field error at once, or the checked values. `values` gathers what
    /// [`Checks::check`] handed back (`|| Some((name?, domain?))`): with no error
    /// recorded each of them is there, so no caller needs an `unreachable!()`.
    pub fn finish<T>(self, values: impl FnOnce() -> Option<T>) -> Result<T, Error> {
        if !self.0.is_empty() {
            return Err(Error::Validation(self.0));
        }
        values().ok_or_else(|| Error::Internal(anyhow::anyhow!("a failed check recorded no error")))
    }
}

/// An address we can send to: trimmed, at most 254 characters, and parseable by the
/// mailer (so nothing is accepted here that fails later at send time).
pub fn email(field: &str, raw: &str) -> Result<String, FieldError> {
    let email = raw.trim();
    if email.is_empty() {
        return Err(FieldError::new(field, text("invalid-email-empty")));
    }
    if email.chars().count() > EMAIL_MAX {
        return Err(FieldError::new(
            field,
            text("invalid-email-too-long").with("max", EMAIL_MAX),
        ));
    }
    let invalid = || FieldError::new(field, text("invalid-email"));
    let address = lettre::Address::from_str(email).map_err(|_| invalid())?;
    // lettre also takes IP-literal domains and quoted local parts; neither is an address
    // people register with, and a bare IP domain is a common typo's result.
    if email.starts_with('"') || address.domain().starts_with('[') {
        return Err(invalid());
    }
    Ok(email.to_owned())
}

/// A new password: `min..=1024` characters, and not the email address itself.
pub fn new_password(
    field: &str,
    password: &str,
    email: &str,
    min: usize,
) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < min {
        return Err(FieldError::new(
            field,
            text("invalid-too-short").with("min", min),
        ));
    }
    if length > PASSWORD_MAX {
        return Err(FieldError::new(
            field,
            text("invalid-too-long").with("max", PASSWORD_MAX),
        ));
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err(FieldError::new(field, text("invalid-password-is-email")));
    }
    Ok(())
}

/// An optional free-text name: trimmed, empty means none, no control characters.
pub fn optional_name(
    field: &str,
    raw: Option<&str>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let Some(name) = raw.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if name.chars().count() > max {
        return Err(FieldError::new(
            field,
            text("invalid-too-long").with("max", max),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(FieldError::new(field, text("invalid-control-characters")));
    }
    Ok(Some(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            email("email", "  a.b+c@example.org ").unwrap(),
            "a.b+c@example.org"
        );
        for bad in [
            "",
            "no-at-sign",
            "a@",
            "@b.org",
            "a b@c.org",
            "\"x\"@c.org",
            "a@[127.0.0.1]",
        ] {
            assert!(email("email", bad).is_err(), "{bad:?} accepted");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(email("email", &long).is_err());
    }

    #[test]
    fn passwords() {
        assert!(new_password("p", "short", "a@b.org", 12).is_err());
        assert!(new_password("p", "twelve chars", "a@b.org", 12).is_ok());
        assert!(
            new_password("p", "ümlaut-ümlaut", "a@b.org", 12).is_ok(),
            "counts characters"
        );
        assert!(new_password("p", &"x".repeat(1025), "a@b.org", 12).is_err());
        assert!(new_password("p", "Alice@Example.org", "alice@example.org", 12).is_err());
    }

    #[test]
    fn names() {
        assert_eq!(optional_name("n", Some("  "), 100).unwrap(), None);
        assert_eq!(
            optional_name("n", Some(" Ada "), 100).unwrap().as_deref(),
            Some("Ada")
        );
        assert!(optional_name("n", Some(&"x".repeat(101)), 100).is_err());
        assert!(optional_name("n", Some("a\u{0}b"), 100).is_err());
    }
}
