"""Twilio delivery receipts: the signed StatusCallback for messages the worker sent.

Twilio POSTs `MessageSid`, `MessageStatus` and, on failure, `ErrorCode` to the URL the worker
gave with each message (`/webhooks/twilio/status`), signed like the inbound webhook. A forged or
unsigned call is refused (403) and writes nothing; a repeated or late receipt changes nothing
(statuses only move forward); a message that fails after Twilio accepted it is sent again as its
approved template when it failed outside WhatsApp's 24-hour window (63016), and otherwise marked
undeliverable and reported to the officers, like any undeliverable message, the cause in words
an officer reads (`failure_words`). A receipt that comes before the worker marked its message
sent waits a few seconds for that mark instead of being dropped. A receipt that meets a busy
database (another writer holding its lock) tries again within the time Twilio waits for an
answer, and only then answers 503, logged (`record_calmly`).
"""
from __future__ import annotations

import logging
import re
import time
from typing import Any, Callable

from flask import Blueprint, Response, abort, current_app, request

from bot.delivery import RECEIPT_ORDER, after_receipt
from bot.notify import LEADERS_FLAG
from handlers.twilio_webhook import public_url, validator
from storage.outbox import Claimed, Outbox
from storage.repo import Busy

log = logging.getLogger(__name__)
PATH = "/webhooks/twilio/status"
_SID = re.compile(r"^(SM|MM)[0-9a-fA-F]{32}$")
_CODE = re.compile(r"^[0-9]{1,6}$")

blueprint = Blueprint("twilio_status", __name__)
# Seconds to wait, one after another, for a message a receipt names but the worker has not yet
# marked sent (about 3 s in all; Twilio waits 15 s for an answer).
UNKNOWN_WAITS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.5)
# Seconds a receipt may spend waiting for a busy database (each try waits up to the store's
# lock timeout): with the waits above, the answer comes before Twilio stops waiting (15 s).
# Twilio does not retry a status callback by default: a receipt dropped here is lost.
BUSY_BUDGET = 11.0
# What an officer reads in the undeliverable report about a failure Twilio reported after it
# accepted a message: the cause in plain words, then Twilio's code for whoever looks further.
FAILURE_REASONS = {
    "63016": "pelapor tidak menulis dalam 24 jam terakhir, jadi WhatsApp hanya menerima "
             "templat resmi, dan pesan ini tidak punya templat",
    "63003": "nomor ini tidak dapat menerima pesan WhatsApp",
    "63024": "nomor ini tidak dapat menerima pesan WhatsApp",
    "63032": "pelapor meminta tidak dikirimi pesan lagi",
    "30003": "ponsel pelapor tidak dapat dihubungi (mati atau di luar jangkauan)",
    "30004": "pelapor memblokir pesan dari kantor",
    "30005": "nomor tidak dikenal atau sudah tidak aktif",
    "30006": "nomor tidak dapat menerima pesan (telepon rumah atau operator menolak)",
    "30007": "operator menyaringnya sebagai spam",
    "30008": "operator tidak menyampaikannya (sebab tidak diketahui)",
}


def failure_words(channel: str, status: str, code: str | None, templated: bool) -> str:
    """The officers' words for a message Twilio accepted but could not deliver."""
    name = "WhatsApp" if channel == "whatsapp" else "SMS"
    reason = FAILURE_REASONS.get(code or "", "operator tidak menyampaikannya")
    if templated:
        reason = ("pelapor tidak menulis dalam 24 jam terakhir; pesan sudah dikirim ulang "
                  "sebagai templat resmi, tetapi templat itu pun tidak sampai"
                  + ("" if code in (None, "63016") or code not in FAILURE_REASONS
                     else f" ({FAILURE_REASONS[code]})"))
    return f"Pesan {name} tidak sampai ke pelapor: {reason}. (Twilio {status}, kode {code or '-'})"


