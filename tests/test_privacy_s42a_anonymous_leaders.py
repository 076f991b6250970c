"""Privacy review of session 42, helper P42a: the leaders learn an anonymous complaint at its slot.

An anonymous bribe report filed at 09.41 waited for the 10.00 slot in the officers' group, but
Kasi Tikkim and the Kepala Kantor read its private "🔒 … untuk pimpinan" notice at 09.41, its
receipt minute in /lihat and reminders timed by it. They read the group too, where the same
person's named alert or talk came a minute before: the minute tied the anonymous report to that
person. Now, for an anonymous complaint, the leaders are told at the slot and read its times as
of the slot, as everyone does; a confidential one still reaches them at once.

Through the real app (signed Twilio webhooks, Telegram updates, the worker sending)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot.sop.sweep import DeadlineSweep
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, deliver
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s25b import _file
from tests.test_privacy_s27 import _phone
from tests.test_privacy_s40b_ping import ANONYMOUS_BRIBE, BRIBE, FILED, _filed, _slot

pytestmark = pytest.mark.timeout(300)

WITA = dt.timezone(dt.timedelta(hours=8))
TICKET = re.compile(r"\bTRK-\S+")
TIME = re.compile(r"\b(\d{2})\.(\d{2})\b")
CONFIDENTIAL_BRIBE = {"Pengaduan Anda tentang apa": "4", "Tuliskan nama Anda": "Rina Marlina",
                      "identitas Anda dicatat": "rahasiakan nama sy ya"}


def _about(tg_server: Any, chat: int, ticket: str, seen: int = 0) -> list[str]:
    return [_plain(t) for t in tg_server.sent_texts(chat)[seen:] if ticket in _plain(t)]


def _minutes(texts: list[str]) -> set[str]:
    return {f"{h}.{m}" for text in texts for h, m in TIME.findall(text)}


def _asked(app: Any, runtime: Any, tg_server: Any, chat: int, text: str) -> str:
    seen = len(tg_server.sent_texts(chat))
    assert officer(app, chat, private=True).send(text) == "officer"
    deliver(runtime)
    return "\n".join(_plain(t) for t in tg_server.sent_texts(chat)[seen:])


def _local(moment: dt.datetime) -> dt.datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).astimezone(WITA)


def test_the_leaders_hear_of_an_anonymous_report_at_its_slot(app, runtime, tg_server, clock):
    """Filed anonymously at 09.41: nothing about it reaches Kasi Tikkim or the Kepala Kantor,
    privately or in the group, before 10.00, and Kasi's other private answers are not held
    back meanwhile; at 10.00 each reads the private notice once, story included."""
    hidden = _filed(app, runtime, clock, "+6281377742101", BRIBE, ANONYMOUS_BRIBE)
    assert TICKET.fullmatch(hidden) and complaint(runtime, hidden).identity_mode == "anonymous"
    slot = _slot(runtime, hidden)
    assert slot.astimezone(WITA).hour == 10
    for chat in (KASI, KEPALA, OFFICER_CHAT):
        assert _about(tg_server, chat, hidden) == [], chat
    clock.now = slot - dt.timedelta(minutes=5)
    answered = _asked(app, runtime, tg_server, KASI, "/saya")
    assert answered and hidden not in answered, answered
    for chat in (KASI, KEPALA):
        assert _about(tg_server, chat, hidden) == [], chat
    clock.now = slot
    deliver(runtime)
    for chat in (KASI, KEPALA):
        [notice] = [t for t in _about(tg_server, chat, hidden) if "untuk pimpinan" in t]
        assert "uang tambahan" in notice and "Anonim" in notice, notice
        assert "09.41" not in notice, notice
    clock.now = slot + dt.timedelta(hours=1)
    deliver(runtime)
    assert len([t for t in _about(tg_server, KASI, hidden) if "untuk pimpinan" in t]) == 1


def test_kasis_lihat_and_aduan_read_an_anonymous_report_as_of_its_slot(app, runtime, tg_server,
                                                                       clock):
    """Kasi Tikkim's /lihat of it before and after the slot shows neither 09.41 nor its
    step-2 deadline's minute, and the deadline by the hour as of the slot; his /aduan lists it
    only from the slot, its deadline by the hour."""
    hidden = _filed(app, runtime, clock, "+6281377742102", BRIBE, ANONYMOUS_BRIBE)
    slot = _slot(runtime, hidden)
    due = _local(complaint(runtime, hidden).due_at).strftime("%H.%M")
    clock.now = FILED + dt.timedelta(minutes=3)
    before = _asked(app, runtime, tg_server, KASI, f"/lihat {hidden}")
    assert "Langkah berikutnya" in before, before
    early = _asked(app, runtime, tg_server, KASI, "/aduan")
    assert early and hidden not in early, early
    clock.now = slot + dt.timedelta(minutes=2)
    deliver(runtime)
    after = _asked(app, runtime, tg_server, KASI, f"/lihat {hidden}")
    listed = _asked(app, runtime, tg_server, KASI, "/aduan")
    assert hidden in listed, listed
    for shown in (before, after):
        assert "09.41" not in shown and due not in shown, (due, shown)
        [step] = [line for line in shown.splitlines() if "Langkah berikutnya" in line]
        assert "10.00\u201311.00" in step, step
        assert all(minute.endswith(".00") for minute in _minutes([shown])), shown
    [row] = [line for line in listed.splitlines() if hidden in line]
    assert due not in row and all(m.endswith(".00") for m in _minutes([row])), row


def test_no_reminder_timed_by_an_anonymous_reports_receipt_reaches_a_leader(
        app, runtime, tg_server, clock):
    """Step 2 is due at 09.51 counted from the receipt at 09.41: its reminder (09.49) and its
    escalations (from 09.51) are timed by the minute of filing. They reached the leaders only;
    for an anonymous report they reach nobody (the group and the petugas neither)."""
    hidden = _filed(app, runtime, clock, "+6281377742103", BRIBE, ANONYMOUS_BRIBE)
    slot = _slot(runtime, hidden)
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    for minutes in (8, 10, 12, 16):
        clock.now = FILED + dt.timedelta(minutes=minutes)
        sweep.run(runtime.store, clock())
        deliver(runtime)
    clock.now = slot
    deliver(runtime)
    for chat in (KASI, KEPALA, OFFICER_CHAT):
        late = [t for t in _about(tg_server, chat, hidden)
                if "Pengingat" in t or "Terlambat" in t or "mengikuti menit" in t]
        assert late == [], (chat, late)


def test_a_confidential_bribe_report_still_reaches_the_leaders_at_once(app, runtime, tg_server,
                                                                       clock):
    """Filed confidentially at 09.41 (the leaders may know who filed it): its private notice
    reaches Kasi Tikkim and the Kepala Kantor at 09.41, as before; the group waits for 10.00."""
    clock.now = FILED
    ticket = _file(_phone(app, runtime, "+6281377742104"), BRIBE, CONFIDENTIAL_BRIBE)
    deliver(runtime)
    assert complaint(runtime, ticket).identity_mode == "confidential"
    for chat in (KASI, KEPALA):
        [notice] = [t for t in _about(tg_server, chat, ticket) if "untuk pimpinan" in t]
        assert "uang tambahan" in notice, notice
    assert _about(tg_server, OFFICER_CHAT, ticket) == []
