"""Privacy review of session 20 (helper A20): a talk's code and its minute in a complaint's trail.

A follow-up to a filed complaint (more details, a withdrawal, an objection) is a
talk-to-officer request, and leaves a line in the complaint's trail naming it ("lewat
permintaan P-12"). The code is the person: the group's notice of an ordinary talk printed it
beside their name and last ticket while their complaints were all named, and what they wrote
before they had a concealed complaint reached the group unmasked.

1. The code showed to every reader who may see the identity, so to a petugas in `/lihat` of an
   openly named levy complaint, and to the group on a named complaint whose author's later
   talk reported a levy: such talks are the leaders' alone and carry no handle in the group;
   and to a leader reading an anonymous complaint (no officer may know who that is). Now only
   Kasi Tikkim and the Kepala Kantor, in a private chat, on a complaint whose author they may
   know, read it; everyone else reads "lewat permintaan bicara dengan petugas", and a line of a
   talk only the leaders answer (an R-code) not at all (session 40).
2. The follow-up line carried its minute, the minute the group's notice of the talk (and its
   relayed lines) arrived with: a group member matched the talk P-12 (whose name they had read)
   to the confidential complaint (or a named complainant to a talk only the leaders answer,
   i.e. to a report of a levy). Now anyone but a leader in a private chat reads its day only
   (a rating's line too: a comment reporting a levy opens such a talk in the same turn).

Through the real app (signed Twilio webhooks, Telegram updates), on the test databases."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot import identity
from bot.notify import alert_slot
from tests.support.intake import TICKET, walk
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PENYUSUN, PETUGAS,
                                    TelegramUser, deliver)
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures

pytestmark = pytest.mark.timeout(240)

CODE = re.compile(r"\bP-\d+\b")
CLOCK = re.compile(r"\b\d{1,2}[.:]\d{2}\b")
NAME = "Yosefina Manuhutu"
LEVY = "Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi"
SLOW = "Paspor saya sudah tiga minggu belum jadi padahal sudah bayar lunas"
CLOSED = "Loket pengambilan paspor tutup jam 11 padahal jadwalnya sampai jam 3"
FOLLOW_UP = "Pelapor mengirim keterangan atau bukti tambahan"


def _phone(app: Any, runtime: Any, number: str) -> TwilioSender:
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=NAME)
    phone.says("halo")
    return phone


def _file(phone: TwilioSender, story: str, answers: dict[str, str]) -> str:
    reply = ""
    for said in ("menu", "1", story, "lanjut"):
        reply = phone.says(said)
    return TICKET.search(walk(phone.says, reply, answers)).group(0)


def _follow_up(phone: TwilioSender, runtime: Any) -> str:
    """'ada tambahan' on the complaint just filed, then done: the talk's code."""
    code = re.search(r"\b[PRT]-\d+\b", phone.says("ada tambahan")).group(0)
    phone.says("ini fotonya menyusul sore ini")
    phone.says("selesai")
    deliver(runtime)
    return code


def _lihat(app: Any, runtime: Any, tg_server: Any, reader: int, ticket: str,
           group: bool = False) -> str:
    chat = OFFICER_CHAT if group else reader
    before = len(tg_server.sent_texts(chat))
    user = (TelegramUser(app.test_client(), reader, chat_id=OFFICER_CHAT, chat_type="supergroup")
            if group else TelegramUser(app.test_client(), reader))
    user.send(f"/lihat {ticket}")
    deliver(runtime)
    shown = "\n".join(tg_server.sent_texts(chat)[before:])
    assert ticket in shown and "Riwayat" in shown, shown
    return shown


def _line(shown: str, words: str) -> str:
    [line] = [x for x in shown.splitlines() if words in x]
    return line


# --- 1. the code on a sensitive complaint openly named, and on an anonymous one ----------------
def test_a_named_levy_complaint_s_trail_shows_the_talk_code_to_the_leaders_only(
        app, runtime, tg_server):
    """The author chose to be named to the officers, so a petugas reads the name; but their
    talks are the leaders' alone, and their code (which the group's notices of those talks
    never print) ties this levy report to their earlier, open talks."""
    phone = _phone(app, runtime, "+6281255520011")
    ticket = _file(phone, LEVY, {"Pengaduan Anda tentang apa": "4",
                                 "identitas Anda dicatat": "tulis nama saya",
                                 "Tuliskan nama Anda": NAME, "ingin dirahasiakan": "2"})
    found = complaint(runtime, ticket)
    assert found.identity_mode == "named" and runtime.notifier.sensitive(found)
    code = _follow_up(phone, runtime)
    assert not CODE.search("\n".join(tg_server.sent_texts(OFFICER_CHAT)))
    for reader in (PETUGAS, PENYUSUN):
        shown = _lihat(app, runtime, tg_server, reader, ticket)
        # a talk only the leaders answer leaves no line for anyone else (identity.in_trail)
        assert FOLLOW_UP not in shown and "lewat permintaan" not in shown, (reader, shown)
        assert not re.search(rf"\b{code}\b", shown), (reader, shown)
    for leader in (KASI, KEPALA):
        shown = _lihat(app, runtime, tg_server, leader, ticket)
        assert FOLLOW_UP in shown and re.search(rf"\b{code}\b", shown), shown


