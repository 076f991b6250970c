"""Delivery outcomes and the retry policy: what the worker does after each send attempt."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.rich import Rich

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from storage.repo import Unit

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
# Payload key: how many parts of a long Telegram text went (the next attempt sends the rest).
PARTS_SENT = "parts_sent"
URGENT_RANK = 1           # ranks up to this may use the worker's reserved slots


@dataclass(frozen=True)
class Outcome:
    """What a channel sender reports, in neutral terms.

    kind: sent | retry (transient: network, 5xx, timeout) | throttled (flood control, wait
    `retry_after`) | moved (Telegram group became a supergroup: `new_address`) | window (WhatsApp
    free text refused outside the 24-hour window) | undeliverable (the recipient cannot be
    reached: blocked, unknown, unsubscribed) | failed (the request itself is wrong) | error (the
    sender raised unexpectedly: retried a few times only, then failed, so its chat moves on).
    `parts_sent`: of a long text sent in parts, how many parts went before it stopped (the
    next attempt sends only the rest).
    """

    kind: str
    provider_id: str | None = None
    error: str = ""
    retry_after: float | None = None
    new_address: str | None = None
    parts_sent: int | None = None


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


# --- the officers' group not reached ----------------------------------------------------------
# A message to the officers' group given up on cannot be reported in that group: the leaders
# (Kasi Tikkim, Kepala Kantor) read it in their private chats instead, one report per outage of
# the group (until it next receives a message). Losses within GATHER of the first, or while the
# report is still unsent (Telegram itself down), are added to it; it names tickets only.
GROUP_LOST = "group_lost"          # payload key: the group the report is about
GROUP_LOST_STATE = "group_lost_state"   # payload key: what it names, to extend it unsent
GATHER = dt.timedelta(seconds=30)
UNTOLD_KINDS = ("keyboard", "callback")   # an old keyboard not retired: nothing was missed
LEADER_ROLES = ("kasi_tikkim", "kepala_kantor")


def is_group(channel: str, address: str) -> bool:
    """A Telegram group (the officers'): its id is negative."""
    return channel == "telegram" and address.startswith("-") and address[1:].isdigit()


@dataclass(frozen=True)
class GroupLoss:
    """A message to the officers' group given up on: what the leaders' report needs of it."""

    group: str
    kind: str
    complaint_id: int | None
    outcome: str       # Outcome.kind of the last attempt
    error: str


def loss_cause(outcome: str, error: str) -> str:
    """Why the group did not get it, in the leaders' words (Telegram's own words after it)."""
    said = error.lower()
    if outcome == "error":      # the bot's own fault; its exception stays in the log
        return "kesalahan pada bot saat mengirim (lihat log worker)"
    if outcome == "retry":
        why = "Telegram tidak menjawab untuk grup ini selama berjam-jam"
    elif "chat not found" in said:
        why = "grup tidak ditemukan (dihapus, atau ID grup salah)"
    elif outcome == "undeliverable" or "forbidden" in said:
        why = "bot dikeluarkan dari grup atau tidak diizinkan mengirim"
    else:
        why = "Telegram menolak pesan itu"
    return f"{why} [{error[:120]}]" if error else why


def group_lost_reports(unit: "Unit", config: "OfficeConfig", loss: GroupLoss, now: dt.datetime,
                       open_: dict[str, dict[str, Any] | None],
                       silent: set[str]) -> list[dict[str, Any]]:
    """The leaders' reports after `loss`: for each leader with a private chat (not in `silent`,
    the officers the bot could not reach privately), a new report, or their unsent one of this
    outage (`open_`: address -> its payload; None once sent) rebuilt with this loss added. A
    leader the complaint keeps away reads it counted, not named."""
    leaders = [o for o in config.roster
               if str(o.role) in LEADER_ROLES and str(o.telegram_id) not in silent]
    complaint = unit.complaint_by_id(loss.complaint_id) if loss.complaint_id else None
    excluded = unit.excluded_officers(loss.complaint_id) if complaint is not None else set()
    out: list[dict[str, Any]] = []
    for officer in leaders:
        address = str(officer.telegram_id)
        if address in open_ and open_[address] is None:
            continue                    # this outage's report already went: once per outage
        state = dict((open_.get(address) or {}).get(GROUP_LOST_STATE) or {})
        tickets = list(state.get("tickets") or [])
        others = int(state.get("others") or 0)
        if complaint is not None and address not in excluded:
            if complaint.ticket not in tickets:
                tickets.append(complaint.ticket)
        else:
            others += 1
        cause = state.get("cause") or loss_cause(loss.outcome, loss.error)
        rich = Rich().b("⚠️ Grup petugas tidak dapat dijangkau\n")
        rich.t("Pesan bot ke grup petugas tidak terkirim, jadi petugas belum membacanya.\n")
        if tickets:
            rich.line("Tiket", ", ".join(tickets))
        if others:
            rich.line("Pesan lain ke grup", str(others))
        rich.line("Sebab", cause)
        rich.i("Mohon pastikan bot kembali menjadi anggota grup yang boleh mengirim, dan "
               "teruskan pengaduan di atas kepada petugas. Laporan ini dikirim sekali per "
               "gangguan; pesan yang gagal tidak dikirim ulang ke grup.")
        out.append({"kind": "report", "channel": "telegram", "address": address,
                    "body": rich.plain(), "due": now + GATHER,
                    "payload": {**rich.to_payload(), GROUP_LOST: loss.group,
                                GROUP_LOST_STATE: {"tickets": tickets, "others": others,
                                                   "cause": cause}}})
    return out
