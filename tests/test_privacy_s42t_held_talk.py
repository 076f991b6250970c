"""Privacy review of session 42, helper T42: a talk before an anonymous complaint's slot reaches
the leaders at the slot.

An anonymous complaint filed at 09.41 waits for the 10.00 slot, for the leaders too
(tests/test_privacy_s42a_anonymous_leaders.py). A talk the person opened at 09.43 was the
leaders' only, and reached Kasi Tikkim and the Kepala Kantor at once: they read the group, where
the same person's named alert came at 09.40, and a leaders-only talk at 09.43 told them that
this person had just filed a hidden complaint. Now its notice and the person's lines wait for
the slot, and go then in order; the person is told their message is kept, not passed on. A
confidential (or sensitive) complaint's talk still reaches the leaders at once.

Through the real app (signed Twilio webhooks, Telegram updates, the worker sending)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s25b import FACILITY, NAMED, PASSPORT, _file
from tests.test_privacy_s27 import ANONYMOUS
from tests.test_privacy_s40b_ping import BRIBE, FILED, _slot

pytestmark = pytest.mark.timeout(300)

R_CODE = re.compile(r"\bR-\d+\b")
SAID = "AC-nya rusak sejak minggu lalu, mohon diperbaiki"
CONFIDENTIAL_BRIBE = {"Pengaduan Anda tentang apa": "4", "Tuliskan nama Anda": "Rina Marlina",
                      "identitas Anda dicatat": "rahasiakan nama sy ya"}


def _since(tg_server: Any, chat: int, seen: int) -> list[str]:
    return [_plain(t) for t in tg_server.sent_texts(chat)[seen:]]


def _talk(tg_server: Any, chat: int, seen: int) -> list[str]:
    """What reached the chat since `seen` of a talk: its notice or the person's lines."""
    return [t for t in _since(tg_server, chat, seen)
            if R_CODE.search(t) or "bicara dengan petugas" in t or SAID in t]


def test_a_talk_before_an_anonymous_slot_reaches_the_leaders_at_the_slot(
        app, runtime, tg_server, tw_server, clock):
    """A named passport complaint at 09.40 (its alert in the group), an anonymous one at 09.41;
    at 09.43 "saya mau bicara dengan petugas" and a message. Nothing of the talk reaches Kasi
    Tikkim, the Kepala Kantor or the group before 10.00; the person's replies promise no
    answer (kept, read soon). At 10.00 each leader reads the notice, then the message, once."""
    number = "+6281377742401"
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name="Rina Handayani")
    clock.now = FILED - dt.timedelta(minutes=1)
    phone.says("halo")
    named = _file(phone, PASSPORT, {**NAMED, "Pengaduan Anda tentang apa": "1"})
    deliver(runtime)
    clock.now = FILED
    hidden = _file(phone, FACILITY, ANONYMOUS)
    deliver(runtime)
    assert complaint(runtime, named).identity_mode == "named"
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    slot = _slot(runtime, hidden)
    seen = {chat: len(tg_server.sent_texts(chat)) for chat in (KASI, KEPALA, OFFICER_CHAT)}
    clock.now = FILED + dt.timedelta(minutes=2)
    told = len(tw_server.sent_messages(to=f"whatsapp:{number}"))
    asked = phone.says("saya mau bicara dengan petugas")
    phone.says(SAID)
    deliver(runtime)
    clock.now = slot - dt.timedelta(minutes=1)
    deliver(runtime)
    for chat in (KASI, KEPALA, OFFICER_CHAT):
        assert _talk(tg_server, chat, seen[chat]) == [], chat
    # the request's answer, then the message's "✅" once the person stopped typing
    acked = [m.params["Body"] for m in tw_server.sent_messages(to=f"whatsapp:{number}")[told:]]
    for reply in (asked, *acked):
        assert "teruskan" not in reply.lower() and "jam layanan (" not in reply, reply
    assert "kami simpan" in asked and "segera dibaca" in asked, asked
    assert any("Tersimpan untuk pimpinan kantor" in reply for reply in acked), acked
    clock.now = slot
    deliver(runtime)
    clock.now = slot + dt.timedelta(hours=1)
    deliver(runtime)
    for chat in (KASI, KEPALA):
        [told] = _talk(tg_server, chat, seen[chat])
        request, wrote = told.find("meminta bicara"), told.find(SAID)
        assert 0 <= request < wrote, told
        assert told.count(SAID) == 1, told
        assert "09.41" not in told and "09.43" not in told, told
    assert _talk(tg_server, OFFICER_CHAT, seen[OFFICER_CHAT]) == []


def test_a_confidential_filers_talk_before_the_slot_reaches_the_leaders_at_once(
        app, runtime, tg_server, clock):
    """Filed confidentially at 09.41 (a bribe: sensitive, the leaders may know the name): at
    09.43 the talk's notice and the person's message reach Kasi Tikkim and the Kepala Kantor at
    once, as before; the group reads nothing of it."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377742402",
                         profile_name="Rina Marlina")
    clock.now = FILED
    phone.says("halo")
    ticket = _file(phone, BRIBE, CONFIDENTIAL_BRIBE)
    deliver(runtime)
    assert complaint(runtime, ticket).identity_mode == "confidential"
    seen = {chat: len(tg_server.sent_texts(chat)) for chat in (KASI, KEPALA, OFFICER_CHAT)}
    clock.now = FILED + dt.timedelta(minutes=2)
    reply = phone.says("saya mau bicara dengan petugas")
    phone.says(SAID)
    deliver(runtime)
    assert "teruskan" in reply, reply
    for chat in (KASI, KEPALA):
        told = "\n".join(_talk(tg_server, chat, seen[chat]))
        assert "meminta bicara" in told and SAID in told, told
    assert _talk(tg_server, OFFICER_CHAT, seen[OFFICER_CHAT]) == []


def test_an_urgent_message_before_the_slot_says_what_is_true_of_it(app, runtime, clock):
    """"URGENT my visa expires next week" from an anonymous filer before the slot: kept as
    urgent, its deadline noted with it, nothing told to anyone yet."""
    from tests.support.telegram import TelegramUser
    from tests.test_deadline_s22 import CITIZEN, _file_in_english, _say
    user = TelegramUser(app.test_client(), CITIZEN + 7, first_name="John")
    ticket, _ = _file_in_english(user, runtime)
    reply = _say(user, runtime)("URGENT my visa expires next week")
    assert "kept *as urgent*" in reply and ticket in reply, reply
    assert "noted that your visa expires" in reply, reply
    assert "told them" not in reply and "passed on" not in reply, reply
