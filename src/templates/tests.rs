use super::*;

#[test]
fn every_embedded_template_parses() {
    let t = Templates::new(None, &I18nConfig::default()).unwrap();
    for (name, _) in EMBEDDED {
        if let Err(e) = t.env.get_template(name) {
            panic!("{name}: {e:#}");
        }
    }
}

#[test]
fn html_is_escaped_and_text_is_not() {
    let t = Templates::new(None, &I18nConfig::default()).unwrap();
    let ctx = minijinja::context! {
        app_name => "Steward", public_url => "http://x", link => "http://x/?a=1&b=<2>",
        recipient => "a<i>@b.org", email => "<b>@x.org", state => "form", token => "t",
        expires_hours => 24, expires_minutes => 1440, locale => "en",
    };
    let html = t.render("mail/verify_email.html", &ctx).unwrap();
    assert!(html.contains("&amp;b=&lt;2&gt;"), "{html}");
    // what a message is given is escaped like any other value
    assert!(html.contains("a&lt;i&gt;@b.org"), "{html}");
    let text = t.render("mail/verify_email.txt", &ctx).unwrap();
    assert!(text.contains("http://x/?a=1&b=<2>"), "{text}");
    let page = t.render("pages/verify_email.html", &ctx).unwrap();
    assert!(page.contains("&lt;b&gt;@x.org"), "{page}");
}

/// Every mail in every shipped language: rendered whole (no message missing, no
/// variable left unreplaced) and, but for English, not English.
#[test]
fn every_mail_renders_in_every_language() {
    let t = Templates::new(None, &I18nConfig::default()).unwrap();
    let mails: Vec<&str> = EMBEDDED
        .iter()
        .filter_map(|(name, _)| name.strip_prefix("mail/")?.strip_suffix(".subject"))
        .collect();
    assert!(mails.len() >= 14, "{mails:?}");
    let render = |locale: &str, mail: &str| {
        let ctx = minijinja::context! {
            locale, app_name => "Steward", public_url => "https://steward.example.org",
            recipient => "ada@example.org", link => "https://steward.example.org/x?token=t",
            support_link => "mailto:help@example.org", support_label => "help@example.org",
            expires_hours => 0, expires_minutes => 90, old_email => "old@example.org",
            new_email => "new@example.org", device => "Phone", ip => "192.0.2.1",
            display_name => "Ada", last => true, passkey => "YubiKey",
        };
        let rendered = crate::mail::render(&t, mail, &ctx)
            .unwrap_or_else(|e| panic!("{locale} {mail}: {e:#}"));
        for part in [&rendered.subject, &rendered.text, &rendered.html] {
            assert!(!part.trim().is_empty(), "{locale} {mail}: an empty part");
            assert!(
                !part.contains("{ $")
                    && !part.contains("{{")
                    && !part.contains("Unknown localization"),
                "{locale} {mail}: {part}"
            );
        }
        rendered
    };
    for mail in mails {
        let english = render("en", mail);
        for locale in crate::i18n::SHIPPED_LOCALES.iter().filter(|l| **l != "en") {
            let theirs = render(locale, mail);
            assert_ne!(
                theirs.subject, english.subject,
                "{locale} {mail}: the subject is English"
            );
            assert_ne!(
                theirs.text, english.text,
                "{locale} {mail}: the text is English"
            );
            assert!(
                theirs.html.contains(&format!("lang=\"{locale}\"")),
                "{locale} {mail}"
            );
        }
    }
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
    let t = Templates::new(Some(dir.path()), &I18nConfig::default()).unwrap();
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

#[test]
fn an_override_that_does_not_parse_fails_at_start_up_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("mail")).unwrap();
    std::fs::write(
        dir.path().join("mail/verify_email.txt"),
        "Hello {{ recipient",
    )
    .unwrap();
    let Err(e) = Templates::new(Some(dir.path()), &I18nConfig::default()) else {
        panic!("a broken override was accepted");
    };
    assert!(format!("{e:#}").contains("verify_email.txt"), "{e:#}");
}

