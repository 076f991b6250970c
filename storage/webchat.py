"""The web chat's mailbox: a browser reads its own messages from the outbox, and its transcript.

A browser cannot be pushed to, so the worker leaves the web channel's outbox rows alone and the
browser collects them: a row becomes visible when it is due (a scheduled one only then), is
handed to the browser in order of when it was due, and is marked delivered (`sent`, with
`delivery_status` "delivered") by the request that hands it over. A browser that asks again
with an older cursor gets the delivered rows again, so a lost answer loses nothing: the
outbox's at-least-once, in-order guarantee holds. Cancelled rows are never shown.

A row nobody collects would stay pending for ever while the officer who wrote it believes it
arrived: a browser whose session was ended ("Akhiri") never asks again, and one that is never
opened again does not either. Ending a session leaves a mark (`end`), so an officer's
confirmation can say so at once (`ended`), and the worker gives such rows up
(`give_up_uncollected`): at once for an ended session, after `UNCOLLECTED_AFTER` otherwise,
reported to the officers like any undeliverable message. A row given up that way is still
handed over if its browser does come back: nothing is lost, and the status check (ticket and
PIN) shows the officers' latest message.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy import and_, delete, func, literal, or_, select, update
from sqlalchemy.orm import Session, selectinload

from storage.models import (Complainant, Complaint, ContactRequest, ConversationState, Message,
                            OutboxItem, SentNotice)

# Conversation states in the middle of writing a complaint (bot.conversation.turn's
# DRAFT_STATES, and a stashed draft waiting to be resumed): nothing has been sent yet.
DRAFT_STATES = frozenset({"describe", "scope", "type_confirm", "type_choose", "reference",
                          "when", "where", "where_other", "who", "evidence", "outcome",
                          "identity", "name", "confidential", "confirm", "edit", "cancel",
                          "resume"})
from storage.repo import Store, Unit

# The conversation state of a person talking to the officers (bot.conversation.turn's
# State.OFFICER): an officer's answer is awaited.
OFFICER_STATE = "officer"

# The mark a session leaves when the server issues it (sent_notices; the key holds its channel
# address): a token the server never issued (one planted in a browser by someone else, to read
# later what the person says under it) is not taken (`issued`).
ISSUED = "web-session:"
# The mark an ended session leaves (sent_notices; the key holds the session's channel address,
# a hash from which the token cannot be recovered).
ENDED = "web-ended:"
# How long a browser keeps its session id (the cookie's max age, renewed on each visit): an
# issued session's mark is not needed after it (`prune_marks`).
SESSION_LIFETIME = dt.timedelta(days=180)
# How long a browser may leave a message uncollected before the officers are told: a person
# who has not opened the chat for three days will not read an officer's answer in time to act
# on it (an appointment, a request for a document), and the officers can still reach an
# identified person by other means. The message stays readable (`fetch`, the status check).
UNCOLLECTED_AFTER = dt.timedelta(days=3)
# `delivery_status` of a row given up uncollected: still handed over if its browser comes back.
UNCOLLECTED = "uncollected"
# What the officers read as the report's error (shown only for a complaint that is not
# sensitive; Indonesian, as the rest of the report): why, and where the person can still read
# it. The status check (ticket and PIN) shows the officers' latest message about a complaint;
# a /pesan answer belongs to no complaint, and after "Akhiri" no browser will ask for it.
UNCOLLECTED_ERROR = "belum diambil oleh chat web pelapor ({why}); {where}"
_WHY = {True: "sesi web pelapor sudah diakhiri", False: "chat web tidak dibuka selama {days} hari"}
_WHERE = {(True, True): "pesan petugas yang terakhir tampil saat pelapor cek status dengan "
                        "nomor tiket dan PIN",
          (True, False): "pesan ini tidak akan terbaca olehnya",
          (False, True): "pesan tetap tersimpan dan terbaca bila pelapor membuka chat itu lagi "
                         "(yang terakhir juga saat cek status dengan nomor tiket dan PIN)",
          (False, False): "pesan tetap tersimpan dan terbaca bila pelapor membuka chat itu lagi"}


def prune_marks(session: Session, now: dt.datetime) -> int:
    """The retention job's sweep of the web sessions' marks, which would otherwise pile up
    (one per visitor, most of whom never write): an issued session's mark once the session has
    outlived `SESSION_LIFETIME` (a session someone wrote from stays valid by its person,
    `Mailbox.issued`; one nobody wrote from is replaced by a new one, nothing said under it),
    and an ended session's mark once its person is erased (nothing is queued to it any more)."""
    people = select(literal(ENDED) + Complainant.address).where(
        Complainant.channel == "web").scalar_subquery()
    issued = session.execute(delete(SentNotice).where(
        SentNotice.key.startswith(ISSUED), SentNotice.sent_at < now - SESSION_LIFETIME))
    erased = session.execute(delete(SentNotice).where(
        SentNotice.key.startswith(ENDED), SentNotice.key.not_in(people)))
    return issued.rowcount + erased.rowcount


