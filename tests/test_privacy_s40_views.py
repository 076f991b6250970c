"""Privacy review of session 40: a held complaint is in no petugas's private list before its slot.

A held complaint's (sensitive, confidential or anonymous) group alert and its step-2 ping wait
for the slot (tests/test_privacy_s40b_ping.py), yet the petugas's private /saya and /aduan
listed the new ticket at 09.43: a minute after he served the same
person's named talk, he tied the two as the ping had let him. Now his private chat reads it as
the group does until the slot; the leaders' private chats see it at once, as does the officer
who recorded it himself.

Through the real app (signed Twilio webhooks, Telegram updates, the worker sending)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.support.telegram import KASI, PETUGAS, deliver
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s40b_ping import ANONYMOUS_BRIBE, BRIBE, _filed, _slot

pytestmark = pytest.mark.timeout(300)


def _answer(app: Any, runtime: Any, tg_server: Any, who: int, command: str) -> str:
    seen = len(tg_server.sent_texts(who))
    officer(app, who, private=True).send(command)
    deliver(runtime)
    return "\n".join(tg_server.sent_texts(who)[seen:])


def test_a_petugas_s_private_lists_wait_for_the_slot(app, runtime, tg_server, clock):
    hidden = _filed(app, runtime, clock, "+6281377740201", BRIBE, ANONYMOUS_BRIBE)
    slot = _slot(runtime, hidden)
    clock.now = slot - dt.timedelta(minutes=15)
    for command in ("/saya", "/aduan"):
        shown = _answer(app, runtime, tg_server, PETUGAS, command)
        assert shown and hidden not in shown, (command, shown)
    # anonymous: the leaders' lists wait for the slot too (tests/test_privacy_s42a_*); a
    # private chat may still name its ticket
    assert hidden not in _answer(app, runtime, tg_server, KASI, "/aduan")
    assert hidden in _answer(app, runtime, tg_server, KASI, f"/lihat {hidden}")
    clock.now = slot
    deliver(runtime)
    assert hidden in _answer(app, runtime, tg_server, PETUGAS, "/aduan")
    assert hidden in _answer(app, runtime, tg_server, KASI, "/aduan")
