#!/usr/bin/env python3
"""A script that drives Steward through a client generated from its OpenAPI document.

Generate the client once (in a virtual env):

    pip install openapi-python-client pyotp cryptography
    openapi-python-client generate --path openapi/openapi.json --meta none \
        --output-path steward_client

Then, against a running server whose mail you can read:

    python3 examples/python_client.py --base-url http://127.0.0.1:8080 \
        --outbox ./data/outbox            # the default file transport writes mail here

It registers an account, verifies it from the mail, signs in, adds a passkey (after
confirming its identity) and signs in with it alone, adds an authenticator app, takes a
subscription and a host, and deletes the account. The passkey is made by a small
software authenticator (the `cryptography` package) standing in for the browser's
`navigator.credentials`; passkeys need a public URL on a host name, so run it against
e.g. http://localhost:8080, not an IP address. `--smtp-port` instead starts
a small SMTP receiver (needs aiosmtpd) for a server configured to send there; that is
how scripts/test runs it.
"""

import argparse
import base64
import email
import hashlib
import json
import os
import email.policy
import pathlib
import re
import sys
import time
import uuid

import pyotp
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from steward_client import AuthenticatedClient, Client
from steward_client.api.account import delete_account, get_account
from steward_client.api.hosting import create_host, create_subscription, list_hosts, list_plans
from steward_client.api.passkeys import (
    begin_passkey_registration,
    begin_passkey_sign_in,
    complete_passkey_registration,
    complete_passkey_sign_in,
    list_passkeys,
)
from steward_client.api.registration import confirm_email_verification, register
from steward_client.api.sessions import reauthenticate, sign_in, sign_in_mfa
from steward_client.api.two_factor import confirm_totp_enrollment, start_totp_enrollment
from steward_client.models import (
    ConfirmRequest,
    ErrorBody,
    MfaRequest,
    MfaRequired,
    NewHostBody,
    NewSubscription,
    PasskeyCredentialRequest,
    PasskeyRegistrationRequest,
    PasskeySignInCompletion,
    PasskeySignInRequest,
    ReauthenticateRequest,
    RegistrationRequest,
    SignedIn,
    SignInRequest,
    TotpCodeRequest,
    TotpEnrollmentRequest,
)

PASSWORD = "a long example password"


def check(result, expected_type, what):
    """Stops with the API's error (its stable `code`) when a call did not do `what`."""
    if isinstance(result, ErrorBody):
        sys.exit(f"{what}: {result.status} {result.code}: {result.detail}")
    if not isinstance(result, expected_type):
        sys.exit(f"{what}: unexpected answer {result!r}")
    return result


class Outbox:
    """Mail from the file transport's folder."""

    def __init__(self, folder):
        self.folder = pathlib.Path(folder)
        self.seen = set(self.folder.glob("*.eml")) if self.folder.exists() else set()

    def next_to(self, address, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for path in sorted(self.folder.glob("*.eml")):
                if path in self.seen:
                    continue
                self.seen.add(path)
                message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                if address in message["To"]:
                    return message
            time.sleep(0.2)
        sys.exit(f"no mail to {address} in {self.folder}")


class SmtpReceiver:
    """A real SMTP server (aiosmtpd) that keeps what it receives."""

    def __init__(self, port):
        from aiosmtpd.controller import Controller

        self.messages = []
        receiver = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                receiver.messages.append(
                    email.message_from_bytes(envelope.content, policy=email.policy.default)
                )
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)
        self.controller.start()
        self.taken = 0

    def next_to(self, address, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, message in enumerate(self.messages[self.taken :], start=self.taken):
                if address in message["To"]:
                    self.taken = i + 1
                    return message
            time.sleep(0.2)
        sys.exit(f"no mail to {address} arrived")


def link_token(message, path):
    text = message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(re.escape(path) + r"\?token=([A-Za-z0-9_-]+)", text)
    if not found:
        sys.exit(f"no {path} link in the mail:\n{text}")
    return found.group(1)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def cbor(value):
    """The little CBOR a WebAuthn attestation needs: ints, byte and text strings, maps."""

    def head(major, n):
        if n < 24:
            return bytes([major << 5 | n])
        for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if n < 1 << (8 * size):
                return bytes([major << 5 | extra]) + n.to_bytes(size, "big")
        raise ValueError(n)

    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode()
        return head(3, len(data)) + data
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value.items())
    raise TypeError(type(value))


