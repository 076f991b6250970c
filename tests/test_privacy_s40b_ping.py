"""Privacy review of session 40, helper P40b: a held complaint's step-2 ping waits for its slot.

A walker filed a named complaint at 09.40 (its alert reached the group at once) and an anonymous
one at 09.41 from the same number: the group's alert of the anonymous one waited for the 10.00
slot, but the petugas read "🔔 Giliran Anda: TRK-…" privately at 09.41. He sits in the group,
where the named alert came a minute before: he tied the two. Now a non-leader's ping about a
complaint still hidden from the group waits for its slot, and goes then only if the step is
still his (a leader may have done it meanwhile); the leaders are told at once, as before.

Through the real app (signed Twilio webhooks, Telegram updates, the worker sending)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.sop.slots import alert_slot
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, deliver
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s25b import FACILITY, NAMED, PASSPORT, _file
from tests.test_privacy_s27 import ANONYMOUS, _phone

pytestmark = pytest.mark.timeout(300)

WITA = dt.timezone(dt.timedelta(hours=8))
FILED = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)     # its alert waits for 10.00
BRIBE = "Saya diminta uang tambahan oleh orang di loket supaya paspor cepat jadi"
ANONYMOUS_BRIBE = {**ANONYMOUS, "Pengaduan Anda tentang apa": "4"}     # pungli: sensitive


def _pings(tg_server: Any, ticket: str) -> list[str]:
    return [_plain(t) for t in tg_server.sent_texts(PETUGAS)
            if "Giliran Anda" in t and ticket in t]


def _about(tg_server: Any, chat: int, ticket: str) -> list[str]:
    return [t for t in tg_server.sent_texts(chat) if ticket in t]


def _filed(app: Any, runtime: Any, clock: Any, number: str, story: str,
           answers: dict[str, str]) -> str:
    clock.now = FILED
    ticket = _file(_phone(app, runtime, number), story, answers)
    deliver(runtime)
    return ticket


def _slot(runtime: Any, ticket: str) -> dt.datetime:
    return alert_slot(runtime.config.office_config, complaint(runtime, ticket).created_at)


def test_an_anonymous_complaints_ping_reaches_the_petugas_at_its_slot(app, runtime, tg_server,
                                                                      clock):
    """Filed anonymously at 09.41 (a bribe: sensitive too): nothing reaches the petugas until
    10.00, his other private messages are not held back meanwhile; at 10.00 the ping arrives
    once, its deadline by the hour. Kasi Tikkim and the Kepala Kantor are told at 10.00 too
    (anonymous: they read the group as well, tests/test_privacy_s42a_anonymous_leaders.py)."""
    hidden = _filed(app, runtime, clock, "+6281377740101", BRIBE, ANONYMOUS_BRIBE)
    assert complaint(runtime, hidden).type == "pungli"
    slot = _slot(runtime, hidden)
    assert slot.astimezone(WITA).hour == 10
    assert _pings(tg_server, hidden) == []
    assert not _about(tg_server, PETUGAS, hidden)
    for leader in (KASI, KEPALA):
        assert not _about(tg_server, leader, hidden), leader
    clock.now = slot - dt.timedelta(minutes=1)
    seen = len(tg_server.sent_texts(PETUGAS))
    assert officer(app, PETUGAS, private=True).send("/saya") == "officer"
    deliver(runtime)
    answered = tg_server.sent_texts(PETUGAS)[seen:]
    assert answered and not any("Giliran Anda" in t for t in answered), answered
    clock.now = slot
    deliver(runtime)
    [ping] = _pings(tg_server, hidden)
    for leader in (KASI, KEPALA):
        assert _about(tg_server, leader, hidden), leader
    [line] = [x for x in ping.splitlines() if x.startswith("Batas waktu")]
    due = complaint(runtime, hidden).due_at
    due = (due if due.tzinfo else due.replace(tzinfo=dt.timezone.utc)).astimezone(WITA)
    assert due.strftime("%H.%M") not in line and "\u2013" in line, (line, due)
    clock.now = slot + dt.timedelta(hours=1)
    deliver(runtime)
    assert len(_pings(tg_server, hidden)) == 1


def test_a_named_complaints_ping_goes_at_once(app, runtime, tg_server, clock):
    """Filed by name at 09.41 (its alert goes at once): the petugas is pinged at 09.41."""
    named = _filed(app, runtime, clock, "+6281377740102", PASSPORT,
                   {**NAMED, "Pengaduan Anda tentang apa": "1"})
    assert complaint(runtime, named).identity_mode == "named"
    assert len(_pings(tg_server, named)) == 1


def test_a_held_ping_whose_step_a_leader_did_is_not_sent(app, runtime, tg_server, clock):
    """Anonymous at 09.41; Kasi Tikkim does step 2 himself at 09.50, privately: at 10.00 the
    petugas gets no step-2 ping, and nothing is reported lost (neither to the group nor to
    the leaders), nor counted failed."""
    hidden = _filed(app, runtime, clock, "+6281377740103", FACILITY, ANONYMOUS)
    slot = _slot(runtime, hidden)
    clock.now = FILED + dt.timedelta(minutes=9)
    assert officer(app, KASI, private=True).send(f"/tahap {hidden}") == "officer"
    assert complaint(runtime, hidden).stage == "reported_to_kasi"
    deliver(runtime)
    seen = {chat: len(tg_server.sent_texts(chat)) for chat in (OFFICER_CHAT, KASI, KEPALA)}
    clock.now = slot
    deliver(runtime)
    assert not [p for p in _pings(tg_server, hidden) if "Langkah 2" in p], _pings(tg_server,
                                                                                 hidden)
    for chat, count in seen.items():
        assert not any("tidak terkirim" in _plain(t).lower()
                       for t in tg_server.sent_texts(chat)[count:]), chat
    complaint_id = complaint(runtime, hidden).id
    with runtime.store.unit() as unit:
        held = [row for row in unit.outbox_items(address=str(PETUGAS))
                if row.complaint_id == complaint_id]
    assert held and {row.status for row in held} == {"cancelled"}, [
        (row.kind, row.status) for row in held]
