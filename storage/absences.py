"""The head of office away: who signs meanwhile (one open absence at a time)."""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import LeaderAbsence
from storage.rawsql import Runner, Statement


class Absence(NamedTuple):
    """The absence in force, as the owners' rules read it."""

    officer_id: str
    deputy_id: str
    capacity: str


_CURRENT = Statement("SELECT officer_id, deputy_id, capacity FROM leader_absences"
                     " WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1")


def current_row(sql: Runner) -> Absence | None:
    """The absence in force, read on the transaction's cursor (every new complaint asks)."""
    row = sql.first(_CURRENT, {})
    return Absence(*row) if row is not None else None


def current(session: Session) -> LeaderAbsence | None:
    """The absence in force (not ended), newest first."""
    return session.scalars(select(LeaderAbsence).where(LeaderAbsence.ended_at.is_(None))
                           .order_by(LeaderAbsence.id.desc()).limit(1)).first()


def start(session: Session, *, officer_id: str, deputy_id: str, capacity: str, by: str,
          now: dt.datetime) -> LeaderAbsence:
    """Mark the head away (ending any absence in force first)."""
    end(session, by=by, now=now)
    absence = LeaderAbsence(officer_id=str(officer_id), deputy_id=str(deputy_id),
                            capacity=capacity, started_at=now, set_by=by[:100])
    session.add(absence)
    session.flush([absence])
    return absence


def end(session: Session, *, by: str, now: dt.datetime) -> LeaderAbsence | None:
    """The head is back: the absence in force ends (None when there was none)."""
    absence = current(session)
    if absence is not None:
        absence.ended_at, absence.ended_by = now, by[:100]
    return absence
