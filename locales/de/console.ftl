# The account console. Every message may use $app (the product's name) and $url (the
# server's public address). Messages with markup (<strong>, links) are rendered as
# HTML; their variables are escaped. Dates ($date) come formatted already.

## Signing in, registering, the terms

sign-in-title = Anmelden
sign-in-button = Anmelden
sign-in-passkey = Mit einem Passkey anmelden
sign-in-forgot = Passwort vergessen? Legen Sie ein neues fest
sign-in-unverified = Öffnen Sie den Link in der E-Mail, die wir an <strong>{ $email }</strong> gesendet haben. Keine E-Mail erhalten oder der Link ist abgelaufen?
sign-in-code-intro = Ihr Konto verwendet die Zwei-Faktor-Authentifizierung. Geben Sie den Code ein, den Ihre Authenticator-App anzeigt.
sign-in-code-intro-passkey = Ihr Konto verwendet die Zwei-Faktor-Authentifizierung. Geben Sie den Code ein, den Ihre Authenticator-App anzeigt, oder verwenden Sie Ihren Passkey.
sign-in-recovery-hint = Einer der zehn Codes, die Sie beim Einrichten der Zwei-Faktor-Authentifizierung gespeichert haben. Jeder gilt nur einmal.
register-title = Konto erstellen
register-display-name-hint = Optional: der Name, mit dem wir Sie begrüßen.
register-accept-terms = Ich akzeptiere die <a href="{ $terms_url }">Allgemeinen Geschäftsbedingungen</a>
register-button = Weiter
register-have-account = Sie haben bereits ein Konto?
check-email-title = Prüfen Sie Ihre E-Mails
check-email-sent = Wir haben eine E-Mail an <strong>{ $email }</strong> gesendet. Öffnen Sie den Link darin, um Ihre Adresse zu bestätigen, und melden Sie sich dann an. Der Link ist einen Tag lang gültig.
check-email-no-mail = Nach einigen Minuten noch keine E-Mail? Sehen Sie in Ihrem Spam-Ordner nach oder lassen Sie sie erneut senden.
terms-title = Allgemeine Geschäftsbedingungen
terms-changed = Die Allgemeinen Geschäftsbedingungen haben sich geändert. Lesen Sie sie und akzeptieren Sie sie, um Ihr Konto weiter zu nutzen.
terms-version = Allgemeine Geschäftsbedingungen, Version { $version }
terms-accept = Akzeptieren
terms-accepted = Sie haben die aktuellen <a href="{ $terms_url }">Allgemeinen Geschäftsbedingungen, Version { $version }</a> akzeptiert.
terms-continue = Weiter
identity-title = Bestätigen Sie Ihre Identität
identity-intro = Dieser Schritt ändert, wie Sie sich anmelden oder was Ihr Konto enthält. Geben Sie deshalb zuerst Ihr Passwort ein.
identity-intro-code = Dieser Schritt ändert, wie Sie sich anmelden oder was Ihr Konto enthält. Geben Sie deshalb zuerst Ihr Passwort und einen Code aus Ihrer Authenticator-App ein.
identity-confirm = Bestätigen
identity-passkey = Mit einem Passkey bestätigen

## Setting a new password (the reset in the browser)

reset-title = Neues Passwort festlegen
reset-intro = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Link, mit dem Sie bestätigen, dass Sie ein neues Passwort festlegen möchten.
reset-button = E-Mail zum Zurücksetzen senden
reset-sent-title = Prüfen Sie Ihren Posteingang
reset-sent-intro = Falls <strong>{ $email }</strong> zu einem Konto gehört, haben wir eine E-Mail dorthin gesendet. Öffnen Sie den Link darin, klicken Sie auf „Änderung meines Passworts bestätigen“ und kehren Sie dann zu dieser Seite zurück.
reset-sent-no-mail = Der Link ist eine Stunde lang gültig. Nach einigen Minuten noch keine E-Mail? Sehen Sie in Ihrem Spam-Ordner nach oder <a href="/reset">beginnen Sie neu</a>.
reset-sent-button = Ich habe meine E-Mail-Adresse bestätigt
reset-password-title = Neues Passwort wählen
reset-password-intro = Damit werden Sie überall abgemeldet: Melden Sie sich danach mit dem neuen Passwort wieder an.
reset-password-code-hint = Ihr Konto verwendet die Zwei-Faktor-Authentifizierung: die 6 Ziffern, die Ihre Authenticator-App anzeigt.
reset-password-button = Passwort zurücksetzen
reset-done-title = Passwort zurückgesetzt
reset-done = Ihr Passwort wurde zurückgesetzt. Alle Ihre anderen Sitzungen wurden abgemeldet.
reset-done-return = Zurück zur Anmeldung

