"""SQLite's WAL checkpoints, run after a transaction instead of inside one.

By default SQLite checkpoints inside the COMMIT that takes the write-ahead log past 1,000
pages: that transaction copies the log into the database file and syncs it while it still
holds the one writer lock, 5-12 ms here instead of a turn's usual 0.5 ms, and every turn queued
behind it waits that long too. Here each process counts its own write transactions and, every
`every` of them, runs a PASSIVE checkpoint once its writer lock is released: a checkpoint
copies what is committed while other writers go on appending to the log, and a second
checkpoint asked for meanwhile (another thread, another process) does not wait. SQLite's own
checkpoint stays as a safety net at FALLBACK_CHECKPOINT_PAGES (storage.db).
"""
from __future__ import annotations

import logging
import threading

from sqlalchemy import Engine

log = logging.getLogger(__name__)
EVERY = 200          # write transactions of this process between checkpoints (~1,000 pages)


class Checkpoints:
    """Counts a process's write transactions; every `every`-th, a PASSIVE checkpoint."""

    def __init__(self, engine: Engine, every: int = EVERY):
        self.engine = engine
        self.every = every
        self._count = 0
        self._running = threading.Lock()
        self.done = 0           # checkpoints run (for tests and curious operators)

    def committed(self, turns: int = 1) -> None:
        """After a write transaction (of `turns` batched turns), with the writer lock released."""
        self._count += turns           # a lost increment under a race only shifts the next one
        if self._count < self.every or not self._running.acquire(blocking=False):
            return
        try:
            self._count = 0
            with self.engine.connect() as connection:     # no transaction: autocommit mode
                connection.connection.driver_connection.execute(
                    "PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self.done += 1
        except Exception:  # noqa: BLE001 - SQLite's own checkpoint remains the safety net
            log.warning("WAL checkpoint failed", exc_info=True)
        finally:
            self._running.release()
