//! Words for people not yet said in any language: a message's key and its variables.
//!
//! What the code builds for people (a field's error, a notice after a step, an event's
//! name) is a [`Text`], said where its reader is known: a page in the page's language
//! ([`I18n::say`]), the API in the shipped English ([`Text::english`]), which is the
//! API's contract and so never an operator's override.

use std::borrow::Cow;
use std::fmt;

use fluent_templates::Loader;
use fluent_templates::fluent_bundle::FluentValue;

use super::{Args, I18n, SHIPPED};

/// A variable of a message: a number (plurals select by it) or words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Number(i64),
    Words(String),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<String> for Arg {
    fn from(words: String) -> Self {
        Arg::Words(words)
    }
}

impl From<&str> for Arg {
    fn from(words: &str) -> Self {
        Arg::Words(words.to_owned())
    }
}

/// A message to say: its key in `locales/*/*.ftl` and its variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// The message `key`, with no variables yet ([`Text::with`] adds them). Every key the
/// code names is written out as `text("key")`, where a test finds it (src/i18n/tests.rs).
pub fn text(key: &'static str) -> Text {
    Text {
        key,
        args: Vec::new(),
    }
}

impl Text {
    /// This text with the variable `name` set to `value`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    fn args(&self) -> Args {
        self.args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Words(w) => FluentValue::from(w.clone()),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect()
    }

    /// The shipped English, whatever an operator's files say: the API's words.
    pub fn english(&self) -> String {
        let args = self.args();
        let args = (!args.is_empty()).then_some(&args);
        SHIPPED
            .try_lookup_complete(&fluent_templates::langid!("en"), self.key, args)
            .unwrap_or_else(|| missing(self.key))
    }
}

/// The shipped English.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

impl I18n {
    /// `text` in `locale` (an operator's words first), else in English; a message no
    /// language has is logged and shown as its key.
    pub fn say(&self, locale: &str, text: &Text) -> String {
        self.message(locale, text.key, &text.args())
            .unwrap_or_else(|| missing(text.key))
    }
}

fn missing(key: &str) -> String {
    tracing::error!(key, "no message for this key");
    key.to_owned()
}
