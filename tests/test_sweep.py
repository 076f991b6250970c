"""The deadline sweep: reminder, then Kasi Tikkim, then Kepala Kantor, each once, in hours only."""
from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from bot.sop.sweep import DeadlineSweep
from bot.tickets import new_ticket
from handlers.wiring import build_notifier
from storage.models import Complaint, OutboxItem, SentNotice, StageEvent
from storage.repo import Store
from tests.conftest import WITA, make_config
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, SEKSI, TelegramUser,
                                    deliver, file_on_telegram)
from tests.test_officers import app, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(120)
CITIZEN = 555_020
FRIDAY_LATE = dt.datetime(2026, 12, 4, 16, 25, tzinfo=WITA)    # the office closes at 16:30


def notices(runtime) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(kind, address) of the queued reminders and escalations, in order."""
    with runtime.store.unit() as unit:
        return [(i.kind, i.address) for i in unit.outbox_items()
                if i.kind in ("reminder", "escalate_kasi", "escalate_kepala")]


def sweep_at(runtime, clock, when: dt.datetime) -> int:  # type: ignore[no-untyped-def]
    clock.now = when
    return DeadlineSweep(runtime.config.office_config, runtime.notifier).run(
        runtime.store, clock())


def test_reminder_then_kasi_then_kepala_each_once(app, runtime, clock, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    start = clock.now                                        # Tuesday 10:00, open
    assert sweep_at(runtime, clock, start + dt.timedelta(minutes=7)) == 0
    assert sweep_at(runtime, clock, start + dt.timedelta(minutes=8)) == 1
    assert sweep_at(runtime, clock, start + dt.timedelta(minutes=9)) == 0
    assert notices(runtime) == [("reminder", str(PETUGAS))]
    assert sweep_at(runtime, clock, start + dt.timedelta(minutes=10)) == 1
    assert sweep_at(runtime, clock, start + dt.timedelta(minutes=19)) == 0
    assert sweep_at(runtime, clock, start + dt.timedelta(minutes=20)) == 1
    assert sweep_at(runtime, clock, start + dt.timedelta(minutes=45)) == 0
    # The late officer hears each escalation too; the level reached hears it privately; the
    # group reads it with the late officer mentioned.
    assert notices(runtime) == [
        ("reminder", str(PETUGAS)), ("escalate_kasi", str(PETUGAS)),
        ("escalate_kasi", str(KASI)), ("escalate_kasi", str(OFFICER_CHAT)),
        ("escalate_kepala", str(PETUGAS)), ("escalate_kepala", str(KEPALA)),
        ("escalate_kepala", str(OFFICER_CHAT))]
    deliver(runtime)
    petugas = [t for t in tg_server.sent_texts(PETUGAS) if "Pengingat" in t]
    assert petugas and ticket in petugas[0]
    assert "dilaporkan kepada Kasi Tikkim" in tg_server.sent_texts(KASI)[-1]
    group = tg_server.sent_texts(OFFICER_CHAT)
    assert any("dilaporkan kepada Kepala Kantor" in t and
               f'<a href="tg://user?id={PETUGAS}">Petugas Pengaduan</a>' in t for t in group)
    assert any("TERLAMBAT 10 menit" in t for t in group)
    clock.advance(minutes=1)                                 # the step is done: nothing more
    assert officer(app, PETUGAS).send(f"/tahap {ticket}") == "officer"
    assert sweep_at(runtime, clock, clock.now + dt.timedelta(minutes=5)) == 0
    assert sweep_at(runtime, clock, clock.now + dt.timedelta(minutes=3)) == 1   # Kasi's step
    assert notices(runtime)[-1] == ("reminder", str(KASI))


def test_never_outside_service_hours(make_app, db_url, tg_server, tw_server, clock):
    from tests.support.telegram import channel_env
    clock.now = FRIDAY_LATE
    app, runtime = make_app(db_url, **channel_env(tg_server, tw_server))
    file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    monday = dt.datetime(2026, 12, 7, 8, 0, tzinfo=WITA)
    for when in (FRIDAY_LATE + dt.timedelta(minutes=4), dt.datetime(2026, 12, 4, 20, tzinfo=WITA),
                 dt.datetime(2026, 12, 5, 10, tzinfo=WITA), dt.datetime(2026, 12, 7, 3, tzinfo=WITA),
                 monday, monday + dt.timedelta(minutes=2)):
        assert sweep_at(runtime, clock, when) == 0, when
    # 8 service minutes: 5 on Friday, 3 on Monday morning.
    assert sweep_at(runtime, clock, monday + dt.timedelta(minutes=3)) == 1
    assert sweep_at(runtime, clock, monday + dt.timedelta(minutes=5)) == 1
    assert [k for k, _ in notices(runtime)] == ["reminder"] + ["escalate_kasi"] * 3


def test_a_section_step_reminds_that_sections_officers(app, runtime, clock):
    from tests.test_officers import walk_to
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    start = clock.now                                        # examined: 2880 service minutes
    assert sweep_at(runtime, clock, start + dt.timedelta(hours=1)) == 0
    assert sweep_at(runtime, clock, dt.datetime(2026, 12, 8, 10, tzinfo=WITA)) == 1
    assert notices(runtime) == [("reminder", str(SEKSI["lantaskim"]))]


def test_the_worker_sweeps_on_its_interval(app, runtime, clock):
    from handlers.delivery import build_senders
    from handlers.worker import Worker
    file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    worker = Worker(runtime.store, runtime.config.settings, build_senders(runtime.config.settings),
                    runtime.notifier, clock=clock,
                    sweep=DeadlineSweep(runtime.config.office_config, runtime.notifier))
    assert worker.sweep_if_due() == 0                        # 10:00: nothing due yet
    clock.advance(minutes=8)
    assert worker.sweep_if_due() == 1
    clock.advance(minutes=2)
    clock.advance(seconds=-61)                               # under a minute since the last one
    assert worker.sweep_if_due() == 0
    clock.advance(seconds=61)
    assert worker.sweep_if_due() == 1


def seed(store: Store, count: int, at: dt.datetime, mode: str = "anonymous") -> None:
    with store.unit() as unit:
        for _ in range(count):
            complaint = Complaint(
                ticket=new_ticket("TRK"), pin_hash="x", channel="telepon", language="id",
                type="paspor", type_source="officer", description="Paspor belum jadi",
                identity_mode=mode, stage="received", created_at=at,
                updated_at=at)
            unit.file_complaint(complaint, [], StageEvent(
                complaint_id=0, actor="telegram:100000001 Petugas", actor_role="petugas",
                to_stage="received", at=at, action="filed"))


def test_two_sweeps_at_once_on_postgresql_queue_each_notice_once(pg_url, tg_server, tw_server,
                                                                 clock):
    from tests.support.telegram import channel_env
    config = make_config(pg_url, **channel_env(tg_server, tw_server))
    stores = [Store.from_url(pg_url) for _ in range(2)]
    seed(stores[0], 12, clock.now, mode="confidential")
    sweeps = [DeadlineSweep(config.office_config, build_notifier(config)) for _ in stores]
    try:
        for minutes in (8, 10, 20):
            moment = (clock.now + dt.timedelta(minutes=minutes)).astimezone(dt.timezone.utc)
            barrier = threading.Barrier(2)
            counts: list[int] = []

            def run(i: int) -> None:
                barrier.wait()
                counts.append(sweeps[i].run(stores[i], moment))

            threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            assert sum(counts) == 12, (minutes, counts)
        with stores[0].unit() as unit:
            kinds = dict(unit.session.execute(
                select(SentNotice.kind, func.count()).group_by(SentNotice.kind)).tuples().all())
            queued = dict(unit.session.execute(
                select(OutboxItem.kind, func.count()).group_by(OutboxItem.kind)).tuples().all())
        assert kinds == {"reminder": 12, "escalate_kasi": 12, "escalate_kepala": 12,
                         "digest": 1}                    # the day's digest, once
        # each to Kasi Tikkim and the Kepala only: the seeded complaints are confidential, so a
        # notice timed by their receipt is the leaders' (tests/test_privacy_s31.py; an
        # anonymous one's goes to nobody, tests/test_privacy_s42a_anonymous_leaders.py)
        assert queued == {"reminder": 24, "escalate_kasi": 24, "escalate_kepala": 24,
                          "digest": 2}                   # Kasi Tikkim and the Kepala
    finally:
        for store in stores:
            store.dispose()


def test_the_runtime_closes_on_library_holidays(runtime):
    # Isra Mikraj, Tuesday 5 January 2027, comes from the `holidays` library, not config.yml.
    hours = runtime.notifier.hours
    assert runtime.engine.services.hours is hours
    assert not hours.is_open(dt.datetime(2027, 1, 5, 10, tzinfo=WITA))
    assert hours.is_open(dt.datetime(2027, 1, 6, 10, tzinfo=WITA))
