"""Revision 0009 (deputies, the step-9 message, marks about no complaint) goes up and down."""
from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import inspect

from storage.db import make_engine
from storage.migrate import alembic_config
from storage.repo import Store
from tests.test_migration_0004 import columns


def tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(db_url):
    assert "leader_absences" in tables(db_url)
    assert "outcome_message" in columns(db_url, "complaints")
    store = Store.from_url(db_url)
    now = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.timezone.utc)
    with store.unit() as unit:
        assert unit.claim_mark("digest:2026-12-01", "digest", now)     # no complaint needed
        assert not unit.claim_mark("digest:2026-12-01", "digest", now)
        unit.start_absence(officer_id="4", deputy_id="3", capacity="plh", by="t", now=now)
    with store.unit() as unit:
        assert unit.current_absence().deputy_id == "3"
    store.dispose()
    config = alembic_config(db_url)
    command.downgrade(config, "0008")
    assert "leader_absences" not in tables(db_url)
    assert "outcome_message" not in columns(db_url, "complaints")
    command.upgrade(config, "head")
    assert "leader_absences" in tables(db_url)
    assert "outcome_message" in columns(db_url, "complaints")
