"""Real worker processes: SIGKILLed mid-delivery and restarted, and two workers on one queue."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import pytest

from bot.conversation.engine import utcnow
from storage.outbox import Outbox
from storage.repo import Store
from tests.conftest import TEST_ENV
from tests.support.telegram import OFFICER_CHAT, channel_env

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.timeout(120)


class Workers:
    """Start and stop `python -m handlers.worker` processes."""

    def __init__(self, env: dict[str, str], tmp: Path):
        self.env = {**os.environ, **TEST_ENV, **env, "PYTHONUNBUFFERED": "1"}
        self.tmp = tmp
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        log = open(self.tmp / f"worker{len(self.procs)}.log", "wb")
        proc = subprocess.Popen([sys.executable, "-m", "handlers.worker"], cwd=ROOT,
                                env=self.env, stdout=log, stderr=subprocess.STDOUT)
        proc.log_path = log.name  # type: ignore[attr-defined]
        self.procs.append(proc)
        return proc

    def wait_ready(self, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while b"delivering" not in Path(proc.log_path).read_bytes():  # type: ignore[attr-defined]
            assert proc.poll() is None, Path(proc.log_path).read_text()  # type: ignore[attr-defined]
            assert time.monotonic() < deadline, "worker did not start"
            time.sleep(0.05)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def workers(tg_server, tw_server, tmp_path) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    made: list[Workers] = []

    def factory(database_url: str, **env: str) -> Workers:
        made.append(Workers({"DATABASE_URL": database_url, "WORKER_POLL_SECONDS": "0.05",
                             "WORKER_LEASE_SECONDS": "2",
                             **channel_env(tg_server, tw_server, **env)}, tmp_path))
        return made[-1]

    yield factory
    for group in made:
        group.stop_all()


def enqueue(store: Store, chats: list[int], body: str = "pesan {i}") -> None:
    with store.unit() as unit:
        for i, chat in enumerate(chats):
            unit.enqueue(kind="alert", channel="telegram", address=str(chat),
                         body=body.format(i=i), at=utcnow())


def wait_until(predicate: Any, timeout: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def test_worker_killed_mid_delivery_loses_nothing_and_sends_nothing_twice(
        sqlite_url, workers, tg_server):
    store = Store.from_url(sqlite_url)
    outbox = Outbox(store)
    group = workers(sqlite_url, TELEGRAM_GROUP_PER_MINUTE="240")   # 4 a second to the group
    enqueue(store, [OFFICER_CHAT] * 12)
    first = group.start()
    wait_until(lambda: outbox.counts().get("sent", 0) >= 5, what="five sent")
    first.send_signal(signal.SIGKILL)            # between two sends: paced by the limiter
    first.wait(10)
    counts = outbox.counts()
    assert counts.get("sent", 0) < 12, "the kill came too late to test anything"
    group.start()
    wait_until(lambda: outbox.counts() == {"sent": 12}, what="all twelve sent")
    texts = tg_server.sent_texts(OFFICER_CHAT)
    assert texts == [f"pesan {i}" for i in range(12)]      # each once, in order
    store.dispose()


def test_a_kill_while_the_provider_call_is_in_flight_may_repeat_that_one_message(
        sqlite_url, workers, tg_server):
    """The documented crash window: Telegram accepted it, the worker died before marking it."""
    store = Store.from_url(sqlite_url)
    outbox = Outbox(store)
    tg_server.hang_next("sendMessage", 5.0)
    group = workers(sqlite_url)
    enqueue(store, [555_010])
    first = group.start()
    wait_until(lambda: len(tg_server.calls_to("sendMessage")) >= 1, what="the hung call")
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert outbox.counts() == {"sending": 1}     # claimed, never marked: in doubt
    second = group.start()
    wait_until(lambda: outbox.counts() == {"sent": 1}, what="sent after the lease expired")
    assert tg_server.sent_texts(555_010) == ["pesan 0", "pesan 0"]   # at least once, twice here
    group.stop_all()
    assert b"may see it twice" in Path(second.log_path).read_bytes()  # type: ignore[attr-defined]
    store.dispose()


def test_two_workers_on_postgresql_deliver_each_message_exactly_once(pg_url, workers,
                                                                     tg_server):
    store = Store.from_url(pg_url)
    outbox = Outbox(store)
    group = workers(pg_url, WORKER_BATCH="5", TELEGRAM_CHAT_PER_SECOND="1000")
    procs = [group.start(), group.start()]
    for proc in procs:
        group.wait_ready(proc)
    chats = [700_000 + i for i in range(120)]
    enqueue(store, chats)
    wait_until(lambda: outbox.counts() == {"sent": 120}, timeout=60, what="all sent")
    sent = Counter(int(c.params["chat_id"]) for c in tg_server.sent_messages())
    assert sent == Counter(chats)                # every chat exactly once
    with store.unit() as unit:
        by_worker = Counter(item.locked_by for item in unit.outbox_items(status="sent"))
    assert len(by_worker) == 2, by_worker        # both took part
    store.dispose()


def test_telegram_down_at_start_up_holds_back_neither_the_worker_nor_sms(
        sqlite_url, workers, tg_server, tw_server):
    """getMe fails when the worker starts: it does not die; SMS goes at once; the Telegram
    message is retried and goes once Telegram answers again."""
    store = Store.from_url(sqlite_url)
    outbox = Outbox(store)
    tg_server.fail_next("getMe", status=502, times=3)
    with store.unit() as unit:
        unit.enqueue(kind="alert", channel="telegram", address=str(OFFICER_CHAT),
                     body="pengaduan baru", at=utcnow())
        unit.enqueue(kind="reply", channel="sms", address="+6281299990001",
                     body="balasan sms", at=utcnow())
    group = workers(sqlite_url)
    proc = group.start()
    wait_until(lambda: any(c.params.get("Body") == "balasan sms"
                           for c in tw_server.sent_messages()), timeout=20, what="the SMS")
    assert proc.poll() is None, Path(proc.log_path).read_text()  # type: ignore[attr-defined]
    wait_until(lambda: outbox.counts() == {"sent": 2}, timeout=40, what="both sent")
    assert tg_server.sent_texts(OFFICER_CHAT) == ["pengaduan baru"]
    assert b"not reachable at start-up" in Path(proc.log_path).read_bytes()  # type: ignore[attr-defined]
    store.dispose()