## Your Account

account-pending-email = Prüfen Sie <strong>{ $pending }</strong>, um die Adresse zu bestätigen: Wir haben einen Link dorthin gesendet. Ihre Adresse ändert sich, sobald Sie diesen Link öffnen; bis dahin verwenden Sie weiter { $current }.
account-profile = Profil bearbeiten
account-display-name-hint = Optional. Wie wir Sie ansprechen.
account-verified = Bestätigt.
account-not-verified = Noch nicht bestätigt.
account-signing-in = Anmeldung
account-signing-in-intro = Ihr Passwort, Ihre Authenticator-Apps und Wiederherstellungscodes.
account-security-link = Anmeldeeinstellungen
account-hosting-link = Ihre Hosts und Abonnements
account-delete-intro = Dies löscht Ihre Hosts und Integrationen und kündigt alle Abonnements. Es kann nicht rückgängig gemacht werden.
account-delete-button = Konto löschen

## Signing In: password, authenticator apps, recovery codes, passkeys

security-basic = Grundlegende Anmeldung
security-basic-intro = Sie melden sich mit Ihrer E-Mail-Adresse und einem Passwort an.
security-update = Ändern
security-update-what = Ihr Passwort
security-two-factor = Zwei-Faktor-Authentifizierung
security-two-factor-passkeys = Aktiv, mit Ihren Passkeys (unten). Eine Authenticator-App fügt einen Code als weiteren zweiten Faktor hinzu.
security-two-factor-on = Aktiv: Bei der Anmeldung wird zusätzlich ein Code aus einer dieser Authenticator-Apps abgefragt.
security-two-factor-off = Inaktiv: Bei der Anmeldung wird nur Ihr Passwort abgefragt. Eine Authenticator-App auf Ihrem Telefon oder Computer fügt einen Code hinzu, der sich alle 30 Sekunden ändert.
security-added = Hinzugefügt am { $date }
security-last-used = zuletzt verwendet am { $date }
security-never-used = nie verwendet
security-recovery = Wiederherstellungscodes
security-recovery-remaining = { $remaining ->
        [one] { $remaining } von { $total } Wiederherstellungscodes ist noch übrig.
       *[other] { $remaining } von { $total } Wiederherstellungscodes sind noch übrig.
    } Jeder meldet Sie einmal an, falls Sie Ihre Authenticator-App verlieren.
