"""The outbox: messages written with the change that causes them, claimed and marked by workers.

Guarantee: at-least-once, in order per chat (in an officers' group: per complaint, see `LANE`).
A message exists iff the change that caused it was committed (same transaction). A worker
claims it (status `sending`, a lease), calls the provider, and marks it `sent` right after the
provider answers. If the worker dies in between,
the lease expires and another worker sends it again: the only duplicates possible are messages
whose provider call was in flight when a worker died, or that the provider had accepted but the
worker had not yet marked (it marks in its next claiming round, milliseconds later): at most one
per run in flight, so at most WORKER_BATCH + WORKER_URGENT_SLOTS (neither Telegram nor Twilio
offers an idempotency key for sends). A message claimed but not yet sent is simply sent later.
A run is never sent past its lease (handlers/worker.py gives the rest back first).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from sqlalchemy import bindparam, case, func, select, update
from sqlalchemy.orm import Session

from storage import keyboards, queueing
from storage.models import ChatMigration, Complainant, OutboxItem
from storage.repo import Store

ACTIVE = ("pending", "sending")
# Kinds that never hold a chat's later messages back: a pause acknowledgement is due only after
# the quiet period (and is cancelled when the person writes again); a batch of a person's
# messages to the officers waits for its relay window (bot/notify.py) without holding the group;
# a petugas's ping held for its complaint's alert slot (bot/pings.py `HELD_PING`) waits hours
# without holding back his other private messages.
UNORDERED = ("pause", "relay_in", "held_ping")
FINAL = ("sent", "failed", "undeliverable")

# The queue a message waits in. A private chat is one queue. In a Telegram group (the officers'),
# each complaint's messages are a queue of their own (plus one for those about no complaint):
# the alert about one complaint never waits for another complaint's send to finish, while each
# complaint's alert, updates and keyboard edits keep their order.
_GROUP = (OutboxItem.channel == "telegram") & OutboxItem.address.startswith("-")
LANE = case((_GROUP, OutboxItem.complaint_id), else_=None)


def lane_of(channel: str, address: str, complaint_id: int | None) -> tuple[str, str, int | None]:
    """The queue of a message (`LANE` in Python)."""
    grouped = channel == "telegram" and address.startswith("-")
    return channel, address, complaint_id if grouped else None


# A message the provider accepted, as the worker hands it to be marked: (outbox id, provider
# id, when, keep its secret for a receipt, its text must follow its template).
Sent = tuple[int, str | None, dt.datetime, bool, bool]


@dataclass(frozen=True)
class Claimed:
    """A claimed message, detached from the database: what a sender needs."""

    id: int
    kind: str
    channel: str
    address: str
    body: str
    payload: dict[str, Any]
    complaint_id: int | None
    complainant_id: int | None
    attempts: int
    created_at: dt.datetime
    last_inbound_at: dt.datetime | None = None
    resent_after_crash: bool = False
    crashes: int = 0     # claims in a row that ended with no outcome (their worker died)
    raises: int = 0      # attempts in a row whose sender raised
    secret: dict[str, str] | None = field(default=None, repr=False)   # filled in at send time


_TABLE = OutboxItem.__table__
_MARK_SENT_KEEP = (update(_TABLE).where(_TABLE.c.id == bindparam("item_id"))
                   .values(status="sent", sent_at=bindparam("sent_at"),
                           provider_id=bindparam("provider_id"), locked_until=None,
                           delivery_status=None, delivery_error=None, delivery_at=None))
_MARK_SENT = _MARK_SENT_KEEP.values(secret=None)   # the PIN goes once the message went


class Outbox:
    """Claiming and marking; each call is one short transaction.

    `ranks` orders claims: kinds with a lower rank (officer alerts, escalations) are claimed
    before anything else that is due, whatever its age; unlisted kinds rank `default_rank`.
    `pulled` channels are never claimed: their recipients collect their own messages (the web
    chat's browser, storage/webchat.py).
    """

    def __init__(self, store: Store, ranks: dict[str, int] | None = None,
                 default_rank: int = 9, pulled: frozenset[str] = frozenset()):
        self.store = store
        self.pulled = tuple(sorted(pulled))
        self.ranks = dict(ranks or {})
        self.default_rank = default_rank
        self._rank = case(self.ranks, value=OutboxItem.kind, else_=default_rank) \
            if self.ranks else None
        self._queries: dict[tuple[Any, ...], Any] = {}

    def anything_due(self, now: dt.datetime) -> bool:
        """A cheap read: is a message due, or a lease expired? (no write lock taken)"""
        with self.store.read() as session:
            return session.scalar(
                select(OutboxItem.id).where(
                    ((OutboxItem.status == "pending") & (OutboxItem.next_attempt_at <= now))
                    | ((OutboxItem.status == "sending") & (OutboxItem.locked_until < now)),
                    *self._pushed())
                .limit(1)) is not None

    def next_due(self) -> dt.datetime | None:
        """When the earliest pending message becomes due (None: nothing pending)."""
        with self.store.read() as session:
            return session.scalar(select(func.min(OutboxItem.next_attempt_at))
                                  .where(OutboxItem.status == "pending", *self._pushed()))

    def holds(self, channel: str, reason: str, now: dt.datetime) -> dict[str, dt.datetime]:
        """Chats whose messages wait until a later time for `reason` (the start of their last
        error): chat -> until when (the latest of them)."""
        with self.store.read() as session:
            rows = session.execute(
                select(OutboxItem.address, func.max(OutboxItem.next_attempt_at))
                .where(OutboxItem.status == "pending", OutboxItem.channel == channel,
                       OutboxItem.next_attempt_at > now,
                       OutboxItem.last_error.startswith(reason, autoescape=True))
                .group_by(OutboxItem.address)).tuples().all()
        return {address: _aware(until) for address, until in rows}

    def claim(self, worker: str, now: dt.datetime, lease_seconds: float,
              limit: int, max_rank: int | None = None,
              sent: Sequence[Sent] = ()) -> list[Claimed]:
        """Claim up to `limit` due messages, at most one per chat (so each chat stays in order),
        most urgent first; `max_rank` claims only kinds ranked at most that (alerts)."""
        return [run[0] for run in self.claim_runs(worker, now, lease_seconds, limit,
                                                  max_rank=max_rank, sent=sent)]

    def claim_runs(self, worker: str, now: dt.datetime, lease_seconds: float, limit: int,
                   max_rank: int | None = None,
                   sent: Sequence[Sent] = (),
                   per_chat: int = 1) -> list[list[Claimed]]:
        """Claim up to `limit` runs, most urgent first: each run is a chat's head and up to
        `per_chat - 1` of its next messages (all due), to be sent in order by one sender;
        `max_rank` claims only kinds ranked at most that (alerts). `sent` is marked first, in
        the same transaction (its chats' next messages become due).

        PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, so concurrent workers take disjoint rows,
        and a run always starts at its chat's head (a worker that skipped a head another one
        holds takes nothing from that chat). SQLite: every transaction starts with BEGIN
        IMMEDIATE, so claims run one at a time. Rows whose lease expired (their worker died)
        become pending again first.
        """
        with self.store.unit() as unit:
            session = unit.session
            self._mark_sent(session, sent)
            if limit <= 0:
                return []
            expired = _expire_leases(session, now)
            return self._claim(session, worker, now, lease_seconds, limit, expired,
                               max_rank=max_rank, per_chat=per_chat)

    def _pushed(self) -> list[Any]:
        """The condition leaving pulled channels' rows alone (none when nothing is pulled)."""
        return [OutboxItem.channel.notin_(self.pulled)] if self.pulled else []

    def _claim_query(self, limit: int, one_chat: bool, max_rank: int | None,
                     per_chat: int) -> Any:
        """The claiming SELECT of ordered messages, built once per shape (building it costs
        more than running it). Each candidate comes with its place in its chat's queue (`rn`,
        1 = the head); a candidate qualifies when it and every message before it in its chat
        are pending and due. One windowed pass over the active rows (indexed by status), not a
        per-row search of each chat's history: with a thousand alerts queued for the officers'
        group, a correlated NOT EXISTS scanned every earlier row for every pending one (100 ms
        per claim, under the write lock)."""
        key = (limit, one_chat, max_rank, per_chat)
        found = self._queries.get(key)
        if found is not None:
            return found
        chat = (OutboxItem.channel, OutboxItem.address, LANE)
        holding = case(((OutboxItem.status != "pending")
                        | (OutboxItem.next_attempt_at > bindparam("now")), 1), else_=0)
        queue = (select(OutboxItem.id.label("qid"),
                        func.row_number().over(partition_by=chat, order_by=OutboxItem.id)
                        .label("rn"),
                        func.sum(holding).over(partition_by=chat, order_by=OutboxItem.id,
                                               rows=(None, 0)).label("held"))
                 .where(OutboxItem.status.in_(ACTIVE), OutboxItem.kind.notin_(UNORDERED))
                 .subquery("queue"))
        query = (select(OutboxItem, queue.c.rn)
                 .join(queue, queue.c.qid == OutboxItem.id)
                 .where(OutboxItem.status == "pending", queue.c.held == 0,
                        queue.c.rn <= per_chat, *self._pushed())
                 .limit(limit * per_chat))
        query = self._shaped(query, one_chat, max_rank)
        return self._queries.setdefault(key, query)

    def _unordered_query(self, limit: int, one_chat: bool, max_rank: int | None) -> Any:
        """The claiming SELECT of unordered messages (pause acknowledgements, relayed batches):
        due ones not queued behind an earlier ordered message of their chat."""
        key = ("unordered", limit, one_chat, max_rank)
        found = self._queries.get(key)
        if found is not None:
            return found
        heads = (select(OutboxItem.channel, OutboxItem.address, LANE.label("lane"),
                        func.min(OutboxItem.id).label("head"))
                 .where(OutboxItem.status.in_(ACTIVE), OutboxItem.kind.notin_(UNORDERED))
                 .group_by(OutboxItem.channel, OutboxItem.address, LANE)
                 .subquery("heads"))
        query = (select(OutboxItem)
                 .outerjoin(heads, (heads.c.channel == OutboxItem.channel)
                            & (heads.c.address == OutboxItem.address)
                            & ((heads.c.lane == LANE)
                               | (heads.c.lane.is_(None) & LANE.is_(None))))
                 .where(OutboxItem.status == "pending", OutboxItem.kind.in_(UNORDERED),
                        OutboxItem.next_attempt_at <= bindparam("now"),
                        heads.c.head.is_(None) | (OutboxItem.id < heads.c.head),
                        *self._pushed())
                 .limit(limit))
        query = self._shaped(query, one_chat, max_rank)
        return self._queries.setdefault(key, query)

    def _shaped(self, query: Any, one_chat: bool, max_rank: int | None) -> Any:
        """Most urgent first (then oldest), only urgent kinds under `max_rank`, one chat
        when asked, rows locked (skipping locked ones) on PostgreSQL."""
        if self._rank is not None:
            query = query.order_by(self._rank, OutboxItem.id)
            if max_rank is not None:
                query = query.where(OutboxItem.kind.in_(
                    [k for k, r in self.ranks.items() if r <= max_rank]))
        else:
            query = query.order_by(OutboxItem.id)
        if one_chat:
            query = query.where(OutboxItem.channel == bindparam("chat_channel"),
                                OutboxItem.address == bindparam("chat_address"))
        if self.store.dialect == "postgresql":
            query = query.with_for_update(skip_locked=True, of=OutboxItem)
        return query

    def _mark_sent(self, session: Session, sent: Sequence[tuple[Any, ...]]) -> None:
        """Messages the provider accepted, marked in the caller's transaction (one statement
        each kind): `sent` holds (outbox id, provider id, when[, keep_secret[, follows]]).
        Their chats' next messages become due. The secret (a PIN) goes, unless kept for a
        receipt that may yet ask to resend the message as its template (see `mark_sent`).
        A message whose template left part of its text out (`follows`) leaves that text
        waiting for the person's next message (`_text_waits`)."""
        follows = [entry for entry in sent if len(entry) > 4 and entry[4]]
        marked = [entry for entry in sent if not (len(entry) > 4 and entry[4])]
        if follows:
            marked += _text_waits(session, follows)
        for keep, statement in ((False, _MARK_SENT), (True, _MARK_SENT_KEEP)):
            rows = [{"item_id": entry[0], "provider_id": entry[1], "sent_at": entry[2]}
                    for entry in marked if bool(entry[3] if len(entry) > 3 else False) is keep]
            if rows:
                session.execute(statement, rows)

    def rank(self, kind: str) -> int:
        return self.ranks.get(kind, self.default_rank)

    def _claim(self, session: Session, worker: str, now: dt.datetime, lease_seconds: float,
               limit: int, expired: set[int], chat: tuple[str, str] | None = None,
               max_rank: int | None = None, per_chat: int = 1) -> list[list[Claimed]]:
        """Claim due runs from their chats' heads (a row whose chat has an earlier active row
        waits, unless it is in the same run)."""
        params: dict[str, Any] = {"now": now}
        if chat is not None:
            params.update(chat_channel=chat[0], chat_address=chat[1])
        found = session.execute(self._claim_query(limit, chat is not None, max_rank, per_chat),
                                params).all()
        runs: dict[tuple[str, str, int | None], list[OutboxItem]] = {}
        for row, place in found:
            lane = lane_of(row.channel, row.address, row.complaint_id)
            run = runs.get(lane)
            if run is None:
                if place != 1 or len(runs) >= limit:
                    continue    # its head is held elsewhere (or not urgent enough), or full
                runs[lane] = [row]
            elif place == len(run) + 1:
                run.append(row)
        chosen = list(runs.values())
        if len(chosen) < limit:
            chosen += [[row] for row in session.scalars(
                self._unordered_query(limit - len(chosen), chat is not None, max_rank), params)]
        rows = [row for run in chosen for row in run]
        if not rows:
            return []
        ids = [row.id for row in rows]
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.id.in_(ids), OutboxItem.status == "pending")
            .values(status="sending", locked_by=worker,
                    locked_until=now + dt.timedelta(seconds=lease_seconds),
                    attempts=OutboxItem.attempts + 1)
            .execution_options(synchronize_session=False))
        people = {row.complainant_id for row in rows if row.complainant_id}
        last_seen = dict(session.execute(
            select(Complainant.id, Complainant.last_inbound_at)
            .where(Complainant.id.in_(people))).tuples().all()) if people else {}
        edited = keyboards.edit_targets(session, rows)   # edits: the message id to edit
        return [[Claimed(id=row.id, kind=row.kind, channel=row.channel, address=row.address,
                         body=row.body, payload=_with_target(row.payload, edited),
                         complaint_id=row.complaint_id, complainant_id=row.complainant_id,
                         attempts=row.attempts + 1, created_at=row.created_at,
                         last_inbound_at=last_seen.get(row.complainant_id),
                         resent_after_crash=row.id in expired or bool(
                             row.last_error and row.last_error.startswith(LEASE_EXPIRED)),
                         crashes=crashes_of(row.last_error),
                         raises=in_a_row(row.last_error, RAISED),
                         secret=dict(row.secret) if row.secret else None)
                 for row in run] for run in chosen]

    def release(self, ids: Sequence[int], now: dt.datetime, worker: str | None = None) -> None:
        """Give claimed messages back untried (an earlier one of their run was not sent):
        pending again, due now, the attempt returned; they wait behind their chat's head.
        With `worker`, only while that worker still holds them."""
        if not ids:
            return
        held = [OutboxItem.locked_by == worker] if worker is not None else []
        with self.store.unit() as unit:
            unit.session.execute(
                update(OutboxItem).where(OutboxItem.id.in_(list(ids)),
                                         OutboxItem.status == "sending", *held)
                .values(status="pending", next_attempt_at=now, locked_by=None,
                        locked_until=None, attempts=OutboxItem.attempts - 1)
                .execution_options(synchronize_session=False))

    def record_progress(self, item_id: int, worker: str, changes: dict[str, Any],
                        until: dt.datetime | None = None) -> bool:
        """Merge `changes` into a claimed message's payload (a long text's parts as each one
        goes), in a short transaction of its own, while `worker` still holds it; `until`
        extends its lease. False when the worker no longer holds it (its lease expired and
        another worker may have claimed it): the caller must stop sending it."""
        with self.store.unit() as unit:
            query = select(OutboxItem.payload).where(
                OutboxItem.id == item_id, OutboxItem.status == "sending",
                OutboxItem.locked_by == worker)
            if self.store.dialect == "postgresql":
                query = query.with_for_update()
            found = unit.session.execute(query).first()
            if found is None:
                return False
            values: dict[str, Any] = {"payload": {**(found[0] or {}), **changes}}
            if until is not None:
                values["locked_until"] = until
            unit.session.execute(update(OutboxItem).where(OutboxItem.id == item_id)
                                 .values(**values)
                                 .execution_options(synchronize_session=False))
            return True

    def mark_sent(self, item_id: int, provider_id: str | None, now: dt.datetime,
                  claim_next: tuple[str, float] | None = None,
                  keep_secret: bool = False) -> Claimed | None:
        """Mark delivered; with `claim_next` (worker, lease), also claim that chat's next message
        in the same transaction, so a busy chat drains without waiting for the next round.
        The secret (a PIN) goes now, unless `keep_secret` (a receipt may yet ask to resend it
        as its template: it goes with that receipt, or with the daily retention run)."""
        values: dict[str, Any] = dict(status="sent", sent_at=now, provider_id=provider_id,
                                      locked_until=None,   # locked_by stays: who delivered it
                                      delivery_status=None, delivery_error=None,
                                      delivery_at=None)
        if not keep_secret:
            values["secret"] = None
        with self.store.unit() as unit:
            unit.session.execute(update(OutboxItem).where(OutboxItem.id == item_id)
                                 .values(**values))
            if claim_next is None:
                return None
            sent = unit.session.get(OutboxItem, item_id)
            assert sent is not None
            found = self._claim(unit.session, claim_next[0], now, claim_next[1], 1, set(),
                                chat=(sent.channel, sent.address))
            return found[0][0] if found else None

    def retry(self, item_id: int, error: str, at: dt.datetime, *, count: bool = True,
              payload: dict[str, Any] | None = None, keep_error: bool = False) -> None:
        """Back to pending until `at`; `count=False` gives the attempt back (flood control);
        `keep_error` leaves the last error as it was (a wait that was no attempt must not
        reset its count of raises or crashes in a row)."""
        values: dict[str, Any] = dict(status="pending", next_attempt_at=at,
                                      locked_by=None, locked_until=None)
        if not keep_error:
            values["last_error"] = error[:2000]
        if not count:
            values["attempts"] = OutboxItem.attempts - 1
        if payload is not None:
            values["payload"] = payload
        with self.store.unit() as unit:
            unit.session.execute(update(OutboxItem).where(OutboxItem.id == item_id)
                                 .values(**values))

    def set_aside(self, item_id: int, worker: str, why: str) -> bool:
        """A claimed message that no longer stands when it comes due (a held ping whose step
        was done meanwhile), not sent: "cancelled", as a superseded one is, so it is neither a
        failure nor a loss to report. Only while `worker` holds it; False when it does not."""
        with self.store.unit() as unit:
            done = unit.session.execute(
                update(OutboxItem).where(OutboxItem.id == item_id,
                                         OutboxItem.status == "sending",
                                         OutboxItem.locked_by == worker)
                .values(status="cancelled", last_error=why[:2000], locked_by=None,
                        locked_until=None, secret=None)
                .execution_options(synchronize_session=False))
            return bool(done.rowcount)

    def give_up(self, item_id: int, status: str, error: str, now: dt.datetime,
                report: dict[str, Any] | None = None,
                elsewhere: "Elsewhere | None" = None) -> None:
        """Mark failed/undeliverable and, in the same transaction, queue the report about it
        (a report with a "once" key is queued only the first time that key is seen), and
        the reports through other chats that `elsewhere` composes (see `Elsewhere`)."""
        assert status in ("failed", "undeliverable")
        report = dict(report) if report else None
        once = report.pop("once", None) if report else None
        with self.store.unit() as unit:
            unit.session.execute(
                update(OutboxItem).where(OutboxItem.id == item_id)
                .values(status=status, last_error=error[:2000], locked_by=None,
                        locked_until=None, secret=None))
            if report and (once is None or unit.claim_mark(once, report["kind"], now)):
                unit.enqueue(at=now, **report)
            if elsewhere is not None:
                _report_elsewhere(unit, elsewhere, now)

    # --- delivery receipts (Twilio StatusCallback) -------------------------------------------
    def record_receipt(self, provider_id: str, status: str, error_code: str | None,
                       now: dt.datetime, order: dict[str, int],
                       on_failure: Callable[[Claimed, str | None], tuple[str, Any]],
                       ) -> str:
        """Record what the provider says of a message it accepted, in one transaction.

        Never moves a message backwards in `order` (late and repeated receipts change nothing).
        On a newly reported failure `on_failure(message, error_code)` answers ("template", None):
        send it again as its approved template; ("report", report | None): mark it
        undeliverable and queue the report. Returns unknown | ignored | recorded | template |
        reported.
        """
        with self.store.unit() as unit:
            session = unit.session
            query = select(OutboxItem).where(OutboxItem.provider_id == provider_id)
            if self.store.dialect == "postgresql":
                query = query.with_for_update()
            row = session.scalars(query).first()
            rank = order.get(status)
            if row is None or rank is None:
                return "unknown"
            if rank <= order.get(row.delivery_status or "", -1):
                return "ignored"
            row.delivery_status, row.delivery_error, row.delivery_at = status, error_code, now
            if status in ("delivered", "read"):
                row.secret = None           # the PIN reached the person: it rests nowhere now
            if rank < max(order.values()):
                return "recorded"
            action, report = on_failure(_claimed(row), error_code)
            if action == "template":
                row.status, row.next_attempt_at = "pending", now
                row.payload = {**(row.payload or {}), "force_template": True}
                row.last_error = f"{status} {error_code or ''}: resending as its template"
                queueing.notify(session)
                return "template"
            if action == "report":
                row.status, row.secret = "undeliverable", None
                row.last_error = f"{status} after acceptance (error {error_code or '-'})"
                if report:
                    unit.enqueue(at=now, **report)
                return "reported"
            return "recorded"

    # --- Telegram chat migrations ----------------------------------------------------------
    def migrate_chat(self, old: str, new: str, now: dt.datetime) -> None:
        """Remember that `old` became `new` and move every undelivered message along."""
        with self.store.unit() as unit:
            session = unit.session
            if session.get(ChatMigration, str(old)) is None:
                session.add(ChatMigration(old_chat_id=str(old), new_chat_id=str(new), at=now))
            session.execute(update(OutboxItem)
                            .where(OutboxItem.channel == "telegram",
                                   OutboxItem.address == str(old),
                                   OutboxItem.status.in_(ACTIVE))
                            .values(address=str(new)))

    def counts(self) -> dict[str, int]:
        """Messages per status, for monitoring and tests."""
        with self.store.unit() as unit:
            rows = unit.session.execute(select(OutboxItem.status, func.count())
                                        .group_by(OutboxItem.status)).tuples().all()
        return {status: n for status, n in rows}


