#!/usr/bin/env python3
"""A script that drives Steward through a client generated from its OpenAPI document.

Generate the client once (in a virtual env):

    pip install openapi-python-client pyotp
    openapi-python-client generate --path openapi/openapi.json --meta none \
        --output-path steward_client

Then, against a running server whose mail you can read:

    python3 examples/python_client.py --base-url http://127.0.0.1:8080 \
        --outbox ./data/outbox            # the default file transport writes mail here

It registers an account, verifies it from the mail, signs in, adds an authenticator app,
takes a subscription and a host, and deletes the account. `--smtp-port` instead starts
a small SMTP receiver (needs aiosmtpd) for a server configured to send there; that is
how scripts/test runs it.
"""

import argparse
import email
import email.policy
import pathlib
import re
import sys
import time
import uuid

import pyotp

from steward_client import AuthenticatedClient, Client
from steward_client.api.account import delete_account, get_account
from steward_client.api.hosting import create_host, create_subscription, list_hosts, list_plans
from steward_client.api.registration import confirm_email_verification, register
from steward_client.api.sessions import sign_in, sign_in_mfa
from steward_client.api.two_factor import confirm_totp_enrollment, start_totp_enrollment
from steward_client.models import (
    ConfirmRequest,
    ErrorBody,
    MfaRequest,
    MfaRequired,
    NewHostBody,
    NewSubscription,
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