security-recovery-none = Sie erhalten zehn Wiederherstellungscodes, wenn Sie Ihre erste Authenticator-App oder Ihren ersten Passkey einrichten.
security-passkeys = Passkeys
security-passkeys-none = Ein Passkey meldet Sie mit Fingerabdruck, Gesicht oder Bildschirmsperre statt mit einem Passwort an und ist vor Phishing geschützt.
security-passkey-name = Name des Passkeys
security-passkeys-script = Zum Hinzufügen oder Verwenden eines Passkeys wird JavaScript benötigt.
password-title = Passwort ändern
password-intro = Alle anderen Sitzungen Ihres Kontos werden abgemeldet; diese bleibt bestehen.
password-hint = Mindestens 12 Zeichen, nicht Ihre E-Mail-Adresse.
totp-setup-title = Authenticator-App einrichten
totp-setup-expired = Diese Einrichtung ist abgelaufen, bevor ein Code eingegeben wurde; es wurde nichts hinzugefügt. Beginnen Sie neu, um einen neuen QR-Code zu erhalten.
totp-setup-intro = Scannen Sie diesen QR-Code mit Ihrer Authenticator-App (zum Beispiel auf Ihrem Telefon) und geben Sie dann den angezeigten Code ein. Schließen Sie die Einrichtung vor { $date } ab.
totp-setup-qr = QR-Code für Ihre Authenticator-App: Er enthält den Schlüssel und die Einstellungen, die unter „Scannen nicht möglich“ stehen
totp-setup-unable = Scannen nicht möglich
totp-setup-manual = Geben Sie stattdessen diese Einstellungen in Ihrer App ein.
totp-setup-secret = Schlüssel
totp-setup-algorithm = Algorithmus
totp-setup-digits = Ziffern
totp-setup-period = Intervall
totp-setup-seconds = { $seconds } Sekunden
totp-setup-issuer = Aussteller
totp-setup-account = Kontoname
totp-setup-code-hint = Die 6 Ziffern, die Ihre Authenticator-App jetzt anzeigt.
totp-setup-name-hint = Um Ihre Apps zu unterscheiden, z. B. Telefon oder Laptop.
totp-rename-page = { $name } umbenennen
totp-rename-title = Authenticator-App umbenennen
totp-rename-added = Hinzugefügt am { $date }.
passkey-rename-title = Passkey umbenennen
totp-remove-page = { $name } entfernen
totp-remove-title = Authenticator-App entfernen
totp-remove-intro = <strong>{ $name }</strong> (hinzugefügt am { $date }) entfernen? Die App liefert dann keine Codes mehr, mit denen Sie sich anmelden können.
totp-remove-last = <strong>Dies ist Ihre einzige Authenticator-App:</strong> Die Zwei-Faktor-Authentifizierung wird ausgeschaltet und Ihre Wiederherstellungscodes werden ungültig.
totp-remove-keep = Behalten: zurück zu „Anmeldung“
passkey-add-title = Passkey hinzufügen
passkey-add-failed = <a href="/account/security">Zurück zu „Anmeldung“</a>, dann fügen Sie den Passkey erneut hinzu.
passkey-add-intro = Ihr Browser fragt, wo der Passkey <strong>{ $name }</strong> gespeichert werden soll: auf diesem Gerät, Ihrem Telefon oder einem Sicherheitsschlüssel.
passkey-add-create = Passkey erstellen
passkey-add-script = Zum Hinzufügen eines Passkeys wird JavaScript benötigt.
passkey-add-cancel = Abbrechen: zurück zu „Anmeldung“
codes-title = Ihre Wiederherstellungscodes
codes-first-device = Die Authenticator-App ist eingerichtet: Bei der Anmeldung wird jetzt ein Code aus ihr abgefragt.
codes-intro = Falls Sie Ihre Authenticator-App verlieren, meldet Sie jeder dieser Codes einmal an. Bewahren Sie sie sicher auf: Sie werden nur jetzt angezeigt.
codes-old = Ihre alten Codes sind nicht mehr gültig.
codes-download = Herunterladen
codes-download-what = die Wiederherstellungscodes als Textdatei
codes-done = Fertig: zurück zu „Anmeldung“
codes-new-title = Neue Codes erstellen
codes-new-intro = Zehn neue Wiederherstellungscodes ersetzen Ihre bisherigen: Die alten Codes sind sofort ungültig.
codes-new-none = Wiederherstellungscodes gehören zur Zwei-Faktor-Authentifizierung: Richten Sie zuerst eine Authenticator-App ein.

## Devices and activity

