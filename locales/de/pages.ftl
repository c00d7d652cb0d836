# Pages: what every page shares (the layout, the language picker, form fields), and the
# pages that email links open. Every message may use $app (the product's name) and
# $url (the server's public address). Messages with markup (<strong>, links) are
# rendered as HTML; their variables are escaped.

## The layout and the language picker

language-label = Sprache
language-submit = Sprache wechseln
layout-skip = Zum Inhalt springen
layout-nav-label = Konto
layout-help = Brauchen Sie Hilfe?
nav-account = Ihr Konto
nav-security = Anmeldung
nav-devices = Geräte
nav-activity = Aktivität
nav-hosting = Hosting
nav-admin = Verwaltung
nav-sign-out = Abmelden

## Form fields and words many pages share

field-email = E-Mail
field-password = Passwort
field-new-password = Neues Passwort
field-confirm-password = Passwort bestätigen
field-display-name = Anzeigename
field-code = Code
field-code-hint = Die 6 Ziffern, die Ihre Authenticator-App anzeigt.
field-recovery-code = Wiederherstellungscode
field-device-name = Gerätename
password-min-hint = Mindestens { $min } Zeichen.
use-recovery-code = Wiederherstellungscode verwenden
resend-email = E-Mail erneut senden
start-again = Neu beginnen
go-to-sign-in = Zur Anmeldeseite
back-to-sign-in = Zurück zur Anmeldung
back-to-account = Zurück zu Ihrem Konto
back-to-security = Zurück zu „Anmeldung“
cancel = Abbrechen
save = Speichern
submit = Absenden
rename = Umbenennen
remove = Entfernen
unknown = unbekannt
ip-address = IP-Adresse
browser = Browser
error-request-id = Anfrage-ID:

## The pages that email links open

link-proceed = Hier klicken, um fortzufahren
link-verify-title = E-Mail-Adresse bestätigen
link-verify-intro = Bestätigen Sie, dass <strong>{ $email }</strong> Ihre Adresse ist.
link-verify-button = Meine E-Mail-Adresse bestätigen
link-verify-done-title = E-Mail-Adresse bestätigt
link-verify-done = Ihre E-Mail-Adresse ist bestätigt.
link-confirm-email-title = Neue E-Mail-Adresse bestätigen
link-confirm-email-intro = Ihr Konto verwendet ab jetzt <strong>{ $email }</strong>.
link-confirm-email-button = E-Mail-Adresse bestätigen
link-confirm-email-done-title = E-Mail-Adresse geändert
link-confirm-email-done = Ihr Konto verwendet jetzt <strong>{ $email }</strong>.
link-reset-title = Passwort zurücksetzen
link-reset-intro = Bestätigen Sie, dass Sie Ihr Passwort ändern wollten. Das neue wählen Sie anschließend in Ihrer App.
link-reset-button = Änderung meines Passworts bestätigen
link-reset-done-title = E-Mail-Adresse bestätigt
link-reset-done = Ihre E-Mail-Adresse ist nun bestätigt. Kehren Sie bitte zu Ihrer App zurück, um Ihr Passwort zurückzusetzen. Sie können dieses Fenster jetzt schließen.
link-set-password-title = Neues Passwort festlegen
link-set-password-invite-title = Passwort wählen
link-set-password-for = Für <strong>{ $email }</strong>. Mindestens { $min } Zeichen.
link-set-password-again = Noch einmal dasselbe
link-set-password-button = Mein Passwort festlegen
link-set-password-done-title = Passwort festgelegt
link-set-password-done = Ihr Passwort ist festgelegt und Ihre Adresse bestätigt. Alle früheren Sitzungen wurden abgemeldet. Sie können sich jetzt anmelden und dieses Fenster schließen.

## What the pages that email links open say when a link does not work

link-passwords-differ = Die beiden Passwörter stimmen nicht überein. Geben Sie zweimal dasselbe Passwort ein.
link-expired-title = Dieser Link ist abgelaufen
link-expired = Fordern Sie in der App eine neue E-Mail an und verwenden Sie den Link darin.
link-invalid-title = Dieser Link ist nicht gültig
link-invalid-verify = Jeder Link funktioniert einmal, und sobald einer von ihnen die Adresse bestätigt hat, funktionieren die anderen nicht mehr. Wenn Ihre Adresse bestätigt ist, können Sie sich anmelden.
link-invalid-change-email = Er wurde bereits verwendet, oder die Änderung wurde abgebrochen oder durch eine neuere ersetzt.
link-invalid-reset = Er wurde bereits verwendet: Jeder Link funktioniert nur einmal.
link-invalid-set-password = Er wurde bereits verwendet, oder ein neuerer hat ihn ersetzt.
link-email-taken-title = Diese Adresse ist vergeben
link-email-taken = Ein anderes Konto verwendet diese Adresse inzwischen. Es wurde nichts geändert.
link-failed-title = Etwas ist schiefgegangen
link-failed = Bitte versuchen Sie es gleich noch einmal.
