"""Descriptions whose type an officer corrected: the rows for new NLU training examples."""
from __future__ import annotations

from sqlalchemy import select

from storage.models import Complaint
from storage.repo import Store


def corrected(store: Store) -> list[tuple[str, str]]:
    """(type, description) of every complaint whose type an officer changed."""
    with store.unit() as unit:
        rows = unit.session.execute(
            select(Complaint.type, Complaint.description)
            .where(Complaint.type_changed_by == "officer").order_by(Complaint.id))
        return [(type_, description) for type_, description in rows]
