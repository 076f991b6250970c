"""The rows one conversation turn reads and writes, with plain SQL statements (no ORM flush).

A turn touches the same few rows every time: the person, their conversation, the message in
and the replies out. Read as plain rows and written back once (changed columns only), a turn
costs one SELECT, one INSERT for the message, at most one UPDATE
each for the person and the conversation and one INSERT for the replies, run on the cursor
(storage.rawsql): the turn holds the write lock while they run.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any, Callable

from storage.models import Complainant, Complaint, ConversationState
from storage.rawsql import Runner, Statement

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

    def values(self) -> dict[str, Any]:
        """Every column of the person's row, as the turn holds it now."""
        return {name: getattr(self, name) for name in _PERSON_COLUMNS}

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


def _names(cls: type) -> list[str]:
    return [f.name for f in fields(cls) if not f.name.startswith("_")]


_PERSON_COLUMNS = _names(Person)
_CONVERSATION_COLUMNS = [c for c in _names(Conversation) if c not in ("channel", "address")]
_PERSON_SQL = ", ".join(f"p.{c}" for c in _PERSON_COLUMNS)
_CONVERSATION_SQL = ", ".join(f"c.{c}" for c in _CONVERSATION_COLUMNS)
_PERSON_TYPES = [PEOPLE.c[c].type for c in _PERSON_COLUMNS]
_CONVERSATION_TYPES = [CONVERSATIONS.c[c].type for c in _CONVERSATION_COLUMNS]
_AT = PEOPLE.c.created_at.type              # UTCDateTime, as every timestamp column
_DATA = CONVERSATIONS.c.data.type           # JSON

# The flood limit's count, taken before the turn's message is written: the identity's inbound
# messages since a moment among its newest rows (through the (channel, address, id) index).
# With the new message (the newest row, inbound, just now) it is one more, among one row fewer.
_RECENT = ("(SELECT count(*) FROM (SELECT direction, created_at FROM messages"
           " WHERE channel = :channel AND address = :address ORDER BY id DESC LIMIT :rows)"
           " AS recent WHERE direction = 'in' AND created_at >= :since)")
_RECENT_INBOUND = Statement(f"SELECT {_RECENT}", {"since": _AT})

# Statements written once (storage.rawsql): the person, their conversation and the flood count
# in one SELECT (the writer lock already serialises SQLite's turns).
_TURN_ROWS = Statement(
    f"SELECT {_PERSON_SQL}, {_CONVERSATION_SQL}, {_RECENT} FROM complainants AS p"
    " LEFT JOIN conversation_states AS c ON c.channel = p.channel AND c.address = p.address"
    " WHERE p.channel = :channel AND p.address = :address",
    {"since": _AT}, [*_PERSON_TYPES, *_CONVERSATION_TYPES, None])
# PostgreSQL: the same in one statement, the conversation's row locked in a LATERAL subquery
# (FOR UPDATE cannot lock the nullable side of an outer join itself).
_TURN_ROWS_LOCKED = Statement(
    f"SELECT {_PERSON_SQL}, {_CONVERSATION_SQL}, {_RECENT} FROM complainants AS p"
    " LEFT JOIN LATERAL (SELECT id, state, data, version, updated_at FROM conversation_states"
    " WHERE channel = :channel AND address = :address FOR UPDATE) AS c ON true"
    " WHERE p.channel = :channel AND p.address = :address",
    {"since": _AT}, [*_PERSON_TYPES, *_CONVERSATION_TYPES, None])
_PERSON = Statement(f"SELECT {_PERSON_SQL} FROM complainants AS p"
                    " WHERE p.channel = :channel AND p.address = :address",
                    types=_PERSON_TYPES)
_NEW_PERSON = Statement("INSERT INTO complainants (channel, address, language, created_at)"
                        " VALUES (:channel, :address, :language, :created_at) RETURNING id",
                        {"created_at": _AT})
_CONVERSATION_ROW = (f"SELECT {_CONVERSATION_SQL} FROM conversation_states AS c"
                     " WHERE c.channel = :channel AND c.address = :address")
_CONVERSATION = Statement(_CONVERSATION_ROW, types=_CONVERSATION_TYPES)
_CONVERSATION_LOCKED = Statement(_CONVERSATION_ROW + " FOR UPDATE", types=_CONVERSATION_TYPES)
_NEW_CONVERSATION = Statement(
    "INSERT INTO conversation_states (channel, address, state, data, version, updated_at)"
    " VALUES (:channel, :address, :state, :data, :version, :updated_at) RETURNING id",
    {"data": _DATA, "updated_at": _AT})
_SAVE_CONVERSATION = Statement(
    "UPDATE conversation_states SET state = :state, data = :data, version = :new_version,"
    " updated_at = :updated_at WHERE id = :cid AND version = :old_version",
    {"data": _DATA, "updated_at": _AT})
_PERSON_UPDATES: dict[frozenset[str], Statement] = {}


def _person_update(columns: frozenset[str]) -> Statement:
    found = _PERSON_UPDATES.get(columns)
    if found is None:
        ordered = sorted(columns)
        found = _PERSON_UPDATES.setdefault(columns, Statement(
            "UPDATE complainants SET " + ", ".join(f"{c} = :v_{c}" for c in ordered)
            + " WHERE id = :pid", {f"v_{c}": PEOPLE.c[c].type for c in ordered}))
    return found


def _person(row: list[Any]) -> Person:
    values = dict(zip(_PERSON_COLUMNS, row))
    person = Person(**values)
    person._saved = values
    return person


