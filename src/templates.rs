//! Templates of mail and pages: embedded defaults, overridable file by file from
//! `server.templates_dir`. Files ending in .html are HTML-escaped automatically.

use std::path::{Path, PathBuf};

use minijinja::Environment;
use serde::Serialize;

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
    "console/totp_rename.html",
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
}

impl Templates {
    /// Templates with an optional override folder; a file there replaces the embedded
    /// one of the same relative name.
    pub fn new(override_dir: Option<&Path>) -> anyhow::Result<Self> {
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
        env.set_loader(move |name| {
            if let Some(dir) = &dir
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
        let templates = Self { env };
        // Fail at start-up, not at the first mail, when an override does not parse.
        for (name, _) in EMBEDDED {
            templates.env.get_template(name)?;
        }
        Ok(templates)
    }

    /// Whether a template of that name exists (embedded or in the override folder).
    pub fn exists(&self, name: &str) -> bool {
        self.env.get_template(name).is_ok()
    }

    pub fn render(&self, name: &str, context: impl Serialize) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(context)
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
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped_and_text_is_not() {
        let t = Templates::new(None).unwrap();
        let ctx = minijinja::context! {
            app_name => "Steward", public_url => "http://x", link => "http://x/?a=1&b=<2>",
            recipient => "a@b.org", email => "<b>@x.org", state => "form", token => "t",
            expires_in => "24 hours",
        };
        let html = t.render("mail/verify_email.html", &ctx).unwrap();
        assert!(html.contains("&amp;b=&lt;2&gt;"), "{html}");
        let text = t.render("mail/verify_email.txt", &ctx).unwrap();
        assert!(text.contains("http://x/?a=1&b=<2>"), "{text}");
        let page = t.render("pages/verify_email.html", &ctx).unwrap();
        assert!(page.contains("&lt;b&gt;@x.org"), "{page}");
    }

    #[test]
    fn an_override_folder_replaces_one_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("mail")).unwrap();
        std::fs::write(
            dir.path().join("mail/verify_email.subject"),
            "Bitte bestätigen",
        )
        .unwrap();
        let t = Templates::new(Some(dir.path())).unwrap();
        let ctx = minijinja::context! { app_name => "Steward" };
        assert_eq!(
            t.render("mail/verify_email.subject", &ctx).unwrap(),
            "Bitte bestätigen"
        );
        assert!(
            t.render("mail/registration_attempt.subject", &ctx)
                .unwrap()
                .contains("Steward")
        );
    }
}