/// Everything a page template reads, with a value for each: enough for every page
/// of the console, the admin page and the email links to render whole.
fn page_context(locale: &str, state: &str) -> minijinja::Value {
    let item = minijinja::context! {
        id => 7, name => "Phone", added => "2026-12-01 14:03 UTC", last_used => "2026-12-02 09:00 UTC",
        created => "2026-12-01 14:03 UTC", last_seen => "2026-12-02 09:00 UTC", ip => "192.0.2.1",
        user_agent => "Firefox on Linux", current => true, at => "2026-12-01 14:03 UTC",
        what => "Signed in", kind => "sign_in", domain => "example.org",
    };
    minijinja::context! {
        locale, state, app_name => "Steward", public_url => "https://steward.example.org",
        support_link => "mailto:help@example.org", support_label => "help@example.org",
        languages => vec![minijinja::context! { code => "en", name => "English" },
                          minijinja::context! { code => "de", name => "Deutsch" }],
        here => "/account", csrf => "c", nav => "account", notice => (), error => (), done => (),
        errors => minijinja::context! {}, values => minijinja::context! { email => "ada@example.org" },
        me => minijinja::context! { email => "ada@example.org", display_name => "Ada", is_admin => true },
        email => "ada@example.org", new_email => "new@example.org", token => "t", invite => false,
        min_length => 12, password_min => 12, next => "/account", terms_url => "https://example.org/terms",
        version => "2", outdated => true, unverified => true, passkey => (), passkey_options => (),
        ticket => "k", two_factor => true, apps => vec![item.clone()], passkeys => vec![item.clone()],
        passkeys_available => true, remaining => 1, total => 10, expired => false, start => "/s",
        expires => "2026-12-01 14:03 UTC", qr_png => "data:image/png;base64,AA", secret => "ABC",
        algorithm => "SHA1", digits => 6, period => 30, issuer => "Steward", account_name => "ada",
        action => "/a", name => "Phone", added => "2026-12-01", id => 7, last => true, failed => false,
        options => "{}", first_device => true, codes => vec!["aaaa-bbbb"], download => "data:text/plain,x",
        subscriptions => 1, hosts => 2, integrations => 0, devices => vec![item.clone()],
        events => vec![item], paged => true, others => true, pending_email => "new@example.org",
        current_email => "ada@example.org", email_verified => true, title => "Title", message => "Text",
        request_id => "r1", back => "/admin/users",
    }
}

/// Every page of the console and the email links in every shipped language: rendered
/// whole (no message missing, no variable unreplaced), in `<html lang>` of that
/// language, and not English outside `en`.
#[test]
fn every_translated_page_renders_in_every_language() {
    let t = Templates::new(None, &I18nConfig::default()).unwrap();
    let pages: Vec<(&str, &str)> = EMBEDDED
        .iter()
        .filter(|(name, _)| {
            // the admin page and the hosting pages are still English only (issue 18's
            // note): their words are not messages yet
            (name.starts_with("console/") || name.starts_with("pages/"))
                && !name.starts_with("console/hosting")
                && !name.ends_with("base.html")
                && !name.ends_with("macros.html")
                && !name.ends_with("language.html")
        })
        .copied()
        .collect();
    let translated = pages
        .iter()
        .filter(|(_, body)| body.contains("t(\""))
        .count();
    assert!(translated >= 28, "{translated} translated pages");
    for (name, body) in pages {
        for state in ["form", "done"] {
            let render = |locale: &str| {
                let html = t
                    .render(name, page_context(locale, state))
                    .unwrap_or_else(|e| panic!("{locale} {name} {state}: {e:#}"));
                assert!(
                    !html.contains("{ $") && !html.contains("Unknown localization"),
                    "{locale} {name}: {html}"
                );
                assert!(
                    html.contains(&format!("<html lang=\"{locale}\">")),
                    "{locale} {name}"
                );
                html
            };
            let english = render("en");
            for locale in crate::i18n::SHIPPED_LOCALES.iter().filter(|l| **l != "en") {
                let theirs = render(locale);
                // the pages still in English (see the note of issue 18) only say so
                if body.contains("t(\"") {
                    assert_ne!(theirs, english, "{locale} {name}: the page is English");
                }
            }
        }
    }
}

/// A variable given to a message with markup is escaped; the message's own markup is not.
#[test]
fn a_message_with_markup_escapes_its_variables() {
    let t = Templates::new(None, &I18nConfig::default()).unwrap();
    let mut ctx = page_context("de", "form");
    ctx = minijinja::context! { email => "<b>x</b>@example.org", ..ctx };
    let html = t.render("pages/verify_email.html", ctx).unwrap();
    assert!(
        html.contains("<strong>&lt;b&gt;x&lt;&#x2f;b&gt;@example.org</strong>"),
        "{html}"
    );
}
