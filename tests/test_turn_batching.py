"""SQLite: turns that wait for the writer together share one transaction, each in a savepoint
(storage.combining), and each keeps the outcome its own transaction would have had."""
from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any, Callable

import pytest
from sqlalchemy import func, select

from storage.models import Complaint, Message
from storage.repo import Busy, ConcurrentUpdate, DuplicateMessage, Store, TransactionLost
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)
AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


def record(unit: Any, sid: str, address: str = "+628111") -> int:
    return unit.record_inbound(provider="twilio", provider_id=sid, channel="whatsapp",
                               address=address, body=f"text {sid}", at=AT)


def stored(store: Store) -> set[str]:
    with store.read() as session:
        return set(session.scalars(select(Message.provider_id)))


def queued_behind_a_holder(store: Store, works: list[Callable[[Any], Any]]) -> list[Any]:
    """Run the works in threads that all queue while another transaction holds the writer,
    so that they run in one batch once it lets go; their results or errors, in order."""
    outcomes: list[Any] = [None] * len(works)
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with store.unit():
            held.set()
            release.wait(10)

    def run(i: int) -> None:
        try:
            outcomes[i] = store.turn(works[i])
        except BaseException as exc:  # noqa: BLE001 - the test looks at it
            outcomes[i] = exc

    hold = threading.Thread(target=holder)
    hold.start()
    held.wait(5)
    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(works))]
    for i, thread in enumerate(threads):          # queued in this order
        thread.start()
        deadline = time.monotonic() + 5
        while len(store._batcher._queue) <= i and time.monotonic() < deadline:  # type: ignore[union-attr]
            time.sleep(0.002)
    release.set()
    hold.join()
    for thread in threads:
        thread.join(10)
    return outcomes


@pytest.fixture
def batching(sqlite_url: str):  # type: ignore[no-untyped-def]
    store = Store.from_url(sqlite_url, lock_timeout=5)
    assert store._batcher is not None
    yield store
    store.dispose()


def test_waiting_turns_share_one_transaction_and_each_gets_its_own_result(batching):
    before = batching._batcher.batches
    works = [lambda unit, i=i: (i, record(unit, f"SM{i}")) for i in range(6)]
    outcomes = queued_behind_a_holder(batching, works)
    assert [o[0] for o in outcomes] == list(range(6))          # each thread its own answer
    with batching.read() as session:
        ids = dict(session.execute(select(Message.provider_id, Message.id)).all())
    assert [o[1] for o in outcomes] == [ids[f"SM{i}"] for i in range(6)]
    assert batching._batcher.batches - before == 1            # one transaction for all six
    assert batching._batcher.batched >= 6


def test_a_turn_that_fails_is_rolled_back_alone(batching):
    with batching.unit() as unit:
        record(unit, "SM-seen")                               # a webhook seen before

    def retried(unit: Any) -> int:
        record(unit, "SM-first-write")                        # written, then undone
        return record(unit, "SM-seen")                        # DuplicateMessage

    def broken(unit: Any) -> int:
        record(unit, "SM-broken")
        raise ValueError("a bug in a step")

    works = [lambda unit: record(unit, "SM-a"), retried, lambda unit: record(unit, "SM-b"),
             broken, lambda unit: record(unit, "SM-c")]
    outcomes = queued_behind_a_holder(batching, works)
    assert isinstance(outcomes[1], DuplicateMessage)
    assert isinstance(outcomes[3], ValueError) and str(outcomes[3]) == "a bug in a step"
    assert all(isinstance(outcomes[i], int) for i in (0, 2, 4))
    assert stored(batching) == {"SM-seen", "SM-a", "SM-b", "SM-c"}


def test_a_turn_that_loses_the_transaction_makes_every_turn_of_the_batch_run_again(batching):
    def rolls_back_everything(unit: Any) -> None:
        record(unit, "SM-x")
        unit.connection.connection.driver_connection.execute("ROLLBACK")

    works = [lambda unit: record(unit, "SM-1"), rolls_back_everything,
             lambda unit: record(unit, "SM-2")]
    outcomes = queued_behind_a_holder(batching, works)
    # the turn before it and it: told to run again (the engine does, as after a conflict)
    assert isinstance(outcomes[0], TransactionLost) and isinstance(outcomes[1], TransactionLost)
    assert isinstance(outcomes[0], ConcurrentUpdate)
    # the turn not reached leads the next batch and is kept
    assert isinstance(outcomes[2], int)
    assert stored(batching) == {"SM-2"}
    assert batching.turn(lambda unit: record(unit, "SM-3")) > 0
    assert "SM-3" in stored(batching)