@dataclass(frozen=True)
class Elsewhere:
    """How a message to a chat that cannot be reached (the officers' group) is told through
    other chats: one report per outage of `chat` (the time since it last received a message)
    to each address. `compose(unit, open_, lost)` gets this outage's reports so far (address
    -> the payload of one still unsent, None for one already claimed, sent or given up) and
    the addresses whose report was given up (failed, undeliverable: someone else must read
    it), and answers the reports to queue or, for an unsent one, to write over it: enqueue's
    fields, with `address` and `due`. The reports are rows of `kind` whose payload names
    `chat` at `key`."""

    chat: str
    kind: str
    key: str
    compose: Callable[[Any, dict[str, dict[str, Any] | None], set[str]],
                      list[dict[str, Any]]]


LONGEST_OUTAGE = dt.timedelta(days=30)


def _report_elsewhere(unit: Any, how: Elsewhere, now: dt.datetime) -> None:
    """Queue or rewrite the reports `how` composes (one per outage of its chat and address)."""
    session = unit.session
    since = session.scalar(select(func.max(OutboxItem.sent_at)).where(
        OutboxItem.channel == "telegram", OutboxItem.address == how.chat,
        OutboxItem.status == "sent"))
    query = select(OutboxItem.id, OutboxItem.address, OutboxItem.status, OutboxItem.payload) \
        .where(OutboxItem.kind == how.kind, OutboxItem.status != "cancelled") \
        .order_by(OutboxItem.id)
    # A group that received nothing for a month: that long an outage is reported again.
    bound = now - LONGEST_OUTAGE
    query = query.where(OutboxItem.created_at >= (bound if since is None else max(_aware(since),
                                                                                  bound)))
    open_: dict[str, dict[str, Any] | None] = {}
    unsent: dict[str, int] = {}
    lost: set[str] = set()
    for item_id, address, status, payload in session.execute(query).all():
        if (payload or {}).get(how.key) != how.chat:
            continue
        if status == "pending" and open_.get(address, {}) is not None:
            open_[address], unsent[address] = dict(payload), item_id
        else:
            open_[address] = None
            unsent.pop(address, None)
            if status in ("failed", "undeliverable"):
                lost.add(address)
    for fields in how.compose(unit, open_, lost):
        fields = dict(fields)
        address, due = str(fields.pop("address")), fields.pop("due", now)
        if address in unsent:
            session.execute(update(OutboxItem)
                            .where(OutboxItem.id == unsent[address],
                                   OutboxItem.status == "pending")
                            .values(body=fields["body"], payload=fields["payload"])
                            .execution_options(synchronize_session=False))
        elif address not in open_:
            unit.schedule(at=now, due=due, address=address, **fields)


