"""Delivery outcomes and the retry policy: what the worker does after each send attempt."""
from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.identity import is_sensitive
from bot.rich import Rich

if TYPE_CHECKING:
    from bot.config import Officer, OfficeConfig
    from storage.repo import Unit

log = logging.getLogger(__name__)

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
# Payload keys: how many parts of a long Telegram text went (the next attempt sends the rest),
# recorded as each part goes, and Telegram's id of the last part that went (a worker that died
# after the last part finds the whole text went, and sends nothing again).
PARTS_SENT = "parts_sent"
PARTS_LAST = "parts_last_id"
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
    next attempt sends only the rest). `template`: it went as its approved template, not as
    its text (WhatsApp's window was closed): the text may have to follow (`leaves_out`).
    """

    kind: str
    provider_id: str | None = None
    error: str = ""
    retry_after: float | None = None
    new_address: str | None = None
    parts_sent: int | None = None
    template: bool = False


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


# --- news sent again when the person writes --------------------------------------------------
# News for the complainant that could not reach them (they had blocked the bot, their WhatsApp
# window was closed, they had sent STOP) goes again once they write
# (bot.conversation.engine): an officer's progress update or reply is not lost to a moment of
# blocking, nor is the rating request that came with the outcome. Not a PIN (given up, it is
# gone).
RESENT_KINDS = ("update", "relay", "rating")


# --- the text a template left out ----------------------------------------------------------
# A WhatsApp template carries only its variables: the status template at step 9 says "Selesai"
# but not the outcome nor the officers' message. Such a message's text is kept as undeliverable
# when its template went, so that it goes when the person next writes (their window open
# again), as other news that could not reach them (RESENT_KINDS).


def leaves_out(kind: str, body: str, variables: dict[str, str] | None) -> bool:
    """Whether a message that went as its template left out part of its text: a paragraph of
    the body that holds none of the template's values and is held by none of them (the
    outcome, the officers' message under the status template). A progress step's status, or
    an officer's reply, carried whole by its template, is not sent twice."""
    if kind not in RESENT_KINDS:
        return False
    values = [v.strip() for v in (variables or {}).values() if v and v.strip()]
    return any(not any(value in paragraph or paragraph in value for value in values)
               for paragraph in (p.strip() for p in body.split("\n\n")) if paragraph)


# --- the officers' group not reached ----------------------------------------------------------
# A message to the officers' group given up on cannot be reported in that group: the leaders
# (Kasi Tikkim, Kepala Kantor) read it in their private chats instead, one report per outage of
# the group (until it next receives a message). Losses within GATHER of the first, or while the
# report is still unsent (Telegram itself down), are added to it; it names tickets only. When
# no leader can be reached privately (never started the bot, blocked it, or their report failed
# for good), the next in `report_tiers` read it: the head's other deputies, then every other
# rostered officer with a private chat.
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


def names_allowed(officer: "Officer") -> bool:
    """Whether this reader may read a sensitive complaint's ticket in the report: Kasi Tikkim,
    the Kepala Kantor, or a deputy who may sign for him (bot.sop.owners.sees_names's rule)."""
    return str(officer.role) in LEADER_ROLES or bool(officer.deputy_capacity)


def report_tiers(config: "OfficeConfig") -> list[list["Officer"]]:
    """Who reads that the group is unreachable, in order: Kasi Tikkim and the Kepala Kantor;
    when none of them can be reached privately, the others who may sign for the head
    (deputy_capacity); then every other rostered officer."""
    first = [o for o in config.roster if str(o.role) in LEADER_ROLES]
    second = [o for o in config.roster if o not in first and o.deputy_capacity]
    rest = [o for o in config.roster if o not in first and o not in second]
    return [tier for tier in (first, second, rest) if tier]


def outage_state(states: "list[dict[str, Any]]") -> dict[str, Any]:
    """One outage's losses from the reports' states so far (each reader's report kept them
    all): the complaints whose messages the group missed, how many messages about no
    complaint, and the first cause. Older reports named tickets only: kept as they were."""
    complaints: list[int] = []
    tickets: list[str] = []
    unnamed, cause = 0, ""
    for state in states:
        for cid in state.get("complaints") or []:
            if int(cid) not in complaints:
                complaints.append(int(cid))
        if "complaints" not in state:     # written before complaints were kept
            tickets += [t for t in state.get("tickets") or [] if t not in tickets]
            unnamed = max(unnamed, int(state.get("others") or 0))
        else:
            unnamed = max(unnamed, int(state.get("unnamed") or 0))
        cause = cause or str(state.get("cause") or "")
    return {"complaints": complaints, "unnamed": unnamed, "cause": cause,
            "legacy_tickets": tickets}


def group_lost_reports(unit: "Unit", config: "OfficeConfig", loss: GroupLoss | None,
                       now: dt.datetime, open_: dict[str, dict[str, Any] | None],
                       silent: set[str], lost: Collection[str] = (),
                       carried: dict[str, Any] | None = None,
                       group: str = "") -> list[dict[str, Any]]:
    """The reports that the group is unreachable after `loss` (None: nothing new was lost,
    but a report about `group` failed for good, its state `carried`): for each officer of the first tier of
    `report_tiers` with someone who can read it (not in `silent`, the officers the bot could
    not reach privately, nor in `lost`, those whose report of this outage failed for good), a
    new report, or their unsent one of this outage (`open_`: address -> its payload; None once
    sent or given up) rebuilt with this loss added. A new report waits GATHER for more losses,
    one passed on after a report failed goes at once (its losses were gathered). A reader the complaint keeps away sees it
    counted, not named; so does one who is no leader, of a sensitive complaint."""
    states = [dict(p.get(GROUP_LOST_STATE) or {}) for p in open_.values() if p is not None]
    state = outage_state(states + ([carried] if carried else []))
    complaints, unnamed = state["complaints"], state["unnamed"]
    if loss is not None:
        if loss.complaint_id is None:
            unnamed += 1
        elif loss.complaint_id not in complaints:
            complaints.append(loss.complaint_id)
    cause = state["cause"] or (loss_cause(loss.outcome, loss.error) if loss else "")
    readers: list["Officer"] = []
    tiers = report_tiers(config)
    for level, tier in enumerate(tiers):
        readers = [o for o in tier if str(o.telegram_id) not in silent
                   and str(o.telegram_id) not in lost]
        if readers:
            break
    else:
        level = len(tiers)
    if not readers:
        log.error("no rostered officer can be told privately that the officers' group is "
                  "unreachable (complaints %s, %d other messages): the bot must be added "
                  "back to the group and the officers must start a private chat with it",
                  complaints, unnamed)
        return []
    found = {cid: unit.complaint_by_id(cid) for cid in complaints}
    out: list[dict[str, Any]] = []
    for officer in readers:
        address = str(officer.telegram_id)
        if address in open_ and open_[address] is None:
            continue                    # this outage's report already went: once per outage
        leader = names_allowed(officer)
        # a report written before complaints were kept named tickets only: a leader's view
        tickets = list(state["legacy_tickets"]) if leader else []
        others = unnamed + (0 if leader else len(state["legacy_tickets"]))
        for cid, complaint in found.items():
            if complaint is None or address in unit.excluded_officers(cid) or (
                    not leader and is_sensitive(complaint, config.sensitive_types)):
                others += 1             # kept away, or sensitive for one who is no leader
            elif complaint.ticket not in tickets:
                tickets.append(complaint.ticket)
        rich = Rich().b("⚠️ Grup petugas tidak dapat dijangkau\n")
        rich.t("Pesan bot ke grup petugas tidak terkirim, jadi petugas belum membacanya.\n")
        if tickets:
            rich.line("Tiket", ", ".join(tickets))
        if others:
            rich.line("Pesan lain ke grup", str(others))
        rich.line("Sebab", cause)
        if level:
            rich.t("Kasi Tikkim dan Kepala Kantor tidak dapat dihubungi bot secara pribadi; "
                   "mohon sampaikan laporan ini kepada mereka.\n")
        rich.i("Mohon pastikan bot kembali menjadi anggota grup yang boleh mengirim, dan "
               "teruskan pengaduan di atas kepada petugas. Laporan ini dikirim sekali per "
               "gangguan; pesan yang gagal tidak dikirim ulang ke grup.")
        out.append({"kind": "report", "channel": "telegram", "address": address,
                    "body": rich.plain(), "due": now + GATHER if loss else now,
                    "payload": {**rich.to_payload(), GROUP_LOST: loss.group if loss else group,
                                GROUP_LOST_STATE: {"complaints": complaints,
                                                   "unnamed": unnamed, "tickets": tickets,
                                                   "others": others, "cause": cause}}})
    return out