def ended(unit: Unit, address: str) -> bool:
    """Whether the web session at `address` was ended ("Akhiri"): nothing queued to it now is
    collected by a browser (its token is gone from the device)."""
    return bool(unit.marks(ENDED + address))


@dataclass(frozen=True)
class Said:
    """One bubble of the transcript: the bot's (an outbox row) or the person's (a message)."""

    key: str                      # "b<outbox id>" or "p<message id>": unique in a transcript
    by: str                       # bot | person
    text: str
    at: dt.datetime               # when it was said (a scheduled reply: when it became due)
    choices: tuple[str, ...] = ()
    files: tuple[str, ...] = ()   # content types the person attached
    outbox_id: int | None = None
    secret: dict[str, str] | None = field(default=None, repr=False)
    sent_as: str | None = None    # the person's: the id the page gave it ("<address>:<id>")


def _bot(row: Any) -> Said:
    payload = row.payload or {}
    choices = tuple(str(c) for c in payload.get("choices") or ())
    return Said(key=f"b{row.id}", by="bot", text=row.body or "", at=row.next_attempt_at,
                choices=choices, outbox_id=row.id,
                secret=dict(row.secret) if row.secret else None)


def _uncollected() -> Any:
    """A row the worker gave up because no browser collected it (see `give_up_uncollected`)."""
    return and_(OutboxItem.status == "undeliverable", OutboxItem.delivery_status == UNCOLLECTED)


