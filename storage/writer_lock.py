"""SQLite's one writer, shared fairly by threads and processes, with a bounded wait.

Threads of one process queue on a lock. Processes (several gunicorn workers, the delivery
worker) take an advisory lock file beside the database (`<db>.writer-lock`), polled every
0.1-1 ms: SQLite's own busy handler sleeps 1, 2, 5 … 100 ms between tries, which adds tail
latency. Polling alone is unfair (a busy process hands the lock from thread to thread and a
polling process rarely sees it free), so a process that is waiting holds a shared lock on
`<db>.writer-wait`; a process that sees someone waiting after its own turn lets go once before
taking the lock again. Any wait ends in `Busy` after `timeout` seconds.
"""
from __future__ import annotations

import fcntl
import os
import threading
import time
from typing import Any


class Busy(Exception):
    """A lock was not granted within the lock timeout (another transaction holds it too long)."""


class WriterLock:
    """Context manager: the database's write lock for this thread (see the module docstring)."""

    def __init__(self, timeout: float, path: str | None):
        self.timeout = timeout
        self.path = path
        self._lock = threading.Lock()
        self._fds: tuple[int, int] | None = None
        self._pid = 0
        self._last_mine = False     # this process held the lock last

    def _files(self) -> tuple[int, int]:
        if self._fds is None or self._pid != os.getpid():   # not shared across a fork
            assert self.path is not None
            self._fds = (os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600),
                         os.open(self.path.replace("-lock", "-wait"), os.O_RDWR | os.O_CREAT,
                                 0o600))
            self._pid = os.getpid()
        return self._fds

    def __enter__(self) -> None:
        deadline = time.monotonic() + self.timeout
        if not self._lock.acquire(timeout=self.timeout):
            raise Busy(f"the database writer lock was not free within {self.timeout:g} s")
        if self.path is None:
            return
        try:
            self._take(deadline)
        except BaseException:
            self._lock.release()
            raise

    def _take(self, deadline: float) -> None:
        lock, wait = self._files()
        if self._last_mine and self._others_waiting(wait):
            self._last_mine = False
            time.sleep(0.001)               # our turn was last: let the waiting process in
        if self._try(lock):
            return
        fcntl.flock(wait, fcntl.LOCK_SH)    # "someone is waiting"
        try:
            delay = 0.0001
            while not self._try(lock):
                if time.monotonic() >= deadline:
                    raise Busy("another process held the database writer lock for "
                               f"{self.timeout:g} s")
                time.sleep(delay)
                delay = min(delay * 2, 0.001)
        finally:
            fcntl.flock(wait, fcntl.LOCK_UN)

    @staticmethod
    def _try(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    @staticmethod
    def _others_waiting(wait: int) -> bool:
        try:
            fcntl.flock(wait, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(wait, fcntl.LOCK_UN)
        return False

    def __exit__(self, *_exc: Any) -> None:
        if self._fds is not None and self.path is not None:
            fcntl.flock(self._fds[0], fcntl.LOCK_UN)
            self._last_mine = True
        self._lock.release()
