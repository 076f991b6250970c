"""The rows one conversation turn reads and writes, with plain SQL statements (no ORM flush).

A turn touches the same few rows every time: the person, their conversation, the message in
and the replies out. Read as plain rows and written back once (changed columns only), a turn
costs two SELECTs, one INSERT for the message, at most one UPDATE each for the person and the
conversation and one INSERT for the replies.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from storage.models import Complainant, ConversationState

PEOPLE = Complainant.__table__
CONVERSATIONS = ConversationState.__table__


class StaleConversation(Exception):
    """Another turn saved this conversation first."""


@dataclass
class Person:
    """A complainant as a turn sees it; changes are written back by `save_person`."""

    id: int
    channel: str
    address: str
    name: str | None
    profile_name: str | None
    language: str
    consent_at: dt.datetime | None
    created_at: dt.datetime
    last_inbound_at: dt.datetime | None
    _saved: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def changes(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)
                if not f.name.startswith("_") and getattr(self, f.name) != self._saved.get(f.name)}


@dataclass
class Conversation:
    """Where one identity is in the conversation; `version` guards against concurrent turns."""

    id: int | None
    channel: str
    address: str
    state: str
    data: dict[str, Any]
    version: int
    updated_at: dt.datetime


def _columns(table: Any, cls: type) -> list[Any]:
    return [table.c[f.name] for f in fields(cls) if not f.name.startswith("_")]


# Statements built once: building a statement object per turn costs more than running it.
_PERSON_BY_IDENTITY = select(*_columns(PEOPLE, Person)).where(
    PEOPLE.c.channel == bindparam("channel"), PEOPLE.c.address == bindparam("address"))
_PERSON_BY_ID = select(*_columns(PEOPLE, Person)).where(PEOPLE.c.id == bindparam("pid"))
_NEW_PERSON = insert(PEOPLE).returning(PEOPLE.c.id)
_CONVERSATION = select(*_columns(CONVERSATIONS, Conversation)).where(
    CONVERSATIONS.c.channel == bindparam("channel"),
    CONVERSATIONS.c.address == bindparam("address"))
_CONVERSATION_LOCKED = _CONVERSATION.with_for_update()
_NEW_CONVERSATION = insert(CONVERSATIONS).returning(CONVERSATIONS.c.id)
_SAVE_CONVERSATION = (update(CONVERSATIONS)
                      .where(CONVERSATIONS.c.id == bindparam("cid"),
                             CONVERSATIONS.c.version == bindparam("old_version"))
                      .values(state=bindparam("state"), data=bindparam("data"),
                              updated_at=bindparam("updated_at"),
                              version=bindparam("new_version")))
_PERSON_UPDATES: dict[frozenset[str], Any] = {}


def _person_update(columns: frozenset[str]) -> Any:
    found = _PERSON_UPDATES.get(columns)
    if found is None:
        found = _PERSON_UPDATES.setdefault(columns, update(PEOPLE).where(
            PEOPLE.c.id == bindparam("pid")).values({c: bindparam(f"v_{c}") for c in columns}))
    return found


def load_person(session: Session, channel: str, address: str, at: dt.datetime) -> Person:
    """The person for this channel identity, created on first contact."""
    conn = session.connection()
    row = conn.execute(_PERSON_BY_IDENTITY, {"channel": channel, "address": address}).first()
    if row is None:
        new_id = conn.execute(_NEW_PERSON, {"channel": channel, "address": address,
                                            "language": "id", "created_at": at}).scalar_one()
        row = conn.execute(_PERSON_BY_ID, {"pid": new_id}).one()
    person = Person(**row._mapping)
    person._saved = dict(row._mapping)
    return person


def save_person(session: Session, person: Person) -> None:
    """One UPDATE of the columns the turn changed (none: no statement)."""
    changed = person.changes()
    if changed:
        session.connection().execute(
            _person_update(frozenset(changed)),
            {"pid": person.id, **{f"v_{k}": v for k, v in changed.items()}})
        person._saved.update(changed)


def load_conversation(session: Session, channel: str, address: str) -> Conversation | None:
    """The conversation, its row locked for this transaction where the engine has row locks."""
    locked = session.get_bind().dialect.name == "postgresql"
    row = session.connection().execute(_CONVERSATION_LOCKED if locked else _CONVERSATION,
                                       {"channel": channel, "address": address}).first()
    if row is None:
        return None
    found = Conversation(**row._mapping)
    found.data = dict(found.data or {})
    return found


def save_conversation(session: Session, conversation: Conversation) -> None:
    """INSERT a new conversation, or UPDATE it guarded by its version (StaleConversation)."""
    conn = session.connection()
    if conversation.id is None:
        conversation.id = conn.execute(_NEW_CONVERSATION, {
            "channel": conversation.channel, "address": conversation.address, "version": 1,
            "state": conversation.state, "data": conversation.data,
            "updated_at": conversation.updated_at}).scalar_one()
        conversation.version = 1
        return
    done = conn.execute(_SAVE_CONVERSATION, {
        "cid": conversation.id, "old_version": conversation.version,
        "new_version": conversation.version + 1, "state": conversation.state,
        "data": conversation.data, "updated_at": conversation.updated_at})
    if done.rowcount != 1:
        raise StaleConversation(f"conversation {conversation.id} changed meanwhile")
    conversation.version += 1
