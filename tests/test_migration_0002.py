"""Revision 0002 goes up and down on SQLite and PostgreSQL; both audit tables stay append-only."""
from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.db import make_engine
from storage.migrate import alembic_config

NOW = "2026-12-01 02:00:00+00:00"


def refuses_changes(url: str, table: str) -> bool:
    engine = make_engine(url)
    try:
        for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
            with pytest.raises(DBAPIError, match="append-only"):
                with engine.begin() as conn:
                    conn.execute(text(statement))
        return True
    finally:
        engine.dispose()


def log_action(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO officer_actions (at, channel, actor_id, chat_id, action, "
                          f"allowed) VALUES ('{NOW}', 'telegram', '1', '1', 'take', false)"))
    engine.dispose()


def test_upgrade_downgrade_upgrade(db_url):
    command.downgrade(alembic_config(db_url), "0002")   # the schema this revision made
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO complaints (id, ticket, pin_hash, channel, language, type, type_source,"
            " description, anonymous, confidential, stage, created_at, updated_at) VALUES "
            f"(1, 'TRK-2222-3333', 'x', 'sms', 'id', 'paspor', 'complainant', 'd', false, false,"
            f" 'received', '{NOW}', '{NOW}')"))
        conn.execute(text("INSERT INTO stage_events (complaint_id, actor, actor_role, to_stage, at)"
                          f" VALUES (1, 'sms:+62811', 'complainant', 'received', '{NOW}')"))
    engine.dispose()
    log_action(db_url)
    assert refuses_changes(db_url, "officer_actions")
    config = alembic_config(db_url)
    command.downgrade(config, "0001")
    assert refuses_changes(db_url, "stage_events")     # 0001's triggers survive the downgrade
    command.upgrade(config, "head")
    log_action(db_url)
    assert refuses_changes(db_url, "stage_events") and refuses_changes(db_url, "officer_actions")
