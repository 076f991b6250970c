"""The group's confirmation of /balas on a complaint it reads concealed (held for its slot:
anonymous, confidential or sensitive) says the same whether the person's chat takes the message
now or not. "… dikirim" beside "… disimpan" told the group the minute the person's web session
ended; the same person's named web complaint, whose confirmation names the ended session, was
tied to the anonymous one by that minute. Through the Flask test client, on SQLite and
PostgreSQL."""
from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.telegram import OFFICER_CHAT, PETUGAS, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, officer, runtime  # noqa: F401 - fixtures
from tests.test_privacy_s25b import NUMBER, PASSPORT, _file
from tests.test_webchat_undelivered import end, to_slot, web_person

pytestmark = pytest.mark.timeout(300)

ASKED = "Mohon kirimkan foto bukti pembayaran Anda."


def confirmation(app: Any, runtime: Any, tg_server: Any, ticket: str) -> str:
    assert officer(app, PETUGAS).send(f"/balas {ticket} {ASKED}") == "officer"
    deliver(runtime)
    told = re.sub(r"<[^>]+>", "", tg_server.sent_texts(OFFICER_CHAT)[-1])
    assert "balasan kepada pelapor" in told.lower(), told
    return told


def test_a_held_web_complaint_reads_the_same_before_and_after_the_session_ends(
        app, runtime, tg_server, clock):
    anonymous, held_ticket, _ = web_person(app)          # the web chat files without a name
    named, named_ticket, _ = web_person(app, name="Rudi Hartono")
    to_slot(runtime, clock)
    deliver(runtime)
    before = confirmation(app, runtime, tg_server, held_ticket)
    assert "web" not in before.lower() and "dikirim" not in before, before
    end(anonymous)
    end(named)
    after = confirmation(app, runtime, tg_server, held_ticket)
    assert after == before
    # the named complaint's confirmation still says what happened, as the group may know it
    told = confirmation(app, runtime, tg_server, named_ticket)
    assert "sesi chat web pelapor sudah diakhiri" in told, told


def test_a_held_chat_complaint_reads_as_a_held_web_one(app, runtime, tg_server, clock):
    _, web_ticket, _ = web_person(app)
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER)
    chat_ticket = _file(phone, PASSPORT, {"identitas Anda dicatat": "anonim",
                                          "Pengaduan Anda tentang apa": "1"})
    to_slot(runtime, clock)
    deliver(runtime)
    said = {confirmation(app, runtime, tg_server, t).replace(t, "TIKET")
            for t in (web_ticket, chat_ticket)}
    assert len(said) == 1, said
