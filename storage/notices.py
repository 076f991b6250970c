"""Queries for the deadline sweep: open complaints with when they entered their stage, and
the once-only record of reminders and escalations sent."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Complaint, SentNotice
from storage.rawsql import Runner, Statement


def stage_entered_at(complaint: Complaint) -> dt.datetime:
    """When the complaint entered its current stage (its latest move into it)."""
    moves = [e.at for e in complaint.events
             if e.to_stage == complaint.stage and e.from_stage != e.to_stage]
    return max(moves) if moves else complaint.created_at


def open_complaint_ids(session: Session) -> list[int]:
    """The ids of every complaint not yet archived, oldest first."""
    return list(session.scalars(
        select(Complaint.id).where(Complaint.stage != "archived").order_by(Complaint.id)))


def sent_keys(session: Session, complaint_id: int) -> set[str]:
    return set(session.scalars(select(SentNotice.key)
                               .where(SentNotice.complaint_id == complaint_id)))


def _insert(session: Session) -> Any:
    assert session.bind is not None
    return (postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert)


def claim_notice(session: Session, *, key: str, complaint_id: int | None, kind: str, role: str,
                 due_at: dt.datetime, now: dt.datetime) -> bool:
    """Record the notice; False when another sweep recorded it first (nothing to send).

    On PostgreSQL a concurrent insert of the same key waits for the other transaction and
    then does nothing, so two sweeps never both queue the same notice.
    """
    statement = (_insert(session)(SentNotice)
                 .values(key=key, complaint_id=complaint_id, kind=kind, role=role,
                         due_at=due_at, sent_at=now)
                 .on_conflict_do_nothing(index_elements=["key"])
                 .returning(SentNotice.id))
    return session.execute(statement).scalar() is not None


def claim_mark(session: Session, key: str, kind: str, now: dt.datetime,
               complaint_id: int | None = None) -> bool:
    """A once-only mark (the day's digest, an unreachable officer); False when already there."""
    return claim_notice(session, key=key, complaint_id=complaint_id, kind=kind, role="",
                        due_at=now, now=now)


def marks(session: Session, prefix: str) -> set[str]:
    """The keys of marks starting with `prefix`."""
    return set(session.scalars(select(SentNotice.key).where(SentNotice.key.startswith(prefix))))


# The keys starting with a prefix. On SQLite a GLOB reads a range of the unique key's index (its
# LIKE ignores case, so it reads the whole table, which holds every reminder ever sent); on
# PostgreSQL a LIKE (whether it can use the index depends on the database's collation).
_MARKS = {"sqlite": Statement("SELECT key FROM sent_notices WHERE key GLOB :pattern"),
          "postgresql": Statement("SELECT key FROM sent_notices"
                                  " WHERE key LIKE :pattern ESCAPE '!'")}


def marks_of(sql: Runner, prefix: str) -> set[str]:
    """`marks`, read on the transaction's cursor (every new complaint asks)."""
    if sql.dialect.name == "sqlite":
        pattern = "".join(f"[{c}]" if c in "*?[" else c for c in prefix) + "*"
    else:
        pattern = "".join(f"!{c}" if c in "!%_" else c for c in prefix) + "%"
    return {row[0] for row in sql.rows(_MARKS[sql.dialect.name], {"pattern": pattern})}


def clear_mark(session: Session, key: str) -> bool:
    """Remove a mark (an officer reachable again); True when there was one."""
    found = session.scalars(select(SentNotice).where(SentNotice.key == key)).first()
    if found is None:
        return False
    session.delete(found)
    return True
