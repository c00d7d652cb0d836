# Mail: subjects, bodies and the layout around them.
# Every message may use $app (the product's name), $recipient (the address the mail
# goes to) and $url (the server's public address).

## The layout

mail-hello = Hallo,
mail-hello-name = Hallo { $name },
mail-goodbye = Guten Tag,
mail-footer = Sie erhalten diese E-Mail aufgrund einer Aktion in Ihrem { $app }-Konto.
mail-help = Hilfe: { $support }
mail-open-link = Oder öffnen Sie diesen Link:
# How long a link works: $hours is 0 unless it is a whole number of hours.
mail-link-lifetime = Der Link ist nur einmal gültig und läuft in { $hours ->
        [0] { $minutes ->
                [one] einer Minute
               *[other] { $minutes } Minuten
            }
        [one] einer Stunde
       *[other] { $hours } Stunden
    } ab.

## verify_email: the link that verifies a new account's address

mail-verify-email-subject = Bestätigen Sie Ihre E-Mail-Adresse für { $app }
mail-verify-email-intro = Bitte bestätigen Sie Ihre E-Mail-Adresse { $recipient }, indem Sie diesen Link öffnen:
mail-verify-email-button = E-Mail-Adresse bestätigen
mail-verify-email-ignore = Falls Sie sich nicht registriert haben, können Sie diese E-Mail ignorieren: Bei dem mit dieser Adresse erstellten Konto ist keine Anmeldung möglich, solange die Adresse nicht bestätigt ist.

## change_email: the link that confirms a new address, sent to that address

mail-change-email-subject = Bestätigen Sie Ihre neue E-Mail-Adresse für { $app }
mail-change-email-intro = Für das { $app }-Konto { $old_email } wurde beantragt, künftig { $recipient } zu verwenden. Bestätigen Sie dies, indem Sie diesen Link öffnen:
mail-change-email-button = E-Mail-Adresse bestätigen
mail-change-email-ignore = Falls Sie dies nicht angefordert haben, können Sie diese E-Mail ignorieren: Es ändert sich nichts, solange der Link nicht bestätigt wurde.

## email_change_requested: to the old address, when a change was asked for

mail-email-change-requested-subject = Änderung Ihrer E-Mail-Adresse für { $app } angefordert
mail-email-change-requested-body = Jemand, der in Ihrem { $app }-Konto { $recipient } angemeldet ist, hat beantragt, es auf { $new_email } umzustellen. Es ändert sich nichts, solange diese Adresse nicht bestätigt wurde.
mail-email-change-requested-advice = Falls Sie das nicht waren, melden Sie sich unter { $url } an, brechen Sie die Änderung ab und ändern Sie Ihr Passwort.

## email_changed: to the old address, once the new one confirmed

mail-email-changed-subject = Ihre E-Mail-Adresse für { $app } wurde geändert
mail-email-changed-body = Ihr { $app }-Konto verwendet { $recipient } nicht mehr: Die neue Adresse ist { $new_email }. E-Mails zu diesem Konto werden ab sofort dorthin gesendet.
mail-contact-admin = Falls Sie das nicht waren, wenden Sie sich umgehend an Ihren Administrator.

## invite: an account made by an administrator

mail-invite-subject = Sie wurden zu { $app } eingeladen
mail-invite-intro = Für Sie wurde ein Konto bei { $app } erstellt: { $recipient }. Legen Sie hier Ihr Passwort fest:
mail-invite-button = Passwort festlegen
mail-invite-ignore = Falls Sie damit nicht gerechnet haben, können Sie diese E-Mail ignorieren.

## set_password: an administrator's link to set a new password

mail-set-password-subject = Neues Passwort für { $app } festlegen
mail-set-password-intro = Ein Administrator von { $app } hat Ihnen diesen Link gesendet, um ein neues Passwort für { $recipient } festzulegen:
mail-set-password-button = Neues Passwort festlegen
mail-set-password-note = Sobald Sie es festlegen, werden alle Sitzungen des Kontos abgemeldet. Bis Sie den Link verwenden, bleibt Ihr Passwort unverändert.

## reset_password: the link of a password reset

mail-reset-password-subject = Passwort für { $app } zurücksetzen
mail-reset-password-intro = Jemand hat beantragt, das Passwort Ihres { $app }-Kontos { $recipient } zurückzusetzen. Falls Sie das waren, öffnen Sie diesen Link und bestätigen Sie:
mail-reset-password-then = Kehren Sie anschließend zu Ihrer App zurück, um das neue Passwort festzulegen.
mail-reset-password-button = Passwort zurücksetzen
mail-reset-password-ignore = Falls Sie dies nicht angefordert haben, können Sie diese E-Mail ignorieren: Ihr Passwort bleibt unverändert.

## Notices of a change to the account's security

