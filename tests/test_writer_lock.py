"""SQLite's writer lock across processes: a waiting process blocks in flock (no polling), gives
up after its timeout, and a wait it gave up on can never release a lock taken afterwards."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from storage.writer_lock import Busy, WriterLock

ROOT = Path(__file__).resolve().parent.parent


def _holder(path: Path, seconds: float, timeout: float = 5.0) -> subprocess.Popen[bytes]:
    """Another process that takes the lock, says so, holds it `seconds`, then says 'free'."""
    code = ("import sys, time; from storage.writer_lock import WriterLock\n"
            f"lock = WriterLock({timeout}, sys.argv[1])\n"
            "with lock:\n"
            "    print('held', flush=True); time.sleep(float(sys.argv[2]))\n"
            "print('free', flush=True)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(seconds)],
                            stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"held"
    return proc


def _try_elsewhere(path: Path, timeout: float) -> bool:
    """Whether another process gets the lock within `timeout` seconds."""
    code = ("import sys; from storage.writer_lock import WriterLock, Busy\n"
            f"lock = WriterLock({timeout}, sys.argv[1])\n"
            "try:\n"
            "    with lock: print('got')\n"
            "except Busy: print('busy')\n")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         cwd=ROOT, timeout=30, check=True).stdout.strip()
    return out == b"got"


def test_a_waiting_process_gets_the_lock_when_the_holder_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3.writer-lock"
    holder = _holder(path, 0.5)
    lock = WriterLock(10.0, str(path))
    try:
        with lock:                                  # blocks until the holder is done
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == b"free"
            assert not _try_elsewhere(path, 0.2)    # and now we hold it
        assert _try_elsewhere(path, 2.0)            # released on leaving
    finally:
        holder.kill()


def test_a_wait_given_up_never_releases_a_lock_taken_later(tmp_path: Path) -> None:
    """Gave up (Busy) while another process held the lock; once it is free we take it on the
    fast path. The abandoned wait is granted behind us, and must not let go of our lock."""
    path = tmp_path / "db.sqlite3.writer-lock"
    holder = _holder(path, 0.4)
    lock = WriterLock(0.1, str(path))
    try:
        with pytest.raises(Busy, match="another process"):
            with lock:
                pass
        holder.wait(10)
        lock.timeout = 5.0
        with lock:
            time.sleep(0.2)                         # the abandoned wait is served meanwhile
            assert not _try_elsewhere(path, 0.3)    # still ours
        assert _try_elsewhere(path, 2.0)
        with lock:                                  # and it can be taken again and again
            assert not _try_elsewhere(path, 0.2)
    finally:
        holder.kill()


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    """Threads queue on the process's own lock; each has the file lock while inside."""
    path = tmp_path / "db.sqlite3.writer-lock"
    lock = WriterLock(10.0, str(path))
    inside: list[int] = []
    overlaps: list[int] = []

    def work(n: int) -> None:
        for _ in range(20):
            with lock:
                inside.append(n)
                if len(inside) > 1:
                    overlaps.append(n)
                time.sleep(0.001)
                inside.remove(n)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    holder = _holder(path, 0.2)
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        holder.kill()
    assert overlaps == [] and inside == []
    assert _try_elsewhere(path, 2.0)
