# The account console. Every message may use $app (the product's name) and $url (the
# server's public address). Messages with markup (<strong>, links) are rendered as
# HTML; their variables are escaped. Dates ($date) come formatted already.

## Signing in, registering, the terms

sign-in-title = Sign in
sign-in-button = Sign in
sign-in-passkey = Sign in with a passkey
sign-in-forgot = Not sure of your password? Set a new one
sign-in-unverified = Open the link in the mail we sent to <strong>{ $email }</strong>. No mail, or the link expired?
sign-in-code-intro = Your account uses two-factor authentication. Enter the code your authenticator app shows.
sign-in-code-intro-passkey = Your account uses two-factor authentication. Enter the code your authenticator app shows, or use your passkey.
sign-in-recovery-hint = One of the ten codes you saved when you set up two-factor authentication. Each works once.
register-title = Create account
register-display-name-hint = Optional: the name we greet you by.
register-accept-terms = I accept the <a href="{ $terms_url }">Terms and Conditions</a>
register-button = Next Step
register-have-account = Have an account?
check-email-title = Check your email
check-email-sent = We sent a mail to <strong>{ $email }</strong>. Open the link in it to verify your address, then sign in. The link works for a day.
check-email-no-mail = No mail after a few minutes? Look in your spam folder, or have it sent again.
terms-title = Terms and Conditions
terms-changed = The Terms and Conditions changed. Read them, then accept them to go on using your account.
terms-version = Terms and Conditions, version { $version }
terms-accept = Accept
terms-accepted = You accepted the current <a href="{ $terms_url }">Terms and Conditions, version { $version }</a>.
terms-continue = Continue
identity-title = Confirm your identity
identity-intro = This step changes how you sign in or what your account holds, so enter your password first.
identity-intro-code = This step changes how you sign in or what your account holds, so enter your password and a code from your authenticator app first.
identity-confirm = Confirm
identity-passkey = Confirm with a passkey

## Setting a new password (the reset in the browser)

reset-title = Set a new password
reset-intro = Enter the email address of your account. We will send you a link to confirm that you want to set a new password.
reset-button = Send Reset Email
reset-sent-title = Check your inbox
reset-sent-intro = If <strong>{ $email }</strong> belongs to an account, we sent a mail to it. Open the link in it and press "Confirm changing my password", then come back to this page.
reset-sent-no-mail = The link works for an hour. No mail after a few minutes? Look in your spam folder, or <a href="/reset">start again</a>.
reset-sent-button = I have verified my email address
reset-password-title = Choose a new password
reset-password-intro = Setting it signs you out everywhere: sign in again with the new password afterwards.
reset-password-code-hint = Your account uses two-factor authentication: the 6 digits your authenticator app shows.
reset-password-button = Reset password
reset-done-title = Password reset
reset-done = Your password has been reset. All your other sessions have been signed out.
reset-done-return = Return to login screen

## Your Account

account-pending-email = Check <strong>{ $pending }</strong> to verify it: we sent a link there. Your address changes to it once you open that link; until then you keep using { $current }.
account-profile = Edit your profile
account-display-name-hint = Optional. How we address you.
account-verified = Verified.
account-not-verified = Not verified yet.
account-signing-in = Signing in
account-signing-in-intro = Your password, authenticator apps and recovery codes.
account-security-link = Authentication Settings
account-hosting-link = Your hosts and subscriptions
account-delete-intro = This deletes your hosts and integrations and cancels every subscription. It cannot be undone.
account-delete-button = Delete Account

## Signing In: password, authenticator apps, recovery codes, passkeys

