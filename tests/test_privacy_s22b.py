"""Privacy review of session 22 (helper Q22): a whistleblower's talk that reached the group.

1. The sensitive part only in an unsent draft. Rina had a levy draft (type chosen, story "petugas
   loket minta uang tambahan…"), asked for an officer and wrote "pak soal yang petugas loket
   tadi, saya takut kalau dia tahu": the group read it word for word, with her name and last
   ticket. Arjun (WhatsApp, English) had a broker story under an ordinary type, asked for an
   officer and wrote "please help me, my employer will send me home": the group read it,
   labelled WhatsApp and English. Only the talk's own words were read. Now an unsent sensitive
   draft (its type, or its words read by `bot.delicate.delicate`) makes the talk the leaders'
   from the request on, and the request's notice in the group is the leaders-only one.
2. Fear of an insider is delicate too: "takut dia tahu", "takut ketahuan petugas", "the agent
   knows people in the office", Malay "takut pegawai tahu"; ordinary talk stays the group's.
   The message that turns a group talk into the leaders' never reaches the group itself.
3. The moment a person leaves a talk. "— pelapor mengakhiri percakapan" with the code the group
   had read beside a name, then "🆕 Pengaduan baru … (sensitif)" in the same minute, tied her to
   the levy report. The group is no longer told that a person ended a talk (the leaders still
   are, of a talk only they answer).

Through the real app (signed Twilio webhooks, Telegram updates), on SQLite and PostgreSQL."""
from __future__ import annotations

import re
from typing import Any

import pytest

from bot.delicate import delicate, delicate_kind
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, KEPALA, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(300)

CODE = re.compile(r"\bP-\d+\b")
TALK = re.compile(r"\bR-\d+\b")      # a talk only the leaders answer (bot.notify.talk_code)
OWN = re.compile(r"\bT-\d+\b")       # a talk's own code in the group, for everyone (s40a)
NAME = "Rina Marlina"
LEVY_STORY = "petugas loket minta uang tambahan 500 ribu supaya paspor saya cepat selesai"
BROKER_STORY = ("I want to report a broker. An agent called Mr Hasan took RM 3000 from me and "
                "promised my work permit, he said he has friends inside the office")
SLOW = "Paspor saya sudah tiga minggu belum jadi padahal sudah bayar lunas"
FEARS = ["pak soal yang petugas loket tadi, saya takut kalau dia tahu",
         "saya takut dia tahu", "takut ketahuan petugas", "dia kenal orang dalam",
         "I am scared the agent knows people in the office",
         "I am scared the officer finds out", "takut pegawai tahu",
         "saya khawatir oknumnya balas dendam", "he said he has friends inside the office",
         "agen itu punya kenalan di kantor imigrasi"]
ORDINARY = ["paspor saya kapan jadi pak?", "petugas loket ramah sekali",
            "saya takut paspor saya hilang", "takut dia tidak tahu caranya",
            "please help me, my employer will send me home",
            "I am afraid I will miss my flight", "worried the staff can't see my file",
            "I have a friend at the immigration office", "teman saya orang Malaysia",
            "teman saya di kanim bilang paspor bisa diambil besok"]


def _phone(app: Any, runtime: Any, number: str, name: str = NAME) -> TwilioSender:
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=number,
                         profile_name=name)
    phone.says("halo")
    return phone


def _group(tg_server: Any, since: int = 0) -> str:
    return "\n".join(tg_server.sent_texts(OFFICER_CHAT)[since:])


def _leader(tg_server: Any, leader: int) -> str:
    return "\n".join(tg_server.sent_texts(leader))


def _file_named(phone: TwilioSender, story: str, answers: dict[str, str]) -> str:
    reply = ""
    for said in ("menu", "1", story, "lanjut"):
        reply = phone.says(said)
    return TICKET.search(walk(phone.says, reply, {
        "identitas Anda dicatat": "tulis nama saya", "Tuliskan nama Anda": NAME,
        **answers})).group(0)


def _assert_leaders_only(tg_server: Any, group: str, *said: str) -> None:
    """The group read nothing of the request: no notice, code, channel, language, name, ticket
    or word of the talk; both leaders read every line, under the talk's own code (R-n)."""
    assert "meminta bicara" not in group, group
    for leak in (*said, "Pesan dari pelapor", "WhatsApp", "Inggris", "Rina", "Arjun",
                 "Tiket terakhir", "Kode"):
        assert leak not in group, (leak, group)
    assert not CODE.search(group) and not TICKET.search(group), group
    for leader in (KASI, KEPALA):
        told = _leader(tg_server, leader)
        assert TALK.search(told) and not CODE.search(told), told
        for line in said:
            assert line in told, (leader, told)


