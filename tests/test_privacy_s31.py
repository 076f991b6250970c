"""A held complaint's minute of filing, kept from the desk's lists, reminders, recap and /lihat.

An anonymous facility complaint (an ordinary type) is held for its slot: its alert reaches the
group at 10.00 with the date only. Whatever else the group or a petugas reads of it (its line
and place in /aduan and /saya, a reminder or escalation, the /rekap "Waktu" figures, /lihat's
deadline) must then read alike for a complaint filed at 08.05 or at 09.41 of the same slot
window; named complaints keep their minutes.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import openpyxl
import pytest

from bot import identity
from bot.desk import overview
from bot.notify import alert_slot
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.test_kept_documents import sent_files
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _group, _plain
from tests.test_privacy_s25b import FACILITY, NAMED, PASSPORT, _file
from tests.test_privacy_s27 import ANONYMOUS, WITA, _asked, _phone
from tests.test_sweep import sweep_at

pytestmark = pytest.mark.timeout(600)
TUESDAY = dt.date(2026, 12, 1)


def _at(hour: int, minute: int, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(TUESDAY, dt.time(hour, minute, second), tzinfo=WITA)


def _hidden(app: Any, runtime: Any, clock: Any, number: str, at: dt.datetime) -> str:
    clock.now = at
    ticket = _file(_phone(app, runtime, number, "Hadi"), FACILITY, ANONYMOUS)
    assert complaint(runtime, ticket).identity_mode == "anonymous"
    deliver(runtime)
    return ticket


def _named(app: Any, runtime: Any, clock: Any, number: str, name: str,
           at: dt.datetime) -> str:
    clock.now = at
    ticket = _file(_phone(app, runtime, number, name), PASSPORT,
                   {**NAMED, "Pengaduan Anda tentang apa": "1", "Tuliskan nama Anda": name})
    deliver(runtime)
    return ticket


def _line(listing: str, ticket: str) -> str:
    """The list's line of a ticket, the ticket itself left out (to compare two lines)."""
    found = [line for line in listing.splitlines() if ticket in line]
    assert len(found) == 1, listing
    return found[0].replace(ticket, "TICKET")


def test_lists_read_a_held_complaint_alike_whatever_its_minute_and_keep_named_ones(
        app, runtime, tg_server, clock):
    """/aduan in the group and a petugas' /saya at 10.00: two anonymous complaints filed at
    08.05 and 09.41 read the same line (no "terlambat 9 menit") and go by ticket, not between
    the named ones filed at 09.30 and 09.50, which keep their minutes."""
    early = _hidden(app, runtime, clock, "+6281377731101", _at(8, 5))
    first = _named(app, runtime, clock, "+6281377731102", "Ani Lestari", _at(9, 30))
    late = _hidden(app, runtime, clock, "+6281377731103", _at(9, 41))
    last = _named(app, runtime, clock, "+6281377731104", "Budi Hartono", _at(9, 50))
    clock.now = alert_slot(runtime.config.office_config, _at(9, 41)) + dt.timedelta(seconds=30)
    deliver(runtime)
    group = _asked(tg_server, _group(app), runtime, "/aduan", OFFICER_CHAT)
    mine = _asked(tg_server, TelegramUser(app.test_client(), PETUGAS), runtime, "/saya", PETUGAS)
    for listing in (group, mine):
        assert _line(listing, early) == _line(listing, late), listing
        assert "menit" not in _line(listing, late), listing
        assert "terlambat 20 menit" in _line(listing, first), listing
        assert "terlambat kurang dari 1 menit" in _line(listing, last), listing
        order = [t for t in re.findall(r"TRK-\S+", listing) if t in (early, late, first, last)]
        held = [t for t in order if t in (early, late)]
        assert held == sorted(held), listing                      # by ticket (random)
        assert order.index(first) < order.index(last), listing
        assert abs(order.index(early) - order.index(late)) == 1, listing   # side by side
    # a leader's private list (the desk passes its reader) reads them alike too: anonymous,
    # the leaders read their times as of the slot (tests/test_privacy_s42a_anonymous_leaders.py)
    config = runtime.config.office_config
    with runtime.store.unit() as unit:
        found = unit.open_complaints(None)
        kept = unit.excluded_officers_of([c.id for c in found])
        theirs = overview.open_list(config, runtime.notifier.hours, found, clock(), None, kept,
                                    reader=identity.private_chat(config.officer(KASI)))
    said = theirs.message.plain()
    assert _line(said, early) == _line(said, late), said
    assert "menit" not in _line(said, late), said
    assert "terlambat 20 menit" in _line(said, first), said


def _texts(tg_server: Any, chat: int, ticket: str) -> list[str]:
    return [_plain(t) for t in tg_server.sent_texts(chat) if ticket in t]


