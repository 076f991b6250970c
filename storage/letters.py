"""Letter numbers: one counter per year, advanced atomically (an upsert that returns the value)."""
from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import LetterCounter


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
