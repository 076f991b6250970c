"""Revision 0003 goes up and down on SQLite and PostgreSQL; the audit trail stays append-only."""
from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

import pytest

from storage.db import make_engine
from storage.migrate import alembic_config
from tests.test_migration_0002 import NOW, refuses_changes

NEW_COLUMNS = {"external_id", "letter_number", "letter_year", "letter_seq", "letter_at",
               "rating", "rating_comment", "rated_at"}


def columns(url: str) -> tuple[set[str], set[str]]:
    engine = make_engine(url)
    try:
        found = inspect(engine)
        return {c["name"] for c in found.get_columns("complaints")}, set(found.get_table_names())
    finally:
        engine.dispose()


def insert_complaint(url: str, complaint_id: int, seq: int | None = None) -> None:
    engine = make_engine(url)
    extra = ", letter_year, letter_seq" if seq else ""
    values = f", 2026, {seq}" if seq else ""
    booleans = "anonymous" in {c["name"] for c in inspect(engine).get_columns("complaints")}
    identity = ("anonymous, confidential", "false, false") if booleans else (
        "identity_mode", "'named'")     # 0004 replaced the two booleans
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO complaints (id, ticket, pin_hash, channel, language, type, "
                f"type_source, description, {identity[0]}, stage, created_at, "
                f"updated_at{extra}) VALUES ({complaint_id}, 'TRK-2222-333{complaint_id}', 'x', "
                f"'sms', 'id', 'paspor', 'complainant', 'd', {identity[1]}, 'received', "
                f"'{NOW}', '{NOW}'{values})"))
            conn.execute(text("INSERT INTO stage_events (complaint_id, actor, actor_role, "
                              f"to_stage, at) VALUES ({complaint_id}, 'sms:+62811', "
                              f"'complainant', 'received', '{NOW}')"))
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(db_url):
    command.downgrade(alembic_config(db_url), "0003")   # the schema this revision made
    found, tables = columns(db_url)
    assert NEW_COLUMNS <= found and {"sent_notices", "letter_counters"} <= tables
    insert_complaint(db_url, 1, seq=1)
    with pytest.raises(IntegrityError):               # one letter number per year and sequence
        insert_complaint(db_url, 2, seq=1)
    config = alembic_config(db_url)
    command.downgrade(config, "0002")
    found, tables = columns(db_url)
    assert not NEW_COLUMNS & found and not {"sent_notices", "letter_counters"} & tables
    assert refuses_changes(db_url, "stage_events")
    command.upgrade(config, "head")
    insert_complaint(db_url, 3, seq=2)
    assert refuses_changes(db_url, "stage_events")     # 0001's triggers survive 0003 too
