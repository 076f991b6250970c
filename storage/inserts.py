"""New rows written with plain statements (storage.rawsql), then handed to the ORM session as
rows it has already loaded.

A turn that files a complaint or queues a message used to pay the ORM's flush for each new
object (every column's history, an INSERT built per object, then the identity bookkeeping)
with the write lock held. Here each new row is one INSERT … RETURNING id on the cursor, and
the object joins the session as persistent and clean (`make_transient_to_detached`): what is
built from it later in the transaction reads it from memory, a later change to it is an
ordinary UPDATE, and the unit's final flush has nothing left to write for it.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.session import make_transient_to_detached
from sqlalchemy.sql.schema import Table

from storage.models import Complainant, Complaint, OutboxItem, StageEvent
from storage.rawsql import Runner, Statement


class _Insert:
    """One table's INSERT of every column but the key, and the defaults the ORM would use."""

    def __init__(self, table: Table):
        self.columns = [c.name for c in table.columns if not c.primary_key]
        self.statement = Statement(
            f"INSERT INTO {table.name} ({', '.join(self.columns)})"
            f" VALUES ({', '.join(':' + c for c in self.columns)}) RETURNING id",
            {c: table.c[c].type for c in self.columns})
        self.defaults: dict[str, Any] = {}       # column -> value, or a callable making one
        for c in self.columns:
            default = table.c[c].default
            if default is not None:
                assert default.is_scalar or default.is_callable, f"{table.name}.{c}"
                # SQLAlchemy wraps a callable default to take the execution context
                self.defaults[c] = (lambda d=default: d.arg(None)) if default.is_callable \
                    else (lambda v=default.arg: v)


_INSERTS = {cls: _Insert(cls.__table__) for cls in (Complaint, StageEvent, OutboxItem)}


def insert(session: Session, runner: Runner, obj: Any) -> Any:
    """INSERT a new object's row now; the object becomes the session's, persistent and clean."""
    spec = _INSERTS[type(obj)]
    values = {}
    state = obj.__dict__
    for name in spec.columns:
        value = state.get(name)
        if value is None:
            default = spec.defaults.get(name)
            value = default() if default is not None else None
            setattr(obj, name, value)   # set, even to None: an unset column would be expired
        values[name] = value
    obj.id = runner.scalar(spec.statement, values)
    make_transient_to_detached(obj)      # as if loaded: every column set, nothing pending
    session.add(obj)
    return obj


def insert_complaint(session: Session, runner: Runner, complaint: Complaint,
                     event: StageEvent) -> None:
    """INSERT a new complaint and its first audit event, linked both ways in memory."""
    insert(session, runner, complaint)
    event.complaint_id = complaint.id
    insert(session, runner, event)
    set_committed_value(event, "complaint", complaint)


def attach_person(session: Session, complaint: Complaint, values: dict[str, Any]) -> None:
    """Give a complaint its complainant from a row the caller holds (every column of
    `complainants`), without a SELECT; the session's own object is used if it has one."""
    person = session.identity_map.get(session.identity_key(Complainant, values["id"]))
    if person is None:
        person = Complainant(**values)
        make_transient_to_detached(person)
        session.add(person)
    set_committed_value(complaint, "complainant", person)
