"""SQLite's WAL checkpoints run after a transaction, with the writer lock free, and keep the
log bounded (storage.checkpoints)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlalchemy import event

from storage.db import FALLBACK_CHECKPOINT_PAGES
from storage.repo import Store

NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.timezone.utc)


def _write(store: Store, i: int) -> None:
    with store.unit() as unit:
        unit.record_inbound(provider="twilio", provider_id=f"SM{i}", channel="sms",
                            address="+62811", body="x" * 2000, at=NOW)


def test_checkpoints_run_outside_the_writer_lock_and_bound_the_log(sqlite_url: str,
                                                                  tmp_path: Path):
    store = Store.from_url(sqlite_url)
    seen: list[tuple[str, bool]] = []

    @event.listens_for(store.engine, "connect")
    def _trace(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.set_trace_callback(
            lambda sql: seen.append((sql, store._writer._lock.locked())))   # type: ignore[attr-defined]
    try:
        assert store.checkpoints is not None
        store.checkpoints.every = 100
        wal = tmp_path / "aduan.sqlite3-wal"
        largest = 0
        for i in range(1500):
            _write(store, i)
            largest = max(largest, os.path.getsize(wal))
        with store.engine.connect() as connection:
            pages = connection.connection.driver_connection.execute(
                "PRAGMA wal_autocheckpoint").fetchone()[0]
    finally:
        store.dispose()
    assert pages == FALLBACK_CHECKPOINT_PAGES           # SQLite's own only as a safety net
    checkpoints = [locked for sql, locked in seen if "wal_checkpoint" in sql]
    assert len(checkpoints) == store.checkpoints.done == 15
    assert not any(checkpoints)                          # never with the writer lock held
    assert all(locked for sql, locked in seen if sql.startswith("INSERT INTO messages"))
    # 1,500 transactions of a 2 kB message each: about 8,000 pages (over 30 MB) of log without
    # checkpoints; checkpointed every 100, the log is reused from its start (about 2.3 MB)
    assert largest < 3 * 2**20


def test_a_failed_checkpoint_is_logged_and_the_next_transactions_go_on(sqlite_url: str, caplog):
    store = Store.from_url(sqlite_url)
    try:
        assert store.checkpoints is not None
        store.checkpoints.every = 1
        store.checkpoints.engine = None       # type: ignore[assignment]  # anything failing
        _write(store, 1)
        _write(store, 2)
        with store.read() as session:
            from storage.models import Message
            assert session.query(Message).count() == 2
    finally:
        store.dispose()
    assert "WAL checkpoint failed" in caplog.text


def test_postgresql_has_no_checkpointer(pg_url):
    store = Store.from_url(pg_url)
    try:
        assert store.checkpoints is None
    finally:
        store.dispose()
