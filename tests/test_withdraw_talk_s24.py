"""A leaders-only talk as the citizen reads it, and withdrawal done right (walk W28, findings 1,
2, 3 and 9).

1. A person who talked in the group as P-n, then filed an anonymous levy complaint and asked for
   an officer, was told "diteruskan ke petugas (kode P-n)", and the Kepala's answer reached her
   framed "menjawab petugas (P-n)": quoting that code names the anonymous reporter, and only
   the leaders read the talk. Now she reads the talk's own R-code and "pimpinan kantor".
2. `/cabut TIKET pelapor minta dicabut` with no request on record told the person "dicabut atas
   permintaan Anda". Now it is refused and says how a request comes about; a request heard by
   phone is recorded, and told to the person, as such.
3. After a withdrawal the person's talk stayed open: "mau lapor lagi" was relayed to the group.
   Now the talk is closed and the next message starts afresh.
4. The reason given with the wish to withdraw is not asked for again; `/cabut … batal` tells
   the person the office cancelled it and that they may still ask; the recap counts a withdrawn
   complaint as "Dicabut", not "belum diputuskan".

Through the real app (Telegram updates and signed Twilio webhooks against the local stand-ins),
on the test databases."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot.paperwork.recap import Clock as FileClock
from bot.paperwork.recap import monthly_recap, register_row
from bot.sop.stages import withdrawn
from storage.models import ContactRelay
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401
from tests.test_privacy_s23c import NAME, R_CODE, _group, _plain
from tests.test_withdraw_s24 import filed_on_whatsapp, withdraw

pytestmark = pytest.mark.timeout(300)

P_CODE = re.compile(r"\bP-\d+\b")
T_CODE = re.compile(r"\bT-\d{7,8}\b")
LEVY = "Petugas loket minta uang lima ratus ribu supaya paspor cepat jadi"
NUMBER = "+6281377728801"


def _bodies(tw_server: Any, number: str, since: int = 0) -> list[str]:
    return [m.params["Body"] for m in tw_server.sent_messages(to=f"whatsapp:{number}")[since:]]


# --- 1. the leaders' talk as the person reads it -------------------------------------------------
def test_a_leaders_talk_is_named_by_its_r_code_and_the_leadership(
        app, runtime, tg_server, tw_server):
    """After a named group talk as P-n and an anonymous levy complaint, her request for an
    officer, her next message's acknowledgement and the Kepala's answer name the talk's R-code
    (the one the leaders read) and "pimpinan kantor", never P-n nor "petugas"."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER,
                         profile_name=NAME)
    phone.says("halo")
    phone.says("menu")
    t_code = T_CODE.search(phone.says("Bicara dengan petugas")).group(0)
    phone.says("pak paspor saya kapan jadi ya")
    deliver(runtime)
    assert _group(app).send(f"/pesan {t_code} Selamat sore Bu, kami cek dulu.") == "officer"
    deliver(runtime)
    assert "kami akhiri" in phone.says("selesai")
    reply = ""
    for said in ("menu", "1", LEVY, "lanjut"):
        reply = phone.says(said)
    hidden = TICKET.search(walk(phone.says, reply, {"Pengaduan Anda tentang apa": "4",
                                                    "identitas Anda dicatat": "anonim"})).group(0)
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    deliver(runtime)
    seen = len(tg_server.sent_texts(KEPALA))
    phone.says("menu")
    asked = phone.says("Bicara dengan petugas")
    deliver(runtime)
    [notice] = [_plain(t) for t in tg_server.sent_texts(KEPALA)[seen:]
                if "meminta bicara dengan petugas" in t]
    r_code = R_CODE.search(notice).group(0)
    assert r_code in asked and "pimpinan kantor" in asked, asked
    assert not P_CODE.search(asked) and "petugas" not in asked.lower(), asked

    before = len(_bodies(tw_server, NUMBER))
    kepala = TelegramUser(app.test_client(), KEPALA)
    assert kepala.send(f"/pesan {r_code} Bu, kami dari pimpinan kantor.") == "officer"
    deliver(runtime)
    [answer] = [b for b in _bodies(tw_server, NUMBER, before) if "pimpinan kantor." in b]
    assert f"menjawab pimpinan kantor (*{r_code}*)" in answer, answer
    assert not P_CODE.search(answer) and "petugas" not in answer.lower(), answer

    status = phone.says("status")                  # answered in the talk, which goes on
    assert r_code in status and not P_CODE.search(status), status
    ended = phone.says("selesai")
    assert "pimpinan kantor" in ended and not P_CODE.search(ended), ended


def test_an_ordinary_talk_still_names_the_p_code_and_the_officers(
        app, runtime, tg_server, tw_server):
    """A talk the group answers names its own T-code (never a P-code:
    tests/test_privacy_s40a_codes.py) and "petugas"."""
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377728802")
    phone.says("halo")
    phone.says("menu")
    asked = phone.says("Bicara dengan petugas")
    assert T_CODE.search(asked) and not P_CODE.search(asked), asked
    assert "petugas" in asked and "pimpinan" not in asked, asked


