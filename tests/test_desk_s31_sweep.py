"""The sweep after a gap, and a draft sent back twice (W38 #2, #3; W42).

A sweep that finds several levels of one complaint due at once (after an outage, a deploy,
the next morning) sends the highest level once, naming the levels it folds in, and never the
others later. A draft sent back by Kasi Tikkim and then by the Kepala Kantor before any
correction: every reminder lists both notes, each with who wrote it.

Through the real app (Telegram updates against the local stand-in) and the real sweep on the
test clock, on the test databases."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.sop import returns
from bot.sop.deadlines import schedule
from bot.sop.sweep import DeadlineSweep, deadline_input
from tests.conftest import WITA
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS, TelegramUser,
                                    deliver, file_on_telegram)
from tests.test_desk_s26 import REASON, correct, notices, schedule_of, sent_back, sweep_at
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(240)
CITIZEN = 555_311
SECOND = "tolong tambahkan kronologi kejadian"
LADDER = ("reminder", "escalate_kasi", "escalate_kepala", "overdue")


def queued(runtime: Any, ticket: str) -> list[tuple[str, str]]:
    """(kind, address) of the sweep's notices queued about `ticket`, in order."""
    with runtime.store.unit() as unit:
        return [(i.kind, i.address) for i in unit.outbox_items()
                if i.kind in LADDER and ticket in i.body]


def test_a_late_first_sweep_sends_the_highest_level_once(app, runtime, tg_server, clock):
    """Filed Tuesday 10.00 and never reported to Kasi Tikkim; the first sweep runs Wednesday
    10.00, when the Kasi and Kepala escalations and the day's repeat are all due: each officer
    gets one notice, the Kepala escalation naming both levels; nothing follows that day."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    wednesday = dt.datetime(2026, 12, 2, 10, 0, tzinfo=WITA)
    assert clock.now < wednesday - dt.timedelta(hours=20)
    sweep_at(runtime, sweep, clock, wednesday)
    assert queued(runtime, ticket) == [("escalate_kepala", str(PETUGAS)),
                                       ("escalate_kepala", str(KASI)),
                                       ("escalate_kepala", str(KEPALA)),
                                       ("escalate_kepala", str(OFFICER_CHAT))]
    [told] = notices(tg_server, PETUGAS, ticket, "Terlambat")
    assert "dilaporkan kepada Kasi Tikkim" in told and "dan Kepala Kantor" in told, told
    assert not notices(tg_server, PETUGAS, ticket, "Masih terlambat")
    for later in (wednesday + dt.timedelta(minutes=1), wednesday + dt.timedelta(hours=5)):
        sweep_at(runtime, sweep, clock, later)
    assert len(queued(runtime, ticket)) == 4                 # every level stays marked sent
    thursday = dt.datetime(2026, 12, 3, 9, 0, tzinfo=WITA)
    sweep_at(runtime, sweep, clock, thursday)                # the next day's repeat still comes
    assert queued(runtime, ticket)[4:] == [("overdue", str(PETUGAS))]


def test_every_return_note_since_the_last_correction_is_listed(app, runtime, tg_server, clock):
    """Kasi Tikkim sends the draft back (wrong BAP number), then the Kepala Kantor too (add the
    chronology) before any correction: the compiler's reminder lists both, each with who
    wrote it, and the group's copy neither; after the correction only later notes count."""
    ticket = sent_back(app, runtime, tg_server, clock)
    assert officer(app, KEPALA, private=True).send(f"/kembalikan {ticket} {SECOND}") == "officer"
    deliver(runtime)
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    plan = schedule_of(runtime, sweep, ticket)
    sweep_at(runtime, sweep, clock, plan.remind_at)
    [reminded] = notices(tg_server, PENYUSUN, ticket, "Pengingat batas waktu")
    kasi, kepala = (runtime.config.office_config.officer(str(o)) for o in (KASI, KEPALA))
    assert f"{REASON} ({kasi.name}, Kasi Tikkim)" in reminded, reminded
    assert f"{SECOND} ({kepala.name}, Kepala Kantor)" in reminded, reminded
    assert reminded.index(REASON) < reminded.index(SECOND), reminded
    assert not [t for t in tg_server.sent_texts(OFFICER_CHAT) if REASON in t or SECOND in t]

    correct(app, runtime, tg_server, ticket)
    third = "lampiran foto belum dimasukkan"
    clock.advance(minutes=5)
    assert officer(app, KASI, private=True).send(f"/kembalikan {ticket} {third}") == "officer"
    deliver(runtime)
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(ticket)
        returned = returns.awaiting_correction(unit, found)
        plan = schedule(deadline_input(found, returned), sweep.rules)
    sweep_at(runtime, sweep, clock, sweep.rules.hours.next_opening(plan.deadline))
    [late] = notices(tg_server, PENYUSUN, ticket, "Terlambat: dilaporkan kepada")
    assert f"Catatan pengembalian: {third} ({kasi.name}, Kasi Tikkim)" in late, late
    assert REASON not in late and SECOND not in late, late