def _conversation(channel: str, address: str, row: list[Any]) -> Conversation | None:
    if row[0] is None:
        return None
    values = dict(zip(_CONVERSATION_COLUMNS, row))
    values["data"] = dict(values["data"] or {})
    return Conversation(channel=channel, address=address, **values)


def _flood_params(channel: str, address: str, since: dt.datetime, cap: int) -> dict[str, Any]:
    # count_inbound_since reads 5 * cap rows with the message written; before it, one fewer
    return {"channel": channel, "address": address, "since": since, "rows": 5 * cap - 1}


def load_turn(sql: Runner, channel: str, address: str, at: dt.datetime, since: dt.datetime,
              cap: int) -> tuple[Person, Conversation | None, int]:
    """The person (created on first contact), their conversation (its row locked where the
    engine has row locks) and how many messages they sent since `since`, counting the one
    about to be recorded (at most `cap`): the flood limit's count."""
    params = _flood_params(channel, address, since, cap)
    row = sql.first(_TURN_ROWS if sql.dialect.name == "sqlite" else _TURN_ROWS_LOCKED, params)
    if row is not None:
        n = len(_PERSON_COLUMNS)
        return (_person(row[:n]), _conversation(channel, address, row[n:-1]),
                min(cap, 1 + (row[-1] or 0)))
    person = load_person(sql, channel, address, at)
    return (person, load_conversation(sql, channel, address),
            min(cap, 1 + (sql.scalar(_RECENT_INBOUND, params) or 0)))


def count_inbound_since(sql: Runner, channel: str, address: str, since: dt.datetime,
                        cap: int) -> int:
    """Inbound messages of this identity since `since` (all written ones), at most `cap`."""
    counted = sql.scalar(_RECENT_INBOUND, {**_flood_params(channel, address, since, cap),
                                           "rows": 5 * cap})
    return min(cap, counted or 0)


def load_person(sql: Runner, channel: str, address: str, at: dt.datetime) -> Person:
    """The person for this channel identity, created on first contact."""
    row = sql.first(_PERSON, {"channel": channel, "address": address})
    if row is None:
        new_id = sql.scalar(_NEW_PERSON, {"channel": channel, "address": address,
                                          "language": "id", "created_at": at})
        row = sql.first(_PERSON, {"channel": channel, "address": address})
        assert row is not None and row[0] == new_id
    return _person(row)


def save_person(sql: Runner, person: Person) -> None:
    """One UPDATE of the columns the turn changed (none: no statement)."""
    changed = person.changes()
    if changed:
        sql.run(_person_update(frozenset(changed)),
                {"pid": person.id, **{f"v_{k}": v for k, v in changed.items()}})
        person._saved.update(changed)


def load_conversation(sql: Runner, channel: str, address: str) -> Conversation | None:
    """The conversation, its row locked for this transaction where the engine has row locks."""
    statement = _CONVERSATION_LOCKED if sql.dialect.name == "postgresql" else _CONVERSATION
    row = sql.first(statement, {"channel": channel, "address": address})
    return _conversation(channel, address, row) if row is not None else None


_PEEK = Statement("SELECT state, data FROM conversation_states"
                  " WHERE channel = :channel AND address = :address", types=[None, _DATA])


def peek_conversation(sql: Runner, channel: str, address: str) -> tuple[str, dict[str, Any]] | None:
    """(state, data) of a conversation, as a read sees it (no lock)."""
    row = sql.first(_PEEK, {"channel": channel, "address": address})
    return (row[0], dict(row[1] or {})) if row is not None else None


def save_conversation(sql: Runner, conversation: Conversation) -> Callable[[], None]:
    """INSERT a new conversation, or UPDATE it guarded by its version. Returns the check to
    call once the statement's row count is known (at once, or after `Runner.batch`): it
    raises StaleConversation when another turn saved the conversation first."""
    if conversation.id is None:
        conversation.id = sql.scalar(_NEW_CONVERSATION, {
            "channel": conversation.channel, "address": conversation.address, "version": 1,
            "state": conversation.state, "data": conversation.data,
            "updated_at": conversation.updated_at})
        conversation.version = 1
        return lambda: None
    done = sql.run_later(_SAVE_CONVERSATION, {
        "cid": conversation.id, "old_version": conversation.version,
        "new_version": conversation.version + 1, "state": conversation.state,
        "data": conversation.data, "updated_at": conversation.updated_at})

    def check() -> None:
        if done() != 1:
            raise StaleConversation(f"conversation {conversation.id} changed meanwhile")
        conversation.version += 1
    return check


@dataclass(frozen=True)
class ComplaintCard:
    """What a status answer reads of a complaint: its ticket, owner, PIN hash, stage, verdict."""

    id: int
    ticket: str
    complainant_id: int | None
    pin_hash: str
    type: str
    stage: str
    created_at: dt.datetime
    updated_at: dt.datetime
    verdict: str | None = None      # step 4's: what the complainant is told comes next


_CARD_COLUMNS = _names(ComplaintCard)
_CARD = Statement(f"SELECT {', '.join(_CARD_COLUMNS)} FROM complaints WHERE ticket = :ticket",
                  types=[Complaint.__table__.c[c].type for c in _CARD_COLUMNS])


def complaint_card(sql: Runner, ticket: str) -> ComplaintCard | None:
    """The complaint with this ticket, as a status answer needs it (one plain SELECT)."""
    row = sql.first(_CARD, {"ticket": ticket})
    return ComplaintCard(*row) if row is not None else None
