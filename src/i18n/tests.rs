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
