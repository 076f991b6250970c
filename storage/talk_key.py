"""The deployment's own secret for the talk codes (`bot.notify.open_code`) when it has no
PIN_KEY: random, made once by the first process that needs it, and then read by every app and
worker process, so they all give a request the same code."""
from __future__ import annotations

import secrets

from sqlalchemy import Column, Integer, String, Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Base

TALK_CODE_KEY = Table("talk_code_key", Base.metadata,
                      Column("id", Integer, primary_key=True, autoincrement=False),
                      Column("key", String(64), nullable=False))     # 32 random bytes, hex
_ROW = 1


def read_or_make(session: Session) -> bytes:
    """The secret; made first if there is none. Two processes making it at once both insert
    if absent and then read: the one row that won."""
    found = session.scalar(select(TALK_CODE_KEY.c.key).where(TALK_CODE_KEY.c.id == _ROW))
    if found is None:
        assert session.bind is not None
        insert = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
        session.execute(insert(TALK_CODE_KEY).values(id=_ROW, key=secrets.token_hex(32))
                        .on_conflict_do_nothing(index_elements=["id"]))
        found = session.scalar(select(TALK_CODE_KEY.c.key).where(TALK_CODE_KEY.c.id == _ROW))
    return bytes.fromhex(found)