# --- 1. an unsent sensitive draft makes the talk the leaders' --------------------------------
def test_a_talk_beside_an_unsent_levy_draft_reaches_the_leaders_only(bot_app, tg_server):
    """Rina, openly named on an earlier complaint (the group knows her name and ticket), writes
    a levy complaint (its type chosen), leaves it at a question for an officer and writes
    words that name no levy: the draft decides, from the request on."""
    app, runtime = bot_app
    phone = _phone(app, runtime, "+6281377702201")
    named = _file_named(phone, SLOW, {"Pengaduan Anda tentang apa": "1"})
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    for said in ("menu", "1", LEVY_STORY, "lanjut"):
        phone.says(said)
    assert "Kapan kejadiannya" in phone.says("ya")          # the levy type, chosen: unsent
    reply = phone.says("saya mau bicara dengan petugas")
    assert "belum terkirim" in reply, reply                  # the draft is kept
    neutral = "pak soal yang tadi, kapan saya bisa datang ke kantor?"
    assert phone.says(neutral) == ""
    deliver(runtime)
    group = _group(tg_server, before)
    _assert_leaders_only(tg_server, group, neutral)
    assert named not in group and LEVY_STORY not in group
    # and it stays so: her next line, and her "selesai", reach the leaders alone
    phone.says("pak soal yang petugas loket tadi, saya takut kalau dia tahu")
    phone.says("selesai")
    deliver(runtime)
    group = _group(tg_server, before)
    _assert_leaders_only(tg_server, group, neutral, "saya takut kalau dia tahu")
    assert "mengakhiri percakapan" not in group
    assert "mengakhiri percakapan" in _leader(tg_server, KASI)
    # a petugas in the group cannot answer it
    officer = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                           chat_type="supergroup")
    code = TALK.search(_leader(tg_server, KASI)).group(0)
    assert officer.send(f"/pesan {code} Selamat siang bu") == "refused"


def test_an_english_talk_beside_a_broker_story_under_an_ordinary_type_reaches_the_leaders_only(
        bot_app, tg_server):
    """Arjun's broker story, filed under "Passport services" and not yet sent: the story read
    by `delicate` decides. The group is told neither WhatsApp nor English."""
    app, runtime = bot_app
    phone = _phone(app, runtime, "+6281377702202", name="Arjun")
    phone.says("english please")
    for said in ("1", BROKER_STORY, "next"):
        phone.says(said)
    assert "passport application number" in phone.says("1"), "Passport services not taken"
    reply = phone.says("can I talk to an officer?")
    assert "not been sent yet" in reply, reply
    said = "please help me, my employer will send me home"
    assert phone.says(said) == ""
    deliver(runtime)
    _assert_leaders_only(tg_server, _group(tg_server), said)
    assert "Hasan" not in _group(tg_server)


# --- 2. fear of an insider -----------------------------------------------------------------
def test_fear_of_an_insider_is_delicate_and_ordinary_talk_is_not() -> None:
    for said in FEARS:
        assert delicate(said), said
    for said in ORDINARY:
        assert not delicate(said), said
    # a fear names no levy and no conduct: it proposes no type for a story
    assert delicate_kind("saya takut kalau dia tahu") is None


def test_the_message_that_turns_a_group_talk_never_reaches_the_group(bot_app, tg_server):
    """An open talk, read by the group; then a fear of the officer at the counter: that message
    and the rest go to the leaders only. Ordinary lines of another person stay the group's."""
    app, runtime = bot_app
    phone = _phone(app, runtime, "+6281377702203")
    phone.says("Bicara dengan petugas")
    phone.says("mau tanya soal paspor anak saya yang belum jadi")
    deliver(runtime)
    assert "paspor anak saya" in _group(tg_server)               # an open talk
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    fear = "pak soal yang petugas loket tadi, saya takut kalau dia tahu"
    phone.says(fear)
    phone.says("orangnya yang pakai kacamata")
    deliver(runtime)
    assert _group(tg_server, before) == "", _group(tg_server, before)
    for leader in (KASI, KEPALA):
        told = _leader(tg_server, leader)
        assert fear in told and "pakai kacamata" in told, told
    # another person's ordinary lines: still a group talk
    other = _phone(app, runtime, "+6281377702204", name="Budi")
    other.says("Bicara dengan petugas")
    for said in ORDINARY[:2]:
        other.says(said)
    deliver(runtime)
    group = _group(tg_server, before)
    assert all(said in group for said in ORDINARY[:2]), group
    assert OWN.search(group) and not CODE.search(group), group      # its own code, no P-code


# --- 3. leaving a talk, then filing a sensitive complaint ------------------------------------
def test_leaving_a_named_talk_then_filing_a_levy_tells_the_group_nothing_of_the_person(
        bot_app, tg_server, clock):
    """The group read Rina's talk beside her name and code; she ends it and files a levy
    complaint at once. The next thing the group reads after her lines is the sensitive alert,
    with no notice of hers between: the group is not told she left."""
    app, runtime = bot_app
    phone = _phone(app, runtime, "+6281377702205")
    _file_named(phone, SLOW, {"Pengaduan Anda tentang apa": "1"})
    phone.says("menu")
    phone.says("Bicara dengan petugas")
    phone.says("ini foto tanda terima saya pak")
    deliver(runtime)
    group = _group(tg_server)
    code = OWN.search(group).group(0)
    assert NAME in group and code in group, group               # the group knows who T-n is
    officer = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                           chat_type="supergroup")
    assert officer.send(f"/pesan {code} Selamat siang Bu Rina, kami cek.") == "officer"
    deliver(runtime)
    before = len(tg_server.sent_texts(OFFICER_CHAT))
    assert "kami akhiri" in phone.says("selesai")
    hidden = _file_named(phone, LEVY_STORY, {"Pengaduan Anda tentang apa": "4",
                                             "tampaknya tentang": "1",
                                             "ingin dirahasiakan": "1"})
    from bot.notify import alert_slot     # the group's sensitive alert waits for its slot
    clock.now = alert_slot(runtime.config.office_config, clock())
    deliver(runtime)
    after = tg_server.sent_texts(OFFICER_CHAT)[before:]
    text = "\n".join(after)
    assert "mengakhiri percakapan" not in text, text
    assert not re.search(rf"\b{code}\b", text) and NAME not in text, text
    [alert] = [t for t in after if hidden in t]
    assert "(sensitif)" in alert, alert
    # the talk is closed: the group's answer is the one any talk not live in the group gets
    assert officer.send(f"/pesan {code} Bu Rina?") == "refused"