def _aware(value: dt.datetime) -> dt.datetime:
    """A time read back from an aggregate, in UTC (SQLite may hand it back naive)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


LEASE_EXPIRED = "lease expired"
RAISED = "sender raised"       # the last error of a message whose sender raised (the worker's)
_IN_A_ROW = re.compile(r" \((\d+) in a row\)")


def in_a_row(last_error: str | None, prefix: str) -> int:
    """How many attempts in a row ended as `prefix` says ("lease expired": claims with no
    outcome; "sender raised"), counted in `last_error` as "<prefix> (n in a row): …", which
    any other outcome overwrites: a message waiting out an outage has many attempts."""
    if not last_error or not last_error.startswith(prefix):
        return 0
    found = _IN_A_ROW.match(last_error, len(prefix))
    return int(found.group(1)) if found else 1


def crashes_of(last_error: str | None) -> int:
    """Claims in a row that ended with no outcome (their worker died mid-send)."""
    return in_a_row(last_error, LEASE_EXPIRED)


def _expire_leases(session: Session, now: dt.datetime) -> set[int]:
    """Rows whose lease expired (their worker died mid-send) become pending again, each with
    its count of such claims in a row; returns their ids (only those this transaction freed:
    a concurrent worker's claim frees each once)."""
    stale = session.execute(select(OutboxItem.id, OutboxItem.last_error).where(
        OutboxItem.status == "sending", OutboxItem.locked_until < now)).all()
    freed: set[int] = set()
    for item_id, said in stale:
        crashes = crashes_of(said) + 1
        done = session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item_id, OutboxItem.status == "sending",
                   OutboxItem.locked_until < now)
            .values(status="pending", locked_by=None, locked_until=None,
                    last_error=f"{LEASE_EXPIRED} ({crashes} in a row): its worker stopped "
                               "mid-delivery; resending")
            .execution_options(synchronize_session=False))
        if done.rowcount:
            freed.add(item_id)
    return freed


