"""Privacy review of session 41, helper P41a: a held complaint's timing stays off the desk.

An anonymous complaint filed at 09.41 reaches the group at the 10.00 slot (its alert held), and
a petugas's ping waits for the slot too. A walker found three ways the minute still leaked when
a leader acted on it before the slot: the group's message about the leader's step carried the
next step's deadline counted from the leader's minute (and a withdrawal's the minute itself);
the old section was told at once that a step it had never heard of no longer waited for it;
withdrawn and restored before the slot, the petugas was pinged twice at the slot.

Through the real app (signed Twilio webhooks, Telegram updates, the worker sending)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, SEKSI, deliver
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s25b import FACILITY
from tests.test_privacy_s27 import ANONYMOUS
from tests.test_privacy_s40b_ping import FILED, _filed, _slot

pytestmark = pytest.mark.timeout(300)

TIME = re.compile(r"\b(\d{2})\.(\d{2})\b")
WITHDRAW = "lewat telepon: pelapor sudah dilayani di loket kemarin sore"


def _at(clock: Any, minutes: int) -> None:
    clock.now = FILED + dt.timedelta(minutes=minutes)


def _group_about(tg_server: Any, ticket: str) -> list[str]:
    return [_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in _plain(t)]


def _minutes_shown(texts: list[str]) -> set[str]:
    return {f"{h}.{m}" for text in texts for h, m in TIME.findall(text)}


def test_the_groups_message_on_a_leaders_early_steps_gives_no_minute(app, runtime, tg_server,
                                                                     clock):
    """Kasi Tikkim does steps 2 (09.47) and 3 (09.49) privately before the 10.00 slot: the
    group reads about them after the held alert, and every time it reads of the complaint is
    on the hour (deadlines as of the slot, by the hour), none the leader's minute."""
    hidden = _filed(app, runtime, clock, "+6281377741101", FACILITY, ANONYMOUS)
    slot = _slot(runtime, hidden)
    _at(clock, 6)
    assert officer(app, KASI, private=True).send(f"/tahap {hidden}") == "officer"
    _at(clock, 8)
    assert officer(app, KASI, private=True).send(
        f"/tahap {hidden} koordinasikan dengan subbagian tata usaha") == "officer"
    assert complaint(runtime, hidden).stage == "reviewed"
    deliver(runtime)
    assert _group_about(tg_server, hidden) == []
    clock.now = slot
    deliver(runtime)
    said = _group_about(tg_server, hidden)
    assert len(said) >= 2, said                       # the alert, then the leader's steps
    assert any("Langkah berikutnya: 4" in text for text in said), said
    shown = _minutes_shown(said)
    assert shown and all(minute.endswith(".00") for minute in shown), (shown, said)


def test_a_withdrawal_and_restore_before_the_slot_ping_the_petugas_once(app, runtime, tg_server,
                                                                        clock):
    """Withdrawn at 09.45 and restored at 09.47: at 10.00 the petugas reads "🔔 Giliran Anda"
    once, not once for the filing and again for the restore; the group's lines about the
    withdrawal and the restore give no minute before the slot."""
    hidden = _filed(app, runtime, clock, "+6281377741102", FACILITY, ANONYMOUS)
    slot = _slot(runtime, hidden)
    _at(clock, 4)
    assert officer(app, KASI, private=True).send(f"/cabut {hidden} {WITHDRAW}") == "officer"
    _at(clock, 6)
    assert officer(app, KASI, private=True).send(f"/cabut {hidden} batal") == "officer"
    assert complaint(runtime, hidden).stage == "received"
    deliver(runtime)
    assert not [t for t in tg_server.sent_texts(PETUGAS) if hidden in t]
    clock.now = slot
    deliver(runtime)
    clock.now = slot + dt.timedelta(hours=1)
    deliver(runtime)
    pinged = [_plain(t) for t in tg_server.sent_texts(PETUGAS)
              if "Giliran Anda" in _plain(t) and hidden in _plain(t)]
    assert len(pinged) == 1, pinged
    said = _group_about(tg_server, hidden)
    shown = _minutes_shown(said)
    assert all(minute.endswith(".00") for minute in shown), (shown, said)


def test_the_old_section_hears_nothing_of_a_change_before_the_slot(app, runtime, tg_server,
                                                                   clock):
    """Kasi Tikkim does steps 2 and 3 (the section: Tata Usaha) and at 09.50 sends it to
    Seksi Lalu Lintas instead, all before the slot: Tata Usaha's officers, whose ping was
    still held, are told nothing ("dialihkan dari …" at 09.50 was the first they heard of it),
    nor pinged at the slot; the new section is pinged at the slot."""
    hidden = _filed(app, runtime, clock, "+6281377741103", FACILITY, ANONYMOUS)
    slot = _slot(runtime, hidden)
    old, new = SEKSI["tu"], SEKSI["lantaskim"]
    _at(clock, 5)
    assert officer(app, KASI, private=True).send(f"/tahap {hidden}") == "officer"
    _at(clock, 7)
    assert officer(app, KASI, private=True).send(
        f"/tahap {hidden} koordinasikan dengan subbagian tata usaha") == "officer"
    assert complaint(runtime, hidden).section == "tu"
    _at(clock, 9)
    assert officer(app, KASI, private=True).send(f"/teruskan {hidden} lantaskim") == "officer"
    assert complaint(runtime, hidden).section == "lantaskim"
    deliver(runtime)
    assert not [t for t in tg_server.sent_texts(old) if hidden in t]
    clock.now = slot
    deliver(runtime)
    assert not [t for t in tg_server.sent_texts(old) if hidden in t]
    assert [t for t in tg_server.sent_texts(new) if "Giliran Anda" in _plain(t) and hidden in t]