def test_reminders_of_a_held_complaint_timed_by_its_minute_go_to_the_leaders_only(
        app, runtime, tg_server, clock):
    """The sweep every minute from 09.31 to 09.59 and on the next day: the reminder and the
    escalations of the anonymous complaint filed at 09.41 (due 09.51) reach nobody, the
    petugas, the group and the leaders alike (who read the group too,
    tests/test_privacy_s42a_anonymous_leaders.py), before or after the 10.00 slot; the next
    day's repeat reaches the petugas with the deadline as of the slot.
    The named complaint of 09.30 is reminded and escalated as before, to the minute."""
    named = _named(app, runtime, clock, "+6281377731201", "Ani Lestari", _at(9, 30))
    hidden = _hidden(app, runtime, clock, "+6281377731202", _at(9, 41))
    for minute in range(31, 60):
        sweep_at(runtime, clock, _at(9, minute))
        deliver(runtime)
    clock.now = _at(10, 0, 5)
    deliver(runtime)
    for hour in (8, 10, 12):
        sweep_at(runtime, clock, _at(hour, 1) + dt.timedelta(days=1))
        deliver(runtime)
    petugas = _texts(tg_server, PETUGAS, hidden)
    group = _texts(tg_server, OFFICER_CHAT, hidden)
    kasi = _texts(tg_server, KASI, hidden)
    assert not [t for t in petugas + group if "Pengingat" in t or "dilaporkan kepada" in t], \
        petugas + group
    assert not [t for t in petugas + group if "09.51" in t], petugas + group
    repeat = [t for t in petugas if "Masih terlambat" in t]
    assert repeat and "10.00–11.00 WITA ⚠️ TERLAMBAT" in repeat[0], petugas
    # (the day's digest, bot/sop/digest.py, still gives the leaders its deadline's minute)
    assert not [t for t in kasi if "Ringkasan harian" not in t and (
        "Pengingat" in t or "dilaporkan kepada" in t or "09.51" in t)], kasi
    assert any("Pengingat" in t and "09.40" in t for t in _texts(tg_server, PETUGAS, named))
    assert any("dilaporkan kepada Kasi Tikkim" in t and "09.40" in t
               for t in _texts(tg_server, OFFICER_CHAT, named))


def _step_two(tg_server: Any, chat: int) -> list[Any]:
    """The "Waktu" sheet's row of step 2 in the last recap sent to `chat`."""
    name, data, _ = [f for f in sent_files(tg_server, chat) if f[0].endswith(".xlsx")][-1]
    rows = openpyxl.load_workbook(io.BytesIO(data))["Waktu"].iter_rows(values_only=True)
    return next([v for v in row if v is not None] for row in rows if row[0] == "Lapor Kasi")


def test_the_recap_measures_a_held_complaint_from_its_slot_outside_the_leaders(
        app, runtime, tg_server, clock):
    """Filed at 09.41, released at 10.00, step 2 done in the group at 10.07: the group's
    /rekap measures 7 minutes (from the slot), not the 26 that give back 09.41; so does Kasi
    Tikkim's own recap, in his private chat, for an anonymous complaint
    (tests/test_privacy_s42b_leaders_files.py)."""
    hidden = _hidden(app, runtime, clock, "+6281377731301", _at(9, 41))
    clock.now = _at(10, 0, 5)
    deliver(runtime)
    clock.now = _at(10, 7)
    done = _asked(tg_server, _group(app), runtime, f"/tahap {hidden}", OFFICER_CHAT)
    assert complaint(runtime, hidden).stage == "reported_to_kasi", done
    clock.now = _at(10, 12)
    _asked(tg_server, _group(app), runtime, "/rekap", OFFICER_CHAT)
    _asked(tg_server, TelegramUser(app.test_client(), KASI), runtime, "/rekap", KASI)
    group, leader = _step_two(tg_server, OFFICER_CHAT), _step_two(tg_server, KASI)
    assert 26 not in group and group.count(7) == 2, group        # median and maximum
    assert 26 not in leader and leader.count(7) == 2, leader


def _next_step(shown: str) -> str:
    found = [line for line in shown.splitlines() if line.startswith("Langkah berikutnya")]
    assert len(found) == 1, shown
    return found[0]


def test_lihat_gives_a_held_complaint_a_deadline_of_its_slot_window_only(
        app, runtime, tg_server, clock):
    """/lihat after the 10.00 slot, in the group and in the petugas' private chat: the
    anonymous complaints of 08.05 and 09.41 read one deadline (not "08.00–09.00" and
    "09.00–10.00", which halve the slot's two hours); a named one keeps its minute."""
    early = _hidden(app, runtime, clock, "+6281377731401", _at(8, 5))
    late = _hidden(app, runtime, clock, "+6281377731402", _at(9, 41))
    named = _named(app, runtime, clock, "+6281377731403", "Ani Lestari", _at(9, 30))
    clock.now = _at(10, 0, 5)
    deliver(runtime)
    petugas = TelegramUser(app.test_client(), PETUGAS)
    for user, chat in ((_group(app), OFFICER_CHAT), (petugas, PETUGAS)):
        steps = [_next_step(_asked(tg_server, user, runtime, f"/lihat {ticket}", chat))
                 for ticket in (early, late)]
        assert steps[0] == steps[1], steps
        assert "09.00" not in steps[1] and "08.00" not in steps[1], steps
        mine = _next_step(_asked(tg_server, user, runtime, f"/lihat {named}", chat))
        assert "09.40 WITA ⚠️ TERLAMBAT" in mine, mine
