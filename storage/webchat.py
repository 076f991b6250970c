"""The web chat's mailbox: a browser reads its own messages from the outbox, and its transcript.

A browser cannot be pushed to, so the worker leaves the web channel's outbox rows alone and the
browser collects them: a row becomes visible when it is due (a scheduled one only then), is
handed to the browser in order of when it was due, and is marked delivered (`sent`, with
`delivery_status` "delivered") by the request that hands it over. A browser that asks again
with an older cursor gets the delivered rows again, so a lost answer loses nothing: the
outbox's at-least-once, in-order guarantee holds. Cancelled rows are never shown.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import selectinload

from storage.models import Complainant, Complaint, ConversationState, Message, OutboxItem

# Conversation states in the middle of writing a complaint (bot.conversation.turn's
# DRAFT_STATES, and a stashed draft waiting to be resumed): nothing has been sent yet.
DRAFT_STATES = frozenset({"describe", "scope", "type_confirm", "type_choose", "reference",
                          "when", "where", "where_other", "who", "evidence", "outcome",
                          "identity", "name", "confidential", "confirm", "edit", "cancel",
                          "resume"})
from storage.repo import Store


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


def _bot(row: Any) -> Said:
    payload = row.payload or {}
    choices = tuple(str(c) for c in payload.get("choices") or ())
    return Said(key=f"b{row.id}", by="bot", text=row.body or "", at=row.next_attempt_at,
                choices=choices, outbox_id=row.id,
                secret=dict(row.secret) if row.secret else None)


class Mailbox:
    """Reads and hand-overs for one channel (`web`); each call is one short transaction."""

    def __init__(self, store: Store, channel: str = "web"):
        self.store = store
        self.channel = channel

    def _visible(self, address: str, now: dt.datetime) -> Any:
        """Rows of this browser it may see: delivered, or pending and due."""
        return and_(OutboxItem.channel == self.channel, OutboxItem.address == address,
                    or_(OutboxItem.status == "sent",
                        and_(OutboxItem.status == "pending", OutboxItem.next_attempt_at <= now)))

    def fetch(self, address: str, after: int, now: dt.datetime, limit: int = 100) -> list[Said]:
        """The bot's messages since `after` (an outbox id), plus any that became due since,
        in the order they were due; the pending ones are marked delivered."""
        with self.store.read() as session:
            rows = session.execute(
                select(OutboxItem).where(
                    self._visible(address, now),
                    or_(OutboxItem.id > after, OutboxItem.status == "pending"))
                .order_by(OutboxItem.next_attempt_at, OutboxItem.id).limit(limit)).scalars().all()
            said = [_bot(row) for row in rows]
            pending = [row.id for row in rows if row.status == "pending"]
        self._delivered(pending, now)
        return said

    def _delivered(self, ids: list[int], now: dt.datetime) -> None:
        if not ids:
            return
        with self.store.unit() as unit:
            unit.session.execute(
                update(OutboxItem)
                .where(OutboxItem.id.in_(ids), OutboxItem.status == "pending")
                .values(status="sent", sent_at=now, locked_until=None, provider_id="web",
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
            pending = [row.id for row in rows if row.status == "pending"]
            cursor = session.scalar(select(func.max(OutboxItem.id)).where(
                self._visible(address, now))) or 0
            messages = session.execute(
                select(Message).options(selectinload(Message.attachments))
                .where(Message.channel == self.channel, Message.address == address,
                       Message.direction == "in")
                .order_by(Message.id.desc()).limit(limit)).scalars().all()
            person = [Said(key=f"p{m.id}", by="person", text=m.body or "", at=m.created_at,
                           files=tuple(a.content_type or "" for a in m.attachments))
                      for m in messages]
            language = session.scalar(select(Complainant.language).where(
                Complainant.channel == self.channel, Complainant.address == address))
        self._delivered(pending, now)
        # The person's message first when both were said in the same turn (same instant).
        merged = sorted(bot + person, key=lambda s: (s.at, s.by == "bot", int(s.key[1:])))
        return merged[-limit:], cursor, language

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

    def inbound_since(self, address: str, since: dt.datetime, cap: int = 100) -> int:
        """How many messages this browser sent since `since` (at most `cap` are counted)."""
        with self.store.read() as session:
            recent = session.execute(
                select(Message.created_at)
                .where(Message.channel == self.channel, Message.address == address,
                       Message.direction == "in")
                .order_by(Message.id.desc()).limit(cap)).scalars().all()
        return sum(1 for at in recent if at >= since)
