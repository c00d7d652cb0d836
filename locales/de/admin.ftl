# The admin page (/admin). Every message may use $app (the product's name). Messages
# with markup (<code>) are rendered as HTML. Dates come formatted already; $status is
# an account's status code (active, deactivated, deleting), shown in words.

## The layout

admin-brand = { $app } Verwaltung
admin-users = Benutzer
admin-mail-title = Fehlgeschlagene E-Mails
admin-tokens-title = API-Tokens
admin-webhooks-title = Webhooks
admin-signed-in-as = Angemeldet als { $email }

## Words the tables and pages share

admin-name = Name
admin-status = Status
admin-status-value = { $status ->
        [active] aktiv
        [deactivated] deaktiviert
        [deleting] wird gelöscht
       *[other] { $status }
    }
admin-created = Erstellt
admin-added = Hinzugefügt
admin-last-used = Zuletzt verwendet
admin-never = nie
admin-tries = Versuche
admin-last-error = Letzter Fehler
admin-retry = Erneut versuchen
admin-next-page = Nächste Seite
admin-back = Zurück

## Signing in

admin-second-factor = Zweiter Faktor
admin-sign-in-code = Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode
admin-verify = Bestätigen

## Users

admin-search-placeholder = E-Mail oder Name
admin-search-label = Nach E-Mail oder Name suchen
admin-any-status = Jeder Status
admin-search = Suchen
admin-2fa = 2FA
admin-tag-admin = Admin
admin-tag-unverified = nicht bestätigt
admin-on = an
admin-users-none = Kein Benutzer gefunden.
admin-first-page = Erste Seite
admin-invite-title = Benutzer einladen
admin-invite-intro = Die Person erhält eine E-Mail mit einem Link, über den sie ihr Passwort festlegt.
admin-invite-name = Name (optional)
admin-invite = Einladen

## One user

admin-verified = bestätigt
admin-not-verified = nicht bestätigt
admin-yes = ja
admin-no = nein
admin-password-set = festgelegt
admin-password-not-set = noch nicht festgelegt
admin-two-factor = Zwei-Faktor
admin-two-factor-on = an ({ $devices ->
        [one] { $devices } Gerät
       *[other] { $devices } Geräte
    }, { $passkeys ->
        [one] { $passkeys } Passkey
       *[other] { $passkeys } Passkeys
    })
admin-off = aus
admin-subscriptions = Abonnements
admin-hosts = Hosts
admin-last-sign-in = Letzte Anmeldung
admin-actions = Aktionen
admin-deactivate = Deaktivieren
admin-reactivate = Reaktivieren
admin-password-link = Passwort-Link per E-Mail senden
admin-unlock = Anmeldung entsperren
admin-end-sessions = Sitzungen beenden
admin-remove-two-factor = Zwei-Faktor entfernen
admin-delete-account = Konto löschen
admin-edit = Bearbeiten
admin-edit-email = E-Mail (gilt sofort, ohne Bestätigungs-E-Mail)
admin-email-verified = E-Mail bestätigt
admin-sessions = Sitzungen ({ $count })
admin-device = Gerät
admin-ip = IP
admin-sessions-none = Keine aktive Sitzung.
admin-passkeys = Passkeys ({ $count })
admin-passkeys-none = Kein Passkey.

## Failed mail

admin-mail-intro = E-Mails, bei denen jeder Zustellversuch fehlgeschlagen ist. Beheben Sie die Ursache (oft die SMTP-Einstellungen) und versuchen Sie es dann erneut.
admin-mail-to = An
admin-mail-mail = E-Mail
admin-mail-queued = Eingereiht
admin-mail-none = Keine fehlgeschlagenen E-Mails.

## API tokens