def test_an_anonymous_complaint_s_trail_shows_no_talk_code_even_to_a_leader(
        app, runtime, tg_server, clock):
    """No officer may know who an anonymous complainant is, the leaders neither: a code the
    group may have read beside what the person wrote about themselves stays out of it."""
    phone = _phone(app, runtime, "+6281255520012")
    ticket = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1",
                                 "identitas Anda dicatat": "anonim"})
    assert complaint(runtime, ticket).identity_mode == "anonymous"
    code = _follow_up(phone, runtime)
    clock.now = alert_slot(runtime.config.office_config, clock())   # the group knows it from here
    # the talk was the leaders' (before the slot): the group reads no line of it
    shown = _lihat(app, runtime, tg_server, PETUGAS, ticket, True)
    assert FOLLOW_UP not in shown and not re.search(rf"\b{code}\b", shown), shown
    for reader in (KASI, KEPALA):
        shown = _lihat(app, runtime, tg_server, reader, ticket, False)
        assert FOLLOW_UP in shown and not re.search(rf"\b{code}\b", shown), (reader, shown)


# --- 2. the minute of a follow-up ---------------------------------------------------------------
def test_a_confidential_complaint_s_follow_up_is_not_tied_to_the_talk_by_its_minute(
        app, runtime, tg_server, clock):
    """The group read the person's name beside their code (an openly named complaint's talk),
    then reads the same code's follow-up notice: the confidential complaint's trail must not
    carry that notice's minute."""
    phone = _phone(app, runtime, "+6281255520013")
    named = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1",
                                "identitas Anda dicatat": "tulis nama saya",
                                "Tuliskan nama Anda": NAME})
    code = _follow_up(phone, runtime)
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    assert NAME in group and code in group and named in group, group   # the group knows P-n
    hidden = _file(phone, CLOSED, {"Pengaduan Anda tentang apa": "1",
                                   "identitas Anda dicatat": "tulis nama saya",
                                   "Tuliskan nama Anda": "rahasiakan nama saya",
                                   "nama Anda dirahasiakan": NAME})
    assert complaint(runtime, hidden).identity_mode == "confidential"
    # past its alert slot (before it, the talk is the leaders': tests/test_privacy_s30.py)
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    # with a confidential complaint on file, the talk goes by its own code (T-n), never again
    # by the P-code the group read beside the name (tests/test_privacy_s25b.py)
    code = _follow_up(phone, runtime)
    assert code.startswith("T-"), code
    notice = "\n".join(tg_server.sent_texts(OFFICER_CHAT)[before:])
    assert code in notice, notice                  # the group answers this talk by its code
    clock.now = alert_slot(runtime.config.office_config, clock())   # the group knows it from here
    deliver(runtime)
    shown = _lihat(app, runtime, tg_server, PETUGAS, hidden, group=True)
    line = _line(shown, FOLLOW_UP)
    assert not CLOCK.search(line) and not CODE.search(line), line
    # its receipt too is a date, as its held alert gives it (identity.conceals_receipt)
    assert not CLOCK.search(_line(shown, "Pengaduan diterima")), shown
    assert NAME not in shown, shown
    # a leader in a private chat, who may know who complained, reads the minutes and the code
    shown = _lihat(app, runtime, tg_server, KASI, hidden)
    line = _line(shown, FOLLOW_UP)
    assert CLOCK.search(line) and code in line, line
    assert CLOCK.search(_line(shown, "Pengaduan diterima")), shown


def test_a_named_complaint_s_trail_shows_the_group_no_code_of_a_leaders_talk(
        app, runtime, tg_server):
    """An openly named complaint, then a talk that reports a levy (the leaders' from then on,
    its notices carry no code), then a follow-up to the complaint: the trail the group reads
    with the name carries neither the talk's code nor its minute, which would tie this named
    person to a talk only the leaders answer, i.e. say that they reported a levy."""
    phone = _phone(app, runtime, "+6281255520014")
    ticket = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1",
                                 "identitas Anda dicatat": "tulis nama saya",
                                 "Tuliskan nama Anda": NAME})
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    phone.says("petugas loket minta uang 300rb biar paspor cepat")
    phone.says("selesai")
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    code = _follow_up(phone, runtime)
    notice = "\n".join(tg_server.sent_texts(OFFICER_CHAT)[before:])
    assert "meminta" not in notice and code not in notice, notice   # no notice at all
    shown = _lihat(app, runtime, tg_server, PETUGAS, ticket, group=True)
    assert NAME in shown, shown                                      # named openly
    # a talk only the leaders answer leaves the group no line at all (identity.in_trail)
    assert FOLLOW_UP not in shown and not CODE.search(shown), shown


def test_files_never_carry_a_talk_code() -> None:
    """A document's trail (`FILE`) reads no talk code, even of an openly named complaint."""
    class Event:
        actor_role, action = "complainant", "follow_up"
        note = "Pelapor meminta pengaduan dicabut (lewat permintaan P-77)"

    class Named:
        identity_mode, reporter_name, type = "named", NAME, "keterlambatan_layanan"
    assert identity.trail_note(Event(), Named(), identity.FILE) == \
        f"Pelapor meminta pengaduan dicabut {identity.TRAIL_REQUEST_HIDDEN}"
    assert identity.trail_note(Event(), Named(), identity.GROUP) == \
        f"Pelapor meminta pengaduan dicabut {identity.TRAIL_REQUEST_HIDDEN}"
    leader = identity.Audience(role="kasi_tikkim", private=True)
    assert identity.trail_note(Event(), Named(), leader) == Event.note



def test_a_complainant_s_lines_after_filing_are_moments_of_a_talk() -> None:
    """A follow-up and a rating (whose comment may open a talk in the same turn) are read by
    anyone but a leader by their day; the filing line keeps its minute (the alert has it)."""
    class Line:
        def __init__(self, action: str, from_stage: str | None, role: str = "complainant"):
            self.action, self.from_stage, self.actor_role = action, from_stage, role
    assert identity.talk_moment(Line("follow_up", "received"))
    assert identity.talk_moment(Line("rated", "archived"))
    assert not identity.talk_moment(Line("filed", None))
    assert not identity.talk_moment(Line("stage", "received", role="petugas"))
