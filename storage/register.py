"""The register's query: every complaint received in a period, whatever its channel."""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from storage.models import Complaint, OutboxItem, SentNotice

# Outbox rows that told nobody: given up, or set aside before they went.
UNDELIVERED = ("failed", "undeliverable", "cancelled")


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


def notices_told(session: Session, kinds: Collection[str], start: dt.datetime | None = None,
                 end: dt.datetime | None = None) -> list[tuple[int, str, str]]:
    """(complaint id, key, kind) of each deadline notice of `kinds` the sweep recorded for the
    complaints received in [start, end) (all when not given) that reached someone: a message
    of one of `kinds` about the complaint queued in the same sweep (its moment), not given up.
    A notice folded into a higher one went with that one's messages; one the sweep claimed but
    sent to nobody (a held complaint's timed by its receipt, no leader reachable) has none.
    One query for the whole register (no query per row)."""
    reached = exists().where(OutboxItem.complaint_id == SentNotice.complaint_id,
                             OutboxItem.kind.in_(list(kinds)),
                             OutboxItem.created_at == SentNotice.sent_at,
                             OutboxItem.status.not_in(UNDELIVERED))
    query = (select(SentNotice.complaint_id, SentNotice.key, SentNotice.kind)
             .join(Complaint, Complaint.id == SentNotice.complaint_id)
             .where(SentNotice.kind.in_(list(kinds)), reached))
    if start is not None:
        query = query.where(Complaint.created_at >= start)
    if end is not None:
        query = query.where(Complaint.created_at < end)
    return [(row[0], row[1], row[2]) for row in session.execute(query.order_by(SentNotice.id))]
