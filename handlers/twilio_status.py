"""Twilio delivery receipts: the signed StatusCallback for messages the worker sent.

Twilio POSTs `MessageSid`, `MessageStatus` and, on failure, `ErrorCode` to the URL the worker
gave with each message (`/webhooks/twilio/status`), signed like the inbound webhook. A forged or
unsigned call is refused (403) and writes nothing; a repeated or late receipt changes nothing
(statuses only move forward); a message that fails after Twilio accepted it is sent again as its
approved template when it failed outside WhatsApp's 24-hour window (63016), and otherwise marked
undeliverable and reported to the officers, like any undeliverable message.
"""
from __future__ import annotations

import logging
import re

from flask import Blueprint, Response, abort, current_app, request

from bot.delivery import RECEIPT_ORDER, after_receipt
from handlers.twilio_webhook import public_url, validator
from storage.outbox import Claimed, Outbox

log = logging.getLogger(__name__)
PATH = "/webhooks/twilio/status"
_SID = re.compile(r"^(SM|MM)[0-9a-fA-F]{32}$")
_CODE = re.compile(r"^[0-9]{1,6}$")

blueprint = Blueprint("twilio_status", __name__)


def callback_url(public_base_url: str | None) -> str | None:
    """The StatusCallback URL to give Twilio with each message (None: no public URL set)."""
    return public_base_url.rstrip("/") + PATH if public_base_url else None


@blueprint.post(PATH)
def status_callback() -> tuple[str, int, dict[str, str]]:
    """Verify the signature, then record the receipt (idempotent, never backwards)."""
    runtime = current_app.config["ADUAN_RUNTIME"]
    settings = runtime.config.settings
    if not settings.twilio_auth_token or not settings.twilio_account_sid:
        abort(403)
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not validator(settings.twilio_auth_token).validate(
            public_url(), request.form, signature):
        log.warning("refused a Twilio status callback with a missing or wrong signature")
        abort(403)
    form = request.form
    sid = form.get("MessageSid", "")
    status = (form.get("MessageStatus") or form.get("SmsStatus") or "").lower()
    code = form.get("ErrorCode") or None
    if (form.get("AccountSid") != settings.twilio_account_sid or not _SID.match(sid)
            or status not in RECEIPT_ORDER or (code is not None and not _CODE.match(code))):
        log.warning("refused a signed Twilio status callback that does not read: %s %s",
                    sid[:40], status[:20])
        return "bad request\n", 400, {"Content-Type": "text/plain"}
    notifier = runtime.notifier

    def on_failure(item: Claimed, error_code: str | None) -> tuple[str, object]:
        template_left = bool(item.payload.get("template")) and not item.payload.get(
            "force_template")
        action = after_receipt(status, error_code, template_left)
        if action != "report" or notifier is None:
            return action, None
        return action, notifier.undeliverable_report(
            kind=item.kind, channel=item.channel, address=item.address, payload=item.payload,
            status="undeliverable", error=f"Twilio {status} after acceptance, error "
                                          f"{error_code or '-'}")

    done = Outbox(runtime.store).record_receipt(sid, status, code, runtime.engine.clock(),
                                                RECEIPT_ORDER,
                                                on_failure)
    if done in ("template", "reported"):
        log.warning("outbox message %s %s (error %s): %s", sid, status, code, done)
    return f"{done}\n", 200, {"Content-Type": "text/plain"}