# --- 2. no withdrawal "at your request" without a request -----------------------------------------
def test_a_withdrawal_with_no_request_on_record_is_refused_and_says_how(
        app, runtime, tg_server, tw_server):
    """The Kepala's `/cabut TIKET pelapor minta dicabut`: refused, nothing changes, nothing
    reaches her; the refusal says how a request comes about. Stated as heard by phone it is
    recorded so, and she reads "melalui telepon", never "atas permintaan Anda"."""
    number = "+6281377728803"
    _, ticket = filed_on_whatsapp(app, runtime, number=number)
    deliver(runtime)
    before = len(_bodies(tw_server, number))
    assert withdraw(app, KEPALA, ticket, "pelapor minta dicabut") == "refused"
    deliver(runtime)
    refusal = _plain(tg_server.sent_texts(KEPALA)[-1])
    assert "belum ada permintaan pencabutan" in refusal and "cabut laporan saya" in refusal
    assert f"/cabut {ticket} lewat telepon" in refusal, refusal
    assert complaint(runtime, ticket).stage == "received"
    assert _bodies(tw_server, number, before) == []

    assert withdraw(app, KEPALA, ticket, "lewat telepon: paspor sudah jadi katanya") == \
        "officer"
    deliver(runtime)
    found = complaint(runtime, ticket)
    assert withdrawn(found)
    [event] = [e for e in found.events if e.action == "withdraw"]
    assert "melalui telepon" in event.note and "paspor sudah jadi" in event.note
    [told] = _bodies(tw_server, number, before)
    assert "melalui telepon" in told and "atas permintaan Anda" not in told, told


# --- 3 and 4. withdrawn at the person's request through the bot -----------------------------------
def test_withdrawn_at_her_request_her_talk_closes_and_she_can_file_again(
        app, runtime, tg_server, tw_server):
    """"pak cabut aja laporan saya, paspornya udah jadi": told the reason was passed on (not
    asked for it); the Kasi withdraws it; she reads "atas permintaan Anda"; her talk is closed:
    "status" no longer shows the notice as an officer's message nor a talk going on, and
    "mau lapor lagi" starts a complaint instead of reaching the group."""
    number = "+6281377728804"
    phone, ticket = filed_on_whatsapp(app, runtime, number=number)
    asked = phone.says("pak cabut aja laporan saya, paspornya udah jadi")
    assert "tulis alasannya" not in asked and "beserta alasannya" in asked, asked
    deliver(runtime)
    before = len(_bodies(tw_server, number))
    assert withdraw(app, KASI, ticket, "paspor sudah jadi kata pelapor") == "officer"
    deliver(runtime)
    [told] = _bodies(tw_server, number, before)
    assert "atas permintaan Anda" in told
    person_id = complaint(runtime, ticket).complainant_id
    with runtime.store.unit() as unit:
        assert unit.live_contact_request(person_id) is None

    status = phone.says("status")
    assert "Dicabut" in status
    assert "Pesan terakhir dari petugas" not in status and "tetap berjalan" not in status, status

    with runtime.store.unit() as unit:
        relays = len(unit.session.query(ContactRelay).all())
    again = phone.says("mau lapor lagi")
    assert again.strip(), again
    with runtime.store.unit() as unit:
        assert len(unit.session.query(ContactRelay).all()) == relays     # nothing relayed
        conversation = unit.conversation("whatsapp", number)
        assert conversation is not None and conversation.state != "officer"
    deliver(runtime)
    assert not any("mau lapor lagi" in t for t in tg_server.sent_texts(OFFICER_CHAT))


def test_a_wish_to_withdraw_without_a_reason_is_asked_for_one(app, runtime):
    phone, _ = filed_on_whatsapp(app, runtime, number="+6281377728805")
    assert "tulis alasannya" in phone.says("saya mau cabut laporan saya")


def test_an_undone_withdrawal_says_the_office_cancelled_it_and_she_may_still_ask(
        app, runtime, tw_server):
    """`/cabut TIKET batal`: she reads that the office cancelled the withdrawal and how to ask
    again; her old request no longer counts for a new `/cabut`."""
    number = "+6281377728806"
    phone, ticket = filed_on_whatsapp(app, runtime, number=number)
    phone.says("saya mau cabut laporan saya")
    assert withdraw(app, KASI, ticket, "paspor sudah jadi kata pelapor") == "officer"
    deliver(runtime)
    before = len(_bodies(tw_server, number))
    assert withdraw(app, KASI, ticket, "batal") == "officer"
    deliver(runtime)
    [told] = _bodies(tw_server, number, before)
    assert "dibatalkan oleh kantor" in told and "cabut laporan saya" in told, told
    assert withdraw(app, KASI, ticket, "paspor sudah jadi kata pelapor") == "refused"
    phone.says("saya mau cabut laporan saya lagi ya")
    assert withdraw(app, KASI, ticket, "paspor sudah jadi kata pelapor") == "officer"


def test_the_recap_counts_a_withdrawn_complaint_as_withdrawn_not_undecided(
        app, runtime, clock):
    _, ticket = filed_on_whatsapp(app, runtime)
    walk_to(app, ticket, "reported_to_kasi")
    assert withdraw(app, KASI, ticket) == "officer"
    config = runtime.config.office_config
    with runtime.store.unit() as unit:
        row = register_row(unit.complaint_by_ticket(ticket), config.sensitive_types,
                           leaders=True, clock=FileClock(config, runtime.notifier.hours, clock()))
    received = row.received_at.astimezone(config.office.tz)
    figures = monthly_recap([row], received.year, received.month, runtime.notifier.hours,
                            config.sop.time_standards_minutes, config.office.timezone,
                            as_of=clock())
    assert figures.verdicts["dicabut"] == 1 and figures.verdicts["pending"] == 0