admin-token-created = Token „{ $name }“ erstellt
admin-token-copy = Kopieren Sie es jetzt: Es wird nur dieses eine Mal angezeigt.
admin-expires = Läuft ab
admin-revoke = Widerrufen
admin-tokens-none = Kein gültiges Token.
admin-token-new = Neues Token
admin-token-intro = Für ein Skript: Senden Sie es als <code>Authorization: Bearer …</code> an die Admin-API.
admin-token-name = Name (wer es verwendet)
admin-token-days = Läuft ab nach Tagen (leer: nie)
admin-token-create = Token erstellen

## Webhooks

admin-webhooks-intro = Wohin Ereignisse signiert gesendet werden. Endpunkte registrieren und ändern Sie über die Admin-API oder <code>steward webhook</code>; Zustellungen, bei denen jeder Versuch fehlgeschlagen ist, stehen unter ihrem Endpunkt.
admin-webhook-on = An
admin-webhook-off = Aus
admin-webhook-events = Ereignisse: { $events }
admin-webhook-failed = Fehlgeschlagene Zustellungen
admin-event = Ereignis
admin-webhook-failed-none = Keine fehlgeschlagenen Zustellungen.
admin-webhook-more = Weitere fehlgeschlagene Zustellungen: siehe Admin-API.
admin-webhooks-none = Noch keine Webhook-Endpunkte.

## What the page says after a step, and of what went wrong

admin-done-created = Der Benutzer wurde erstellt.
admin-done-invited = Der Benutzer wurde erstellt und eine Einladung per E-Mail gesendet.
admin-done-updated = Gespeichert.
admin-done-deactivated = Der Benutzer ist deaktiviert und jede seiner Sitzungen beendet.
admin-done-reactivated = Der Benutzer ist wieder aktiv.
admin-done-password-link = Eine E-Mail mit einem Link zum Festlegen eines neuen Passworts ist unterwegs.
admin-done-unlocked = Die Anmeldung ist entsperrt.
admin-done-sessions-ended = Jede Sitzung des Benutzers ist beendet.
admin-done-two-factor-removed = Alle zweiten Faktoren wurden entfernt; eine Benachrichtigung wurde per E-Mail gesendet.
admin-done-deleting = Das Konto wird gelöscht.
admin-done-retried = Die E-Mail steht wieder in der Warteschlange.
admin-done-revoked = Das Token ist widerrufen.
admin-done-delivery-retried = Die Zustellung steht wieder in der Warteschlange.
admin-not-done = Nicht ausgeführt
admin-not-signed-out = Nicht abgemeldet
admin-error-internal = Etwas ist schiefgegangen; das Protokoll enthält die Einzelheiten.
admin-csrf-refused = Dieses Formular ist abgelaufen oder stammt nicht von dieser Seite. Melden Sie sich erneut an.
admin-form-expired = Dieses Formular ist abgelaufen. Versuchen Sie es noch einmal.

## Confirming an action on a user: its title, what it does, its button

admin-confirm-deactivate = Diesen Benutzer deaktivieren?
admin-confirm-deactivate-what = Jede Sitzung endet sofort, und die Anmeldung wird verweigert, bis der Benutzer reaktiviert wird.
admin-confirm-deactivate-button = Ja, diesen Benutzer deaktivieren
admin-confirm-end-sessions = Jede Sitzung dieses Benutzers beenden?
admin-confirm-end-sessions-what = Der Benutzer wird auf jedem Gerät abgemeldet.
admin-confirm-end-sessions-button = Ja, jede Sitzung dieses Benutzers beenden
admin-confirm-remove-2fa = Alle zweiten Faktoren entfernen?
admin-confirm-remove-2fa-what = Der Benutzer meldet sich nur mit dem Passwort an, bis er wieder eine Authenticator-App hinzufügt. Eine Benachrichtigung wird per E-Mail gesendet.
admin-confirm-remove-2fa-button = Ja, alle zweiten Faktoren entfernen
admin-confirm-delete = Dieses Konto löschen?
admin-confirm-delete-what = Das Konto und alles, was ihm gehört (Abonnements, Hosts, Integrationen), werden endgültig gelöscht. Dies kann nicht rückgängig gemacht werden.
admin-confirm-delete-button = Ja, dieses Konto löschen
