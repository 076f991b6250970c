"""Revision 0010 (the messages relayed to a talk-to-officer request) goes up and down on both
databases, and the model matches what it creates."""
from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from storage.db import make_engine
from storage.migrate import alembic_config
from storage.models import ContactRelay
from tests.test_migration_0004 import columns

REVISION = "0010"
PREVIOUS = "0009"


def tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(db_url):
    assert columns(db_url, "contact_relays") == set(ContactRelay.__table__.columns.keys())
    config = alembic_config(db_url)
    command.downgrade(config, PREVIOUS)
    assert "contact_relays" not in tables(db_url)
    command.upgrade(config, "head")
    assert columns(db_url, "contact_relays") == {"id", "request_id", "message_id", "outbox_id",
                                                 "at"}
