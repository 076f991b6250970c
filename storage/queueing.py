"""Writing to the outbox inside the caller's transaction: queue a message, follow a chat's move.

Kept apart from `outbox` (which claims and marks messages for workers) so that the unit of
work can queue messages without importing the worker's side.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, or_, text, update
from sqlalchemy.orm import Session

from storage import inserts
from storage.models import ChatMigration, Complaint, OutboxItem
from storage.rawsql import Runner, Statement


def enqueue(session: Session, *, kind: str, channel: str, address: str, body: str,
            at: dt.datetime, payload: dict[str, Any] | None = None,
            complaint_id: int | None = None, complainant_id: int | None = None,
            message_id: int | None = None, secret: dict[str, str] | None = None,
            next_attempt_at: dt.datetime | None = None,
            runner: Runner | None = None) -> OutboxItem:
    """Add a pending message to the outbox inside the caller's transaction.

    `secret` maps masks in the body and payload to the values filled in at send time (a PIN);
    it is dropped once the message is delivered or given up. `next_attempt_at`: not sent
    before then (default: at once). `runner`: the transaction's plain-statement runner, if the
    caller has one.
    """
    item = OutboxItem(kind=kind, channel=channel, address=str(address), body=body,
                      payload=payload or {}, complaint_id=complaint_id,
                      complainant_id=complainant_id, message_id=message_id, status="pending",
                      attempts=0, next_attempt_at=next_attempt_at or at, created_at=at,
                      secret=secret or None)
    inserts.insert(session, runner or Runner(session.connection()), item)   # written now
    notify(session)
    return item


def notify(session: Session) -> None:
    """Wake listening workers when this transaction commits (PostgreSQL; once per transaction).

    SQLite needs nothing: the worker sees any commit through `PRAGMA data_version`.
    """
    if session.info.get("outbox_notified"):
        return
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(text("NOTIFY outbox"))
    session.info["outbox_notified"] = True


# A chat's pending messages of one kind, cancelled: asked by a turn that supersedes the pause
# acknowledgement (plain SQL on the chat's index, no ORM session for it).
_CANCEL_PENDING = Statement(
    "UPDATE outbox SET status = 'cancelled', last_error = 'superseded by a newer message'"
    " WHERE channel = :channel AND address = :address AND kind = :kind AND status = 'pending'")


def cancel_pending(sql: Runner, channel: str, address: str, kind: str) -> int:
    """Cancel a chat's pending (not yet claimed) messages of one kind; how many were cancelled.

    A message already claimed by a worker ("sending") is left to go out."""
    return sql.run(_CANCEL_PENDING, {"channel": channel, "address": str(address), "kind": kind})


def readdress_pending(session: Session, complaint_id: int, old_complainant_id: int,
                      channel: str, address: str, complainant_id: int,
                      drop_kinds: tuple[str, ...]) -> tuple[int, int]:
    """A complaint's pending messages to a person recorded by mistake: those of `drop_kinds`
    (they carry what only the right person may read, a PIN) are cancelled, the others go to
    the right person instead. Messages already claimed by a worker are left. (moved,
    cancelled)."""
    mine = (OutboxItem.complaint_id == complaint_id,
            OutboxItem.complainant_id == old_complainant_id, OutboxItem.status == "pending")
    cancelled = session.execute(
        update(OutboxItem).where(*mine, OutboxItem.kind.in_(drop_kinds))
        .values(status="cancelled", secret=None,
                last_error="the complainant's number was corrected")
        .execution_options(synchronize_session=False))
    moved = session.execute(
        update(OutboxItem).where(*mine, OutboxItem.kind.not_in(drop_kinds))
        .values(channel=channel, address=str(address), complainant_id=complainant_id)
        .execution_options(synchronize_session=False))
    return int(moved.rowcount or 0), int(cancelled.rowcount or 0)


# Whether a chat has any message given up as undeliverable lately: asked on every inbound
# message (plain SQL on the chat's index), so the ORM joins only when there is one to send.
_UNDELIVERED = Statement(
    "SELECT 1 FROM outbox WHERE channel = :channel AND address = :address"
    " AND status = 'undeliverable' AND created_at >= :since LIMIT 1",
    {"since": OutboxItem.__table__.c.created_at.type})


def has_undelivered(sql: Runner, channel: str, address: str, since: dt.datetime) -> bool:
    return sql.first(_UNDELIVERED, {"channel": channel, "address": str(address),
                                    "since": since}) is not None


def resend_undelivered(session: Session, channel: str, address: str, kinds: tuple[str, ...],
                       since: dt.datetime, at: dt.datetime) -> int:
    """Send again this chat's messages of `kinds` given up as undeliverable since `since`
    (blocked bot, closed WhatsApp window, SMS opt-out): the person has just written, so they
    can be reached again. Messages that carried a secret (dropped when given up) stay as they
    are, and a rating request of a complaint rated meanwhile. How many were queued again."""
    result = session.execute(
        update(OutboxItem)
        .where(OutboxItem.channel == channel, OutboxItem.address == str(address),
               OutboxItem.status == "undeliverable", OutboxItem.kind.in_(kinds),
               OutboxItem.created_at >= since, OutboxItem.secret.is_(None),
               OutboxItem.body != "",
               # a rating request whose complaint was rated meanwhile (by status) asks no more
               or_(OutboxItem.kind != "rating", ~exists().where(
                   Complaint.id == OutboxItem.complaint_id, Complaint.rating.is_not(None))))
        .values(status="pending", next_attempt_at=at, attempts=0, locked_by=None,
                locked_until=None, delivery_status=None, delivery_error=None, delivery_at=None,
                last_error="sent again: the recipient wrote to us")
        .execution_options(synchronize_session=False))
    count = int(result.rowcount or 0)
    if count:
        notify(session)
    return count


def resolve_chat(session: Session, chat_id: str) -> str:
    """The current id of a Telegram chat, following recorded migrations."""
    current, seen = str(chat_id), set()
    while current not in seen:
        seen.add(current)
        moved = session.get(ChatMigration, current)
        if moved is None:
            return current
        current = moved.new_chat_id
    return current


@dataclass(frozen=True)
class News:
    """An officer's message to a complainant about a complaint (a /balas reply, a /kabar
    update, the outcome), as a status answer reads it."""

    kind: str
    body: str
    status: str
    address: str
    created_at: dt.datetime


# A complaint's news for its complainant, oldest first: plain SQL, no ORM objects (a status
# answer reads it on every look-up).
_NEWS = Statement(
    "SELECT kind, body, status, address, created_at FROM outbox WHERE complaint_id = :cid"
    " AND kind IN ('relay', 'update') AND body != '' AND status != 'cancelled' ORDER BY id",
    types=[None, None, None, None, OutboxItem.__table__.c.created_at.type])


def news(sql: Runner, complaint_id: int) -> list[News]:
    return [News(*row) for row in sql.rows(_NEWS, {"cid": complaint_id})]
