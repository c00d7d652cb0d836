use std::collections::BTreeSet;
use std::path::Path;

use fluent_syntax::ast;
use fluent_templates::fluent_bundle::FluentResource;

use super::*;

/// Every message id (and `id.attribute`) of a locale's shipped files.
fn keys(locale: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale);
    let mut keys = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let resource = match FluentResource::try_new(text) {
            Ok(r) => r,
            Err((_, errors)) => panic!("{} does not parse: {errors:?}", path.display()),
        };
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                let id = m.id.name.to_owned();
                for attribute in &m.attributes {
                    keys.insert(format!("{id}.{}", attribute.id.name));
                }
                assert!(keys.insert(id.clone()), "{locale}: {id} is defined twice");
            }
        }
    }
    keys
}

#[test]
fn every_locale_has_exactly_the_english_messages() {
    let english = keys("en");
    assert!(english.len() > 50, "{} English messages", english.len());
    for locale in SHIPPED_LOCALES {
        let theirs = keys(locale);
        let missing: Vec<_> = english.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{locale}: missing {missing:?}, extra {extra:?}"
        );
    }
}

fn languages(available: &[&str], default: &str) -> I18n {
    I18n::new(
        &I18nConfig {
            default_locale: default.into(),
            available: available.iter().map(|s| s.to_string()).collect(),
        },
        None,
    )
    .unwrap()
}

#[test]
fn the_browser_s_languages_are_taken_by_their_weights() {
    let i18n = languages(&["en", "de", "fr", "es"], "en");
    assert_eq!(i18n.negotiate("de-AT,de;q=0.9,en;q=0.8"), Some("de"));
    assert_eq!(i18n.negotiate("it, fr;q=0.5, es;q=0.7"), Some("es"));
    assert_eq!(i18n.negotiate("FR-ca"), Some("fr"));
    assert_eq!(i18n.negotiate("it, *"), None);
    assert_eq!(i18n.negotiate("de;q=0, en;q=0.1"), Some("en"));
    assert_eq!(i18n.negotiate(""), None);
    assert_eq!(i18n.negotiate(";;,,q=x"), None);
    assert_eq!(i18n.pick([None, Some("xx"), Some("ES")]), "es");
    assert_eq!(i18n.pick([None]), "en");
}

#[test]
fn only_offered_languages_are_chosen() {
    let i18n = languages(&["en", "de"], "de");
    assert_eq!(i18n.negotiate("fr, es"), None);
    assert_eq!(i18n.pick([Some("fr")]), "de");
    assert_eq!(i18n.offered("DE"), Some("de"));
}

#[test]
fn a_language_without_messages_or_a_default_not_offered_is_refused() {
    let config = |available: &[&str], default: &str| I18nConfig {
        default_locale: default.into(),
        available: available.iter().map(|s| s.to_string()).collect(),
    };
    let e = I18n::new(&config(&["en", "it"], "en"), None).err().unwrap();
    assert!(e.to_string().contains("\"it\" has no messages"), "{e}");
    let e = I18n::new(&config(&["en", "de"], "fr"), None).err().unwrap();
    assert!(e.to_string().contains("default_locale"), "{e}");
    assert!(I18n::new(&config(&["en", "not a tag!"], "en"), None).is_err());
}

#[test]
fn plurals_follow_the_locale_s_rules() {
    let i18n = languages(&["en", "de", "fr", "es"], "en");
    let lifetime = |locale: &str, hours: i64, minutes: i64| {
        let mut args = Args::new();
        args.insert("hours".into(), hours.into());
        args.insert("minutes".into(), minutes.into());
        i18n.message(locale, "mail-link-lifetime", &args).unwrap()
    };
    assert!(lifetime("en", 1, 60).contains("an hour"));
    assert!(lifetime("en", 24, 1440).contains("24 hours"));
    assert!(lifetime("en", 0, 90).contains("90 minutes"));
    assert!(lifetime("de", 1, 60).contains("einer Stunde"));
    assert!(lifetime("de", 24, 1440).contains("24 Stunden"));
    assert!(lifetime("fr", 1, 60).contains("une heure"));
    assert!(lifetime("fr", 24, 1440).contains("24 heures"));
    assert!(lifetime("es", 1, 60).contains("una hora"));
    assert!(lifetime("es", 24, 1440).contains("24 horas"));
}

