//! A German person's life in the account console, in a real Chromium whose language is
//! German (its Accept-Language), over real HTTP and SMTP, by the German words on the
//! pages (locales/de): register, verify from the German mail, accept the new terms, sign
//! in, set up an authenticator app, sign out, reset the password from the German mail,
//! delete the account. axe-core checks the sign-in, authenticator and delete pages.

use time::Duration;

use crate::support::browser::Browser;
use crate::support::console::local;
use crate::support::{Authenticator, Mail, PASSWORD, TestApp};

const NEW_PASSWORD: &str = "ein viel längeres Passwort, 2026";

/// A mail in German: its subject, its text and its HTML (`<html lang="de">`).
fn assert_german(mail: &Mail, subject: &str, says: &str) {
    assert_eq!(mail.subject, subject);
    assert!(mail.text.contains("Hallo"), "{}", mail.text);
    assert!(mail.text.contains(says), "{}", mail.text);
    assert!(mail.html.contains("lang=\"de\""), "{}", mail.html);
    assert!(!mail.text.contains("Hello"), "{}", mail.text);
}

/// "Bestätigen Sie Ihre Identität", when the console asks for it.
async fn confirm_identity_if_asked(browser: &Browser, app: &TestApp, totp: Option<&Authenticator>) {
    if browser.text("h1").await != "Bestätigen Sie Ihre Identität" {
        return;
    }
    browser.fill_labelled("Passwort", PASSWORD).await;
    if let Some(totp) = totp {
        app.clock.advance(Duration::seconds(30));
        browser
            .fill_labelled("Code", &totp.code_at(app.clock.now().0))
            .await;
    }
    browser.press("Bestätigen").await;
}

async fn sign_in(
    browser: &Browser,
    app: &TestApp,
    email: &str,
    password: &str,
    totp: Option<&Authenticator>,
) {
    browser.goto(&app.url("/")).await;
    assert_eq!(browser.path().await, "/sign-in");
    browser.fill_labelled("E-Mail", email).await;
    browser.fill_labelled("Passwort", password).await;
    browser.press("Anmelden").await;
    if let Some(totp) = totp {
        assert!(
            browser
                .page_text()
                .await
                .contains("Ihr Konto verwendet die Zwei-Faktor-Authentifizierung.")
        );
        app.clock.advance(Duration::seconds(30));
        browser
            .fill_labelled("Code", &totp.code_at(app.clock.now().0))
            .await;
        browser.press("Anmelden").await;
    }
}

