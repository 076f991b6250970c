"""Revision 0004 (BAP, Kanwil report, approval capacity) goes up and down on both databases."""
from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from storage.db import make_engine
from storage.migrate import alembic_config
from tests.test_migration_0002 import refuses_changes
from tests.test_migration_0003 import insert_complaint

COMPLAINT_COLUMNS = {"bap_number", "bap_date", "kanwil_reported_on", "kanwil_means",
                     "kanwil_reference"}


def columns(url: str, table: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {c["name"] for c in inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(db_url):
    assert COMPLAINT_COLUMNS <= columns(db_url, "complaints")
    assert "capacity" in columns(db_url, "stage_events")
    insert_complaint(db_url, 1, seq=1)
    config = alembic_config(db_url)
    command.downgrade(config, "0003")
    assert not COMPLAINT_COLUMNS & columns(db_url, "complaints")
    assert "capacity" not in columns(db_url, "stage_events")
    assert refuses_changes(db_url, "stage_events")
    command.upgrade(config, "head")
    insert_complaint(db_url, 2, seq=2)
    assert refuses_changes(db_url, "stage_events")     # the audit trail stays append-only