mail-password-changed-subject = Ihr Passwort für { $app } wurde geändert
mail-password-changed-body = Das Passwort Ihres { $app }-Kontos { $recipient } wurde soeben geändert. Alle anderen Geräte wurden abgemeldet.
mail-password-changed-body-ip = Das Passwort Ihres { $app }-Kontos { $recipient } wurde soeben von der Adresse { $ip } aus geändert. Alle anderen Geräte wurden abgemeldet.
mail-password-changed-advice = Falls Sie das waren, ist nichts weiter zu tun. Andernfalls setzen Sie Ihr Passwort umgehend unter { $url } zurück und prüfen Sie die Sicherheitsereignisse Ihres Kontos.

mail-password-reset-subject = Ihr Passwort für { $app } wurde zurückgesetzt
mail-password-reset-body = Das Passwort Ihres { $app }-Kontos { $recipient } wurde zurückgesetzt, und alle Geräte wurden abgemeldet.
mail-password-reset-body-ip = Das Passwort Ihres { $app }-Kontos { $recipient } wurde von der Adresse { $ip } aus zurückgesetzt, und alle Geräte wurden abgemeldet.
mail-password-reset-advice = Falls Sie das waren, ist nichts weiter zu tun. Andernfalls setzen Sie Ihr Passwort unter { $url } erneut zurück und wenden Sie sich an Ihren Administrator.

mail-recovery-codes-regenerated-subject = Neue Wiederherstellungscodes für Ihr { $app }-Konto
mail-recovery-codes-regenerated-body = Für Ihr { $app }-Konto { $recipient } wurden neue Wiederherstellungscodes erstellt. Die bisherigen Codes sind nicht mehr gültig.
mail-sign-in-and-change-password = Falls Sie das nicht waren, melden Sie sich unter { $url } an und ändern Sie umgehend Ihr Passwort.

mail-totp-added-subject = Eine Authenticator-App wurde zu Ihrem { $app }-Konto hinzugefügt
mail-totp-added-body = Die Authenticator-App „{ $device }“ wurde zu Ihrem { $app }-Konto { $recipient } hinzugefügt. Zum Anmelden ist jetzt ein Code aus dieser App (oder aus einer Ihrer anderen Authenticator-Apps) erforderlich.
mail-totp-added-advice = Falls Sie das nicht waren, melden Sie sich unter { $url } an, entfernen Sie das Gerät und ändern Sie Ihr Passwort.

mail-totp-removed-subject = Eine Authenticator-App wurde aus Ihrem { $app }-Konto entfernt
mail-totp-removed-body = Die Authenticator-App „{ $device }“ wurde aus Ihrem { $app }-Konto { $recipient } entfernt.
mail-totp-removed-last = Es war die letzte: Zum Anmelden ist kein zweiter Faktor mehr erforderlich, und Ihre Wiederherstellungscodes sind nicht mehr gültig.

## Notices of a passkey added or removed

mail-passkey-added-subject = Ihrem { $app }-Konto wurde ein Passkey hinzugefügt
mail-passkey-added-body = Der Passkey „{ $passkey }“ wurde Ihrem { $app }-Konto { $recipient } hinzugefügt. Mit ihm können Sie sich nun anmelden, allein oder als zweiter Faktor.
mail-passkey-added-advice = Falls Sie das nicht waren, melden Sie sich unter { $url } an, entfernen Sie den Passkey und ändern Sie Ihr Passwort.
mail-passkey-removed-subject = Aus Ihrem { $app }-Konto wurde ein Passkey entfernt
mail-passkey-removed-body = Der Passkey „{ $passkey }“ wurde aus Ihrem { $app }-Konto { $recipient } entfernt.
mail-passkey-removed-last = Es war Ihr letzter zweiter Faktor: Die Anmeldung verlangt keinen mehr, und Ihre Wiederherstellungscodes gelten nicht mehr.

## registration_attempt: someone registered with an address that has an account

mail-registration-attempt-subject = Jemand hat versucht, sich mit Ihrer Adresse bei { $app } zu registrieren
mail-registration-attempt-body = Jemand hat soeben versucht, mit { $recipient } ein neues { $app }-Konto zu registrieren. Für diese Adresse besteht bereits ein Konto, daher wurde nichts geändert.
mail-registration-attempt-advice = Falls Sie das waren: Melden Sie sich stattdessen unter { $url } an oder setzen Sie dort Ihr Passwort zurück, falls Sie es vergessen haben. Falls nicht, können Sie diese E-Mail ignorieren.

## account_deleted

mail-account-deleted-subject = Ihr { $app }-Konto wurde gelöscht
mail-account-deleted-body = Ihr { $app }-Konto { $recipient } wurde samt Abonnements, Hosts und Integrationen gelöscht. Alle Geräte wurden abgemeldet. Dies kann nicht rückgängig gemacht werden.
mail-account-deleted-advice = Falls Sie dies nicht veranlasst haben, wenden Sie sich umgehend an Ihren Administrator.
