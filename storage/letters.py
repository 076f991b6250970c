"""Letter numbers: one counter per year, advanced atomically (an upsert that returns the value);
and which complaints already hold a BAP number or a Kanwil reference."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Complaint, LetterCounter


def next_letter_seq(session: Session, year: int) -> int:
    """The next sequence number of `year`, starting at 1; concurrent callers get distinct ones.

    PostgreSQL locks the counter row until the caller's transaction ends; SQLite opens every
    transaction with BEGIN IMMEDIATE, so writers queue anyway.
    """
    assert session.bind is not None
    insert = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
    statement = insert(LetterCounter).values(year=year, last_seq=1)
    statement = statement.on_conflict_do_update(
        index_elements=["year"], set_={"last_seq": LetterCounter.last_seq + 1}
    ).returning(LetterCounter.last_seq)
    value = session.execute(statement).scalar()
    assert value is not None
    return int(value)


def bap_holders(session: Session, number: str, other_than: int | None = None) -> list[Complaint]:
    """The complaints whose recorded BAP number is `number` (case and spaces ignored), but
    `other_than`, oldest first: a BAP number identifies one examination."""
    wanted = "".join(number.split()).lower()
    if not wanted:
        return []
    query = select(Complaint).where(
        func.lower(func.replace(Complaint.bap_number, " ", "")) == wanted)
    if other_than is not None:
        query = query.where(Complaint.id != other_than)
    return list(session.scalars(query.order_by(Complaint.created_at, Complaint.id)))


def kanwil_reference_holders(session: Session, reference: str,
                             other_than: int | None = None) -> list[Complaint]:
    """The complaints reported to the Kanwil (step 9) under `reference` (case and spaces
    ignored; a reference recorded with the signed cover letter's number beside it, "X (surat
    pengantar …)", counts as X), but `other_than`, oldest first."""
    wanted = "".join(reference.split()).lower()
    if not wanted:
        return []
    folded = func.lower(func.replace(Complaint.kanwil_reference, " ", ""))
    pattern = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "(%"
    query = select(Complaint).where((folded == wanted) | folded.like(pattern, escape="\\"))
    if other_than is not None:
        query = query.where(Complaint.id != other_than)
    return list(session.scalars(query.order_by(Complaint.created_at, Complaint.id)))
