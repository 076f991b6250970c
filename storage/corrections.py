"""Descriptions whose type an officer corrected: the rows for new NLU training examples."""
from __future__ import annotations

from sqlalchemy import select

from storage.models import Complainant, Complaint
from storage.repo import Store


def corrected(store: Store) -> list[tuple[str, str, tuple[str, ...], str | None, str | None]]:
    """(type, description, names known of the complainant, their channel and address) of every
    complaint whose type an officer changed: the caller masks who they are before the
    description becomes a training example."""
    with store.unit() as unit:
        rows = unit.session.execute(
            select(Complaint.type, Complaint.description, Complaint.reporter_name,
                   Complainant.name, Complainant.profile_name, Complainant.channel,
                   Complainant.address)
            .outerjoin(Complainant, Complaint.complainant_id == Complainant.id)
            .where(Complaint.type_changed_by == "officer").order_by(Complaint.id))
        return [(type_, description, tuple(n for n in (reporter, name, profile) if n),
                 channel, address)
                for type_, description, reporter, name, profile, channel, address in rows]
