# API errors: the title and detail of a problem answer, by its code (which never
# changes). English answers keep the detail their cause gives (it may name a field or
# a value); other languages say the code's own sentence below.
# The page shown for a refusal before any page (an unknown address, too many tries).

error-page-back = Zurück zur Startseite
error-page-form-unreadable = Das Formular konnte nicht gelesen werden. Laden Sie die Seite neu und versuchen Sie es erneut.

error-invalid-request-title = Anfrage nicht lesbar
error-invalid-request-detail = Die Anfrage konnte nicht gelesen werden: Prüfen Sie ihren Inhalt und ihre Parameter.
error-validation-failed-title = Einige Felder sind ungültig
error-validation-failed-detail = Einige Felder sind ungültig: Siehe errors für jedes einzelne.
error-unauthenticated-title = Nicht angemeldet
error-unauthenticated-detail = Melden Sie sich zuerst an: Die Sitzung fehlt, ist unbekannt oder abgelaufen.
error-invalid-credentials-title = Falsche E-Mail-Adresse oder falsches Passwort
error-invalid-credentials-detail = Die E-Mail-Adresse oder das Passwort ist falsch.
error-email-not-verified-title = E-Mail-Adresse nicht bestätigt
error-email-not-verified-detail = Bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link in der E-Mail, die wir Ihnen gesendet haben.
error-account-deactivated-title = Konto deaktiviert
error-account-deactivated-detail = Dieses Konto ist deaktiviert. Wenden Sie sich an Ihren Administrator.
error-forbidden-title = Nicht erlaubt
error-forbidden-detail = Sie dürfen dies nicht tun.
error-reauthentication-required-title = Bestätigen Sie zuerst Ihr Passwort
error-reauthentication-required-detail = Bestätigen Sie zuerst Ihr Passwort (und Ihren zweiten Faktor).
error-terms-not-accepted-title = Bedingungen nicht akzeptiert
error-terms-not-accepted-detail = Akzeptieren Sie zuerst die aktuellen Bedingungen.
error-not-found-title = Nicht gefunden
error-not-found-detail = Hier gibt es nichts, oder es gehört nicht Ihnen.
error-method-not-allowed-title = Methode nicht erlaubt
error-method-not-allowed-detail = Diese Adresse nimmt diese Methode nicht an.
error-email-taken-title = E-Mail-Adresse vergeben
error-email-taken-detail = Diese E-Mail-Adresse gehört zu einem anderen Konto.
error-email-not-validated-title = E-Mail-Adresse noch nicht bestätigt
error-email-not-validated-detail = Öffnen Sie zuerst den Link in der E-Mail und bestätigen Sie ihn.
error-token-invalid-title = Ungültiger Link
error-token-invalid-detail = Dieser Link ist unbekannt oder wurde bereits verwendet.
error-token-expired-title = Link abgelaufen
error-token-expired-detail = Dieser Link ist abgelaufen. Fordern Sie eine neue E-Mail an.
error-invalid-code-title = Ungültiger Code
error-invalid-code-detail = Der Code ist falsch, abgelaufen oder wurde bereits verwendet.
error-two-factor-required-title = Zweiter Faktor erforderlich
error-two-factor-required-detail = Dieses Konto verwendet die Zwei-Faktor-Authentifizierung: Senden Sie auch einen Code oder einen Wiederherstellungscode.
error-two-factor-not-enabled-title = Zwei-Faktor-Authentifizierung nicht aktiv
error-two-factor-not-enabled-detail = Die Zwei-Faktor-Authentifizierung ist für dieses Konto nicht eingeschaltet.
error-enrollment-expired-title = Einrichtung abgelaufen
error-enrollment-expired-detail = Diese Einrichtung ist abgelaufen. Beginnen Sie neu.
error-plan-limit-reached-title = Grenze des Tarifs erreicht
error-plan-limit-reached-detail = Der Tarif erlaubt für dieses Abonnement keine weiteren Hosts.
error-domain-taken-title = Domain vergeben
error-domain-taken-detail = Ein anderer Host verwendet diese Domain.
error-subscription-inactive-title = Abonnement nicht aktiv
error-subscription-inactive-detail = Dieses Abonnement ist abgelaufen oder wird gekündigt.
error-mail-not-failed-title = E-Mail nicht fehlgeschlagen
error-mail-not-failed-detail = Nur eine fehlgeschlagene E-Mail kann erneut gesendet werden.
error-webhook-url-forbidden-title = Webhook-URL nicht erlaubt
error-webhook-url-forbidden-detail = Diese Webhook-Adresse ist nicht erlaubt.
error-webhook-delivery-not-failed-title = Zustellung nicht fehlgeschlagen
error-webhook-delivery-not-failed-detail = Nur eine fehlgeschlagene Zustellung kann wiederholt werden.
error-invalid-credential-title = Passkey nicht akzeptiert
error-invalid-credential-detail = Der Passkey wurde nicht akzeptiert.
error-registration-expired-title = Registrierung abgelaufen
error-registration-expired-detail = Diese Passkey-Registrierung ist abgelaufen. Beginnen Sie neu.
error-passkeys-unavailable-title = Passkeys nicht verfügbar
error-passkeys-unavailable-detail = Passkeys sind auf diesem Server nicht verfügbar.
error-passkey-already-registered-title = Passkey bereits registriert
error-passkey-already-registered-detail = Dieser Passkey ist bereits registriert.
error-payload-too-large-title = Anfrage zu groß
error-payload-too-large-detail = Der Inhalt der Anfrage ist zu groß.
error-unsupported-media-type-title = Inhaltstyp nicht unterstützt
error-unsupported-media-type-detail = Senden Sie den Inhalt als JSON, mit dem Header Content-Type: application/json.
error-rate-limited-title = Zu viele Anfragen
error-rate-limited-detail = Zu viele Versuche. Versuchen Sie es in { $seconds } Sekunden erneut.
error-internal-error-title = Interner Fehler
error-internal-error-detail = Der Server konnte nicht antworten. Geben Sie die Anfrage-ID an, wenn Sie dies melden.

