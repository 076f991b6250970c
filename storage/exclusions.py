"""Officers kept away from a complaint (conflict of interest)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import ComplaintExclusion


def excluded(session: Session, complaint_id: int) -> set[str]:
    """Telegram ids of the officers excluded from this complaint."""
    return set(session.scalars(select(ComplaintExclusion.officer_id)
                               .where(ComplaintExclusion.complaint_id == complaint_id)))


def excluded_many(session: Session, complaint_ids: list[int]) -> dict[int, set[str]]:
    """The same for several complaints in one statement (every id present, empty when none)."""
    found: dict[int, set[str]] = {complaint_id: set() for complaint_id in complaint_ids}
    if complaint_ids:
        rows = session.execute(select(ComplaintExclusion.complaint_id,
                                      ComplaintExclusion.officer_id)
                               .where(ComplaintExclusion.complaint_id.in_(complaint_ids)))
        for complaint_id, officer_id in rows:
            found[complaint_id].add(officer_id)
    return found


def exclusions(session: Session, complaint_id: int) -> list[ComplaintExclusion]:
    return list(session.scalars(select(ComplaintExclusion)
                                .where(ComplaintExclusion.complaint_id == complaint_id)
                                .order_by(ComplaintExclusion.id)))


def exclude(session: Session, complaint_id: int, officer_id: str, reason: str,
            note: str | None, by: str | None, now: dt.datetime) -> bool:
    """Keep the officer away from the complaint; False when they already were."""
    assert session.bind is not None
    insert = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
    statement = (insert(ComplaintExclusion)
                 .values(complaint_id=complaint_id, officer_id=str(officer_id), reason=reason,
                         note=note, by=by, at=now)
                 .on_conflict_do_nothing(index_elements=["complaint_id", "officer_id"])
                 .returning(ComplaintExclusion.id))
    return session.execute(statement).scalar() is not None
