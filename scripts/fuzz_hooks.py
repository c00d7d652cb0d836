"""Schemathesis hooks for scripts/fuzz: lets generated requests reach deeper state.

A subscription is created only for a plan the server offers, which random strings
never name; the plans come from FUZZ_PLANS (comma-separated, read from /api/v1/plans).
Only a plan id the document accepts is replaced (a string within its length limits),
so a request meant to be invalid stays invalid.
"""
import json
import os

import schemathesis

PLANS = [p for p in os.environ.get("FUZZ_PLANS", "").split(",") if p]
with open(os.path.join(os.path.dirname(__file__), "..", "openapi", "openapi.json")) as f:
    PLAN_ID = json.load(f)["components"]["schemas"]["NewSubscription"]["properties"]["plan_id"]


def acceptable(plan_id):
    return (isinstance(plan_id, str)
            and PLAN_ID.get("minLength", 0) <= len(plan_id) <= PLAN_ID.get("maxLength", 1 << 30))


@schemathesis.hook
def map_body(ctx, body):
    operation = ctx.operation
    if (PLANS and operation.method.upper() == "POST" and operation.path == "/api/v1/subscriptions"
            and isinstance(body, dict) and acceptable(body.get("plan_id"))):
        body["plan_id"] = PLANS[sum(map(ord, body["plan_id"])) % len(PLANS)]
    return body
