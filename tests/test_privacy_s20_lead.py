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
ANONYMOUS = {"identitas Anda dicatat": "anonim"}


def test_the_leaders_copy_of_a_talk_never_puts_an_anonymous_ticket_beside_a_named_one(
        app, runtime, tg_server):
    phone = _phone(app, runtime, "+6281255520031")
    named = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1",
                                "identitas Anda dicatat": "tulis nama saya",
                                "Tuliskan nama Anda": NAME})
    hidden = _file(phone, LEVY, {"Pengaduan Anda tentang apa": "4", **ANONYMOUS})
    assert complaint(runtime, named).identity_mode == "named"
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    deliver(runtime)                        # the leaders' private notice of the levy itself
    before = {leader: len(tg_server.sent_texts(leader)) for leader in (KASI, KEPALA)}
    phone.says("menu")
    assert not CODE.search(phone.says("4"))                # she reads the talk's R-code
    code = f"P-{complaint(runtime, hidden).complainant_id}"
    phone.says("calonya pakai baju batik biru, tolong ditindak")
    deliver(runtime)
    for leader in (KASI, KEPALA):
        told = "\n".join(tg_server.sent_texts(leader)[before[leader]:])
        assert "batik biru" in told, told                       # the leaders read the talk
        # by the talk's own code, never the person's P-code (tests/test_privacy_s23c.py)
        assert re.search(r"\bR-\d+\b", told) and code not in told, told
        assert hidden not in told, told                         # not which complaint it is


def test_an_anonymous_complainant_s_only_ticket_is_named_to_the_leaders(
        app, runtime, tg_server):
    """Nobody ever read this person's code beside a name: the ticket tells the leaders which
    complaint the talk is about, and no more."""
    phone = _phone(app, runtime, "+6281255520032")
    hidden = _file(phone, LEVY, {"Pengaduan Anda tentang apa": "4", **ANONYMOUS})
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    phone.says("menu")
    phone.says("4")
    phone.says("calonya pakai baju batik biru")
    deliver(runtime)
    assert any(hidden in t and "batik biru" in t for t in tg_server.sent_texts(KEPALA))


def test_a_wish_to_keep_the_name_secret_is_not_masked_as_a_name():
    """"tolong nama saya dirahasiakan ya bu" read "tolong nama saya •••• ya bu" in every copy:
    the wish is no name (a name given with it still is masked)."""
    from bot.traces import self_traces
    for wish in ("tolong nama saya dirahasiakan ya bu", "nama saya jangan disebut",
                 "my name is confidential please", "nama saya rahasia aja"):
        assert self_traces(wish) == wish
    assert "Wulandari" not in self_traces("nama saya Sri Wulandari, tolong dirahasiakan")


BROKER = ("Ada calo di depan kantor minta uang 2 juta, katanya kenal orang dalam. "
          "Nomor hp calonya 0812-3456-8888")


def test_identitas_shows_the_numbers_in_the_story_whole_and_lihat_masked(
        app, runtime, tg_server):
    """A broker's number in a confidential levy report is the lead to trace him: a leader's
    logged /identitas shows it whole; /lihat keeps it masked, the group never reads it."""
    from tests.support.telegram import OFFICER_CHAT, TelegramUser
    phone = _phone(app, runtime, "+6281255520033")
    ticket = _file(phone, BROKER, {"Pengaduan Anda tentang apa": "4",
                                   "identitas Anda dicatat": "tulis nama saya",
                                   "Tuliskan nama Anda": NAME, "ingin dirahasiakan": "1"})
    assert complaint(runtime, ticket).identity_mode == "confidential"
    deliver(runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    before = len(tg_server.sent_texts(KASI))
    kasi.send(f"/lihat {ticket}")
    deliver(runtime)
    looked = "\n".join(tg_server.sent_texts(KASI)[before:])
    assert "calonya" in looked and "3456-8888" not in looked, looked
    before = len(tg_server.sent_texts(KASI))
    kasi.send(f"/identitas {ticket}")
    deliver(runtime)
    revealed = "\n".join(tg_server.sent_texts(KASI)[before:])
    assert "0812-3456-8888" in revealed and NAME in revealed, revealed
    assert "3456" not in "\n".join(tg_server.sent_texts(OFFICER_CHAT))
