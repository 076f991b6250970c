"""Conversation turns that wait for SQLite's one writer run together in one transaction.

SQLite takes one writer at a time, and on this kind of machine a turn's transaction is short
(about 1 ms) next to the cost of handing the writer lock over: the next thread or process must
be woken and get its GIL back, 0.1-0.35 ms on average in which nobody writes (measured: 17 % of
the writer's time at 10 complainants, and the lock, not the CPU, limited the turns per second).

So the turns of one process queue here. Whichever thread finds no turn running takes the
writer lock, opens one transaction and runs the queued turns one after the other, each in its
own SAVEPOINT (a turn that raises is rolled back to it alone, as if it had run in its own
transaction), takes the turns queued meanwhile too (up to `max_batch`), commits once and
wakes their threads with their results. A turn's result is handed back only after the commit,
so a reply is never sent for a turn that was not kept. If the commit fails, every turn of the
batch gets the error, as its own transaction's commit would have given it.

Waits are bounded like the writer lock's: a turn still queued after the lock timeout is
withdrawn and raises Busy. Other transactions (the officers' desk, the delivery worker) take
the writer lock directly and are not batched. PostgreSQL has row locks and no one writer: turns
there each have their own transaction (`Store.turn`).
"""
from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")
MAX_BATCH = 8        # turns per transaction: the other process waits at most this many


class _Job(Generic[T]):
    __slots__ = ("work", "result", "error", "state", "lead", "event")

    def __init__(self, work: Callable[[Any], T]):
        self.work = work
        self.result: T | None = None
        self.error: BaseException | None = None
        self.state = "queued"            # queued -> running -> done
        self.lead = False                # handed the lead: this thread runs the next batch
        self.event = threading.Event()


class TurnBatcher:
    """Runs `work(unit)` for the threads of one process, batching those that wait together.

    `transaction(jobs)` opens the write transaction (the writer lock held), calls
    `jobs(connection)` inside it and commits; `run_one(connection, work)` runs one job in a
    savepoint and returns its result or raises its error. An error of a `fatal` type means
    the transaction itself is lost: the batch ends and each of its jobs gets that error.
    """

    def __init__(self, transaction: Callable[[Callable[[Any], None]], None],
                 run_one: Callable[[Any, Callable[[Any], Any]], Any],
                 timeout: float, busy: Callable[[str], BaseException],
                 fatal: tuple[type[BaseException], ...] = (), max_batch: int = MAX_BATCH):
        self._transaction = transaction
        self._run_one = run_one
        self.timeout = timeout
        self._busy = busy
        self.max_batch = max_batch
        self._fatal = fatal             # a job's error that ends its whole transaction
        self._mutex = threading.Lock()
        self._queue: deque[_Job[Any]] = deque()
        self._leading = False
        self.batches = 0           # transactions run, and the turns they held (for tests)
        self.batched = 0

    def run(self, work: Callable[[Any], T]) -> T:
        job: _Job[T] = _Job(work)
        deadline = time.monotonic() + self.timeout
        with self._mutex:
            self._queue.append(job)
            if not self._leading:
                self._leading = job.lead = True
        while not job.lead and job.state != "done":
            job.event.wait(max(0.0, deadline - time.monotonic()))
            job.event.clear()
            if job.lead or job.state == "done":
                break
            if time.monotonic() >= deadline:
                with self._mutex:
                    if job.state == "queued" and not job.lead:
                        self._queue.remove(job)
                        raise self._busy(f"the database writer lock was not free within "
                                         f"{self.timeout:g} s")
                # running in another thread's batch: it ends with that batch's commit
                deadline = time.monotonic() + 3600
        if job.state != "done":
            self._lead(job)
        if job.error is not None:
            raise job.error
        return job.result  # type: ignore[return-value]

    def _lead(self, mine: _Job[Any]) -> None:
        """Run batches as long as turns wait (the writer lock held for each), then hand over."""
        try:
            batch: list[_Job[Any]] = []

            def jobs(connection: Any) -> None:
                while len(batch) < self.max_batch:
                    with self._mutex:
                        if not self._queue:
                            return
                        job = self._queue.popleft()
                        job.state = "running"
                    batch.append(job)
                    try:
                        job.result = self._run_one(connection, job.work)
                    except BaseException as exc:  # noqa: BLE001 - handed to the turn's thread
                        job.error = exc
                        if isinstance(exc, self._fatal):
                            raise

            try:
                self._transaction(jobs)
            except BaseException as exc:  # noqa: BLE001 - the commit failed, or no lock
                if not batch:                    # the writer lock was not granted in time
                    with self._mutex:
                        if mine.state == "queued":
                            self._queue.remove(mine)
                    mine.error = exc
                for job in batch:                # not kept: each turn gets the error
                    job.error, job.result = exc, None
            self.batches += 1
            self.batched += len(batch)
            for job in batch:
                job.state = "done"
                if job is not mine:
                    job.event.set()
            mine.state = "done"
        finally:
            with self._mutex:
                if self._queue:                  # waiting turns: the first one leads next
                    nxt = self._queue[0]
                    nxt.lead = True
                    nxt.event.set()
                else:
                    self._leading = False