def test_a_failed_commit_reaches_every_turn_of_the_batch(batching):
    def dangling(unit: Any) -> None:        # checked only at COMMIT: the whole batch fails
        driver = unit.connection.connection.driver_connection
        driver.execute("PRAGMA defer_foreign_keys=ON")
        unit.record_inbound(provider="twilio", provider_id="SM-dangling", channel="whatsapp",
                            address="+628111", body="x", at=AT, complainant_id=987654)

    works = [lambda unit: record(unit, "SM-1"), dangling, lambda unit: record(unit, "SM-2")]
    outcomes = queued_behind_a_holder(batching, works)
    assert all(isinstance(o, ConcurrentUpdate) for o in outcomes), outcomes
    assert stored(batching) == set()
    assert batching.turn(lambda unit: record(unit, "SM-3")) > 0   # and the next one is fine


def test_turns_still_queued_at_the_lock_timeout_are_busy_and_never_run(sqlite_url):
    store = Store.from_url(sqlite_url, lock_timeout=0.3)
    ran: list[int] = []
    outcomes: list[Any] = [None] * 3
    held = threading.Event()

    def holder() -> None:
        with store.unit():
            held.set()
            time.sleep(1.2)

    def run(i: int) -> None:
        try:
            outcomes[i] = store.turn(lambda unit: ran.append(i))
        except BaseException as exc:  # noqa: BLE001
            outcomes[i] = exc

    try:
        hold = threading.Thread(target=holder)
        hold.start()
        held.wait(5)
        started = time.monotonic()
        threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(5)
        assert all(isinstance(o, Busy) for o in outcomes), outcomes
        assert time.monotonic() - started < 1.0          # at the timeout, not after the holder
        assert ran == []
        hold.join()
        assert store.turn(lambda unit: record(unit, "SM-after")) > 0   # not stuck afterwards
        assert store._batcher._queue == type(store._batcher._queue)()  # type: ignore[union-attr]
    finally:
        store.dispose()


def test_many_threads_many_turns_nothing_lost_or_doubled(batching):
    def worker(t: int) -> None:
        for i in range(25):
            def work(unit: Any, sid: str = f"SM{t}-{i}") -> int:
                time.sleep(0.0005)          # lets the others queue meanwhile
                return record(unit, sid, address=f"+62811{t}")
            assert batching.turn(work) > 0

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert stored(batching) == {f"SM{t}-{i}" for t in range(8) for i in range(25)}
    assert batching._batcher.batched == 200
    assert batching._batcher.batches < 200                    # some turns did share


def test_batching_is_for_sqlite_and_can_be_turned_off(sqlite_url, monkeypatch):
    monkeypatch.setenv("SQLITE_BATCH_TURNS", "0")
    store = Store.from_url(sqlite_url)
    try:
        assert store._batcher is None
        assert store.turn(lambda unit: record(unit, "SM-plain")) > 0
        assert stored(store) == {"SM-plain"}
    finally:
        store.dispose()


def test_pg_turns_have_their_own_transactions(pg_url):
    if not pg_url:
        pytest.skip("PostgreSQL not installed")
    store = Store.from_url(pg_url)
    try:
        assert store._batcher is None
        assert store.turn(lambda unit: record(unit, "SM-pg")) > 0
    finally:
        store.dispose()


def test_complainants_filing_at_once_each_get_their_own_ticket(make_app, sqlite_url):
    """The whole conversation through the webhook, eight complainants at a time."""
    app, runtime = make_app(sqlite_url)
    tickets: dict[str, str] = {}
    errors: list[str] = []

    def complainant(n: int) -> None:
        phone = TwilioSender(app.test_client(), runtime.config.settings,
                             number=f"+62812000{n:04d}")
        try:
            for text in ["halo", "1", "AC ruang tunggu mati dan toilet kotor sekali", "lanjut",
                         "8", "kemarin", "1", "lewati", "lanjut", "anonim"]:
                phone.says(text)
            reply = phone.says("1")
            found = [w for w in reply.replace("*", " ").split() if w.startswith("TRK-")]
            tickets[phone.number] = found[0].strip(".,") if found else reply
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=complainant, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    assert errors == []
    assert len(tickets) == 8 and all(t.startswith("TRK-") for t in tickets.values()), tickets
    assert len(set(tickets.values())) == 8
    with runtime.store.read() as session:
        kept = set(session.scalars(select(Complaint.ticket)))
        inbound = session.scalar(select(func.count()).select_from(Message)
                                 .where(Message.direction == "in"))
    assert kept == set(tickets.values())
    assert inbound == 8 * 11