## What is wrong with a field, beside it on a page and in the API's errors (the API
## says the English words exactly as written here)

invalid-email-empty = Geben Sie eine E-Mail-Adresse ein.
invalid-email-too-long = Eine E-Mail-Adresse hat höchstens { $max } Zeichen.
invalid-email = Dies ist keine gültige E-Mail-Adresse.
invalid-too-short = Verwenden Sie mindestens { $min } Zeichen.
invalid-too-long = Verwenden Sie höchstens { $max } Zeichen.
invalid-password-is-email = Das Passwort darf nicht Ihre E-Mail-Adresse sein.
invalid-control-characters = Steuerzeichen sind nicht erlaubt.
invalid-accept-terms = Akzeptieren Sie die Geschäftsbedingungen, um sich zu registrieren.
invalid-device-name = Geben Sie dem Gerät einen Namen, z. B. „Telefon“.
invalid-passkey-name = Geben Sie dem Passkey einen Namen, z. B. „Laptop“.
invalid-locale = Wählen Sie eine der angebotenen Sprachen: { $languages }.
invalid-terms-version = Die aktuellen Geschäftsbedingungen haben die Version { $version }.
invalid-cursor = Kein Cursor aus dieser Liste.
invalid-same-email = Dies ist bereits Ihre Adresse.
invalid-client-secret = Verwenden Sie 16 bis 255 Zeichen, die der Client zufällig gewählt hat.
invalid-plan = Diesen Tarif gibt es nicht: Wählen Sie einen der angebotenen Tarife.
invalid-subscription = Sie haben kein solches Abonnement.
invalid-name-empty = Geben Sie einen Namen ein.
invalid-domain = Kein gültiger Domainname (wie matrix.example.org).
invalid-kind = Verwenden Sie 1 bis 50 der Zeichen a-z, 0-9, _ und -.
invalid-kind-fixed = Die Art einer Integration lässt sich nicht ändern: Erstellen Sie eine neue.
invalid-settings-object = Die Einstellungen sind ein JSON-Objekt.
invalid-settings-too-large = Die Einstellungen umfassen höchstens 16 KiB JSON.
invalid-mail-status = Einer von pending, sent, failed, skipped.
invalid-user-status = Einer von active, deactivated, deleting.
invalid-password-or-invite = Legen Sie entweder ein Passwort fest oder senden Sie eine Einladung, nicht beides.
invalid-token-name = Benennen Sie das Token nach dem Skript, das es verwendet.
invalid-expiry-past = Der Ablauf muss in der Zukunft liegen.
invalid-expires-days = Eine ganze Zahl von Tagen, 1 bis 3650.
invalid-webhook-url-long = Geben Sie eine http- oder https-URL mit höchstens { $max } Zeichen an.
invalid-webhook-url = Keine gültige URL: Geben Sie eine http- oder https-URL mit einem Hostnamen an.
invalid-webhook-events-empty = Führen Sie die zu sendenden Ereignisse auf, oder ["*"] für alle.
invalid-webhook-events-unknown = Unbekannte Ereignistypen: { $events }.

## Why something is not allowed (a refusal's detail)

forbidden-self-deactivate = Administratoren können sich nicht selbst deaktivieren.
forbidden-self-delete = Administratoren können ihr eigenes Konto nicht als Administrator löschen: Löschen Sie es über Ihr eigenes Konto.
forbidden-self-demote = Administratoren können sich ihre eigenen Administratorrechte nicht entziehen; bitten Sie einen anderen Administrator.
forbidden-admin-needed = Dafür ist ein Administratorkonto oder ein Administrator-API-Token nötig.
forbidden-not-an-admin = Dieses Konto ist kein Administratorkonto.
forbidden-reset-secret = Dieses client_secret gehört nicht zu diesem Zurücksetzen.