# Payload key of the template that went for a message whose text waits (`_text_waits`): the
# message it stood for.
TEMPLATE_OF = "template_of"
TEXT_WAITS = ("waits for the person's next message: only its template went (WhatsApp's "
              "24-hour window was closed)")


def _text_waits(session: Session, follows: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Messages that went as a template leaving part of their text out (the outcome and the
    officers' message under the status template): the template is recorded as a message of
    its own, sent (receipts find it by its provider id), and the message itself is given up as
    undeliverable until the person next writes, when it goes again as text, in its place in
    the chat, as other news that could not reach them (storage.queueing.resend_undelivered;
    the officers' desk sees a chat whose last message went, not one that takes none). Once
    per message: a template that goes again (a receipt asked for it) is only marked. Returns
    the entries to mark as usual."""
    rows = {row.id: row for row in session.scalars(
        select(OutboxItem).where(OutboxItem.id.in_([entry[0] for entry in follows])))}
    marked: list[tuple[Any, ...]] = []
    for entry in follows:
        row = rows.get(entry[0])
        payload = dict(row.payload or {}) if row is not None else {}
        if row is None or payload.get(TEMPLATE_OF):
            marked.append(entry)
            continue
        session.add(OutboxItem(
            kind=row.kind, channel=row.channel, address=row.address, body=row.body,
            payload={**payload, TEMPLATE_OF: row.id}, complaint_id=row.complaint_id,
            complainant_id=row.complainant_id, message_id=row.message_id, status="sent",
            attempts=row.attempts, next_attempt_at=entry[2], created_at=entry[2],
            sent_at=entry[2], provider_id=entry[1], locked_by=row.locked_by))
        row.status, row.provider_id = "undeliverable", None
        row.locked_by, row.locked_until = None, None
        row.payload = {k: v for k, v in payload.items() if k not in ("template", "force_template")}
        row.secret, row.last_error = None, TEXT_WAITS
        row.delivery_status = row.delivery_error = row.delivery_at = None
    return marked


def _claimed(row: OutboxItem) -> Claimed:
    return Claimed(id=row.id, kind=row.kind, channel=row.channel, address=row.address,
                   body=row.body, payload=dict(row.payload or {}), complaint_id=row.complaint_id,
                   complainant_id=row.complainant_id, attempts=row.attempts,
                   created_at=row.created_at, secret=dict(row.secret) if row.secret else None)


def _with_target(payload: dict[str, Any] | None, edited: dict[int, str | None]) -> dict[str, Any]:
    """The payload, with an edit's target message id filled in (keyboards retired)."""
    found = dict(payload or {})
    if found.get("edit_of"):
        found["message_id"] = edited.get(int(found["edit_of"]))
    return found
