"""The register's query: every complaint received in a period, whatever its channel."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import Complaint


def complaints_received(session: Session, start: dt.datetime | None = None,
                        end: dt.datetime | None = None) -> list[Complaint]:
    """Complaints received in [start, end) (all when not given), oldest first, with history
    and complainant (the register masks the complainant's names in each summary)."""
    query = select(Complaint).options(selectinload(Complaint.events),
                                      selectinload(Complaint.documents),
                                      selectinload(Complaint.complainant))
    if start is not None:
        query = query.where(Complaint.created_at >= start)
    if end is not None:
        query = query.where(Complaint.created_at < end)
    return list(session.scalars(query.order_by(Complaint.created_at, Complaint.id)))


def first_received(session: Session) -> dt.datetime | None:
    """When the first complaint of the register was received (None: no complaint yet)."""
    return session.scalar(select(Complaint.created_at).order_by(Complaint.created_at).limit(1))
