"""Keyboards sent for a complaint, and retiring them once the complaint's stage has moved.

A message whose buttons act on a stage carries that stage in its outbox payload ("stage").
When the stage moves, each such message is retired: one not yet sent loses its buttons before
it goes; one already sent gets an edit (a "keyboard" message in the same chat, so it is
delivered after the original, with the original's Telegram message id filled in when it is
claimed). An officer's reply to a message is traced back to its outbox row the same way.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import queueing
from storage.models import OutboxItem

LIVE = ("pending", "sending", "sent")


def _locked(session: Session, query: Any) -> Any:
    assert session.bind is not None
    if session.bind.dialect.name == "postgresql":
        return query.with_for_update(skip_locked=False)
    return query


def bound_keyboards(session: Session, complaint_id: int) -> list[OutboxItem]:
    """The complaint's Telegram messages whose buttons are bound to a stage, not retired yet."""
    rows = session.scalars(_locked(session, (
        select(OutboxItem)
        .where(OutboxItem.complaint_id == complaint_id, OutboxItem.channel == "telegram",
               OutboxItem.kind != "keyboard")
        .order_by(OutboxItem.id))))
    return [row for row in rows if (row.payload or {}).get("stage")]


def retire(session: Session, row: OutboxItem, buttons: list[list[Any]], at: dt.datetime) -> bool:
    """Replace the row's keyboard with `buttons`; True when an edit was queued."""
    payload = {k: v for k, v in (row.payload or {}).items() if k != "stage"}
    if row.status == "pending":
        payload["buttons"] = buttons           # not sent yet: it goes out without the old ones
        row.payload = payload
        return False
    row.payload = payload
    if row.status not in ("sending", "sent"):
        return False                           # never delivered: nothing on anyone's screen
    queueing.enqueue(session, kind="keyboard", channel=row.channel, address=row.address,
                     body="", payload={"edit_of": row.id, "buttons": buttons}, at=at,
                     complaint_id=row.complaint_id)
    return True


def edit_targets(session: Session, rows: Iterable[OutboxItem]) -> dict[int, str | None]:
    """For claimed edits: outbox id of the edited message -> its Telegram message id."""
    wanted = {int(row.payload["edit_of"]) for row in rows
              if isinstance(row.payload, dict) and row.payload.get("edit_of")}
    if not wanted:
        return {}
    return dict(session.execute(select(OutboxItem.id, OutboxItem.provider_id)
                                .where(OutboxItem.id.in_(wanted))).tuples().all())


def sent_message(session: Session, chat_id: str, message_id: str) -> OutboxItem | None:
    """The outbox row of the message Telegram numbered `message_id` in this chat (or None)."""
    return session.scalars(
        select(OutboxItem)
        .where(OutboxItem.channel == "telegram", OutboxItem.address == str(chat_id),
               OutboxItem.provider_id == str(message_id), OutboxItem.status == "sent")
        .order_by(OutboxItem.id.desc()).limit(1)).first()
