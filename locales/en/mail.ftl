# Mail: subjects, bodies and the layout around them.
# Every message may use $app (the product's name), $recipient (the address the mail
# goes to) and $url (the server's public address).

## The layout

mail-hello = Hello,
mail-hello-name = Hello { $name },
mail-goodbye = Goodbye,
mail-footer = You receive this mail because of an action on your { $app } account.
mail-help = Help: { $support }
mail-open-link = Or open this link:
# How long a link works: $hours is 0 unless it is a whole number of hours.
mail-link-lifetime = The link works once and expires in { $hours ->
        [0] { $minutes ->
                [one] one minute
               *[other] { $minutes } minutes
            }
        [one] an hour
       *[other] { $hours } hours
    }.

## verify_email: the link that verifies a new account's address

mail-verify-email-subject = Verify your email address for { $app }
mail-verify-email-intro = please verify your email address { $recipient } by opening this link:
mail-verify-email-button = Verify my email
mail-verify-email-ignore = If you did not register, ignore this mail: the account made with this address can't be signed in to until the address is verified.

## change_email: the link that confirms a new address, sent to that address

mail-change-email-subject = Confirm your new email address for { $app }
mail-change-email-intro = the { $app } account { $old_email } asked to use { $recipient } from now on. Confirm it by opening this link:
mail-change-email-button = Confirm Email Address
mail-change-email-ignore = If you did not ask for this, ignore this mail: nothing changes until the link is confirmed.

## email_change_requested: to the old address, when a change was asked for

mail-email-change-requested-subject = A change of your { $app } email address was requested
mail-email-change-requested-body = someone signed in to your { $app } account { $recipient } asked to move it to { $new_email }. Nothing changes until that address confirms.
mail-email-change-requested-advice = If this was not you, sign in at { $url }, cancel the change and change your password.

## email_changed: to the old address, once the new one confirmed

mail-email-changed-subject = Your { $app } email address was changed
mail-email-changed-body = your { $app } account no longer uses { $recipient }: its address is now { $new_email }. Mail about the account goes there from now on.
mail-contact-admin = If this was not you, contact your administrator right away.

## invite: an account made by an administrator

mail-invite-subject = You are invited to { $app }
mail-invite-intro = an account on { $app } was made for you: { $recipient }. Choose your password here:
mail-invite-button = Choose my password
mail-invite-ignore = If you did not expect this, ignore this mail.

## set_password: an administrator's link to set a new password

mail-set-password-subject = Set a new { $app } password
mail-set-password-intro = an administrator of { $app } sent you this link to set a new password for { $recipient }:
mail-set-password-button = Set a new password
mail-set-password-note = Setting it signs out every session of the account. Until you use it, your password stays as it is.

## reset_password: the link of a password reset

mail-reset-password-subject = Reset your { $app } password
mail-reset-password-intro = someone asked to reset the password of your { $app } account { $recipient }. If it was you, open this link and confirm:
mail-reset-password-then = Then return to your app to choose the new password.
mail-reset-password-button = Reset my password
mail-reset-password-ignore = If you did not ask for this, ignore this mail: your password stays as it is.

## Notices of a change to the account's security

mail-password-changed-subject = Your { $app } password was changed
mail-password-changed-body = the password of your { $app } account { $recipient } was just changed. Every other device was signed out.
mail-password-changed-body-ip = the password of your { $app } account { $recipient } was just changed from the address { $ip }. Every other device was signed out.
mail-password-changed-advice = If this was you, there is nothing to do. If it was not, reset your password at { $url } right away, and check your account's security events.

mail-password-reset-subject = Your { $app } password was reset
mail-password-reset-body = the password of your { $app } account { $recipient } was reset, and every device was signed out.
mail-password-reset-body-ip = the password of your { $app } account { $recipient } was reset from the address { $ip }, and every device was signed out.
mail-password-reset-advice = If this was you, there is nothing to do. If it was not, reset your password again at { $url } and contact your administrator.

mail-recovery-codes-regenerated-subject = New recovery codes for your { $app } account
mail-recovery-codes-regenerated-body = new recovery codes were made for your { $app } account { $recipient }. The previous codes no longer work.
mail-sign-in-and-change-password = If this was not you, sign in at { $url } and change your password right away.

mail-totp-added-subject = An authenticator app was added to your { $app } account
mail-totp-added-body = the authenticator app "{ $device }" was added to your { $app } account { $recipient }. Signing in now needs a code from it (or from another of your authenticator apps).
mail-totp-added-advice = If this was not you, sign in at { $url }, remove the device, and change your password.

mail-totp-removed-subject = An authenticator app was removed from your { $app } account
mail-totp-removed-body = the authenticator app "{ $device }" was removed from your { $app } account { $recipient }.
mail-totp-removed-last = It was the last one: signing in no longer needs a second factor, and your recovery codes no longer work.

## Notices of a passkey added or removed

mail-passkey-added-subject = A passkey was added to your { $app } account
mail-passkey-added-body = the passkey "{ $passkey }" was added to your { $app } account { $recipient }. It can now sign in to your account, alone or as a second factor.
mail-passkey-added-advice = If this was not you, sign in at { $url }, remove the passkey, and change your password.
mail-passkey-removed-subject = A passkey was removed from your { $app } account
mail-passkey-removed-body = the passkey "{ $passkey }" was removed from your { $app } account { $recipient }.
mail-passkey-removed-last = It was your last second factor: signing in no longer needs one, and your recovery codes no longer work.

## registration_attempt: someone registered with an address that has an account

mail-registration-attempt-subject = Someone tried to register with your address at { $app }
mail-registration-attempt-body = someone just tried to register a new { $app } account with { $recipient }. This address already has an account, so nothing was changed.
mail-registration-attempt-advice = If it was you: sign in at { $url } instead, or reset your password there if you forgot it. If it was not you, you can ignore this mail.

## account_deleted

mail-account-deleted-subject = Your { $app } account was deleted
mail-account-deleted-body = your { $app } account { $recipient } has been deleted, with its subscriptions, hosts and integrations. Every device was signed out. This can't be undone.
mail-account-deleted-advice = If you did not ask for this, contact your administrator right away.