devices-intro = Diese Geräte und Browser sind bei Ihrem Konto angemeldet. Melden Sie alle ab, die Sie nicht kennen, und ändern Sie dann Ihr Passwort.
devices-unnamed = Unbenanntes Gerät
devices-this = Dieses Gerät
devices-last-seen = Zuletzt aktiv
devices-signed-in = Angemeldet
devices-more = Weitere Geräte
devices-elsewhere = Alle anderen Orte
devices-elsewhere-intro = Meldet alle Sitzungen außer dieser ab.
devices-sign-out-others = Alle anderen Sitzungen abmelden
activity-intro = Was mit Ihrem Konto geschehen ist, das Neueste zuerst: Anmeldungen, Änderungen an Ihrer Anmeldung und mehr.
activity-when = Wann
activity-nothing = Nichts anzuzeigen.
activity-nothing-page = Auf dieser Seite gibt es nichts anzuzeigen.
activity-pages = Seiten der Aktivität
activity-newest = Neueste
activity-older = Ältere

## Deleting the account

delete-title = Ihr Konto löschen
delete-intro = Dies löscht unwiderruflich Ihr Konto <strong>{ $email }</strong> mit allen Hosts und Integrationen und kündigt alle Abonnements. Es kann nicht rückgängig gemacht werden.
delete-subscriptions = { $count ->
        [one] { $count } Abonnement, gekündigt
       *[other] { $count } Abonnements, gekündigt
    }
delete-hosts = { $count ->
        [one] { $count } Host, gelöscht
       *[other] { $count } Hosts, gelöscht
    }
delete-integrations = { $count ->
        [one] { $count } Integration, gelöscht
       *[other] { $count } Integrationen, gelöscht
    }
delete-signed-out = Alle Geräte werden sofort abgemeldet, und eine letzte E-Mail bestätigt die Löschung.
delete-email-hint = Geben Sie zur Bestätigung Ihre E-Mail-Adresse { $email } ein.
delete-button = Mein Konto löschen
delete-keep = Mein Konto behalten
deleted-title = Ihr Konto wird gelöscht
deleted-intro = Sie sind überall abgemeldet. Ihre Hosts, Integrationen und Abonnements werden entfernt, und eine E-Mail bestätigt es, sobald es erledigt ist.

## What a page says after a step (its notice), and of what went wrong

console-error-internal = Bei uns ist etwas schiefgegangen. Versuchen Sie es gleich noch einmal; wenn es weiterhin fehlschlägt, nennen Sie Ihrem Administrator die Anfrage-ID unten.
console-csrf-title = Dieses Formular ist abgelaufen
console-csrf = Das Formular stammt nicht von dieser Seite oder ist zu alt. Es wurde nichts geändert. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.
notice-saved = Gespeichert.
notice-email-sent = Gespeichert. Ein Link zur Bestätigung der neuen Adresse ist dorthin unterwegs.
notice-email-cancelled = Die Adressänderung ist abgebrochen: Der dafür gesendete Link funktioniert nicht mehr.
notice-identity-confirmed = Identität bestätigt. Klicken Sie auf Speichern, um einen Link an die neue Adresse zu senden.
notice-signed-out-others = { $count ->
        [one] { $count } andere Sitzung abgemeldet.
       *[other] { $count } andere Sitzungen abgemeldet.
    }
notice-signed-out-one = Diese Sitzung ist abgemeldet.

## The events of the Activity page