security-basic = Basic authentication
security-basic-intro = You sign in with your email address and a password.
security-update = Update
security-update-what = your password
security-two-factor = Two-factor authentication
security-two-factor-passkeys = On, with your passkeys (below). An authenticator app adds a code as another second factor.
security-two-factor-on = On: signing in also asks for a code from one of these authenticator apps.
security-two-factor-off = Off: signing in asks only for your password. An authenticator app on your phone or computer adds a code that changes every 30 seconds.
security-added = Added { $date }
security-last-used = last used { $date }
security-never-used = never used
security-recovery = Recovery codes
security-recovery-remaining = { $remaining } of { $total } recovery codes remain. Each one signs you in once if you lose your authenticator app.
security-recovery-none = You get ten recovery codes when you set up your first authenticator app or passkey.
security-passkeys = Passkeys
security-passkeys-none = A passkey signs you in with your fingerprint, face or screen lock instead of a password, and cannot be phished.
security-passkey-name = Passkey name
security-passkeys-script = Adding or using a passkey needs JavaScript.
password-title = Update your password
password-intro = Every other session of your account is signed out; this one stays.
password-hint = At least 12 characters, not your email address.
totp-setup-title = Set up an authenticator application
totp-setup-expired = This set-up expired before a code was entered, so nothing was added. Start again to get a new QR code.
totp-setup-intro = Scan this QR code with your authenticator app (for example on your phone), then enter the code it shows. Finish before { $date }.
totp-setup-qr = QR code for your authenticator app: it holds the secret and settings listed under Unable to scan
totp-setup-unable = Unable to scan
totp-setup-manual = Enter these settings in your app instead.
totp-setup-secret = Secret
totp-setup-algorithm = Algorithm
totp-setup-digits = Digits
totp-setup-period = Period
totp-setup-seconds = { $seconds } seconds
totp-setup-issuer = Issuer
totp-setup-account = Account name
totp-setup-code-hint = The 6 digits your authenticator app shows now.
totp-setup-name-hint = To tell your apps apart, e.g. Phone or Laptop.
totp-rename-page = Rename { $name }
totp-rename-title = Rename an authenticator app
totp-rename-added = Added { $date }.
passkey-rename-title = Rename a passkey
totp-remove-page = Remove { $name }
totp-remove-title = Remove an authenticator app
totp-remove-intro = Remove <strong>{ $name }</strong> (added { $date })? It will no longer give codes that sign you in.
totp-remove-last = <strong>It is your only authenticator app:</strong> two-factor authentication turns off and your recovery codes stop working.
totp-remove-keep = Keep it: back to Signing In
passkey-add-title = Add a passkey
passkey-add-failed = <a href="/account/security">Back to Signing In</a>, then add the passkey again.
passkey-add-intro = Your browser will ask where to keep the passkey <strong>{ $name }</strong>: this device, your phone, or a security key.
passkey-add-create = Create the passkey
passkey-add-script = Adding a passkey needs JavaScript.
passkey-add-cancel = Cancel: back to Signing In
codes-title = Your recovery codes
codes-first-device = The authenticator app is set up: signing in now asks for a code from it.
codes-intro = If you lose your authenticator app, each of these codes signs you in once. Keep them somewhere safe: they are shown only now.
codes-old = Your old codes no longer work.
codes-download = Download
codes-download-what = the recovery codes as a text file
codes-done = Done: back to Signing In
codes-new-title = Generate new codes
codes-new-intro = Ten new recovery codes replace the ones you have: the old codes stop working at once.
codes-new-none = Recovery codes come with two-factor authentication: set up an authenticator app first.

## Devices and activity

devices-intro = These devices and browsers are signed in to your account. Sign out any you do not recognise, then change your password.
devices-unnamed = Unnamed device
devices-this = This device
devices-last-seen = Last seen
devices-signed-in = Signed in
devices-more = More devices
devices-elsewhere = Everywhere else
devices-elsewhere-intro = Signs out every session but this one.
devices-sign-out-others = Sign out of all other sessions
activity-intro = What happened to your account, newest first: sign-ins, changes to how you sign in, and more.
activity-when = When
activity-nothing = Nothing to show.
activity-nothing-page = Nothing to show on this page.
activity-pages = Pages of activity
activity-newest = Newest
activity-older = Older

## Deleting the account

delete-title = Delete your account
delete-intro = This irreversibly deletes your account <strong>{ $email }</strong>, all its hosts and integrations, and cancels every subscription. It can't be undone.
delete-subscriptions = { $count ->
        [one] { $count } subscription, cancelled
       *[other] { $count } subscriptions, cancelled
    }
delete-hosts = { $count ->
        [one] { $count } host, deleted
       *[other] { $count } hosts, deleted
    }
delete-integrations = { $count ->
        [one] { $count } integration, deleted
       *[other] { $count } integrations, deleted
    }