class SoftAuthenticator:
    """A passkey in memory: what a browser's `navigator.credentials.create()` / `.get()`
    and `credential.toJSON()` give, for one origin. P-256 keys, "none" attestation,
    discoverable (the user handle comes back at sign-in)."""

    UP, UV, AT = 0x01, 0x04, 0x40

    def __init__(self, origin):
        self.origin = origin
        self.credentials = []  # (id, private key, user handle, counter)

    def _client_data(self, kind, challenge):
        data = {"type": kind, "challenge": challenge.rstrip("="), "origin": self.origin,
                "crossOrigin": False}
        return json.dumps(data).encode()

    def create(self, options):
        key = ec.generate_private_key(ec.SECP256R1())
        numbers = key.public_key().public_numbers()
        credential_id = os.urandom(32)
        cose_key = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"),
                    -3: numbers.y.to_bytes(32, "big")}
        auth_data = (
            hashlib.sha256(options["rp"]["id"].encode()).digest()
            + bytes([self.UP | self.UV | self.AT])
            + (0).to_bytes(4, "big")
            + bytes(16)  # no AAGUID
            + len(credential_id).to_bytes(2, "big")
            + credential_id
            + cbor(cose_key)
        )
        attestation = cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})
        self.credentials.append([credential_id, key, unb64url(options["user"]["id"]), 0])
        client_data = self._client_data("webauthn.create", options["challenge"])
        return {
            "id": b64url(credential_id),
            "rawId": b64url(credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        }

    def get(self, options):
        allowed = [unb64url(c["id"]) for c in options.get("allowCredentials") or []]
        credential = next(c for c in reversed(self.credentials) if not allowed or c[0] in allowed)
        credential[3] += 1
        credential_id, key, user_handle, counter = credential
        client_data = self._client_data("webauthn.get", options["challenge"])
        auth_data = (
            hashlib.sha256(options["rpId"].encode()).digest()
            + bytes([self.UP | self.UV])
            + counter.to_bytes(4, "big")
        )
        signature = key.sign(auth_data + hashlib.sha256(client_data).digest(),
                             ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(credential_id),
            "rawId": b64url(credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": b64url(user_handle),
            },
            "clientExtensionResults": {},
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8080")
    mail = parser.add_mutually_exclusive_group(required=True)
    mail.add_argument("--outbox", help="the folder the file transport writes mail to")
    mail.add_argument("--smtp-port", type=int, help="receive mail over SMTP on this port")
    args = parser.parse_args()

    mailbox = SmtpReceiver(args.smtp_port) if args.smtp_port else Outbox(args.outbox)
    anonymous = Client(base_url=args.base_url, raise_on_unexpected_status=True)
    address = f"example-{uuid.uuid4().hex[:8]}@example.org"

    # register, then verify from the mail
    result = register.sync_detailed(
        client=anonymous,
        body=RegistrationRequest(email=address, password=PASSWORD, accept_terms=True),
    )
    assert result.status_code == 202, result
    token = link_token(mailbox.next_to(address), "/verify-email")
    result = confirm_email_verification.sync_detailed(
        client=anonymous, body=ConfirmRequest(token=token)
    )
    assert result.status_code == 200, result
    print(f"registered and verified {address}")

    signed = check(
        sign_in.sync(client=anonymous, body=SignInRequest(email=address, password=PASSWORD)),
        SignedIn,
        "sign in",
    )
    client = AuthenticatedClient(base_url=args.base_url, token=signed.token)
    account = get_account.sync(client=client)
    print(f"signed in as {account.email}")

    # a passkey: adding one asks to confirm who it is, here with the password
    confirmed = reauthenticate.sync_detailed(
        client=client, body=ReauthenticateRequest(password=PASSWORD)
    )
    assert confirmed.status_code == 200, confirmed
    authenticator = SoftAuthenticator(origin=args.base_url.rstrip("/"))
    started = begin_passkey_registration.sync_detailed(
        client=client, body=PasskeyRegistrationRequest(name="example laptop")
    )
    assert started.status_code == 201, started
    registration = started.parsed
    added = complete_passkey_registration.sync_detailed(
        registration_id=registration.registration_id,
        client=client,
        body=PasskeyCredentialRequest(credential=authenticator.create(registration.options)),
    )
    assert added.status_code == 201, added
    # the account's first second factor: ten recovery codes, shown once
    assert len(added.parsed.recovery_codes) == 10, added.parsed
    names = [p.name for p in list_passkeys.sync(client=client).items]
    assert names == ["example laptop"], names
    print("passkey added")

    # signing in with the passkey alone: no email, no password
    challenge = check(
        begin_passkey_sign_in.sync(client=anonymous, body=PasskeySignInRequest()),
        object,
        "start a passkey sign-in",
    )
    passkey_signed = check(
        complete_passkey_sign_in.sync(
            challenge_id=challenge.challenge_id,
            client=anonymous,
            body=PasskeySignInCompletion(
                credential=authenticator.get(challenge.options), device_name="example laptop"
            ),
        ),
        SignedIn,
        "sign in with the passkey",
    )
    by_passkey = AuthenticatedClient(base_url=args.base_url, token=passkey_signed.token)
    assert get_account.sync(client=by_passkey).email == address
    print("signed in with the passkey alone")

    # an authenticator app: the secret and its settings, as a password manager takes them
    enrollment = start_totp_enrollment.sync(
        client=client, body=TotpEnrollmentRequest(device_name="example phone")
    )
    check(enrollment, object, "start enrollment")
    app = pyotp.TOTP(
        enrollment.secret, digits=enrollment.digits, interval=enrollment.period
    )
    added = confirm_totp_enrollment.sync_detailed(
        enrollment_id=enrollment.enrollment_id,
        client=client,
        body=TotpCodeRequest(code=app.now()),
    )
    assert added.status_code == 201, added
    print("authenticator app added")

    # signing in again now takes a code, from the next time step (codes are single-use)
    time.sleep(app.interval - time.time() % app.interval + 0.5)
    step = check(
        sign_in.sync(client=anonymous, body=SignInRequest(email=address, password=PASSWORD)),
        MfaRequired,
        "sign in with two-factor",
    )
    signed = check(
        sign_in_mfa.sync(
            client=anonymous, body=MfaRequest(mfa_ticket=step.mfa_ticket, code=app.now())
        ),
        SignedIn,
        "second factor",
    )
    client = AuthenticatedClient(base_url=args.base_url, token=signed.token)
    print("signed in with the second factor")

    plans = list_plans.sync(client=anonymous)
    plan = plans.items[0]
    subscription = create_subscription.sync(client=client, body=NewSubscription(plan_id=plan.id))
    check(subscription, object, "subscribe")
    host = create_host.sync(
        client=client,
        body=NewHostBody(subscription_id=subscription.id, name="example", domain=f"{address.split('@')[0]}.example.org"),
    )
    check(host, object, "create a host")
    hosts = list_hosts.sync(client=client)
    assert [h.id for h in hosts.items] == [host.id], hosts
    print(f"subscribed to {plan.id} and created host {host.name}")

    deletion = delete_account.sync_detailed(client=client)
    assert deletion.status_code == 202, deletion
    gone = get_account.sync_detailed(client=client)
    assert gone.status_code == 401, gone
    print("account deleted; its session no longer works")


if __name__ == "__main__":
    main()
