"""Session 41, helper C41B: a number that is not one of the question's options.

A walker's talk with the officers was closed (`/tutup`); "masih ada yang mau saya tambahkan"
was kept and the bot asked "Apakah pesan ini tentang pengaduan *TRK-…*? 1. Ya … 2. Bukan …".
"4" was read as the main menu's option 4, which was not on screen: a new talk with the
officers was opened, and the kept message never passed on. Now that question is asked again,
saying which numbers it takes, nothing else happens, and "1" passes the kept message on.

Through the real app (signed Twilio webhooks, Telegram updates, the worker sending)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.support.telegram import OFFICER_CHAT, PETUGAS, TelegramUser, deliver, \
    file_on_telegram
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401
from tests.test_privacy_s23c import _plain
from tests.test_privacy_s25b import NAMED, PASSPORT, _file
from tests.test_privacy_s27 import _phone

pytestmark = pytest.mark.timeout(300)

WITA = dt.timezone(dt.timedelta(hours=8))
FILED = dt.datetime(2026, 12, 1, 9, 41, tzinfo=WITA)
MORE = "masih ada yang mau saya tambahkan"
CITIZEN = 555_141


def _group(app: Any) -> TelegramUser:
    return TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT, chat_type="supergroup")


def _talks(runtime: Any, complainant_of: str) -> int:
    """How many talks with the officers the complaint's person has open (or answered)."""
    with runtime.store.unit() as unit:
        found = unit.complaint_by_ticket(complainant_of)
        return len([r for r in unit.live_contact_requests(limit=100)
                    if r[0].complainant_id == found.complainant_id]) if found else 0


def _code(asked: str) -> str:
    return asked.split("(kode *")[1].split("*")[0]


def test_a_number_not_offered_asks_the_question_again_on_whatsapp(app, runtime, tg_server,
                                                                  clock):
    """The walker's case: talk closed by /tutup, "masih ada yang mau saya tambahkan", "4":
    the question again, naming 1 and 2, no talk opened; "1" then passes the kept message on to
    the complaint's officers."""
    clock.now = FILED
    phone = _phone(app, runtime, "+6281377741301")
    ticket = _file(phone, PASSPORT, {**NAMED, "Pengaduan Anda tentang apa": "1"})
    deliver(runtime)
    code = _code(phone.says("saya mau bicara dengan petugas"))
    assert _group(app).send(f"/tutup {code}") == "officer"
    deliver(runtime)
    asked = phone.says(MORE)
    assert f"Apakah pesan ini tentang pengaduan *{ticket}*" in asked, asked
    talks = _talks(runtime, ticket)
    again = phone.says("4")
    assert f"Apakah pesan ini tentang pengaduan *{ticket}*" in again, again
    assert "*1* atau *2*" in again and "sudah kami teruskan" not in again, again
    assert "Permintaan Anda" not in again and _talks(runtime, ticket) == talks, again
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    passed = phone.says("1")
    assert f"Keterangan Anda untuk pengaduan *{ticket}* sudah kami teruskan" in passed, passed
    deliver(runtime)
    told = "\n".join(_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:])
    assert MORE in told, told


def _says(citizen: TelegramUser, runtime: Any, text: str) -> str:
    """The bot's reply to `text` on Telegram, as written (its *bold* marks kept)."""
    assert citizen.send(text) == "complainant"
    with runtime.store.unit() as unit:
        return unit.outbox_items(kind="reply", address=str(citizen.chat_id))[-1].body


def test_a_number_not_offered_in_english_on_telegram(app, runtime, tg_server, clock):
    """On Telegram, in English: "7" at "Is this message about complaint …?" is answered in
    English with the question again and its numbers; no talk is opened; "1" passes the kept
    message on."""
    clock.now = FILED
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    deliver(runtime)
    code = re.search(r"\bT-\d+", _says(citizen, runtime, "I want to talk to an officer")).group(0)
    assert _group(app).send(f"/tutup {code}") == "officer"
    deliver(runtime)
    asked = _says(citizen, runtime, "there is something more I want to add about it")
    assert f"Is this message about complaint *{ticket}*" in asked, asked
    talks = _talks(runtime, ticket)
    again = _says(citizen, runtime, "7")
    assert f"Is this message about complaint *{ticket}*" in again, again
    assert "*1* or *2*" in again and "passed on" not in again, again
    assert _talks(runtime, ticket) == talks
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    passed = _says(citizen, runtime, "1")
    assert f"Your details for complaint *{ticket}* have been passed on" in passed, passed
    deliver(runtime)
    told = "\n".join(_plain(t) for t in tg_server.sent_texts(OFFICER_CHAT)[seen:])
    assert "there is something more I want to add about it" in told, told
