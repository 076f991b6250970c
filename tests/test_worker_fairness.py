"""Alerts first: priority claims, reserved slots, chats released (not slept on), wake-ups."""
from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from bot.delivery import DEFAULT_RANK, RANKS
from handlers.delivery import build_senders
from handlers.worker import Worker
from handlers.wiring import build_runtime
from storage.outbox import Outbox
from tests.conftest import make_config
from tests.support.telegram import OFFICER_CHAT, channel_env

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def runtime(db_url, tg_server, tw_server, clock):  # type: ignore[no-untyped-def]
    made = []

    def build(**env: str):  # type: ignore[no-untyped-def]
        config = make_config(db_url, **channel_env(tg_server, tw_server, **env))
        made.append(build_runtime(config, classifier=None, clock=clock))
        return made[-1]

    yield build
    for runtime in made:
        runtime.store.dispose()


def queue(rt: Any, address: str, kind: str = "reply", body: str = "Halo") -> int:
    with rt.store.unit() as unit:
        item = unit.enqueue(kind=kind, channel="telegram", address=address, body=body,
                            payload={}, at=rt.engine.clock())
        unit.session.flush()
        return item.id


def worker_for(rt: Any) -> Worker:
    return Worker(rt.store, rt.config.settings, build_senders(rt.config.settings), rt.notifier,
                  clock=rt.engine.clock, name="test-worker")


async def run_for(worker: Worker, seconds: float, until: Any = None) -> None:
    """Run the real worker loop for at most `seconds` (or until `until()` is true)."""
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (until and until()):
        await asyncio.sleep(0.02)
    stop.set()
    await task


def test_an_alert_is_claimed_before_older_complainant_messages(runtime):
    rt = runtime()
    for i in range(30):
        queue(rt, f"5551{i:02d}")
    alert = queue(rt, str(OFFICER_CHAT), kind="alert", body="🆕 Pengaduan baru")
    escalation = queue(rt, str(OFFICER_CHAT + 1), kind="escalate_kasi", body="⏰")
    claimed = Outbox(rt.store, RANKS, DEFAULT_RANK).claim("w", rt.engine.clock(), 60, 2)
    assert {c.id for c in claimed} == {alert, escalation}


def test_the_reserved_slots_carry_an_alert_while_every_ordinary_slot_hangs(runtime, tg_server):
    rt = runtime(WORKER_BATCH="2", WORKER_URGENT_SLOTS="1", HTTP_TIMEOUT_SECONDS="10")
    tg_server.hang_next("sendMessage", 4.0, times=2)
    queue(rt, "555201")
    queue(rt, "555202")
    worker = worker_for(rt)

    async def scenario() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(worker.run(stop))
        while len(tg_server.calls_to("sendMessage")) < 2 and len(worker.inflight) < 2:
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.1)
        assert len(worker.inflight) == 2          # both ordinary slots are stuck in a send
        await asyncio.to_thread(queue, rt, str(OFFICER_CHAT), "alert", "🆕 Pengaduan baru")
        for _ in range(150):
            if tg_server.sent_texts(OFFICER_CHAT):
                break
            await asyncio.sleep(0.02)
        assert tg_server.sent_texts(OFFICER_CHAT) == ["🆕 Pengaduan baru"]
        still = [rank for rank in worker.inflight.values() if rank == RANKS["reply"]]
        assert len(still) == 2       # both replies still hanging: the alert did not wait
        stop.set()
        await task

    asyncio.run(scenario())
    assert tg_server.sent_texts(555201) == ["Halo"] and tg_server.sent_texts(555202) == ["Halo"]


def test_a_chat_at_its_flood_limit_is_released_and_others_go_on(runtime, tg_server):
    rt = runtime(TELEGRAM_CHAT_PER_SECOND="0.2")   # burst of 3, then one per 5 seconds
    busy = [queue(rt, "555301", body=f"pesan {i}") for i in range(5)]
    other = queue(rt, "555302", body="orang lain")
    worker = worker_for(rt)

    def released() -> bool:
        with rt.store.unit() as unit:
            fourth = next(i for i in unit.outbox_items() if i.id == busy[3])
        return fourth.next_attempt_at > rt.engine.clock()

    asyncio.run(run_for(worker, 10, until=lambda: tg_server.sent_texts(555302) and len(
        tg_server.sent_texts(555301)) >= 3 and released()))
    assert tg_server.sent_texts(555302) == ["orang lain"]
    assert tg_server.sent_texts(555301) == ["pesan 0", "pesan 1", "pesan 2"]
    with rt.store.unit() as unit:
        rows = {i.id: i for i in unit.outbox_items()}
    held = rows[busy[3]]
    assert held.status == "pending" and held.attempts == 0      # released, attempt given back
    assert held.next_attempt_at > rt.engine.clock()
    assert rows[busy[4]].status == "pending" and rows[other].status == "sent"


def test_the_worker_wakes_when_a_message_is_queued_not_at_its_next_poll(runtime, tg_server):
    rt = runtime(WORKER_POLL_SECONDS="30")
    worker = worker_for(rt)

    async def scenario() -> float:
        stop = asyncio.Event()
        task = asyncio.create_task(worker.run(stop))
        await asyncio.sleep(0.5)                     # idle: waiting up to 30 s for a poll
        await asyncio.to_thread(queue, rt, "555401", "reply", "cepat")
        started = time.monotonic()
        while not tg_server.sent_texts(555401) and time.monotonic() - started < 10:
            await asyncio.sleep(0.01)
        waited = time.monotonic() - started
        stop.set()
        await task
        return waited

    waited = asyncio.run(scenario())
    assert tg_server.sent_texts(555401) == ["cepat"]
    assert waited < 10    # woken by the commit; the 30 s poll never came round


def test_over_postgresqls_unix_socket_a_queued_message_wakes_the_worker(
        pg_socket_url, tg_server, tw_server, clock):
    """The deployment README recommends the socket when the database is on the app's machine:
    the turn's connection and the worker's LISTEN connection both work over it."""
    assert "?host=/" in pg_socket_url
    config = make_config(pg_socket_url, **channel_env(tg_server, tw_server,
                                                      WORKER_POLL_SECONDS="30"))
    rt = build_runtime(config, classifier=None, clock=clock)
    try:
        worker = worker_for(rt)

        async def scenario() -> None:
            stop = asyncio.Event()
            task = asyncio.create_task(worker.run(stop))
            await asyncio.sleep(0.5)
            await asyncio.to_thread(queue, rt, "555402", "reply", "lewat soket")
            started = time.monotonic()
            while not tg_server.sent_texts(555402) and time.monotonic() - started < 10:
                await asyncio.sleep(0.01)
            stop.set()
            await task

        asyncio.run(scenario())
        assert tg_server.sent_texts(555402) == ["lewat soket"]   # woken: the poll is 30 s
        with rt.store.unit() as unit:
            assert [i.status for i in unit.outbox_items(address="555402")] == ["sent"]
    finally:
        rt.store.dispose()