#[test]
fn an_operator_s_message_replaces_the_shipped_one_and_the_rest_stay() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("locales/de")).unwrap();
    std::fs::write(
        dir.path().join("locales/de/ours.ftl"),
        "mail-hello = Moin,\n",
    )
    .unwrap();
    let i18n = I18n::new(&I18nConfig::default(), Some(dir.path())).unwrap();
    let none = Args::new();
    assert_eq!(i18n.message("de", "mail-hello", &none).unwrap(), "Moin,");
    assert_eq!(i18n.message("en", "mail-hello", &none).unwrap(), "Hello,");
    let shipped = languages(&["en", "de"], "en");
    assert_eq!(
        i18n.message("de", "mail-goodbye", &none),
        shipped.message("de", "mail-goodbye", &none)
    );
}

/// Every `t("key")` and `th("key")` of every template names a message English has.
#[test]
fn every_key_a_template_uses_exists() {
    let english = keys("en");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut folders = vec![root];
    let mut used = 0;
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for key in template_keys(&text) {
                used += 1;
                assert!(
                    english.contains(key),
                    "{} uses {key:?}, which no message has",
                    path.display()
                );
            }
        }
    }
    assert!(used > 200, "only {used} keys found in templates");
}

/// The keys of the `t("…")` and `th("…")` calls in a template's text.
fn template_keys(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("(\"") {
        let before = &text[..i];
        let is_call = (before.ends_with("t") || before.ends_with("th"))
            && !before
                .trim_end_matches("th")
                .trim_end_matches('t')
                .ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
        if !is_call {
            continue;
        }
        let rest = &text[i + 2..];
        if let Some(end) = rest.find('"') {
            found.push(&rest[..end]);
        }
    }
    found
}

#[test]
fn template_keys_are_found_in_calls_only() {
    let text =
        r#"{{ t("a-b") }} {{ th("c", x=1) }} {{ f.field("email", t("d")) }} {{ fmt("no") }}"#;
    assert_eq!(template_keys(text), vec!["a-b", "c", "d"]);
}

/// Each message of a locale's shipped files by its id, as written there (its lines).
fn sources(locale: &str) -> std::collections::BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale);
    let mut found = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut current: Option<(String, String)> = None;
        for line in text.lines() {
            if line.starts_with(' ')
                && let Some((_, body)) = current.as_mut()
            {
                body.push_str(line);
                continue;
            }
            if let Some((id, body)) = current.take() {
                found.insert(id, body);
            }
            if let Some((id, body)) = line.split_once(" = ")
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                current = Some((id.to_owned(), body.to_owned()));
            }
        }
        if let Some((id, body)) = current {
            found.insert(id, body);
        }
    }
    found
}

/// Every `text("key")` of the code (the words it builds for people: notices, a
/// field's errors, an event's name) names a message every shipped language has, and
/// but for English says it in words of its own.
#[test]
fn every_key_the_code_names_is_in_every_language() {
    let english = sources("en");
    let others: Vec<_> = SHIPPED_LOCALES
        .iter()
        .filter(|l| **l != "en")
        .map(|l| (*l, sources(l)))
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut folders = vec![root];
    let mut used = BTreeSet::new();
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                // this file names keys that are not there, on purpose
                && !path.ends_with("i18n/tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                for key in code_keys(&text) {
                    assert!(
                        english.contains_key(key),
                        "{} names {key:?}, which no message has",
                        path.display()
                    );
                    used.insert(key.to_owned());
                }
            }
        }
    }
    assert!(
        used.len() > 150,
        "only {} keys found in the code",
        used.len()
    );
    for key in &used {
        for (locale, theirs) in &others {
            let said = theirs
                .get(key)
                .unwrap_or_else(|| panic!("{locale} has no {key}"));
            assert_ne!(said, &english[key], "{locale} {key} is English");
        }
    }
}

/// The keys of the `text("…")` calls in Rust source, outside comments.
fn code_keys(source: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for line in source.lines() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for (i, _) in line.match_indices("text(\"") {
            let called = line[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            let rest = &line[i + 6..];
            if let (true, Some(end)) = (called, rest.find('"')) {
                found.push(&rest[..end]);
            }
        }
    }
    found
}

#[test]
fn code_keys_are_found_in_calls_only() {
    let source =
        "let a = text(\"a-b\").with(\"x\", 1);\n// text(\"no\")\nfoo_text(\"c\"); (text(\"d\"))";
    assert_eq!(code_keys(source), vec!["a-b", "d"]);
}