def record_calmly(record: Callable[[], str], deadline: float, lock_timeout: float,
                  what: str) -> str:
    """`record()`, tried again while the database is busy (Busy: another writer held the lock
    past `lock_timeout`) as long as a whole further wait ends before `deadline` (monotonic).
    Its transaction was rolled back, so a try again records it once. Raises Busy after the
    last try, logged: the caller answers 503, which Twilio retries only when the
    StatusCallback URL asks it to (its connection overrides, `#rp=5xx`)."""
    while True:
        try:
            return record()
        except Busy as exc:
            if time.monotonic() + lock_timeout > deadline:
                log.error("Twilio receipt %s not recorded: the database stayed busy (%s)",
                          what, exc)
                raise
            log.warning("Twilio receipt %s met a busy database (%s); trying again", what, exc)


def further_reports(runtime: Any, notifier: Any, more: list[dict[str, object]],
                    later: list[tuple[Claimed, str]]) -> str:
    """The reports queued after the receipt's transaction: a sensitive complaint's for the
    other leaders, or the one about a message that names no ticket (read from the person's
    complaints, `Notifier.person_flag`)."""
    with runtime.store.unit() as unit:
        for extra in more:
            unit.enqueue(at=runtime.engine.clock(), **extra)
        if later:
            item, error = later[0]
            for report in notifier.undeliverable_reports(
                    kind=item.kind, channel=item.channel, address=item.address,
                    payload=notifier.person_flag(unit, item.complainant_id, dict(item.payload),
                                                 now=runtime.engine.clock()),
                    status="undeliverable", error=error):
                unit.enqueue(at=runtime.engine.clock(), **report)
    return "reported"


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

    more: list[dict[str, object]] = []      # a sensitive complaint's: one report per leader
    # A message to a person that names no ticket (the bot's own replies): whether its report
    # is the leaders' is read from the person's complaints (`Notifier.person_flag`), in a unit
    # of its own once the receipt's transaction is over, and so is the report.
    later: list[tuple[Claimed, str]] = []

    def on_failure(item: Claimed, error_code: str | None) -> tuple[str, object]:
        template_left = bool(item.payload.get("template")) and not item.payload.get(
            "force_template")
        action = after_receipt(status, error_code, template_left)
        if action != "report" or notifier is None:
            return action, None
        error = failure_words(item.channel, status, error_code,
                              bool(item.payload.get("force_template")))
        if item.complainant_id is not None and not item.payload.get("ticket") \
                and item.payload.get(LEADERS_FLAG) is None:
            later[:] = [(item, error)]
            return action, None
        reports = notifier.undeliverable_reports(
            kind=item.kind, channel=item.channel, address=item.address, payload=item.payload,
            status="undeliverable", error=error)
        more[:] = reports[1:]
        return action, reports[0] if reports else None

    deadline = time.monotonic() + BUSY_BUDGET

    def record() -> str:
        return record_calmly(lambda: Outbox(runtime.store).record_receipt(
            sid, status, code, runtime.engine.clock(), RECEIPT_ORDER, on_failure),
            deadline, runtime.store.lock_timeout, f"{sid} {status}")

    try:
        done = record()
        for pause in UNKNOWN_WAITS:
            # Twilio may report a failure before the worker has marked the message sent (it
            # marks right after the API answers, in its next claiming round): wait for that
            # mark rather than lose a failure nobody would act on.
            if done != "unknown":
                break
            time.sleep(pause)
            done = record()
    except Busy:
        return "busy\n", 503, {"Content-Type": "text/plain"}
    if done == "reported" and (more or later):
        try:
            record_calmly(lambda: further_reports(runtime, notifier, more, later), deadline,
                          runtime.store.lock_timeout, f"{sid} {status} (its further reports)")
        except Busy:
            pass       # the receipt is recorded (Twilio's retry would change nothing): logged
    if done in ("template", "reported"):
        log.warning("outbox message %s %s (error %s): %s", sid, status, code, done)
    return f"{done}\n", 200, {"Content-Type": "text/plain"}
