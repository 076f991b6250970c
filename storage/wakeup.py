"""Wake-ups for the delivery worker: told at once when a message is queued, polling as a fallback.

PostgreSQL: `queueing.enqueue` issues `NOTIFY outbox` in the queuing transaction, delivered at
commit; `Wakeups` holds a dedicated connection with `LISTEN outbox`.
SQLite: another process's commit changes `PRAGMA data_version` on our own connection; reading
it is a look at shared memory (microseconds), so it is polled every few milliseconds.
Either way `run` calls `wake()` from its own thread; the worker keeps its slower poll as well,
so a lost notification (a dropped connection) costs at most one poll interval.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from typing import Callable

from sqlalchemy import Engine

log = logging.getLogger(__name__)
CHANNEL = "outbox"
SQLITE_POLL_SECONDS = 0.005


class Wakeups:
    """Calls `wake()` soon after any transaction that queued a message commits."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def run(self, wake: Callable[[], None], stop: threading.Event) -> None:
        """Until `stop` is set; reconnects after errors (a second apart)."""
        while not stop.is_set():
            try:
                if self.engine.dialect.name == "postgresql":
                    self._listen(wake, stop)
                else:
                    self._poll_sqlite(wake, stop)
            except Exception as exc:  # noqa: BLE001 - the worker's own poll covers the gap
                log.warning("outbox wake-ups interrupted (%s); reconnecting", exc)
                stop.wait(1.0)

    def _listen(self, wake: Callable[[], None], stop: threading.Event) -> None:
        import psycopg
        url = self.engine.url.set(drivername="postgresql")
        conninfo = url.render_as_string(hide_password=False)
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            wake()   # anything queued while we were not listening
            while not stop.is_set():
                for _ in conn.notifies(timeout=0.5, stop_after=1):
                    wake()

    def _poll_sqlite(self, wake: Callable[[], None], stop: threading.Event) -> None:
        database = self.engine.url.database
        if not database or database == ":memory:":
            stop.wait()   # one process, one connection: nobody else can queue anything
            return
        conn = sqlite3.connect(database, timeout=1, isolation_level=None,
                               check_same_thread=False)
        try:
            seen = conn.execute("PRAGMA data_version").fetchone()[0]
            wake()
            while not stop.wait(SQLITE_POLL_SECONDS):
                version = conn.execute("PRAGMA data_version").fetchone()[0]
                if version != seen:
                    seen = version
                    wake()
        finally:
            conn.close()
