//! Templates of mail and pages: embedded defaults, overridable file by file from
//! `server.templates_dir`. Files ending in .html are HTML-escaped automatically.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_templates::fluent_bundle::FluentValue;
use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{Environment, ErrorKind, State};
use serde::Serialize;

use crate::config::I18nConfig;
use crate::i18n::{Args, I18n};

/// Embeds templates by their path under templates/.
macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// Every template the binary ships, by its path under templates/.
const EMBEDDED: &[(&str, &str)] = embed![
    "mail/base.html",
    "mail/base.txt",
    "mail/notice.html",
    "mail/verify_email.subject",
    "mail/verify_email.txt",
    "mail/verify_email.html",
    "mail/registration_attempt.subject",
    "mail/registration_attempt.txt",
    "mail/registration_attempt.html",
    "mail/password_changed.subject",
    "mail/password_changed.txt",
    "mail/totp_added.subject",
    "mail/totp_added.txt",
    "mail/totp_removed.subject",
    "mail/totp_removed.txt",
    "mail/passkey_added.subject",
    "mail/passkey_added.txt",
    "mail/passkey_removed.subject",
    "mail/passkey_removed.txt",
    "mail/recovery_codes_regenerated.subject",
    "mail/recovery_codes_regenerated.txt",
    "mail/change_email.subject",
    "mail/change_email.txt",
    "mail/change_email.html",
    "mail/email_change_requested.subject",
    "mail/email_change_requested.txt",
    "mail/email_changed.subject",
    "mail/email_changed.txt",
    "mail/reset_password.subject",
    "mail/reset_password.txt",
    "mail/reset_password.html",
    "mail/password_reset.subject",
    "mail/password_reset.txt",
    "mail/account_deleted.subject",
    "mail/account_deleted.txt",
    "mail/invite.subject",
    "mail/invite.txt",
    "mail/invite.html",
    "mail/set_password.subject",
    "mail/set_password.txt",
    "mail/set_password.html",
    "pages/base.html",
    "pages/language.html",
    "pages/confirm_email.html",
    "pages/reset_password.html",
    "pages/verify_email.html",
    "pages/message.html",
    "pages/set_password.html",
    "admin/base.html",
    "admin/sign_in.html",
    "admin/users.html",
    "admin/user.html",
    "admin/confirm.html",
    "admin/mail.html",
    "admin/webhooks.html",
    "admin/tokens.html",
    "admin/message.html",
    // the account console: its layout and shared parts
    "console/base.html",
    "console/macros.html",
    "console/error.html",
    "console/confirm_identity.html",
    // the console's sign-in area (sign in, register, terms, reset)
    "console/sign_in.html",
    "console/sign_in_code.html",
    "console/register.html",
    "console/check_email.html",
    "console/terms.html",
    "console/reset.html",
    "console/reset_sent.html",
    "console/reset_password.html",
    "console/reset_done.html",
    // the console's account area (account, security)
    "console/account.html",
    "console/security.html",
    "console/password.html",
    "console/totp_setup.html",
    "console/passkey_add.html",
    "console/rename.html",
    "console/totp_remove.html",
    "console/recovery_codes.html",
    "console/recovery_codes_new.html",
    // the console's other areas (devices, activity, hosting, delete)
    "console/sessions.html",
    "console/activity.html",
    "console/hosting.html",
    "console/hosting_confirm.html",
    "console/hosting_host.html",
    "console/hosting_integration.html",
    "console/delete.html",
    "console/deleted.html",
];

/// The stylesheet of the pages, served at /assets/steward.css.
pub const STYLESHEET: &str = include_str!("../templates/assets/steward.css");
/// The console's one script: passkeys (`navigator.credentials`), served as a file.
pub const PASSKEYS_SCRIPT: &str = include_str!("../templates/assets/passkeys.js");

pub struct Templates {
    env: Environment<'static>,
    i18n: Arc<I18n>,
}