event-account-registered = Konto erstellt
event-email-verified = E-Mail-Adresse bestätigt
event-sign-in-succeeded = Angemeldet
event-sign-in-failed = Fehlgeschlagener Anmeldeversuch
event-sign-in-locked = Anmeldung nach zu vielen Fehlversuchen gesperrt
event-session-signed-out = Abgemeldet
event-session-revoked = Eine andere Sitzung abgemeldet
event-session-reauthenticated = Identität bestätigt
event-password-changed = Passwort geändert
event-password-reset-requested = Zurücksetzen des Passworts angefordert
event-password-reset = Passwort zurückgesetzt
event-password-set-by-link = Passwort über einen zugesandten Link festgelegt
event-two-factor-device-added = Authenticator-App hinzugefügt
event-two-factor-device-renamed = Authenticator-App umbenannt
event-two-factor-device-removed = Authenticator-App entfernt
event-two-factor-recovery-codes-regenerated = Neue Wiederherstellungscodes erzeugt
event-two-factor-recovery-code-used = Wiederherstellungscode verwendet
event-passkey-added = Passkey hinzugefügt
event-passkey-renamed = Passkey umbenannt
event-passkey-removed = Passkey entfernt
event-passkey-used = Passkey verwendet
event-email-change-requested = Änderung der E-Mail-Adresse angefordert
event-email-change-cancelled = Änderung der E-Mail-Adresse abgebrochen
event-email-changed = E-Mail-Adresse geändert
event-account-deletion-requested = Löschung des Kontos angefordert
event-terms-accepted = Geschäftsbedingungen akzeptiert
event-admin-user-created = Konto von einem Administrator erstellt
event-admin-user-updated = Konto von einem Administrator geändert
event-admin-user-deactivated = Konto von einem Administrator deaktiviert
event-admin-user-reactivated = Konto von einem Administrator reaktiviert
event-admin-password-set = Passwort von einem Administrator festgelegt
event-admin-password-link-sent = Passwort-Link von einem Administrator gesendet
event-admin-unlocked = Anmeldung von einem Administrator entsperrt
event-admin-sessions-revoked = Sitzungen von einem Administrator abgemeldet
event-admin-two-factor-removed = Zweite Faktoren von einem Administrator entfernt
event-admin-user-deletion-requested = Löschung des Kontos von einem Administrator angefordert
notice-password-changed = Ihr Passwort ist geändert. Ihre anderen Sitzungen wurden abgemeldet.
notice-app-added = Die Authenticator-App ist eingerichtet.
notice-app-renamed = Die Authenticator-App ist umbenannt.
notice-app-removed = Die Authenticator-App ist entfernt.
notice-passkey-added = Der Passkey ist hinzugefügt.
notice-passkey-removed = Der Passkey ist entfernt.
notice-passkey-renamed = Der Passkey ist umbenannt.
console-passwords-differ = Die beiden Passwörter stimmen nicht überein. Geben Sie das neue Passwort zweimal ein.
totp-provisional-name = Authenticator-App
console-code-missing = Geben Sie den Code ein, den Ihre Authenticator-App anzeigt.
console-code-no-match = Der Code stimmt nicht. Prüfen Sie die App und die Uhrzeit des Geräts und versuchen Sie es noch einmal.
codes-file-heading = Wiederherstellungscodes: Jeder gilt einmal, anstelle eines Codes aus Ihrer Authenticator-App.
console-password-too-long = Ein Passwort hat höchstens { $max } Zeichen.
console-second-factor-missing = Geben Sie einen Code aus Ihrer Authenticator-App oder einen Wiederherstellungscode ein.
console-sign-in-expired = Diese Anmeldung hat zu lange gedauert. Geben Sie Ihre E-Mail-Adresse und Ihr Passwort erneut ein.
console-password-wrong = Das Passwort ist falsch.
notice-verification-resent = Wenn diese Adresse auf ihre Bestätigung wartet, ist ein neuer Link an sie unterwegs.
console-terms-changed = Die Geschäftsbedingungen haben sich geändert, während diese Seite offen war: Lesen Sie sie noch einmal.
console-delete-not-your-email = Dies ist nicht die E-Mail-Adresse Ihres Kontos. Geben Sie sie genau so ein, wie sie angezeigt wird.
console-reset-not-confirmed = Der Link in der E-Mail wurde noch nicht bestätigt. Öffnen Sie ihn, klicken Sie auf „Änderung meines Passworts bestätigen“ und kehren Sie dann hierher zurück.
console-reset-expired = Dieses Zurücksetzen des Passworts ist abgelaufen. Fordern Sie eine neue E-Mail an.
console-reset-unknown = Dieses Zurücksetzen des Passworts wurde bereits verwendet oder ist unbekannt. Fordern Sie eine neue E-Mail an.
console-reset-passwords-differ = Die beiden Passwörter stimmen nicht überein. Geben Sie zweimal dasselbe neue Passwort ein.
