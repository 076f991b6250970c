"""Revision 0005 (kept documents, downloads, stored evidence) goes up and down on both
databases; a kept document is never rewritten."""
from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from storage.db import make_engine
from storage.migrate import alembic_config
from tests.test_migration_0002 import NOW
from tests.test_migration_0003 import insert_complaint

EVIDENCE = {"fetch_status", "sha256", "size", "stored_path", "stored_at"}


def shape(url: str) -> tuple[set[str], set[str]]:
    engine = make_engine(url)
    try:
        found = inspect(engine)
        return set(found.get_table_names()), {c["name"] for c in found.get_columns("attachments")}
    finally:
        engine.dispose()


def add_document(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO documents (complaint_id, kind, role, name, content_type, size, "
                "sha256, stored_path, created_by, created_at) VALUES (1, 'report', 'signed', "
                f"'L.pdf', 'application/pdf', 3, 'abc', 'ab/c', 'test', '{NOW}')"))
    finally:
        engine.dispose()


def rewrite_refused(url: str) -> bool:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE documents SET sha256 = 'forged'"))
    except Exception as exc:  # noqa: BLE001 - either engine's refusal
        return "append-only" in str(exc)
    finally:
        engine.dispose()
    return False


def test_upgrade_downgrade_upgrade(db_url):
    tables, columns = shape(db_url)
    assert {"documents", "downloads"} <= tables and EVIDENCE <= columns
    insert_complaint(db_url, 1, seq=1)
    add_document(db_url)
    assert rewrite_refused(db_url)
    config = alembic_config(db_url)
    command.downgrade(config, "0004")
    tables, columns = shape(db_url)
    assert not {"documents", "downloads"} & tables and not EVIDENCE & columns
    command.upgrade(config, "head")
    add_document(db_url)
    assert rewrite_refused(db_url)