/// The API says what a field's error and a refusal said before they were messages,
/// word for word: its English `detail` and `errors[].message` are its contract.
#[test]
fn the_api_s_english_is_the_words_it_always_had() {
    let cases = [
        (text("invalid-email-empty"), "Enter an email address."),
        (
            text("invalid-email-too-long").with("max", 254_usize),
            "An email address has at most 254 characters.",
        ),
        (text("invalid-email"), "This is not a valid email address."),
        (
            text("invalid-too-short").with("min", 12_usize),
            "Use at least 12 characters.",
        ),
        (
            text("invalid-too-long").with("max", 1024_usize),
            "Use at most 1024 characters.",
        ),
        (
            text("invalid-password-is-email"),
            "The password must not be your email address.",
        ),
        (
            text("invalid-control-characters"),
            "Control characters are not allowed.",
        ),
        (
            text("invalid-accept-terms"),
            "Accept the terms of service to register.",
        ),
        (
            text("invalid-device-name"),
            "Name the device, e.g. \"Phone\".",
        ),
        (
            text("invalid-passkey-name"),
            "Name the passkey, e.g. \"Laptop\".",
        ),
        (
            text("invalid-locale").with("languages", "en, de, fr, es"),
            "Choose one of the offered languages: en, de, fr, es.",
        ),
        (
            text("invalid-terms-version").with("version", "2"),
            "The current terms are version 2.",
        ),
        (text("invalid-cursor"), "Not a cursor from this list."),
        (text("invalid-same-email"), "This is already your address."),
        (
            text("invalid-client-secret"),
            "Use 16 to 255 characters the client chose at random.",
        ),
        (
            text("invalid-plan"),
            "There is no such plan: choose one of the plans offered.",
        ),
        (
            text("invalid-subscription"),
            "There is no such subscription of yours.",
        ),
        (text("invalid-name-empty"), "Give it a name."),
        (
            text("invalid-domain"),
            "Not a valid domain name (like matrix.example.org).",
        ),
        (text("invalid-kind"), "Use 1 to 50 of a-z, 0-9, _ and -."),
        (
            text("invalid-kind-fixed"),
            "The kind of an integration can't change: make a new one.",
        ),
        (
            text("invalid-settings-object"),
            "Settings are a JSON object.",
        ),
        (
            text("invalid-settings-too-large"),
            "Settings are at most 16 KiB of JSON.",
        ),
        (
            text("invalid-mail-status"),
            "One of pending, sent, failed, skipped.",
        ),
        (
            text("invalid-user-status"),
            "One of active, deactivated, deleting.",
        ),
        (
            text("invalid-password-or-invite"),
            "Either set a password or send an invitation, not both.",
        ),
        (
            text("invalid-token-name"),
            "Name the token after the script that uses it.",
        ),
        (
            text("invalid-expiry-past"),
            "The expiry must be in the future.",
        ),
        (
            text("invalid-webhook-url-long").with("max", 2000_usize),
            "Give an http or https URL of at most 2000 characters.",
        ),
        (
            text("invalid-webhook-url"),
            "Not a valid URL: give an http or https URL with a host name.",
        ),
        (
            text("invalid-webhook-events-empty"),
            "List the events to send, or [\"*\"] for all.",
        ),
        (
            text("invalid-webhook-events-unknown").with("events", "a.b, c"),
            "Unknown event types: a.b, c.",
        ),
        (
            text("forbidden-self-deactivate"),
            "Admins can't deactivate themselves.",
        ),
        (
            text("forbidden-self-delete"),
            "Admins can't delete their own account as admins: delete it from your own account.",
        ),
        (
            text("forbidden-self-demote"),
            "Admins can't remove their own admin rights; ask another admin.",
        ),
        (
            text("forbidden-admin-needed"),
            "This needs an admin account or an admin API token.",
        ),
        (
            text("forbidden-not-an-admin"),
            "This account is not an admin.",
        ),
        (
            text("forbidden-reset-secret"),
            "This client_secret does not belong to this reset.",
        ),
    ];
    for (said, words) in cases {
        assert_eq!(said.english(), words, "{}", said.key());
        assert_eq!(said.to_string(), words, "{}", said.key());
    }
}

/// A page says a text in its language; the API's English ignores an operator's words.
#[test]
fn a_text_is_said_in_the_language_asked_and_the_api_keeps_english() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("locales/en")).unwrap();
    std::fs::write(
        dir.path().join("locales/en/ours.ftl"),
        "invalid-email = Not an address, friend.\n",
    )
    .unwrap();
    let i18n = I18n::new(&I18nConfig::default(), Some(dir.path())).unwrap();
    let said = text("invalid-too-short").with("min", 12_usize);
    assert_eq!(
        i18n.say("de", &said),
        "Verwenden Sie mindestens 12 Zeichen."
    );
    assert_eq!(i18n.say("fr", &said), "Utilisez au moins 12 caractères.");
    assert_eq!(
        i18n.say("en", &text("invalid-email")),
        "Not an address, friend."
    );
    assert_eq!(
        text("invalid-email").english(),
        "This is not a valid email address."
    );
    // a key no language has shows as itself rather than as nothing
    assert_eq!(i18n.say("de", &text("no-such-message")), "no-such-message");
}
