"""Privacy review of session 22 (helper P22b): what the group's talk notices still told.

The rule: nothing the group reads of a person's talks changes because that person filed a
concealed (confidential or anonymous) or sensitive complaint, or reported a levy or an officer.

1. The talk notice printed "Tiket terakhir" and "Pelapor" (the name) while all the person's
   complaints were named, and the relays masked the name and tickets only once one was not: the
   group, having read Rina beside P-n, learnt the day she filed an anonymous complaint. Now the
   group's notices and relays never carry a name, and of the tickets the person writes only a
   named (not sensitive) one, whose alert the group read, stays.
2. The group's copy of a relay invited "/pesan" after a talk's end, which only a leader in a
   private chat may still answer.
3. A live group talk that turns leaders-only ends in the group exactly as one the person ends:
   no notice, gone from /permintaan, the same answer to /pesan.
4. A person with a complaint that keeps an officer away talks to the leaders only, from the
   start: the kept-away officer read the talk in the group while his own /pesan was refused.
5. /permintaan showed a talk the group had read openly, once it turned leaders-only, as
   "khusus Kasi Tikkim dan Kepala Kantor…, sudah dijawab".
6. The leaders' "Alasan" said "percakapan sebelumnya melaporkan…" for a talk marked because of
   an unsent draft.

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot.notify import ENDED, relay_message
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, runtime  # noqa: F401 - the fixtures

pytestmark = pytest.mark.timeout(300)

CODE = re.compile(r"\b[PT]-\d+\b")     # a talk's code in the group: P-n, or T-n (s25b)
TALK = re.compile(r"\bR-\d+\b")      # a talk only the leaders answer (bot.notify.talk_code)
NAME = "Rina Marlina"
SLOW = "Paspor saya sudah tiga minggu belum jadi padahal sudah bayar lunas"
LATE = "Antrean pengambilan paspor sangat lama, sudah empat jam menunggu di ruang tunggu"
LEVY_STORY = "petugas loket minta uang tambahan 500 ribu supaya paspor saya cepat selesai"
FEAR = "pak soal yang petugas loket tadi, saya takut kalau dia tahu"


def _phone(app: Any, runtime: Any, number: str, name: str = NAME) -> TwilioSender:
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=name)
    phone.says("halo")
    return phone


def _file(phone: TwilioSender, story: str, answers: dict[str, str]) -> str:
    """Filed anonymously unless `answers` say otherwise (`_named`)."""
    reply = ""
    for said in ("menu", "1", story, "lanjut"):
        reply = phone.says(said)
    answers = {"identitas Anda dicatat": "anonim", **answers}
    return TICKET.search(walk(phone.says, reply, answers)).group(0)


def _named(phone: TwilioSender, story: str, answers: dict[str, str]) -> str:
    return _file(phone, story, {"identitas Anda dicatat": "tulis nama saya",
                                "Tuliskan nama Anda": NAME, **answers})


def _group(tg_server: Any, since: int = 0) -> str:
    return "\n".join(re.sub(r"<[^>]+>", "", t) for t in tg_server.sent_texts(OFFICER_CHAT)[since:])


def _member(app: Any, who: int = PETUGAS) -> TelegramUser:
    return TelegramUser(app.test_client(), who, chat_id=OFFICER_CHAT, chat_type="supergroup")


def _talk(phone: TwilioSender, runtime: Any, tg_server: Any, *said: str) -> str:
    """Ask for an officer, write; what the group read of it."""
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    for line in said:
        phone.says(line)
    deliver(runtime)
    return _group(tg_server, before)


def _neutral(text: str) -> str:
    """A group text with what differs from talk to talk anyway (code, clock) made neutral."""
    text = CODE.sub("P-N", text)
    # the channel: not beside a T-code (only a person with a concealed complaint has one)
    text = re.sub(r"Kanal: [^\n]*\n", "", text)
    text = re.sub(r" \((WhatsApp|Telegram|SMS|Chat web)\)", "", text)
    text = re.sub(r"\b\d{1,2}[.:]\d{2}\b", "HH.MM", text)
    return re.sub(r"\d+ (menit|jam|hari)", "X", text)


def _listing(app: Any, runtime: Any, tg_server: Any, who: int = PETUGAS,
             private: bool = False) -> str:
    user = TelegramUser(app.test_client(), who) if private else _member(app, who)
    assert user.send("/permintaan") == "officer"
    deliver(runtime)
    chat = who if private else OFFICER_CHAT
    return re.sub(r"<[^>]+>", "", tg_server.sent_texts(chat)[-1])


def _refusal(app: Any, runtime: Any, tg_server: Any, command: str) -> str:
    assert _member(app).send(command) == "refused", command
    deliver(runtime)
    return CODE.sub("P-N", re.sub(r"<[^>]+>", "", tg_server.sent_texts(OFFICER_CHAT)[-1]))


# --- 1. the notice's name and ticket ------------------------------------------------------------
def test_the_group_reads_a_person_s_talk_alike_before_and_after_an_anonymous_complaint(
        bot_app, tg_server, clock):
    """Rina, named on a complaint (the group read her name on its alert), talks twice, writing
    the same words: once before and once after she files an anonymous complaint. The group's
    notice and relay read the same both times (but the code and clock): never her name, never
    'Tiket terakhir'; her named ticket stays in her line (officers /lihat it), any other ticket
    of the office is masked, the anonymous one included."""
    app, runtime = bot_app
    phone = _phone(app, runtime, "+6281377703101")
    named = _named(phone, SLOW, {"Pengaduan Anda tentang apa": "1"})
    deliver(runtime)
    assert NAME in _group(tg_server)                   # the alert names her: the group knows
    said = f"nama saya {NAME}, soal tiket {named} yang kemarin"
    first = _talk(phone, runtime, tg_server, said)
    assert "kami akhiri" in phone.says("selesai")
    hidden = _file(phone, LATE, {"Pengaduan Anda tentang apa": "1"})
    with runtime.store.unit() as unit:
        assert unit.complaint_by_ticket(hidden).identity_mode == "anonymous"
    clock.advance(hours=2)      # from its alert slot the talk is the group's (test_privacy_s30.py)
    deliver(runtime)
    second = _talk(phone, runtime, tg_server, said)
    # a code of the talk's own before and after, one rule for everyone: a P-code before told
    # that a T-code after meant a concealed complaint (tests/test_privacy_s40a_codes.py)
    assert "Kode: T-" in first and "Kode: T-" in second, (first, second)
    assert not re.search(r"\bP-\d+", first + second), (first, second)
    for group in (first, second):
        assert "meminta bicara" in group, group
        for leak in ("Rina", "Marlina", "Tiket terakhir", "Pelapor: ", hidden):
            assert leak not in group, (leak, group)
        assert named in group, group                      # a named ticket the group knows
    assert _neutral(first) == _neutral(second), (first, second)
    # and a ticket of her anonymous complaint, written in a talk, is masked like any other
    third = _talk(phone, runtime, tg_server, f"tiket {hidden} juga ya pak")
    assert hidden not in third and "TRK-" in third, third
    # the officers can still work the named ticket the person wrote
    assert TelegramUser(app.test_client(), PETUGAS).send(f"/lihat {named}") == "officer"


# --- 2. no invitation the group cannot use -----------------------------------------------------
def test_the_group_s_copy_of_a_relay_invites_no_answer_after_the_end() -> None:
    lines = ["[10.00] halo pak", f"[10.01] {ENDED}"]
    group = relay_message("T-5211344", None, lines).plain()
    assert "/pesan" not in group and "Masih dapat dibalas" not in group, group
    open_talk = relay_message("T-5211344", None, lines[:1]).plain()
    assert "selama percakapan terbuka" in open_talk and "/pesan T-5211344" in open_talk, open_talk
    leader = relay_message("R-5", "WhatsApp", lines, ["TRK-AAAA-BBBB"], private=True).plain()
    assert "/pesan R-5" in leader and "di chat ini" in leader, leader


# --- 3 and 5. a talk that turns leaders-only ends in the group as an ordinary end ----------------
def test_a_group_talk_that_turns_to_the_leaders_ends_as_one_the_person_ends(bot_app, tg_server):
    """Two talks the group read and answered: one the person ends ("selesai"), one that turns
    leaders-only (fear of the counter officer). What the group reads after each is the same:
    no notice, neither in /permintaan (no "khusus Kasi Tikkim" line, no footer hinting at one,
    whoever asks in the group), one answer to /pesan. The leaders, privately, list the turned
    talk with its code."""
    app, runtime = bot_app
    ended = _phone(app, runtime, "+6281377703102", name="Sari Dewi")
    turned = _phone(app, runtime, "+6281377703103", name="Budi Hartono")
    codes = {}
    for key, phone in (("ended", ended), ("turned", turned)):
        read = _talk(phone, runtime, tg_server, "mau tanya soal paspor anak saya")
        codes[key] = CODE.search(read).group(0)
        assert _member(app).send(f"/pesan {codes[key]} Selamat siang, ada yang bisa dibantu?") \
            == "officer"
    deliver(runtime)
    listed = _listing(app, runtime, tg_server)
    assert codes["ended"] in listed and codes["turned"] in listed, listed
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    ended.says("selesai")
    turned.says(FEAR)
    deliver(runtime)
    assert _group(tg_server, before) == ""                  # no notice for either
    for who in (PETUGAS, KASI):
        listed = _listing(app, runtime, tg_server, who)
        assert "Tidak ada permintaan" in listed, listed
        for leak in (*codes.values(), "khusus", "kecuali", "Kasi Tikkim"):
            assert leak not in listed, (leak, listed)
    answers = {_refusal(app, runtime, tg_server, f"/pesan {code} halo bu")
               for code in codes.values()}
    assert len(answers) == 1, answers
    # a leader in a private chat still lists and answers the turned talk, under its own code
    private = _listing(app, runtime, tg_server, KASI, private=True)
    assert len(TALK.findall(private)) == 1 and not CODE.search(private), private
    assert FEAR in "\n".join(tg_server.sent_texts(KASI))


def test_permintaan_in_the_group_lists_only_talks_the_group_reads(bot_app, tg_server):
    """An open group talk and a leaders-only one: the group's list is the open one alone, with
    the plain footer; nothing says another exists."""
    app, runtime = bot_app
    plain = _phone(app, runtime, "+6281377703104", name="Sari Dewi")
    code = CODE.search(_talk(plain, runtime, tg_server, "kapan paspor saya jadi?")).group(0)
    levy = _phone(app, runtime, "+6281377703105", name="Budi Hartono")
    read = _talk(levy, runtime, tg_server, "petugas loket minta uang 300rb biar paspor cepat")
    assert "300rb" not in read, read                      # turned at its first line
    listed = _listing(app, runtime, tg_server)
    assert code in listed and "1 menunggu jawaban" in listed, listed
    assert "khusus" not in listed and "kecuali" not in listed, listed
    assert len(CODE.findall(listed)) == 1, listed
    private = _listing(app, runtime, tg_server, KEPALA, private=True)
    assert CODE.findall(private) == [code] and len(TALK.findall(private)) == 1, private


# --- 4. a person who reported an officer talks to the leaders from the start ---------------------
def test_a_person_whose_complaint_keeps_an_officer_away_talks_to_the_leaders_only(
        bot_app, tg_server, clock):
    """A complaint naming the petugas on the roster (kept away from it when filed); its author
    then asks for an officer and writes about her passport. The group reads the leaders-only
    notice only; the petugas reads nothing of her; both leaders do, and their notice says why.
    The talk comes after the complaint's alert slot: before it, the held complaint alone makes
    the talk the leaders' (test_privacy_s30.py), for another reason."""
    app, runtime = bot_app
    phone = _phone(app, runtime, "+6281377703106")
    ticket = _file(phone, SLOW, {"Pengaduan Anda tentang apa": "1",
                                 "Siapa atau unit": "Petugas Pengaduan di loket 2"})
    with runtime.store.unit() as unit:
        assert str(PETUGAS) in unit.excluded_officers(unit.complaint_by_ticket(ticket).id)
    clock.advance(hours=2)
    deliver(runtime)
    said = "pak kapan paspor saya bisa diambil?"
    group = _talk(phone, runtime, tg_server, said)
    assert "meminta bicara" not in group, group        # nothing of the request
    for leak in (said, "Kode", "WhatsApp", "Pesan dari pelapor"):
        assert leak not in group, (leak, group)
    assert not CODE.search(group), group
    assert not any(said in t for t in tg_server.sent_texts(PETUGAS))
    for leader in (KASI, KEPALA):
        told = "\n".join(re.sub(r"<[^>]+>", "", t) for t in tg_server.sent_texts(leader))
        assert said in told and "Alasan: ada petugas yang dikecualikan" in told, told
    assert "Tidak ada permintaan" in _listing(app, runtime, tg_server)