impl Templates {
    /// Templates with an optional override folder; a file there replaces the embedded
    /// one of the same relative name, and its `locales/` folder holds the operator's
    /// messages. Templates say their words with `t("key", name=value)`, in the language
    /// their context's `locale` names.
    pub fn new(override_dir: Option<&Path>, languages: &I18nConfig) -> anyhow::Result<Self> {
        let dir: Option<PathBuf> = override_dir
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf);
        if let Some(dir) = &dir {
            if !dir.is_dir() {
                anyhow::bail!("server.templates_dir {} is not a folder", dir.display());
            }
            // a folder that can't be listed would silently fall back to the embedded
            // templates, file by file
            std::fs::read_dir(dir).map_err(|e| {
                anyhow::anyhow!(
                    "server.templates_dir {} can not be read: {e}",
                    dir.display()
                )
            })?;
        }
        let mut env = Environment::new();
        env.set_keep_trailing_newline(true);
        // a misspelt variable fails the render; `{% if errors.email %}` may ask of one unset
        env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
        let loader_dir = dir.clone();
        env.set_loader(move |name| {
            if let Some(dir) = &loader_dir
                && let Some(path) = safe_join(dir, name)
                && path.is_file()
            {
                return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                    minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        "cannot read template",
                    )
                    .with_source(e)
                });
            }
            Ok(EMBEDDED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, body)| (*body).to_owned()))
        });
        let i18n = Arc::new(I18n::new(languages, dir.as_deref())?);
        let messages = Arc::clone(&i18n);
        env.add_function(
            "t",
            move |state: &State, key: &str, kwargs: Kwargs| -> Result<String, minijinja::Error> {
                translate(&messages, state, key, &kwargs, false)
            },
        );
        // `th`: a message that holds markup of its own (a word in <strong>, a link), for
        // sentences whose words a translation must be free to reorder around it. Every
        // variable is escaped before it goes in; the message's own text is trusted (ours,
        // or the operator's).
        let messages = Arc::clone(&i18n);
        env.add_function(
            "th",
            move |state: &State, key: &str, kwargs: Kwargs| -> Result<Value, minijinja::Error> {
                translate(&messages, state, key, &kwargs, true).map(Value::from_safe_string)
            },
        );
        // Fail at start-up, not at the first mail, when an override does not parse. The
        // embedded ones are parsed when first used (a unit test parses them all): parsing
        // every page and mail at start-up cost start-up time and idle memory for
        // templates a server may never render.
        let overridden: Vec<&str> = match &dir {
            Some(dir) => EMBEDDED
                .iter()
                .map(|(name, _)| *name)
                .filter(|name| safe_join(dir, name).is_some_and(|p| p.is_file()))
                .collect(),
            None => Vec::new(),
        };
        let templates = Self { env, i18n };
        for name in overridden {
            templates.env.get_template(name)?;
        }
        Ok(templates)
    }

    /// The languages and their messages.
    pub fn i18n(&self) -> &Arc<I18n> {
        &self.i18n
    }

    /// Whether a template of that name exists (embedded or in the override folder).
    pub fn exists(&self, name: &str) -> bool {
        self.env.get_template(name).is_ok()
    }

    pub fn render(&self, name: &str, context: impl Serialize) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(context)
    }
}

/// Variables every message may use without the template passing them: the message's
/// name for each, and the template context's.
const CONTEXT_ARGS: &[(&str, &str)] = &[
    ("app", "app_name"),
    ("recipient", "recipient"),
    ("url", "public_url"),
];

/// The message `key` in the language of the template's context (its `locale`), with
/// what every page and mail knows and the call's own variables; `escape` escapes each
/// variable for HTML first.
fn translate(
    messages: &I18n,
    state: &State,
    key: &str,
    kwargs: &Kwargs,
    escape: bool,
) -> Result<String, minijinja::Error> {
    let shared = state.get_or_set_temp_object(SHARED, || Shared::of(state, messages));
    let value = |v: &Value| {
        let plain = fluent_value(v);
        match plain {
            FluentValue::String(text) if escape => {
                FluentValue::from(minijinja::HtmlEscape(&text).to_string())
            }
            other => other,
        }
    };
    let mut args = Args::new();
    // what every page and mail knows, under the names the messages use
    for (name, v) in &shared.context {
        args.insert(Cow::Borrowed(*name), value(v));
    }
    for name in kwargs.args() {
        let v: Value = kwargs.get(name)?;
        args.insert(Cow::Owned(name.to_owned()), value(&v));
    }
    messages.message(&shared.locale, key, &args).ok_or_else(|| {
        minijinja::Error::new(
            ErrorKind::UndefinedError,
            format!("no message {key:?} (or a variable it needs is missing)"),
        )
    })
}

/// The name of the render's [`Shared`] among minijinja's temps.
const SHARED: &str = "steward.translate";

/// What every `t()` of one render reads alike, looked up once for the render: its
/// language, and the context's variables that every message may use. A page says a few
/// dozen messages, and each lookup walked the layers of the page's context by name.
#[derive(Debug)]
struct Shared {
    locale: String,
    context: Vec<(&'static str, Value)>,
}

impl minijinja::value::Object for Shared {}

impl Shared {
    fn of(state: &State, messages: &I18n) -> Self {
        let locale = state
            .lookup("locale")
            .as_ref()
            .and_then(Value::as_str)
            .unwrap_or(messages.default_locale())
            .to_owned();
        let context = CONTEXT_ARGS
            .iter()
            .filter_map(|(name, variable)| {
                state
                    .lookup(variable)
                    .filter(|v| !v.is_undefined())
                    .map(|v| (*name, v))
            })
            .collect();
        Self { locale, context }
    }
}

/// A template's value as a Fluent variable: numbers stay numbers, so that plurals
/// select by the locale's rules; nothing (an unset name) is empty text.
///
/// Told apart by kind first: a failed conversion builds an error with a formatted
/// message, and every `t()` call passes the context's texts (the product's name, the
/// public URL), so trying numbers first cost each page a few dozen of them.
fn fluent_value(value: &Value) -> FluentValue<'static> {
    match value.kind() {
        ValueKind::Number | ValueKind::Bool => {
            if let Ok(n) = i64::try_from(value.clone()) {
                FluentValue::from(n)
            } else if let Ok(n) = f64::try_from(value.clone()) {
                FluentValue::from(n)
            } else {
                FluentValue::from(value.to_string())
            }
        }
        ValueKind::None | ValueKind::Undefined => FluentValue::from(""),
        _ => FluentValue::from(value.to_string()),
    }
}

/// `dir/name` when `name` is a plain relative path (no `..`, not absolute).
fn safe_join(dir: &Path, name: &str) -> Option<PathBuf> {
    let relative = Path::new(name);
    relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
        .then(|| dir.join(relative))
}

#[cfg(test)]
mod tests;
