"""Delivery outcomes and the retry policy: what the worker does after each send attempt."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

BASE_DELAY = 2.0          # seconds before the first retry
MAX_DELAY = 600.0         # never wait longer than this between attempts
ERROR_ATTEMPTS = 3        # a sender that raised (a bug, not the network): tries before giving up

# Claim order: lower ranks go first whatever their age. Officers hear of new complaints,
# escalations and undeliverable messages before any complainant chatter is sent.
RANKS = {"alert": 0, "escalate_kasi": 0, "escalate_kepala": 0, "officer_request": 0,
         "identity": 0, "report": 0, "reminder": 1, "callback": 1, "officer": 2, "announce": 2,
         "relay_in": 2,
         "reply": 3, "ticket": 3, "update": 3, "relay": 3, "rating": 3, "file": 5, "document": 5}
DEFAULT_RANK = 4
URGENT_RANK = 1           # ranks up to this may use the worker's reserved slots


@dataclass(frozen=True)
class Outcome:
    """What a channel sender reports, in neutral terms.

    kind: sent | retry (transient: network, 5xx, timeout) | throttled (flood control, wait
    `retry_after`) | moved (Telegram group became a supergroup: `new_address`) | window (WhatsApp
    free text refused outside the 24-hour window) | undeliverable (the recipient cannot be
    reached: blocked, unknown, unsubscribed) | failed (the request itself is wrong) | error (the
    sender raised unexpectedly: retried a few times only, then failed, so its chat moves on).
    """

    kind: str
    provider_id: str | None = None
    error: str = ""
    retry_after: float | None = None
    new_address: str | None = None


@dataclass(frozen=True)
class Decision:
    """sent | retry (at `at`, counting the attempt or not) | template (retry as the template)
    | give_up (final `status`)."""

    action: str
    at: dt.datetime | None = None
    count: bool = True
    status: str | None = None


def backoff(attempts: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: 2 s, 4 s, 8 s … capped at 10 minutes."""
    rng = rng or random
    delay = min(MAX_DELAY, BASE_DELAY * 2 ** max(0, attempts - 1))
    return delay * rng.uniform(0.8, 1.2)


def decide(outcome: Outcome, attempts: int, max_attempts: int, now: dt.datetime,
           template_left: bool = False) -> Decision:
    """The next step for a message after `attempts` attempts ended in `outcome`."""
    if outcome.kind == "sent":
        return Decision("sent")
    if outcome.kind == "throttled":
        # Flood control is not the message's fault: wait as told, the attempt is given back.
        wait = max(0.5, outcome.retry_after or BASE_DELAY)
        return Decision("retry", now + dt.timedelta(seconds=wait), count=False)
    if outcome.kind == "moved":
        return Decision("retry", now, count=False)
    if outcome.kind == "window":
        # Free text refused outside WhatsApp's window: send the approved template instead.
        if template_left:
            return Decision("template", now, count=False)
        return Decision("give_up", status="undeliverable")
    if outcome.kind in ("undeliverable", "failed"):
        return Decision("give_up", status=outcome.kind)
    if outcome.kind == "error" and attempts >= min(ERROR_ATTEMPTS, max_attempts):
        return Decision("give_up", status="failed")
    if attempts >= max_attempts:
        return Decision("give_up", status="failed")
    return Decision("retry", now + dt.timedelta(seconds=backoff(attempts)))


# Twilio's message statuses in the order they happen; failed/undelivered end it. A receipt never
# moves a message backwards, so late or repeated callbacks change nothing.
RECEIPT_ORDER = {"accepted": 0, "scheduled": 0, "queued": 0, "sending": 1, "sent": 2,
                 "delivered": 3, "read": 4, "undelivered": 5, "failed": 5, "canceled": 5}
WINDOW_ERROR = "63016"    # free text outside WhatsApp's 24-hour window


def after_receipt(status: str, error_code: str | None, template_left: bool) -> str:
    """After a receipt says an accepted message failed: "template" (send the approved template
    instead: it failed outside WhatsApp's window), "report" (tell the officers), or "none"."""
    if status not in ("failed", "undelivered"):
        return "none"
    if error_code == WINDOW_ERROR and template_left:
        return "template"
    return "report"
