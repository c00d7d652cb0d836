# API errors: the title and detail of a problem answer, by its code (which never
# changes). English answers keep the detail their cause gives (it may name a field or
# a value); other languages say the code's own sentence below.
# The page shown for a refusal before any page (an unknown address, too many tries).

error-page-back = Back to the start page
error-page-form-unreadable = The form could not be read. Reload the page and try again.

error-invalid-request-title = The request could not be read
error-invalid-request-detail = The request could not be read: check its body and parameters.
error-validation-failed-title = Some fields are invalid
error-validation-failed-detail = Some fields are invalid: see errors for each one.
error-unauthenticated-title = Not signed in
error-unauthenticated-detail = Sign in first: the session is missing, unknown or expired.
error-invalid-credentials-title = Wrong email or password
error-invalid-credentials-detail = The email address or the password is wrong.
error-email-not-verified-title = Email address not verified
error-email-not-verified-detail = Verify your email address first: open the link in the mail we sent you.
error-account-deactivated-title = Account deactivated
error-account-deactivated-detail = This account is deactivated. Contact your administrator.
error-forbidden-title = Not allowed
error-forbidden-detail = You are not allowed to do this.
error-reauthentication-required-title = Confirm your password first
error-reauthentication-required-detail = Confirm your password (and second factor) first.
error-terms-not-accepted-title = Terms not accepted
error-terms-not-accepted-detail = Accept the current terms first.
error-not-found-title = Not found
error-not-found-detail = There is nothing here, or it is not yours.
error-method-not-allowed-title = Method not allowed
error-method-not-allowed-detail = This address does not take this method.
error-email-taken-title = Email address taken
error-email-taken-detail = This email address belongs to another account.
error-email-not-validated-title = Email address not validated yet
error-email-not-validated-detail = Open the link in the mail and confirm it first.
error-token-invalid-title = Invalid link
error-token-invalid-detail = This link is unknown or was used already.
error-token-expired-title = Link expired
error-token-expired-detail = This link has expired. Ask for a new mail.
error-invalid-code-title = Invalid code
error-invalid-code-detail = The code is wrong, expired or was used already.
error-two-factor-required-title = Second factor required
error-two-factor-required-detail = This account uses two-factor authentication: send a code or a recovery code too.
error-two-factor-not-enabled-title = Two-factor authentication not enabled
error-two-factor-not-enabled-detail = Two-factor authentication is not turned on for this account.
error-enrollment-expired-title = Enrollment expired
error-enrollment-expired-detail = This enrollment has expired. Start again.
error-plan-limit-reached-title = Plan limit reached
error-plan-limit-reached-detail = The plan allows no more hosts for this subscription.
error-domain-taken-title = Domain taken
error-domain-taken-detail = Another host uses this domain.
error-subscription-inactive-title = Subscription not active
error-subscription-inactive-detail = This subscription is expired or being cancelled.
error-mail-not-failed-title = Mail not failed
error-mail-not-failed-detail = Only a failed mail can be retried.
error-webhook-url-forbidden-title = Webhook URL not allowed
error-webhook-url-forbidden-detail = This webhook address is not allowed.
error-webhook-delivery-not-failed-title = Delivery not failed
error-webhook-delivery-not-failed-detail = Only a failed delivery can be retried.
error-invalid-credential-title = Passkey not accepted
error-invalid-credential-detail = The passkey was not accepted.
error-registration-expired-title = Registration expired
error-registration-expired-detail = This passkey registration has expired. Start again.
error-passkeys-unavailable-title = Passkeys unavailable
error-passkeys-unavailable-detail = Passkeys are not available on this server.
error-passkey-already-registered-title = Passkey already registered
error-passkey-already-registered-detail = This passkey is registered already.
error-payload-too-large-title = Request body too large
error-payload-too-large-detail = The request body is too large.
error-unsupported-media-type-title = Unsupported content type
error-unsupported-media-type-detail = Send the body as JSON, with the header Content-Type: application/json.
error-rate-limited-title = Too many requests
error-rate-limited-detail = Too many attempts. Try again in { $seconds } seconds.
error-internal-error-title = Internal error
error-internal-error-detail = The server failed to answer. Quote the request id when reporting this.

## What is wrong with a field, beside it on a page and in the API's errors (the API
## says the English words exactly as written here)

invalid-email-empty = Enter an email address.
invalid-email-too-long = An email address has at most { $max } characters.
invalid-email = This is not a valid email address.
invalid-too-short = Use at least { $min } characters.
invalid-too-long = Use at most { $max } characters.
invalid-password-is-email = The password must not be your email address.
invalid-control-characters = Control characters are not allowed.
invalid-accept-terms = Accept the terms of service to register.
invalid-device-name = Name the device, e.g. "Phone".
invalid-passkey-name = Name the passkey, e.g. "Laptop".
invalid-locale = Choose one of the offered languages: { $languages }.
invalid-terms-version = The current terms are version { $version }.
invalid-cursor = Not a cursor from this list.
invalid-same-email = This is already your address.
invalid-client-secret = Use 16 to 255 characters the client chose at random.
invalid-plan = There is no such plan: choose one of the plans offered.
invalid-subscription = There is no such subscription of yours.
invalid-name-empty = Give it a name.
invalid-domain = Not a valid domain name (like matrix.example.org).
invalid-kind = Use 1 to 50 of a-z, 0-9, _ and -.
invalid-kind-fixed = The kind of an integration can't change: make a new one.
invalid-settings-object = Settings are a JSON object.
invalid-settings-too-large = Settings are at most 16 KiB of JSON.
invalid-mail-status = One of pending, sent, failed, skipped.
invalid-user-status = One of active, deactivated, deleting.
invalid-password-or-invite = Either set a password or send an invitation, not both.
invalid-token-name = Name the token after the script that uses it.
invalid-expiry-past = The expiry must be in the future.
invalid-expires-days = A whole number of days, 1 to 3650.
invalid-webhook-url-long = Give an http or https URL of at most { $max } characters.
invalid-webhook-url = Not a valid URL: give an http or https URL with a host name.
invalid-webhook-events-empty = List the events to send, or ["*"] for all.
invalid-webhook-events-unknown = Unknown event types: { $events }.

## Why something is not allowed (a refusal's detail)

forbidden-self-deactivate = Admins can't deactivate themselves.
forbidden-self-delete = Admins can't delete their own account as admins: delete it from your own account.
forbidden-self-demote = Admins can't remove their own admin rights; ask another admin.
forbidden-admin-needed = This needs an admin account or an admin API token.
forbidden-not-an-admin = This account is not an admin.
forbidden-reset-secret = This client_secret does not belong to this reset.
