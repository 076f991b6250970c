"""Revision 0006 (delivery receipts on the outbox) goes up and down on both databases."""
from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from storage.db import make_engine
from storage.migrate import alembic_config
from tests.test_migration_0004 import columns

RECEIPT_COLUMNS = {"delivery_status", "delivery_error", "delivery_at"}


def indexes(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {i["name"] for i in inspect(engine).get_indexes("outbox")}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(db_url):
    assert RECEIPT_COLUMNS <= columns(db_url, "outbox")
    assert "ix_outbox_provider_id" in indexes(db_url)
    config = alembic_config(db_url)
    command.downgrade(config, "0005")
    assert not RECEIPT_COLUMNS & columns(db_url, "outbox")
    assert "ix_outbox_provider_id" not in indexes(db_url)
    command.upgrade(config, "head")
    assert RECEIPT_COLUMNS <= columns(db_url, "outbox")