/// A `data:` URL's text, its `%XX` escapes decoded.
fn decoded(href: &str) -> String {
    let encoded = href.split_once(',').map_or("", |(_, data)| data).as_bytes();
    let mut bytes = Vec::new();
    let mut i = 0;
    while i < encoded.len() {
        if encoded[i] == b'%' && i + 2 < encoded.len() {
            let hex = std::str::from_utf8(&encoded[i + 1..i + 3]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            bytes.push(encoded[i]);
            i += 1;
        }
    }
    String::from_utf8(bytes).unwrap()
}

#[tokio::test]
async fn a_german_person_does_everything_in_german() {
    let app = TestApp::spawn().await;
    let browser = Browser::start_in("de").await;
    let email = "grete@example.org";

    // the browser's language: the sign-in page is German, and passes axe-core
    browser.goto(&app.url("/")).await;
    assert_eq!(browser.path().await, "/sign-in");
    assert_eq!(browser.text("h1").await, "Anmelden");
    assert_eq!(
        browser
            .client
            .find(fantoccini::Locator::Css("html"))
            .await
            .unwrap()
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("de")
    );
    browser.check_page("german-sign-in").await;

    // register: a mistake the browser can't see is said beside its field, in German
    browser.follow("Konto erstellen").await;
    browser.fill_labelled("E-Mail", email).await;
    browser.fill_labelled("Passwort", email).await;
    browser.fill_labelled("Anzeigename", "Grete").await;
    browser
        .tick_labelled("Ich akzeptiere die Allgemeinen Geschäftsbedingungen")
        .await;
    browser.press("Weiter").await;
    assert_eq!(
        browser.text("#password-error").await,
        "Das Passwort darf nicht Ihre E-Mail-Adresse sein."
    );
    browser.fill_labelled("Passwort", PASSWORD).await;
    let ticked = fantoccini::Locator::Css("#accept_terms:checked");
    if browser.client.find(ticked).await.is_err() {
        browser
            .tick_labelled("Ich akzeptiere die Allgemeinen Geschäftsbedingungen")
            .await;
    }
    browser.press("Weiter").await;
    assert_eq!(browser.text("h1").await, "Prüfen Sie Ihre E-Mails");

    // the verification mail is German; its page too
    let mail = app.mail_linking(email, "/verify-email").await;
    assert_german(
        &mail,
        "Bestätigen Sie Ihre E-Mail-Adresse für Steward",
        "Bitte bestätigen Sie Ihre E-Mail-Adresse grete@example.org",
    );
    browser
        .goto(&local(&app, &mail.link("/verify-email")))
        .await;
    browser.press("Meine E-Mail-Adresse bestätigen").await;
    assert!(
        browser
            .page_text()
            .await
            .contains("Ihre E-Mail-Adresse ist bestätigt.")
    );

    // the operator publishes new terms: signing in leads to "Akzeptieren" first
    let app = app
        .restart_with(|c| c.terms.version = "2099-01".into())
        .await;
    sign_in(&browser, &app, email, PASSWORD, None).await;
    assert_eq!(browser.path().await, "/terms");
    assert_eq!(browser.text("h1").await, "Allgemeine Geschäftsbedingungen");
    browser.press("Akzeptieren").await;
    assert_eq!(browser.path().await, "/account");
    assert_eq!(browser.text("h1").await, "Ihr Konto");

    // an authenticator app, scanned from the QR code
    browser.follow("Anmeldung").await;
    browser.follow("Authenticator-App einrichten").await;
    confirm_identity_if_asked(&browser, &app, None).await;
    assert_eq!(browser.text("h1").await, "Authenticator-App einrichten");
    browser.check_page("german-authenticator").await;
    let qr = browser
        .client
        .find(fantoccini::Locator::Css("img[src^='data:image/png']"))
        .await
        .unwrap()
        .attr("src")
        .await
        .unwrap()
        .unwrap();
    let totp = Authenticator::scan(&qr);
    // a code from another time step is refused beside the field, in German
    browser
        .fill_labelled("Code", &totp.code_at(app.clock.now().0 + 3600))
        .await;
    browser.fill_labelled("Gerätename", "Telefon").await;
    browser.press("Absenden").await;
    assert!(
        browser
            .text("#code-error")
            .await
            .starts_with("Der Code stimmt nicht."),
        "{}",
        browser.page_text().await
    );
    browser
        .fill_labelled("Code", &totp.code_at(app.clock.now().0))
        .await;
    browser.press("Absenden").await;
    assert_eq!(browser.text("h1").await, "Ihre Wiederherstellungscodes");
    assert_eq!(browser.texts("li code").await.len(), 10);
    let download = browser
        .client
        .find(fantoccini::Locator::Css("#download-codes"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(
        decoded(&download).starts_with("Wiederherstellungscodes: Jeder gilt einmal"),
        "{download}"
    );
    browser.follow("Fertig: zurück zu „Anmeldung“").await;
    assert!(browser.page_text().await.contains("Telefon"));
    // the Activity page names what happened in German
    browser.follow("Aktivität").await;
    let events = browser.texts(".events h2").await;
    for said in [
        "Authenticator-App hinzugefügt",
        "Geschäftsbedingungen akzeptiert",
        "Angemeldet",
    ] {
        assert!(events.iter().any(|e| e == said), "{said}: {events:?}");
    }

    // sign out; forgotten: the reset, through the German mail
    browser.press("Abmelden").await;
    assert_eq!(browser.path().await, "/sign-in");
    browser
        .follow("Passwort vergessen? Legen Sie ein neues fest")
        .await;
    browser.fill_labelled("E-Mail", email).await;
    browser.press("E-Mail zum Zurücksetzen senden").await;
    assert_eq!(browser.text("h1").await, "Prüfen Sie Ihren Posteingang");
    let sent_page = browser.client.current_url().await.unwrap().to_string();
    browser
        .press("Ich habe meine E-Mail-Adresse bestätigt")
        .await;
    assert!(
        browser
            .text("#form-error")
            .await
            .starts_with("Der Link in der E-Mail wurde noch nicht bestätigt."),
        "pressed too early, it says so: {}",
        browser.page_text().await
    );
    let mail = app.mail_linking(email, "/reset-password").await;
    assert_german(
        &mail,
        "Passwort für Steward zurücksetzen",
        "Jemand hat beantragt, das Passwort Ihres Steward-Kontos",
    );
    browser
        .goto(&local(&app, &mail.link("/reset-password")))
        .await;
    browser.press("Änderung meines Passworts bestätigen").await;
    assert_eq!(browser.text("h1").await, "E-Mail-Adresse bestätigt");
    browser.goto(&sent_page).await;
    browser
        .press("Ich habe meine E-Mail-Adresse bestätigt")
        .await;
    assert_eq!(browser.text("h1").await, "Neues Passwort wählen");
    browser.fill_labelled("Neues Passwort", NEW_PASSWORD).await;
    browser
        .fill_labelled("Passwort bestätigen", NEW_PASSWORD)
        .await;
    app.clock.advance(Duration::seconds(30));
    browser
        .fill_labelled("Code", &totp.code_at(app.clock.now().0))
        .await;
    browser.press("Passwort zurücksetzen").await;
    assert!(
        browser
            .page_text()
            .await
            .contains("Ihr Passwort wurde zurückgesetzt.")
    );
    browser.follow("Zurück zur Anmeldung").await;

    // signed in with the new password and a code; then the account goes
    sign_in(&browser, &app, email, NEW_PASSWORD, Some(&totp)).await;
    assert_eq!(browser.path().await, "/account");
    browser.follow("Konto löschen").await;
    if browser.text("h1").await == "Bestätigen Sie Ihre Identität" {
        browser.fill_labelled("Passwort", NEW_PASSWORD).await;
        app.clock.advance(Duration::seconds(30));
        browser
            .fill_labelled("Code", &totp.code_at(app.clock.now().0))
            .await;
        browser.press("Bestätigen").await;
    }
    assert_eq!(browser.text("h1").await, "Ihr Konto löschen");
    browser.check_page("german-delete").await;
    browser.fill_labelled("E-Mail", "jemand@example.org").await;
    browser.press("Mein Konto löschen").await;
    assert_eq!(
        browser.text("#email-error").await,
        "Dies ist nicht die E-Mail-Adresse Ihres Kontos. Geben Sie sie genau so ein, wie sie angezeigt wird."
    );
    browser.fill_labelled("E-Mail", email).await;
    browser.press("Mein Konto löschen").await;
    assert_eq!(browser.text("h1").await, "Ihr Konto wird gelöscht");
    app.run_jobs_until_idle().await;
    assert_eq!(app.count("select count(*) from accounts").await, 0);
    let goodbye = app
        .mails_to(email)
        .into_iter()
        .find(|m| m.subject == "Ihr Steward-Konto wurde gelöscht")
        .expect("a German goodbye mail");
    assert!(goodbye.html.contains("lang=\"de\""), "{}", goodbye.html);
    browser.close().await;
}
