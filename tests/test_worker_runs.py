"""A busy chat drains as runs: its head and next messages claimed together, sent in order."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from bot.delivery import DEFAULT_RANK, RANKS
from handlers.delivery import build_senders
from handlers.worker import Worker
from storage.outbox import Outbox
from tests.support.telegram import OFFICER_CHAT, deliver
from tests.test_worker import CHAT, queue, row, runtime  # noqa: F401 - the fixture

pytestmark = pytest.mark.timeout(60)


def outbox(rt) -> Outbox:  # type: ignore[no-untyped-def]
    return Outbox(rt.store, RANKS, DEFAULT_RANK)


def test_a_backlog_in_the_group_is_claimed_as_runs_from_its_head(runtime):  # noqa: F811
    rt = runtime()
    alerts = [queue(rt, address=str(OFFICER_CHAT), kind="alert", body=f"alert {i}")
              for i in range(25)]
    other = queue(rt, address="555777", body="lain")
    runs = outbox(rt).claim_runs("w", rt.engine.clock(), 60, 5, per_chat=10)
    assert [[c.id for c in run] for run in runs] == [alerts[:10], [other]]
    # the rest of the group waits behind the run in flight: nobody else may take it
    assert outbox(rt).claim_runs("w2", rt.engine.clock(), 60, 5, per_chat=10) == []
    assert row(rt, alerts[10]).status == "pending"


def test_a_run_is_sent_in_order_and_the_whole_backlog_drains(runtime, tg_server):  # noqa: F811
    rt = runtime()
    for i in range(25):
        queue(rt, address=str(OFFICER_CHAT), kind="alert", body=f"alert {i}")
    deliver(rt)
    assert tg_server.sent_texts(OFFICER_CHAT) == [f"alert {i}" for i in range(25)]
    assert outbox(rt).counts() == {"sent": 25}


def test_a_run_stops_where_a_message_must_wait_and_gives_the_rest_back(runtime, tg_server):  # noqa: F811
    rt = runtime(TELEGRAM_CHAT_PER_SECOND="1")     # a private chat: bursts of 3, then 1/s
    ids = [queue(rt, body=b) for b in ("satu", "dua", "tiga", "empat", "lima")]
    worker = Worker(rt.store, rt.config.settings, build_senders(rt.config.settings),
                    rt.notifier, clock=rt.engine.clock, name="w")

    async def one_round() -> int:
        for sender in set(worker.senders.values()):
            await sender.start()
        try:
            return await worker.tick()
        finally:
            for sender in set(worker.senders.values()):
                await sender.stop()

    assert asyncio.run(one_round()) == 5           # one run of five
    assert tg_server.sent_texts(CHAT) == ["satu", "dua", "tiga"]
    assert [row(rt, i).status for i in ids[:3]] == ["sent"] * 3
    waiting, given_back = row(rt, ids[3]), row(rt, ids[4])
    assert waiting.status == "pending" and waiting.attempts == 0
    assert waiting.next_attempt_at > rt.engine.clock()     # due when the limiter allows
    assert given_back.status == "pending" and given_back.attempts == 0
    assert given_back.locked_by is None


def test_an_acknowledgement_before_the_head_goes_but_not_one_behind_it(runtime):  # noqa: F811
    rt = runtime()
    early = queue(rt, kind="pause", body="…")
    head = queue(rt, body="satu")
    late = queue(rt, kind="pause", body="…")
    runs = outbox(rt).claim_runs("w", rt.engine.clock(), 60, 5, per_chat=10)
    claimed = {c.id for run in runs for c in run}
    assert early in claimed and head in claimed and late not in claimed


def test_a_worker_takes_nothing_from_a_chat_whose_head_another_holds(runtime, db_url):  # noqa: F811
    """PostgreSQL: a head locked by another worker's open claim is skipped, and so is the
    rest of its chat (runs start at the head), while other chats go on."""
    if not db_url.startswith("postgresql"):
        pytest.skip("row locks: SQLite claims one transaction at a time")
    rt = runtime()
    head = queue(rt, body="satu")
    queue(rt, body="dua")
    other = queue(rt, address="555777", body="lain")
    with rt.store.engine.connect() as holder:
        holder.execute(text("SELECT id FROM outbox WHERE id = :id FOR UPDATE"), {"id": head})
        runs = outbox(rt).claim_runs("w2", rt.engine.clock(), 60, 5, per_chat=10)
        assert [[c.id for c in run] for run in runs] == [[other]]
        holder.rollback()


def complaint(rt, ticket: str) -> int:  # type: ignore[no-untyped-def]
    from bot.tickets import hash_pin
    from storage.models import Complaint
    now = rt.engine.clock()
    with rt.store.unit() as unit:
        row = Complaint(ticket=ticket, pin_hash=hash_pin("123456"), channel="telegram",
                        language="id", type="paspor", type_source="nlu", description="x",
                        stage="received", created_at=now, updated_at=now)
        unit.session.add(row)
        unit.session.flush()
        return row.id


def queue_about(rt, complaint_id: int | None, body: str, address: str = str(OFFICER_CHAT),  # type: ignore[no-untyped-def]
                kind: str = "alert") -> int:
    with rt.store.unit() as unit:
        item = unit.enqueue(kind=kind, channel="telegram", address=address, body=body,
                            payload={}, at=rt.engine.clock(), complaint_id=complaint_id)
        unit.session.flush()
        return item.id


def test_in_the_officers_group_each_complaint_is_a_queue_of_its_own(runtime):  # noqa: F811
    """One complaint's alert never waits for another's send; each complaint's messages and the
    group's general messages keep their order; a private chat stays one queue."""
    rt = runtime()
    one, two = complaint(rt, "TRK-2222-2222"), complaint(rt, "TRK-3333-3333")
    alert_one = queue_about(rt, one, "alert 1")
    update_one = queue_about(rt, one, "update 1", kind="update")
    alert_two = queue_about(rt, two, "alert 2")
    digest = queue_about(rt, None, "digest", kind="digest")
    private_one = queue_about(rt, one, "ping 1", address="777", kind="ping")
    private_two = queue_about(rt, two, "ping 2", address="777", kind="ping")
    runs = outbox(rt).claim_runs("w", rt.engine.clock(), 60, 10, per_chat=1)
    assert sorted(run[0].id for run in runs) == sorted([alert_one, alert_two, digest,
                                                        private_one])
    assert update_one not in [run[0].id for run in runs]          # behind its own alert
    assert row(rt, private_two).status == "pending"             # behind the other ping
