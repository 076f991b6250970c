"""The register (inventory) of every complaint, whatever its channel, as RegisterRows."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.recap import CHANNEL_LABELS, RegisterRow
from storage.models import Complaint

EXTERNAL = ("lapor", "sipensikim")   # channels whose complaints carry a tracking id


def _row(complaint: Complaint) -> RegisterRow:
    moves = tuple((e.to_stage, e.at) for e in complaint.events
                  if e.from_stage != e.to_stage and e.to_stage != "received")
    finished = min((at for stage, at in moves if stage in ("reported", "archived")), default=None)
    source = CHANNEL_LABELS[complaint.channel] if complaint.channel in EXTERNAL else None
    return RegisterRow(
        ticket=complaint.ticket, received_at=complaint.created_at, channel=complaint.channel,
        type=complaint.type, section=complaint.section, stage=complaint.stage,
        verdict=complaint.verdict, follow_up=complaint.follow_up, finished_at=finished,
        stage_times=moves, rating=complaint.rating, rating_comment=complaint.rating_comment,
        external_source=source, external_id=complaint.external_id)


def register_rows(session: Session, start: dt.datetime | None = None,
                  end: dt.datetime | None = None) -> list[RegisterRow]:
    """Complaints received in [start, end) (all when not given), oldest first."""
    query = select(Complaint).options(selectinload(Complaint.events))
    if start is not None:
        query = query.where(Complaint.created_at >= start)
    if end is not None:
        query = query.where(Complaint.created_at < end)
    return [_row(c) for c in session.scalars(query.order_by(Complaint.created_at, Complaint.id))]