class Mailbox:
    """Reads and hand-overs for one channel (`web`); each call is one short transaction."""

    def __init__(self, store: Store, channel: str = "web"):
        self.store = store
        self.channel = channel

    def _visible(self, address: str, now: dt.datetime) -> Any:
        """Rows of this browser it may see: delivered, pending and due, or given up
        uncollected (the officers were told; the browser came back after all)."""
        return and_(OutboxItem.channel == self.channel, OutboxItem.address == address,
                    or_(OutboxItem.status == "sent",
                        and_(OutboxItem.status == "pending", OutboxItem.next_attempt_at <= now),
                        _uncollected()))

    def fetch(self, address: str, after: int, now: dt.datetime, limit: int = 100) -> list[Said]:
        """The bot's messages since `after` (an outbox id), plus any that became due since,
        in the order they were due; the pending ones are marked delivered."""
        with self.store.read() as session:
            rows = session.execute(
                select(OutboxItem).where(
                    self._visible(address, now),
                    or_(OutboxItem.id > after, OutboxItem.status == "pending",
                        _uncollected()))
                .order_by(OutboxItem.next_attempt_at, OutboxItem.id).limit(limit)).scalars().all()
            said = [_bot(row) for row in rows]
            pending = [row.id for row in rows if row.status != "sent"]
        self._delivered(pending, now)
        return said

    def _delivered(self, ids: list[int], now: dt.datetime) -> None:
        if not ids:
            return
        with self.store.unit() as unit:
            unit.session.execute(
                update(OutboxItem)
                .where(OutboxItem.id.in_(ids),
                       (OutboxItem.status == "pending") | _uncollected())
                .values(status="sent", last_error=None, sent_at=now, locked_until=None,
                        provider_id="web",
                        delivery_status="delivered", delivery_at=now,
                        secret=None)   # a PIN rests nowhere once handed over
                .execution_options(synchronize_session=False))

    def transcript(self, address: str, now: dt.datetime,
                   limit: int = 200) -> tuple[list[Said], int, str | None]:
        """The newest `limit` bubbles of both sides in order, the cursor (the highest outbox id
        shown) and the person's language; pending rows shown are marked delivered."""
        with self.store.read() as session:
            rows = session.execute(
                select(OutboxItem).where(self._visible(address, now))
                .order_by(OutboxItem.next_attempt_at.desc(), OutboxItem.id.desc())
                .limit(limit)).scalars().all()
            bot = [_bot(row) for row in rows]
            pending = [row.id for row in rows if row.status != "sent"]
            cursor = session.scalar(select(func.max(OutboxItem.id)).where(
                self._visible(address, now))) or 0
            messages = session.execute(
                select(Message).options(selectinload(Message.attachments))
                .where(Message.channel == self.channel, Message.address == address,
                       Message.direction == "in")
                .order_by(Message.id.desc()).limit(limit)).scalars().all()
            person = [Said(key=f"p{m.id}", by="person", text=m.body or "", at=m.created_at,
                           files=tuple(a.content_type or "" for a in m.attachments),
                           sent_as=(m.provider_id or "").rpartition(":")[2] or None)
                      for m in messages]
            language = session.scalar(select(Complainant.language).where(
                Complainant.channel == self.channel, Complainant.address == address))
        self._delivered(pending, now)
        # The person's message first when both were said in the same turn (same instant).
        merged = sorted(bot + person, key=lambda s: (s.at, s.by == "bot", int(s.key[1:])))
        return merged[-limit:], cursor, language

    def issue(self, address: str, now: dt.datetime) -> None:
        """Record that the server made the session at `address` (one row per new session; new
        sessions are limited per client address)."""
        with self.store.unit() as unit:
            unit.claim_mark(ISSUED + address, "web_session", now)

    def issued(self, address: str) -> bool:
        """Whether the server made the session at `address`: its mark, or (a session made
        before sessions were recorded) a person who wrote from it. Nobody writes from a session
        that is not issued, so the second test lets no planted token in."""
        with self.store.read() as session:
            return session.scalar(select(SentNotice.id).where(
                SentNotice.key == ISSUED + address)) is not None or session.scalar(
                select(Complainant.id).where(Complainant.channel == self.channel,
                                             Complainant.address == address)) is not None

    def end(self, address: str, now: dt.datetime) -> bool:
        """Record that this session was ended ("Akhiri"), when someone wrote from it (a session
        that never said anything is not worth a row); True when recorded now."""
        with self.store.unit() as unit:
            known = unit.session.scalar(select(Complainant.id).where(
                Complainant.channel == self.channel, Complainant.address == address))
            return known is not None and unit.claim_mark(ENDED + address, "web_ended", now)

    def give_up_uncollected(self, now: dt.datetime,
                            report: Callable[[Unit, OutboxItem, str], dict[str, Any] | None],
                            after: dt.timedelta = UNCOLLECTED_AFTER, limit: int = 200) -> int:
        """Mark undeliverable the rows no browser will collect, in one transaction: those of an
        ended session, and those due longer than `after` ago; for each, `report(unit, row,
        error)` (the officers' notice, or None) is queued with it. Returns how many were given up.
        They stay visible to their browser (`_visible`), which is handed them if it comes back."""
        ended_mark = (SentNotice.key == literal(ENDED) + OutboxItem.address)
        with self.store.unit() as unit:
            query = (select(OutboxItem, SentNotice.sent_at)
                     .outerjoin(SentNotice, ended_mark)
                     .where(OutboxItem.channel == self.channel, OutboxItem.status == "pending",
                            OutboxItem.next_attempt_at <= now,
                            (OutboxItem.next_attempt_at <= now - after)
                            | SentNotice.id.isnot(None))
                     .order_by(OutboxItem.id).limit(limit))
            if self.store.dialect == "postgresql":
                query = query.with_for_update(skip_locked=True, of=OutboxItem)
            rows = unit.session.execute(query).all()
            days = max(1, round(after.total_seconds() / 86400))
            for row, ended_at in rows:
                gone, about = ended_at is not None, row.complaint_id is not None
                error = UNCOLLECTED_ERROR.format(why=_WHY[gone].format(days=days),
                                                 where=_WHERE[gone, about])
                row.status, row.delivery_status = "undeliverable", UNCOLLECTED
                row.delivery_at = now
                row.last_error, row.locked_until = error, None
                row.secret = None    # a PIN nobody collected rests nowhere (as `give_up`)
                found = report(unit, row, error)
                if found:
                    found = dict(found)
                    once = found.pop("once", None)
                    if once is None or unit.claim_mark(once, found["kind"], now):
                        unit.enqueue(at=now, **found)
            return len(rows)

    def language(self, address: str) -> str | None:
        with self.store.read() as session:
            return session.scalar(select(Complainant.language).where(
                Complainant.channel == self.channel, Complainant.address == address))

    def standing(self, address: str) -> tuple[bool, bool]:
        """(a complaint is being written and not sent yet, a complaint was filed here)."""
        with self.store.read() as session:
            state = session.execute(select(ConversationState.state, ConversationState.data).where(
                ConversationState.channel == self.channel,
                ConversationState.address == address)).first()
            filed = session.scalar(
                select(func.count()).select_from(Complaint).join(
                    Complainant, Complaint.complainant_id == Complainant.id)
                .where(Complainant.channel == self.channel, Complainant.address == address))
        draft = bool(state) and (state[0] in DRAFT_STATES or bool((state[1] or {}).get("story")))
        return draft, bool(filed)

    def waiting(self, address: str, now: dt.datetime) -> tuple[bool, float | None]:
        """(the person waits for an officer: talking to the officers, or a request of theirs
        not answered yet; in how many seconds the bot's next scheduled message is due, or None).
        The page looks often while an officer's answer is awaited, and shows that a reply is
        on its way (a pause acknowledgement is due a few seconds after the person's bubble)."""
        with self.store.read() as session:
            state = session.scalar(select(ConversationState.state).where(
                ConversationState.channel == self.channel,
                ConversationState.address == address))
            asked = session.scalar(
                select(func.count()).select_from(ContactRequest).join(
                    Complainant, ContactRequest.complainant_id == Complainant.id)
                .where(Complainant.channel == self.channel, Complainant.address == address,
                       ContactRequest.status == "open"))
            due = session.scalar(select(func.min(OutboxItem.next_attempt_at)).where(
                OutboxItem.channel == self.channel, OutboxItem.address == address,
                OutboxItem.status == "pending", OutboxItem.next_attempt_at > now))
        coming = None
        if due is not None:
            aware = [t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc) for t in (due, now)]
            coming = max(0.0, (aware[0] - aware[1]).total_seconds())
        return state == OFFICER_STATE or bool(asked), coming

    def inbound_since(self, address: str, since: dt.datetime, cap: int = 100) -> int:
        """How many messages this browser sent since `since` (at most `cap` are counted)."""
        with self.store.read() as session:
            recent = session.execute(
                select(Message.created_at)
                .where(Message.channel == self.channel, Message.address == address,
                       Message.direction == "in")
                .order_by(Message.id.desc()).limit(cap)).scalars().all()
        return sum(1 for at in recent if at >= since)
