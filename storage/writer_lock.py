"""SQLite's one writer, shared fairly by threads and processes, with a bounded wait.

Threads of one process queue on a lock. Processes (several gunicorn workers, the delivery
worker) take an advisory lock file beside the database (`<db>.writer-lock`). The first try
does not block; when another process holds the file, this process's waiter thread blocks in
`flock` for it, and the kernel wakes it the moment the file is free: no polling (a 0.1-1 ms
polling loop cost two processes about 0.9 ms of CPU per turn) and none of SQLite's busy
handler's sleeps of 1, 2, 5 … 100 ms. Blocking alone is unfair (a busy process hands the lock
from thread to thread before the woken process runs), so a process that is waiting holds a
shared lock on `<db>.writer-wait`; a process that sees someone waiting after its own turn lets
go once before taking the lock again. Any wait ends in `Busy` after `timeout` seconds.
"""
from __future__ import annotations

import fcntl
import os
import queue
import threading
import time
from typing import Any


class Busy(Exception):
    """A lock was not granted within the lock timeout (another transaction holds it too long)."""


class _Request:
    """One blocking wait handed to the waiter thread; abandoned when its caller gave up."""

    __slots__ = ("granted", "abandoned", "done", "mutex")

    def __init__(self) -> None:
        self.granted = False
        self.abandoned = False
        self.done = threading.Event()
        self.mutex = threading.Lock()


class _Waiter:
    """A daemon thread of this process that blocks in flock on its own descriptor.

    Its descriptor is a separate open file description from the fast path's, so the two
    conflict like two processes would: a request abandoned after a time-out, granted later,
    is released at once and can never release a lock the fast path took meanwhile."""

    def __init__(self, path: str):
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        self._requests: queue.SimpleQueue[_Request] = queue.SimpleQueue()
        threading.Thread(target=self._run, name="sqlite-writer-wait", daemon=True).start()

    def _run(self) -> None:
        while True:
            request = self._requests.get()
            fcntl.flock(self.fd, fcntl.LOCK_EX)          # releases the GIL while it waits
            with request.mutex:
                if request.abandoned:
                    fcntl.flock(self.fd, fcntl.LOCK_UN)
                    continue
                request.granted = True
            request.done.set()

    def acquire(self, timeout: float) -> bool:
        request = _Request()
        self._requests.put(request)
        if request.done.wait(max(timeout, 0.0)):
            return True
        with request.mutex:
            if request.granted:
                return True
            request.abandoned = True
            return False


class WriterLock:
    """Context manager: the database's write lock for this thread (see the module docstring)."""

    def __init__(self, timeout: float, path: str | None):
        self.timeout = timeout
        self.path = path
        self._lock = threading.Lock()
        self._fds: tuple[int, int] | None = None
        self._waiter: _Waiter | None = None
        self._held: int | None = None       # the descriptor holding the file lock
        self._pid = 0
        self._last_mine = False     # this process held the lock last

    def _files(self) -> tuple[int, int]:
        if self._fds is None or self._pid != os.getpid():   # not shared across a fork
            assert self.path is not None
            self._fds = (os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600),
                         os.open(self.path.replace("-lock", "-wait"), os.O_RDWR | os.O_CREAT,
                                 0o600))
            self._waiter = None
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
            self._held = lock
            return
        if self._waiter is None:
            assert self.path is not None
            self._waiter = _Waiter(self.path)
        fcntl.flock(wait, fcntl.LOCK_SH)    # "someone is waiting"
        try:
            if not self._waiter.acquire(deadline - time.monotonic()):
                raise Busy("another process held the database writer lock for "
                           f"{self.timeout:g} s")
            self._held = self._waiter.fd
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
        if self._held is not None:
            fcntl.flock(self._held, fcntl.LOCK_UN)
            self._held = None
            self._last_mine = True
        self._lock.release()