# --- 6. the leaders' reason for a talk beside an unsent draft ------------------------------------
def test_the_leaders_read_that_the_unsent_draft_made_the_talk_theirs(bot_app, tg_server):
    app, runtime = bot_app
    phone = _phone(app, runtime, "+6281377703107")
    for said in ("menu", "1", LEVY_STORY, "lanjut"):
        phone.says(said)
    assert "Kapan kejadiannya" in phone.says("ya")          # the levy type, chosen: unsent
    assert "belum terkirim" in phone.says("saya mau bicara dengan petugas")
    deliver(runtime)
    for leader in (KASI, KEPALA):
        told = "\n".join(re.sub(r"<[^>]+>", "", t) for t in tg_server.sent_texts(leader))
        assert "Alasan: pengaduan yang sedang ditulisnya (belum dikirim) menyangkut pungli" \
            in told, told
        assert "percakapan sebelumnya" not in told, told


# --- and the complaint's own due date beside a talk ------------------------------------------------
def test_the_group_s_relay_of_a_deadline_names_no_complaint_s_due_date(app, runtime, clock):
    """An urgent line in a talk about a filed complaint carries the person's own deadline; in
    the group without the complaint's due date, which, counted from the day it was filed, tells
    which alert (an anonymous one here) the talk's code belongs to."""
    from tests.test_deadline_s22 import CITIZEN, _bodies, _file_in_english, _say
    user = TelegramUser(app.test_client(), CITIZEN + 40, first_name="John")
    ticket, _ = _file_in_english(user, runtime)
    with runtime.store.unit() as unit:
        assert unit.complaint_by_ticket(ticket).identity_mode == "anonymous"
    clock.advance(hours=2)      # from its alert slot the talk is the group's (test_privacy_s30.py)
    deliver(runtime)
    _say(user, runtime)("URGENT my visa expires next week")
    relayed = "\n".join(_bodies(runtime, kind="relay_in"))
    assert "⏰ Batas waktu pelapor: visa berakhir" in relayed, relayed
    assert "batas penyelesaian" not in relayed and ticket not in relayed, relayed
