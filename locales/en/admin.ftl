# The admin page (/admin). Every message may use $app (the product's name). Messages
# with markup (<code>) are rendered as HTML. Dates come formatted already; $status is
# an account's status code (active, deactivated, deleting), shown in words.

## The layout

admin-brand = { $app } admin
admin-users = Users
admin-mail-title = Failed mail
admin-tokens-title = API tokens
admin-webhooks-title = Webhooks
admin-signed-in-as = Signed in as { $email }

## Words the tables and pages share

admin-name = Name
admin-status = Status
admin-status-value = { $status ->
        [active] active
        [deactivated] deactivated
        [deleting] deleting
       *[other] { $status }
    }
admin-created = Created
admin-added = Added
admin-last-used = Last used
admin-never = never
admin-tries = Tries
admin-last-error = Last error
admin-retry = Retry
admin-next-page = Next page
admin-back = Back

## Signing in

admin-second-factor = Second factor
admin-sign-in-code = Code from your authenticator app, or a recovery code
admin-verify = Verify

## Users

admin-search-placeholder = Email or name
admin-search-label = Search by email or name
admin-any-status = Any status
admin-search = Search
admin-2fa = 2FA
admin-tag-admin = admin
admin-tag-unverified = unverified
admin-on = on
admin-users-none = No user matches.
admin-first-page = First page
admin-invite-title = Invite a user
admin-invite-intro = They get a mail with a link to choose their password.
admin-invite-name = Name (optional)
admin-invite = Invite

## One user

admin-verified = verified
admin-not-verified = not verified
admin-yes = yes
admin-no = no
admin-password-set = set
admin-password-not-set = not set yet
admin-two-factor = Two-factor
admin-two-factor-on = on ({ $devices ->
        [one] { $devices } device
       *[other] { $devices } devices
    }, { $passkeys ->
        [one] { $passkeys } passkey
       *[other] { $passkeys } passkeys
    })
admin-off = off
admin-subscriptions = Subscriptions
admin-hosts = Hosts
admin-last-sign-in = Last sign-in
admin-actions = Actions
admin-deactivate = Deactivate
admin-reactivate = Reactivate
admin-password-link = Mail a password link
admin-unlock = Unlock sign-in
admin-end-sessions = End sessions
admin-remove-two-factor = Remove two-factor
admin-delete-account = Delete account
admin-edit = Edit
admin-edit-email = Email (used at once, no confirmation mail)
admin-email-verified = Email verified
admin-sessions = Sessions ({ $count })
admin-device = Device
admin-ip = IP
admin-sessions-none = No live session.
admin-passkeys = Passkeys ({ $count })
admin-passkeys-none = No passkey.

## Failed mail

admin-mail-intro = Mail that every try failed to send. Fix the cause (often the SMTP settings), then retry.
admin-mail-to = To
admin-mail-mail = Mail
admin-mail-queued = Queued
admin-mail-none = No failed mail.

## API tokens

admin-token-created = Token “{ $name }” created
admin-token-copy = Copy it now: it is shown only this once.
admin-expires = Expires
admin-revoke = Revoke
admin-tokens-none = No live token.
admin-token-new = New token
admin-token-intro = For a script: send it as <code>Authorization: Bearer …</code> to the admin API.
admin-token-name = Name (what uses it)
admin-token-days = Expires after days (empty: never)
admin-token-create = Create token

## Webhooks

admin-webhooks-intro = Where events are sent, signed. Register and change endpoints with the admin API or <code>steward webhook</code>; deliveries that every try failed are listed under their endpoint.
admin-webhook-on = On
admin-webhook-off = Off
admin-webhook-events = events: { $events }
admin-webhook-failed = Failed deliveries
admin-event = Event
admin-webhook-failed-none = No failed deliveries.
admin-webhook-more = More failed deliveries: see the admin API.
admin-webhooks-none = No webhook endpoints yet.

## What the page says after a step, and of what went wrong

admin-done-created = The user was created.
admin-done-invited = The user was created and an invitation mailed.
admin-done-updated = Saved.
admin-done-deactivated = The user is deactivated and every session ended.
admin-done-reactivated = The user is active again.
admin-done-password-link = A mail with a link to set a new password is on its way.
admin-done-unlocked = Sign-in is unlocked.
admin-done-sessions-ended = Every session of the user ended.
admin-done-two-factor-removed = Every second factor was removed; a notice was mailed.
admin-done-deleting = The account is being deleted.
admin-done-retried = The mail is queued again.
admin-done-revoked = The token is revoked.
admin-done-delivery-retried = The delivery is queued again.
admin-not-done = Not done
admin-not-signed-out = Not signed out
admin-error-internal = Something went wrong; the log has the details.
admin-csrf-refused = This form expired or did not come from this page. Sign in again.
admin-form-expired = This form expired. Try again.

## Confirming an action on a user: its title, what it does, its button

admin-confirm-deactivate = Deactivate this user?
admin-confirm-deactivate-what = Every session ends at once and sign-in is refused until the user is reactivated.
admin-confirm-deactivate-button = Yes, deactivate this user
admin-confirm-end-sessions = End every session of this user?
admin-confirm-end-sessions-what = Every device of the user is signed out.
admin-confirm-end-sessions-button = Yes, end every session of this user
admin-confirm-remove-2fa = Remove every second factor?
admin-confirm-remove-2fa-what = The user signs in with the password alone until they add an authenticator app again. A notice is mailed.
admin-confirm-remove-2fa-button = Yes, remove every second factor
admin-confirm-delete = Delete this account?
admin-confirm-delete-what = The account and everything it owns (subscriptions, hosts, integrations) are deleted for good. This can't be undone.
admin-confirm-delete-button = Yes, delete this account
