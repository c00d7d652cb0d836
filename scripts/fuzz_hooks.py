"""Schemathesis hooks for scripts/fuzz: lets generated requests reach deeper state.

A subscription is created only for a plan the server offers, which random strings
never name; the plans come from FUZZ_PLANS (comma-separated, read from /api/v1/plans).
Only string plan ids are replaced, so a request meant to be invalid stays invalid.
"""
import os

import schemathesis

PLANS = [p for p in os.environ.get("FUZZ_PLANS", "").split(",") if p]


@schemathesis.hook
def map_body(ctx, body):
    operation = ctx.operation
    if (PLANS and operation.method.upper() == "POST" and operation.path == "/api/v1/subscriptions"
            and isinstance(body, dict) and isinstance(body.get("plan_id"), str)):
        body["plan_id"] = PLANS[sum(map(ord, body["plan_id"])) % len(PLANS)]
    return body
