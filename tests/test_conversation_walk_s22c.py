"""What the citizens' walk of session 22 (W22, section C) and the last fixes left for the
conversation, on Telegram and WhatsApp, in Bahasa Indonesia and English:

1. "status" typed in a talk with the officers, with two complaints filed (one of them a levy,
   so the talk was the leaders' only), left the talk ("Pesan Anda berikutnya tidak lagi
   diteruskan ke petugas") for "Pengaduan Anda yang mana?": now "which one?" is asked in the
   talk, nothing is relayed, the choice is answered there, and the talk goes on;
2. "hello, any news about my report? it has been one week" at the "handle it privately?"
   question got "Sorry, I didn't get that": now the draft is said to be unsent (and what it
   still needs), the filed complaint's status is given, and the question comes again;
3. "URGENT my visa expires next week" at "What would you like us to do?" was stored as the
   wanted outcome, and "2" sent twice at "Tempat lain" became the place;
4. a follow-up passed on after "Ya, teruskan", and a later message in a talk, that stated a
   deadline of the person's own reached the officers without the "⏰ Batas waktu pelapor"
   line (a leaders-only talk: the leaders' copy only);
5. a complaint recorded with /catat whose story states a deadline had no such line in its alert.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from storage.models import Complaint, ContactRelay, ConversationState
from tests.support.intake import TICKET, answer_to, walk
from tests.support.telegram import (KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser,
                                    file_on_telegram)
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, runtime  # noqa: F401 - the fixtures

pytestmark = pytest.mark.timeout(300)
CITIZEN = 555_322
LEVY = "Petugas loket minta uang 500rb biar paspor saya cepat selesai"
LINE = "⏰ Batas waktu pelapor"


def _say(user: TelegramUser, runtime):  # type: ignore[no-untyped-def]
    """What the bot answered at once (every reply of the turn, their buttons listed)."""
    def say(text: str) -> str:
        with runtime.store.unit() as unit:
            before = len(unit.outbox_items(kind="reply", address=str(user.chat_id)))
        assert user.send(text) == "complainant"
        with runtime.store.unit() as unit:
            new = unit.outbox_items(kind="reply", address=str(user.chat_id))[before:]
        return "\n---\n".join(item.body + "".join(
            f"\n[{label}]" for label in item.payload.get("choices", [])) for item in new)
    return say


def _bodies(runtime, **filters) -> list[str]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return [item.body for item in unit.outbox_items(**filters)]


def _state(runtime, address: str) -> ConversationState:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.session.scalars(select(ConversationState).where(
            ConversationState.address == address)).one()


def _relays(runtime) -> int:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return len(unit.session.scalars(select(ContactRelay)).all())


def _file_levy(user: TelegramUser, runtime, story: str = LEVY) -> str:  # type: ignore
    """A levy complaint (sensitive: the leaders only read it) filed over Telegram."""
    for said in ("halo", "Sampaikan pengaduan", story):
        assert user.send(said) == "complainant"
    say = _say(user, runtime)
    done = walk(say, say("Lanjut"),
                {"Pengaduan Anda tentang apa": "Pungutan liar, calo, atau suap"})
    return TICKET.search(done).group(0)


# --- 1. "status" in a talk with the officers, several complaints ----------------------------
def test_status_in_a_leaders_only_talk_with_two_complaints_stays_in_the_talk(app, runtime):
    user = TelegramUser(app.test_client(), CITIZEN, first_name="Rina")
    passport = file_on_telegram(user, runtime)
    levy = _file_levy(user, runtime)
    say = _say(user, runtime)
    assert "R-" in say("saya mau bicara dengan petugas lagi")    # the leaders' talk: its R-code
    # a fear of being found out is relayed (to the leaders) and answered at once: how her
    # identity is kept
    feared = say("pak soal yang petugas loket tadi, saya takut kalau dia tahu")
    assert "tanpa nama" in feared or "Kasi Tikkim" in feared, feared
    relayed = _relays(runtime)
    assert relayed >= 1, relayed                              # it reached the officers
    asked = say("status")
    assert "tidak lagi diteruskan" not in asked, asked
    assert "yang mana" in asked and passport in asked and levy in asked, asked
    assert "tetap berjalan" in asked, asked
    assert _state(runtime, str(CITIZEN)).state == "officer"
    assert _relays(runtime) == relayed                       # "status" is no talk
    assert not any("] status" in b for b in _bodies(runtime, kind="relay_in"))
    # tapped: that complaint's status, in the talk, which goes on
    [label] = [line[1:-1] for line in asked.splitlines() if line.startswith(f"[{levy}")]
    told = say(label)
    assert f"*{levy}*" in told and "Status:" in told and passport not in told, told
    assert "tetap berjalan" in told, told
    assert _state(runtime, str(CITIZEN)).state == "officer" and _relays(runtime) == relayed
    # what she says next reaches the officers again
    assert say("terima kasih pak, saya tunggu") == ""
    assert _relays(runtime) == relayed + 1


def test_status_in_a_talk_with_two_complaints_by_number_on_whatsapp(app, runtime, clock):
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255522201",
                         channel="whatsapp")
    tickets = []
    for story in ("Paspor saya sudah 3 minggu belum jadi padahal sudah bayar",
                  "Antrian di loket 2 tidak tertib, banyak calo menyerobot antrian"):
        for said in ("halo", "1", story):
            phone.says(said)
        done = walk(phone.says, phone.says("lanjut"), {"Pengaduan Anda tentang apa": "1",
                                                       "identitas Anda dicatat": "anonim"})
        tickets.append(TICKET.search(done).group(0))
    clock.advance(hours=2)      # past their alert slot: the talk is the group's (test_privacy_s30.py)
    assert "*T-" in phone.says("mau bicara dengan petugas")     # filed anonymously: its own code
    asked = phone.says("status pengaduan saya")
    assert all(t in asked for t in tickets) and "tidak lagi diteruskan" not in asked, asked
    assert _state(runtime, phone.number).state == "officer"
    # news for the officers right after the question is theirs, not a choice of complaint
    relayed = _relays(runtime)
    assert phone.says("paspor saya hilang pak, tolong dibantu") == ""
    assert _relays(runtime) == relayed + 1
    asked = phone.says("status pengaduan saya")
    told = phone.says("2")                       # the list's second line
    listed = [line for line in asked.splitlines() if re.match(r"2\. ", line)]
    assert listed and listed[0].split()[1] in told and "Status:" in told, (asked, told)
    assert _state(runtime, phone.number).state == "officer"


# --- 2. a status question at a question of the draft ---------------------------------------
BROKER = ("I want to report a broker. An agent called Mr Hasan from PT Maju Jaya took RM 3000 "
          "from me and promised my work permit from immigration Tarakan, he said he has friends "
          "inside the office. Now he does not answer and I have no permit")
ENGLISH = {"What is your complaint about": "1", "record your identity": "3"}


def test_a_status_question_at_the_privately_question_says_it_is_unsent(app, runtime):
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+60123334444",
                         channel="whatsapp", profile_name="Arjun Kumar")
    for said in ("hello", "I want to complain", "My passport renewal is still not ready a "
                 "month after the interview at the immigration office"):
        phone.says(said)
    filed = TICKET.search(walk(phone.says, phone.says("next"), ENGLISH)).group(0)
    phone.says("menu")
    phone.says("1")
    question = phone.says(BROKER)
    question = phone.says("next")
    for _ in range(16):
        if "handle it privately" in question:
            break
        question = phone.says(answer_to(question, {**ENGLISH, "seems to be about": "2"}))
    else:
        raise AssertionError(question)
    reply = phone.says("hello, any news about my report? it has been one week")
    assert "didn't get that" not in reply, reply
    assert "has not been sent yet" in reply and "answer the question below" in reply, reply
    assert filed in reply and "Status:" in reply, reply               # the filed one's status
    assert "handle it privately" in reply, reply                      # the question again
    state = _state(runtime, phone.number)
    assert state.state == "confirm" and state.data.get("protect_offer"), state.data
    with runtime.store.unit() as unit:
        assert len(unit.session.scalars(select(Complaint)).all()) == 1


def test_news_asked_at_where_in_indonesian_says_what_is_missing(app, runtime):
    user = TelegramUser(app.test_client(), CITIZEN + 1)
    filed = [file_on_telegram(user, runtime),
             file_on_telegram(user, runtime, story="Ruang tunggu kantor imigrasi panas sekali, "
                                                   "AC mati sejak minggu lalu")]
    say = _say(user, runtime)
    for said in ("halo", "Sampaikan pengaduan", "Paspor saya sudah 3 minggu belum jadi"):
        say(said)
    question = say("Lanjut")
    for _ in range(8):
        if "Di mana kejadiannya" in question:
            break
        question = say(answer_to(question, {"Pengaduan Anda tentang apa": "Layanan paspor"}))
    reply = say("ada kabar pengaduan saya? sudah seminggu")
    assert "belum terkirim" in reply and "Kirim pengaduan" in reply, reply
    assert all(f"{ticket} · " in reply for ticket in filed), reply    # the filed ones, a line each
    assert "Diterima" in reply, reply
    assert "Di mana kejadiannya" in reply, reply
    state = _state(runtime, str(CITIZEN + 1))
    assert state.state == "where" and state.data.get("place") is None


# --- 3. an urgent plea at the outcome question, a number twice at "Tempat lain" ------------
def test_an_urgent_plea_at_the_outcome_is_not_the_wish(app, runtime):
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+60123335555",
                         channel="whatsapp")
    for said in ("hello", "I want to complain", "My passport renewal is still not ready a "
                 "month after the interview at the immigration office"):
        phone.says(said)
    question = phone.says("next")
    for _ in range(12):
        if "What would you like" in question:
            break
        question = phone.says(answer_to(question, {"What is your complaint about": "1"}))
    else:
        raise AssertionError(question)
    reply = phone.says("URGENT my visa expires next week")
    assert "urgent" in reply and "What would you like" in reply, reply
    state = _state(runtime, phone.number)
    assert state.state == "outcome" and state.data.get("outcome") is None, state.data
    assert "URGENT my visa expires next week" in " ".join(state.data["story"])
    # a wish said with urgency is still the wish
    phone.says("please extend my KITAS as soon as possible")
    state = _state(runtime, phone.number)
    assert state.data.get("outcome") == "please extend my KITAS as soon as possible"


def test_a_number_twice_at_elsewhere_is_never_the_place(app, runtime):
    user = TelegramUser(app.test_client(), CITIZEN + 2)
    say = _say(user, runtime)
    for said in ("halo", "Sampaikan pengaduan", "Paspor saya sudah 3 minggu belum jadi"):
        say(said)
    question = say("Lanjut")
    for _ in range(8):
        if "Di mana kejadiannya" in question:
            break
        question = say(answer_to(question, {"Pengaduan Anda tentang apa": "Layanan paspor"}))
    assert "Tuliskan tempatnya" in say("Tempat lain")
    replies = [say("2") for _ in range(3)]
    state = _state(runtime, str(CITIZEN + 2))
    assert state.state == "where_other" and state.data.get("place_detail") is None, replies
    assert "loket 2" in replies[0] and "misalnya" in replies[1], replies
    assert "lewati" in replies[2] and len(set(replies)) == 3, replies
    say("lewati")
    state = _state(runtime, str(CITIZEN + 2))
    assert state.state != "where_other" and state.data.get("place") is None, state.data
    assert state.data.get("place_detail") is None


# --- 4. a deadline stated in a follow-up or a talk reaches the officers ---------------------
def test_a_follow_up_passed_on_after_yes_carries_the_deadline(app, runtime):
    user = TelegramUser(app.test_client(), CITIZEN + 3)
    ticket = file_on_telegram(user, runtime)
    say = _say(user, runtime)
    asked = say("paspor saya masih belum jadi juga, padahal izin tinggal saya habis tgl 20")
    assert "Apakah pesan ini tentang pengaduan" in asked and ticket in asked, asked
    say("Ya, teruskan ke petugasnya")
    relayed = "\n".join(_bodies(runtime, kind="relay_in"))
    assert "izin tinggal saya habis tgl 20" in relayed, relayed
    assert f"{LINE}: izin tinggal berakhir 20 Des 2026 (19 hari lagi)" in relayed, relayed
    assert "MENDESAK" not in relayed, relayed             # three weeks off: not urgent
    # a later message in the talk that states a new deadline carries its own line
    assert _state(runtime, str(CITIZEN + 3)).state == "officer"
    say("oh iya pak, saya juga harus berangkat umroh tgl 5")
    relayed = "\n".join(_bodies(runtime, kind="relay_in"))
    assert f"{LINE}: jadwal keberangkatan 5 Des 2026 (4 hari lagi)" in relayed, relayed
    assert "🚨 MENDESAK: oh iya pak" in relayed, relayed    # within a week: urgent
    # and a message without one carries none
    say("terima kasih")
    assert relayed.count(LINE) == "\n".join(_bodies(runtime, kind="relay_in")).count(LINE)


def test_a_deadline_in_a_leaders_only_talk_reaches_the_leaders_only(app, runtime):
    user = TelegramUser(app.test_client(), CITIZEN + 4, first_name="Siti")
    _file_levy(user, runtime)
    say = _say(user, runtime)
    assert "R-" in say("saya mau bicara dengan petugas")         # the leaders' talk: its R-code
    say("pak tolong dibantu, visa saya habis tgl 10")
    for leader in (KASI, KEPALA):
        copy = "\n".join(_bodies(runtime, kind="relay_in", address=str(leader)))
        assert f"{LINE}: visa berakhir 10 Des 2026 (9 hari lagi)" in copy, copy
    group = "\n".join(_bodies(runtime, address=str(OFFICER_CHAT)))
    assert "visa" not in group and LINE not in group, group


# --- 5. /catat ------------------------------------------------------------------------------
def test_a_complaint_recorded_with_catat_shows_the_deadline_in_its_alert(app, runtime):
    desk = TelegramUser(app.test_client(), PETUGAS)
    for said in ("/catat", "1", "anonim", "lewati", "1",
                 "Paspor saya belum jadi padahal izin tinggal saya habis tgl 10", "lewati",
                 "lewati"):
        assert desk.send(said) == "officer", said
    assert desk.send("simpan") == "officer"
    with runtime.store.unit() as unit:
        body = unit.outbox_items(address=str(PETUGAS), kind="officer")[-1].body
    ticket = TICKET.search(body).group(0)
    [alert] = [b for b in _bodies(runtime, kind="alert") if ticket in b]
    assert f"{LINE}: izin tinggal berakhir 10 Des 2026 (9 hari lagi), sebelum batas " \
           "penyelesaian " in alert, alert
