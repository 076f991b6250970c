"""gunicorn's threaded worker, sharing keep-alive connections evenly between the processes.

gunicorn's workers all accept from one listening socket, and whichever wakes first takes the
connection. Connections that stay open (a proxy's upstream keep-alive, a client reusing its
connection: Twilio's, the bench's) are therefore often split 9 to 1 between two processes,
and the busy one is bound by its one GIL while the other core idles (measured: 1/9 and 2/8
splits of 10 connections). Here each worker publishes how many connections it holds in a
table shared by the processes (made in the master before it forks), and accepts new ones
only while no other live worker holds fewer. The least loaded worker always accepts, so a
connection never waits for a slot; a stale reading can only leave one waiting for one short
poll (`RECHECK_SECONDS`).
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

SLOTS = 64                  # more workers than this share fairly among the first SLOTS
RECHECK_SECONDS = 0.02      # how soon a worker that stood back looks again

# Made when the master imports this module (it names the worker class), inherited by every
# worker it forks: slot -> owner pid (0: free) and that owner's open connections.
_LOCK = multiprocessing.Lock()
_OWNERS = multiprocessing.Array("l", SLOTS, lock=False)
_CONNS = multiprocessing.Array("l", SLOTS, lock=False)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claim_slot(pid: int) -> int | None:
    """A slot for this worker: a free one, or one whose owner has died (None: all taken)."""
    with _LOCK:
        for slot in range(SLOTS):
            owner = _OWNERS[slot]
            if owner == 0 or owner == pid or not _alive(owner):
                _OWNERS[slot], _CONNS[slot] = pid, 0
                return slot
    return None


def release_slot(slot: int | None, pid: int) -> None:
    if slot is not None:
        with _LOCK:
            if _OWNERS[slot] == pid:
                _OWNERS[slot], _CONNS[slot] = 0, 0


def fewest_elsewhere(slot: int) -> int | None:
    """The fewest connections any other live worker holds (None: no other worker). A worker
    killed without cleaning up (a timeout) is not counted: its slot waits for a new one."""
    fewest = None
    for other in range(SLOTS):
        owner = _OWNERS[other]
        if other != slot and owner != 0 and _alive(owner):
            conns = _CONNS[other]
            fewest = conns if fewest is None else min(fewest, conns)
    return fewest


class FairThreadWorker(ThreadWorker):  # type: ignore[misc]
    """ThreadWorker that accepts only while it is among the least loaded workers."""

    def init_process(self) -> None:
        self._slot = claim_slot(os.getpid())
        try:
            super().init_process()
        finally:
            release_slot(self._slot, os.getpid())

    def _fair(self) -> bool:
        if self._slot is None:
            return True
        _CONNS[self._slot] = self.nr_conns
        fewest = fewest_elsewhere(self._slot)
        return fewest is None or self.nr_conns <= fewest

    def accept(self, listener: Any) -> None:
        super().accept(listener)
        if self._slot is not None:
            _CONNS[self._slot] = self.nr_conns

    def set_accept_enabled(self, enabled: bool) -> None:
        super().set_accept_enabled(enabled and self._fair())

    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        fair = self._fair()
        wanted = fair and self.nr_conns < self.worker_connections
        if wanted != self._accepting:
            super().set_accept_enabled(wanted)
        super().wait_for_and_dispatch_events(timeout if fair else min(timeout, RECHECK_SECONDS))
