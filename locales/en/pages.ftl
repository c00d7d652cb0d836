# Pages: what every page shares (the layout, the language picker, form fields), and the
# pages that email links open. Every message may use $app (the product's name) and
# $url (the server's public address). Messages with markup (<strong>, links) are
# rendered as HTML; their variables are escaped.

## The layout and the language picker

language-label = Language
language-submit = Change language
layout-skip = Skip to content
layout-nav-label = Account
layout-help = Need help?
nav-account = Your Account
nav-security = Signing In
nav-devices = Devices
nav-activity = Activity
nav-hosting = Hosting
nav-admin = Admin
nav-sign-out = Sign out

## Form fields and words many pages share

field-email = Email
field-password = Password
field-new-password = New password
field-confirm-password = Confirm password
field-display-name = Display name
field-code = Code
field-code-hint = The 6 digits your authenticator app shows.
field-recovery-code = Recovery code
field-device-name = Device name
password-min-hint = At least { $min } characters.
use-recovery-code = Use a recovery code
resend-email = Resend email
start-again = Start again
go-to-sign-in = Go to the sign-in page
back-to-sign-in = Back to sign in
back-to-account = Back to your account
back-to-security = Back to Signing In
cancel = Cancel
save = Save
submit = Submit
rename = Rename
remove = Remove
unknown = unknown
ip-address = IP address
browser = Browser
error-request-id = Request id:

## The pages that email links open

link-proceed = Click here to proceed
link-verify-title = Verify your email
link-verify-intro = Confirm that <strong>{ $email }</strong> is your address.
link-verify-button = Verify my email
link-verify-done-title = Email verified
link-verify-done = Your email is verified.
link-confirm-email-title = Confirm your new email address
link-confirm-email-intro = Your account will use <strong>{ $email }</strong> from now on.
link-confirm-email-button = Confirm Email Address
link-confirm-email-done-title = Email address changed
link-confirm-email-done = Your account now uses <strong>{ $email }</strong>.
link-reset-title = Reset your password
link-reset-intro = Confirm that you asked to change your password. You will choose the new one in your app.
link-reset-button = Confirm changing my password
link-reset-done-title = Email validated
link-reset-done = Your email has now been validated, please return to your client to reset your password. You may now close this window.
link-set-password-title = Set a new password
link-set-password-invite-title = Choose your password
link-set-password-for = For <strong>{ $email }</strong>. At least { $min } characters.
link-set-password-again = The same again
link-set-password-button = Set my password
link-set-password-done-title = Password set
link-set-password-done = Your password is set and your address is verified. Every earlier session was signed out. You can sign in now. You may close this window.

## What the pages that email links open say when a link does not work

link-passwords-differ = The two passwords differ. Type the same password twice.
link-expired-title = This link has expired
link-expired = Ask for a new mail from the app and use the link in it.
link-invalid-title = This link is not valid
link-invalid-verify = Each link works once, and once one of them verified the address the others stop working. If your address is verified, you can sign in.
link-invalid-change-email = It was used already, or the change was cancelled or replaced by a newer one.
link-invalid-reset = It was used already: each link works once.
link-invalid-set-password = It was used already, or a newer one replaced it.
link-email-taken-title = This address is taken
link-email-taken = Another account uses this address now. Nothing was changed.
link-failed-title = Something went wrong
link-failed = Please try again in a moment.