delete-signed-out = Every device is signed out at once, and a last mail confirms the deletion.
delete-email-hint = Type your email address, { $email }, to confirm.
delete-button = Delete my account
delete-keep = Keep my account
deleted-title = Your account is being deleted
deleted-intro = You are signed out everywhere. Your hosts, integrations and subscriptions are being removed, and a mail confirms it when it is done.

## What a page says after a step (its notice), and of what went wrong

console-error-internal = Something went wrong on our side. Try again in a moment; if it keeps failing, quote the request id below to your administrator.
console-csrf-title = This form has expired
console-csrf = The form did not come from this page, or it is too old. Nothing was changed. Go back, reload the page and try again.
notice-saved = Saved.
notice-email-sent = Saved. A link to confirm the new address is on its way there.
notice-email-cancelled = The address change is cancelled: the link sent for it no longer works.
notice-identity-confirmed = Identity confirmed. Press Save to send a link to the new address.
notice-signed-out-others = { $count ->
        [one] Signed out of { $count } other session.
       *[other] Signed out of { $count } other sessions.
    }
notice-signed-out-one = That session is signed out.

## The events of the Activity page

event-account-registered = Account created
event-email-verified = Email address verified
event-sign-in-succeeded = Signed in
event-sign-in-failed = Failed sign-in attempt
event-sign-in-locked = Sign-in locked after too many failed attempts
event-session-signed-out = Signed out
event-session-revoked = Another session signed out
event-session-reauthenticated = Identity confirmed
event-password-changed = Password changed
event-password-reset-requested = Password reset requested
event-password-reset = Password reset
event-password-set-by-link = Password set from a mailed link
event-two-factor-device-added = Authenticator app added
event-two-factor-device-renamed = Authenticator app renamed
event-two-factor-device-removed = Authenticator app removed
event-two-factor-recovery-codes-regenerated = New recovery codes generated
event-two-factor-recovery-code-used = Recovery code used
event-passkey-added = Passkey added
event-passkey-renamed = Passkey renamed
event-passkey-removed = Passkey removed
event-passkey-used = Passkey used
event-email-change-requested = Email change requested
event-email-change-cancelled = Email change cancelled
event-email-changed = Email address changed
event-account-deletion-requested = Account deletion requested
event-terms-accepted = Terms accepted
event-admin-user-created = Account created by an administrator
event-admin-user-updated = Account changed by an administrator
event-admin-user-deactivated = Account deactivated by an administrator
event-admin-user-reactivated = Account reactivated by an administrator
event-admin-password-set = Password set by an administrator
event-admin-password-link-sent = Password link sent by an administrator
event-admin-unlocked = Sign-in unlocked by an administrator
event-admin-sessions-revoked = Sessions signed out by an administrator
event-admin-two-factor-removed = Second factors removed by an administrator
event-admin-user-deletion-requested = Account deletion requested by an administrator
notice-password-changed = Your password is changed. Your other sessions were signed out.
notice-app-added = The authenticator app is set up.
notice-app-renamed = The authenticator app is renamed.
notice-app-removed = The authenticator app is removed.
notice-passkey-added = The passkey is added.
notice-passkey-removed = The passkey is removed.
notice-passkey-renamed = The passkey is renamed.
console-passwords-differ = The two passwords differ. Type the new password twice.
totp-provisional-name = Authenticator app
console-code-missing = Enter the code your authenticator app shows.
console-code-no-match = The code does not match. Check the app and the device's clock, and try again.
codes-file-heading = Recovery codes: each works once, instead of a code from your authenticator app.
console-password-too-long = A password has at most { $max } characters.
console-second-factor-missing = Enter a code from your authenticator app, or a recovery code.
console-sign-in-expired = This sign-in took too long. Enter your email and password again.
console-password-wrong = The password is wrong.
notice-verification-resent = If this address is waiting to be verified, a new link is on its way to it.
console-terms-changed = The terms changed while this page was open: read them again.
console-delete-not-your-email = This is not your account's email address. Type it exactly as shown.
console-reset-not-confirmed = The link in the mail was not confirmed yet. Open it, press "Confirm changing my password", then come back here.
console-reset-expired = This password reset has expired. Ask for a new mail.
console-reset-unknown = This password reset was used already or is unknown. Ask for a new mail.
console-reset-passwords-differ = The two passwords differ. Type the same new password twice.
