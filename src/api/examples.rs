//! Request bodies as a script sends them, written per operation: the schema's generated
//! example shows a body's shape, these show what each call is for (an invitation rather
//! than a password, a reset with an authenticator code or with a recovery code).
//! [`super::spec()`] puts them under each operation's request body, where Swagger UI,
//! Redoc and schemathesis' example phase find them; a test sends every one of them to a
//! live server and checks that it is read and passes validation.

use serde_json::{Value, json};

/// One named example: its key in the document, a one-line summary, the body.
pub struct BodyExample {
    pub name: &'static str,
    pub summary: &'static str,
    pub value: Value,
}

fn example(name: &'static str, summary: &'static str, value: Value) -> BodyExample {
    BodyExample {
        name,
        summary,
        value,
    }
}

const PASSWORD: &str = "correct horse battery staple";
const NEW_PASSWORD: &str = "a quite different passphrase";
/// A client secret as a client makes one: 32 random characters, kept until the reset ends.
const CLIENT_SECRET: &str = "q8Zt3nVb0xLw6YcR2mKd9sHf4jPa7uEg";
/// An email link's token: the `token` parameter of the link in the mail.
const LINK_TOKEN: &str = "kVx0sM2bq9W4nT7yLcRz5dHf8gJp3aE1uN6iQoB4tXw";

