//! Languages: the messages of pages and mail in Fluent (`locales/<lang>/*.ftl`, embedded
//! at build time; an operator's `locales/<lang>/*.ftl` in the templates folder replaces
//! any of them), and which of the offered languages a person gets.
//!
//! Plurals and number forms follow each locale's CLDR rules through Fluent's selectors.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{ArcLoader, LanguageIdentifier, Loader};

use crate::config::I18nConfig;

mod text;
pub use text::{Arg, Text, text};

fluent_templates::static_loader! {
    static SHIPPED = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around every variable would land in mail subjects and
        // in text copied from pages; the shipped languages all run left to right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages Steward ships messages for.
pub const SHIPPED_LOCALES: &[&str] = &["en", "de", "fr", "es"];

/// Arguments of one message: its variables by name.
pub type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

/// The messages of every offered language, and the choice among them.
pub struct I18n {
    default: String,
    available: Vec<String>,
    /// The operator's messages, looked up before the shipped ones.
    overrides: Option<ArcLoader>,
}

impl I18n {
    /// The configured languages, with the operator's messages from
    /// `templates_dir/locales` when that folder exists. Refuses a default that is not
    /// offered, and an offered language with no messages.
    pub fn new(config: &I18nConfig, templates_dir: Option<&Path>) -> anyhow::Result<Self> {
        let overrides = match templates_dir
            .filter(|d| !d.as_os_str().is_empty())
            .map(|d| d.join("locales"))
        {
            Some(dir) if dir.is_dir() => Some(
                ArcLoader::builder(&dir, fluent_templates::langid!("en"))
                    .customize(|bundle| bundle.set_use_isolating(false))
                    .build()
                    .map_err(|e| anyhow::anyhow!("{} can not be read: {e}", dir.display()))?,
            ),
            _ => None,
        };
        let mut available = Vec::new();
        for code in &config.available {
            let code = normalise(code)
                .ok_or_else(|| anyhow::anyhow!("i18n.available: {code:?} is not a language tag"))?;
            let known = SHIPPED_LOCALES.contains(&code.as_str())
                || overrides.as_ref().is_some_and(|o| {
                    o.locales()
                        .any(|l| l.to_string().eq_ignore_ascii_case(&code))
                });
            if !known {
                anyhow::bail!(
                    "i18n.available: {code:?} has no messages (Steward ships {}; add \
                     locales/{code}/*.ftl to the templates folder for another)",
                    SHIPPED_LOCALES.join(", ")
                );
            }
            if !available.contains(&code) {
                available.push(code);
            }
        }
        let default = normalise(&config.default_locale).unwrap_or_default();
        if !available.contains(&default) {
            anyhow::bail!(
                "i18n.default_locale {:?} must be one of i18n.available ({})",
                config.default_locale,
                available.join(", ")
            );
        }
        Ok(Self {
            default,
            available,
            overrides,
        })
    }

    pub fn default_locale(&self) -> &str {
        &self.default
    }

    pub fn available(&self) -> &[String] {
        &self.available
    }

    /// `code` when it is offered (in any letter case), else `None`.
    pub fn offered(&self, code: &str) -> Option<&str> {
        let code = normalise(code)?;
        self.available
            .iter()
            .find(|a| **a == code)
            .map(String::as_str)
    }

    /// The first offered language of an `Accept-Language` header, by its weights; a
    /// regional tag (`de-AT`) matches its language (`de`).
    pub fn negotiate(&self, accept_language: &str) -> Option<&str> {
        let mut asked: Vec<(f32, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let weight = pieces
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (weight > 0.0 && !tag.is_empty() && tag != "*").then_some((weight, i, tag))
            })
            .collect();
        asked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        asked.into_iter().find_map(|(_, _, tag)| {
            self.offered(tag)
                .or_else(|| self.offered(tag.split(['-', '_']).next()?))
        })
    }

    /// The first of `choices` that is offered, else the default.
    pub fn pick<'a>(&self, choices: impl IntoIterator<Item = Option<&'a str>>) -> &str {
        choices
            .into_iter()
            .flatten()
            .find_map(|c| self.offered(c))
            .unwrap_or(&self.default)
    }

    /// The message `key` in `locale` (the operator's, else the shipped one, else the
    /// shipped English); `None` when no language has it.
    pub fn message(&self, locale: &str, key: &str, args: &Args) -> Option<String> {
        let lang: LanguageIdentifier = locale
            .parse()
            .unwrap_or_else(|_| fluent_templates::langid!("en"));
        let args = (!args.is_empty()).then_some(args);
        if let Some(overrides) = &self.overrides
            && let Some(text) = overrides.lookup_no_default_fallback(&lang, key, args)
        {
            return Some(text);
        }
        SHIPPED.try_lookup_complete(&lang, key, args)
    }
}

/// A language tag as Steward keeps it: the language in lower case, a region in upper
/// case (`de`, `pt-BR`); `None` for what is not a tag.
fn normalise(code: &str) -> Option<String> {
    let lang: LanguageIdentifier = code.trim().parse().ok()?;
    Some(lang.to_string())
}

#[cfg(test)]
mod tests;
