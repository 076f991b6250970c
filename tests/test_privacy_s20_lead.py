"""Privacy review of session 20 (lead): the leaders' private copy of a talk names the person's
tickets beside their code; an anonymous complaint's ticket there, beside a named one (or beside a
code the group once read with the person's name), would tell the leaders who wrote it, which
no officer may know. It is named only when all the person's complaints are anonymous.

Through the real app (signed Twilio webhooks, Telegram updates), on the test databases."""
from __future__ import annotations

import re

import pytest

from tests.support.telegram import KASI, KEPALA, deliver
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures
from tests.test_privacy_s20 import LEVY, NAME, SLOW, _file, _phone

pytestmark = pytest.mark.timeout(240)
CODE = re.compile(r"\*?(P-\d+)\*?")


def test_the_leaders_copy_of_a_talk_never_puts_an_anonymous_ticket_beside_a_named_one(
        app, runtime, tg_server):
    phone = _phone(app, runtime, "+6281255520031")
    named = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1",
                                "identitas Anda dicatat": "tulis nama saya",
                                "Tuliskan nama Anda": NAME})
    hidden = _file(phone, LEVY, {"Pengaduan Anda tentang apa": "4"})        # anonymous
    assert complaint(runtime, named).identity_mode == "named"
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    deliver(runtime)                        # the leaders' private notice of the levy itself
    before = {leader: len(tg_server.sent_texts(leader)) for leader in (KASI, KEPALA)}
    phone.says("menu")
    code = CODE.search(phone.says("4")).group(1)
    phone.says("calonya pakai baju batik biru, tolong ditindak")
    deliver(runtime)
    for leader in (KASI, KEPALA):
        told = "\n".join(tg_server.sent_texts(leader)[before[leader]:])
        assert "batik biru" in told and code in told, told      # the leaders read the talk
        assert hidden not in told, told                         # not which complaint it is


def test_an_anonymous_complainant_s_only_ticket_is_named_to_the_leaders(
        app, runtime, tg_server):
    """Nobody ever read this person's code beside a name: the ticket tells the leaders which
    complaint the talk is about, and no more."""
    phone = _phone(app, runtime, "+6281255520032")
    hidden = _file(phone, LEVY, {"Pengaduan Anda tentang apa": "4"})
    phone.says("menu")
    phone.says("4")
    phone.says("calonya pakai baju batik biru")
    deliver(runtime)
    assert any(hidden in t and "batik biru" in t for t in tg_server.sent_texts(KEPALA))