/// The examples of the request body of `operation_id`; empty for an operation without one.
pub fn request_body(operation_id: &str) -> Vec<BodyExample> {
    match operation_id {
        // registration and verification
        "register" => vec![
            example(
                "minimal",
                "An address, a password of 12 characters or more, the terms accepted",
                json!({"email": "ada@example.org", "password": PASSWORD, "accept_terms": true}),
            ),
            example(
                "with_name",
                "With the name shown in the account and in mail",
                json!({
                    "email": "ada@example.org",
                    "password": PASSWORD,
                    "accept_terms": true,
                    "display_name": "Ada Lovelace"
                }),
            ),
        ],
        "confirm_email_verification" => vec![example(
            "from_the_mail",
            "The token of the link in the verification mail",
            json!({"token": LINK_TOKEN}),
        )],
        "resend_verification" => vec![example(
            "resend",
            "Send the verification mail again (answered alike for any address)",
            json!({"email": "ada@example.org"}),
        )],

        // sessions
        "sign_in" => vec![
            example(
                "password",
                "Sign in with the address and the password",
                json!({"email": "ada@example.org", "password": PASSWORD}),
            ),
            example(
                "named_device",
                "Name the session, as the session list will show it",
                json!({
                    "email": "ada@example.org",
                    "password": PASSWORD,
                    "device_name": "Ada's laptop"
                }),
            ),
        ],
        "sign_in_mfa" => vec![
            example(
                "authenticator_code",
                "The second step: the ticket from the first, the code the app shows",
                json!({"mfa_ticket": "stw_m_Q2xZbW9wM1R4cUx2NmpKdzhSZkE5a0hzVGRZYzJOcA", "code": "492039"}),
            ),
            example(
                "recovery_code",
                "The second step with a recovery code, for a lost phone (each works once)",
                json!({
                    "mfa_ticket": "stw_m_Q2xZbW9wM1R4cUx2NmpKdzhSZkE5a0hzVGRZYzJOcA",
                    "recovery_code": "k7mq-2xwd-9hfp"
                }),
            ),
        ],
        "reauthenticate" => vec![
            example(
                "password",
                "Confirm it is still you before a sensitive action",
                json!({"password": PASSWORD}),
            ),
            example(
                "password_and_code",
                "The same, for an account with an authenticator app",
                json!({"password": PASSWORD, "code": "492039"}),
            ),
        ],

        // the account
        "update_account" => vec![example(
            "rename",
            "Change the name shown in the account and in mail",
            json!({"display_name": "Ada King"}),
        )],
        "request_email_change" => vec![example(
            "new_address",
            "Move the account to a new address; a mail to it confirms the change",
            json!({"new_email": "ada.king@example.org"}),
        )],
        "confirm_email_change" => vec![example(
            "from_the_mail",
            "The token of the link in the mail sent to the new address",
            json!({"token": LINK_TOKEN}),
        )],
        "change_password" => vec![example(
            "new_password",
            "A new password; other sessions are signed out",
            json!({"new_password": NEW_PASSWORD}),
        )],
        "accept_terms" => vec![example(
            "current_version",
            "Accept the terms by the version GET /api/v1/terms names",
            json!({"version": crate::config::TermsConfig::default().version}),
        )],

        // password reset
        "request_password_reset" => vec![example(
            "start",
            "Ask for the mail; keep the client secret, it finishes the reset",
            json!({"email": "ada@example.org", "client_secret": CLIENT_SECRET}),
        )],
        "complete_password_reset" => vec![
            example(
                "no_second_factor",
                "After \"I have verified my email address\": the new password",
                json!({
                    "client_secret": CLIENT_SECRET,
                    "new_password": NEW_PASSWORD,
                    "sign_out_all_sessions": true
                }),
            ),
            example(
                "authenticator_code",
                "For an account with an authenticator app: its code too",
                json!({
                    "client_secret": CLIENT_SECRET,
                    "new_password": NEW_PASSWORD,
                    "code": "492039",
                    "sign_out_all_sessions": true
                }),
            ),
            example(
                "recovery_code",
                "For an account whose authenticator is lost: a recovery code",
                json!({
                    "client_secret": CLIENT_SECRET,
                    "new_password": NEW_PASSWORD,
                    "recovery_code": "k7mq-2xwd-9hfp",
                    "sign_out_all_sessions": true
                }),
            ),
        ],

        // two-factor
        "start_totp_enrollment" => vec![example(
            "phone",
            "Add an authenticator app; the name tells the devices apart",
            json!({"device_name": "Phone (Aegis)"}),
        )],
        "confirm_totp_enrollment" => vec![example(
            "code",
            "The code the app shows after scanning the QR code",
            json!({"code": "492039"}),
        )],
        "rename_totp_device" => vec![example(
            "rename",
            "Rename an authenticator device",
            json!({"name": "Work phone"}),
        )],

        // passkeys
        "begin_passkey_registration" => vec![example(
            "laptop",
            "Add a passkey; the name tells them apart",
            json!({"name": "Laptop (Touch ID)"}),
        )],
        "complete_passkey_registration" => vec![example(
            "browser_answer",
            "The answer of navigator.credentials.create, as credential.toJSON() gives it",
            json!({"credential": {
                "id": "AbC3dEf6gHi9",
                "rawId": "AbC3dEf6gHi9",
                "type": "public-key",
                "response": {
                    "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0",
                    "attestationObject": "o2NmbXRkbm9uZQ",
                    "transports": ["internal"]
                },
                "clientExtensionResults": {}
            }}),
        )],
        "rename_passkey" => vec![example(
            "rename",
            "Rename a passkey",
            json!({"name": "Work laptop"}),
        )],
        "begin_passkey_sign_in" => vec![example(
            "discoverable",
            "Nothing is asked: the person picks a passkey in the browser",
            json!({}),
        )],
        "complete_passkey_sign_in" => vec![example(
            "browser_answer",
            "The answer of navigator.credentials.get, as credential.toJSON() gives it",
            json!({
                "credential": {
                    "id": "AbC3dEf6gHi9",
                    "rawId": "AbC3dEf6gHi9",
                    "type": "public-key",
                    "response": {
                        "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0",
                        "authenticatorData": "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ",
                        "signature": "MEUCIQDx",
                        "userHandle": "AZNvOnwuelGdOy9sjkobBw"
                    },
                    "clientExtensionResults": {}
                },
                "device_name": "Ada's laptop"
            }),
        )],
        "password_reset_passkey_options" => vec![example(
            "client_secret",
            "After \"I have verified my email address\": options to prove a passkey",
            json!({"client_secret": CLIENT_SECRET}),
        )],

        // hosting
        "create_subscription" => vec![
            example(
                "managed_homeserver",
                "Subscribe to a plan by its id (GET /api/v1/plans lists them)",
                json!({"plan_id": "managed-homeserver"}),
            ),
            example(
                "trial",
                "Start the on-premise trial",
                json!({"plan_id": "on-premise-trial"}),
            ),
        ],
        "create_host" => vec![
            example(
                "with_domain",
                "A host under a subscription, at its own domain",
                json!({
                    "subscription_id": "0192f4c4-7a52-7cc3-9a4e-3b8f5d2a6e11",
                    "name": "Team chat",
                    "domain": "matrix.example.org"
                }),
            ),
            example(
                "without_domain",
                "A host whose domain comes later",
                json!({
                    "subscription_id": "0192f4c4-7a52-7cc3-9a4e-3b8f5d2a6e11",
                    "name": "Staging"
                }),
            ),
        ],
        "update_host" => vec![
            example("rename", "Rename a host", json!({"name": "Team chat (EU)"})),
            example(
                "move",
                "Move a host to another domain",
                json!({"domain": "chat.example.org"}),
            ),
        ],
        "create_integration" => vec![
            example(
                "webhook",
                "A webhook: kind, name and settings are the integration's own",
                json!({
                    "kind": "webhook",
                    "name": "Deploy notices",
                    "settings": {"url": "https://ci.example.org/hooks/steward", "events": ["deploy"]}
                }),
            ),
            example(
                "bridge",
                "A bridge with no settings yet",
                json!({"kind": "slack-bridge", "name": "Slack bridge"}),
            ),
        ],
        "update_integration" => vec![
            example(
                "settings",
                "Replace the settings",
                json!({"settings": {"url": "https://ci.example.org/hooks/steward-v2", "events": ["deploy", "alert"]}}),
            ),
            example(
                "rename",
                "Rename it",
                json!({"name": "Deploy and alert notices"}),
            ),
        ],

        // admin
        "admin_create_user" => vec![
            example(
                "invite",
                "Invite someone: a mail with a link where they choose a password",
                json!({"email": "grace@example.org", "display_name": "Grace Hopper", "send_invite": true}),
            ),
            example(
                "with_password",
                "An account with a password you pass on, its address taken as verified",
                json!({
                    "email": "ops-robot@example.org",
                    "password": PASSWORD,
                    "email_verified": true
                }),
            ),
            example(
                "admin",
                "Another operator",
                json!({"email": "grace@example.org", "is_admin": true, "send_invite": true}),
            ),
        ],
        "admin_update_user" => vec![
            example(
                "make_admin",
                "Make a user an operator",
                json!({"is_admin": true}),
            ),
            example(
                "fix_address",
                "Correct an address the person can no longer verify",
                json!({"email": "grace.hopper@example.org", "email_verified": true}),
            ),
        ],
        "admin_set_password" => vec![example(
            "set_and_sign_out",
            "Set a password and sign the user out everywhere",
            json!({"new_password": NEW_PASSWORD, "sign_out_sessions": true}),
        )],
        "admin_create_api_token" => vec![
            example(
                "script",
                "A token for a script, without an expiry",
                json!({"name": "nightly user export"}),
            ),
            example(
                "expiring",
                "A token that stops working at a given time",
                json!({"name": "migration 2030", "expires_at": "2030-12-31T23:59:59Z"}),
            ),
        ],
        "admin_create_webhook" => vec![
            example(
                "hosts",
                "The provisioning service learns of hosts",
                json!({
                    "url": "https://provisioning.example.org/steward/events",
                    "events": ["host.created", "host.updated", "host.deleted"],
                    "description": "provisioning"
                }),
            ),
            example(
                "everything",
                "A chat bot gets every event",
                json!({"url": "https://bot.example.org/hooks/steward", "events": ["*"]}),
            ),
        ],
        "admin_update_webhook" => vec![
            example(
                "turn_on",
                "Turn an endpoint on again (after a 410 turned it off)",
                json!({"enabled": true}),
            ),
            example(
                "more_events",
                "Send account events too",
                json!({"events": ["account.created", "account.deleted", "host.created"]}),
            ),
        ],
        _ => Vec::new(),
    }
}
