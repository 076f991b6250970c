"""Findings of a seventh citizens' walk (2026-12-04), on plain SMS, WhatsApp and Telegram, with
and without Rasa:

1. a lone number at "somewhere else?" (the place question's free answer) was stored as the place;
   it is asked back, as at the other free-text questions;
2. "Y", "ya", "ok" at a numbered list with no yes in it (where?, the identity question, the
   tickets listed for *status*) was "not understood": it is told to choose one, by its number,
   with the choices again; at the menu with an unfinished complaint, "ya" takes the one
   suggestion (continue it);
3. "kemarin jam 10 di loket 2" at "when?" kept the place only in the time, and the place question
   was asked anyway: the place is kept as the answer to "where?", which is not asked;
4. "lanjut" at the identity question after resuming a draft was "not understood" for ever;
5. with two or more tickets, "status" said "Balas angkanya" where the tickets are buttons
   (Telegram, the web chat): there it says to tap one.
"""
from __future__ import annotations

import pytest

from tests.support.intake import TICKET, answer_to, walk
from tests.support.telegram import channel_env
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_web_walk import reach

pytestmark = pytest.mark.timeout(300)

STORY = "paspor saya belum jadi padahal sudah sebulan dari wawancara"
PASSPORT = {"Pengaduan Anda tentang apa": "Layanan paspor"}


@pytest.fixture
def sms(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A person on plain SMS (numbered options, no buttons)."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    person = Person(app, runtime, "whatsapp")
    person.phone = TwilioSender(app.test_client(), runtime.config.settings, channel="sms",
                                number="+6281355500019")
    person.address = person.phone.number
    return person


def file_one(person: Person) -> str:
    """One complaint filed from the menu; its ticket."""
    person.says("menu")
    person.says("1")
    person.says(STORY)
    return TICKET.search(walk(person.says, person.says("lanjut"), PASSPORT)).group(0)


# --- 1. a lone number at "somewhere else?" -------------------------------------------------------
@pytest.mark.parametrize("digit", ["2", "1"])
def test_a_lone_number_at_somewhere_else_is_asked_back_on_sms(sms: Person, digit):
    reach(sms, "Di mana kejadiannya")
    assert "Tuliskan tempatnya" in sms.says("4")
    asked = sms.says(digit)
    assert sms.state().state == "where_other" and "place" not in sms.state().data, asked
    assert f"angka {digit}" in asked.replace("*", ""), asked
    assert "Tuliskan tempatnya" in asked, asked
    sms.says("parkiran kantor")
    assert sms.state().data["place_detail"] == "parkiran kantor"
    assert sms.state().state == "who"


def test_the_same_number_sent_again_at_somewhere_else_is_never_the_place(sms: Person):
    reach(sms, "Di mana kejadiannya")
    sms.says("4")
    sms.says("3")
    again = sms.says("3")       # never the place (walk 22); asked with an example, never forever
    assert sms.state().state == "where_other" and "place_detail" not in sms.state().data
    assert "misalnya" in again, again
    assert "lewati" in sms.says("3")                    # then leaving it unknown is offered
    sms.says("lewati")
    assert sms.state().data["place"] is None and sms.state().state == "who"


# --- 2. a yes at a list with no yes in it -------------------------------------------------------
@pytest.mark.parametrize("word", ["Y", "ya", "ok", "yes"])
def test_a_yes_at_the_place_list_says_to_choose_by_number_on_sms(sms: Person, word):
    reach(sms, "Di mana kejadiannya")
    reply = sms.says(word)
    assert "belum mengerti" not in reply and "Pilih salah satu dulu" in reply, reply
    assert "angka" in reply and "1 Kantor Imigrasi Tarakan" in reply and \
        "4 Tempat lain" in reply, reply
    assert sms.state().state == "where" and "place" not in sms.state().data
    sms.says("2")
    assert sms.state().data["place"] == "seaport"


def test_a_yes_at_the_listed_tickets_says_to_choose_one(sms: Person):
    sms.says("halo")
    first, second = file_one(sms), file_one(sms)
    sms.says("status")
    reply = sms.says("ya")
    assert "Pilih salah satu dulu" in reply and first in reply and second in reply, reply
    assert f"Tiket {first}" in sms.says(first).replace("*", "")


def test_a_yes_at_a_long_list_lists_the_choices_again(sms: Person):
    sms.says("halo")
    sms.says("1")
    sms.says(STORY)
    question = sms.says("lanjut")
    if "tampaknya tentang" in question:                 # the model's guess: not that one
        question = sms.says("bukan")
    assert "Pengaduan Anda tentang apa" in question, question
    reply = sms.says("Y")
    assert "Pilih salah satu dulu" in reply and "1. Layanan paspor" in reply and \
        "10. Lainnya" in reply, reply
    assert "type" not in sms.state().data


def test_yes_at_the_menu_with_a_draft_waiting_continues_it(sms: Person):
    # the menu's one suggestion is the unfinished complaint ("📝 … masih tersimpan", its last
    # choice): "Y" takes it, as "lanjut" does; nothing is cancelled either way
    reach(sms, "Siapa atau unit")
    assert "Lanjutkan pengaduan tadi" in sms.says("menu")
    reply = sms.says("Y")
    assert "Siapa atau unit" in reply and "Pilih salah satu dulu" not in reply, reply
    assert sms.state().state == "who"


def test_yes_at_the_menu_without_a_draft_says_to_choose(sms: Person):
    sms.says("halo")
    reply = sms.says("ya")
    assert "Pilih salah satu dulu" in reply and "1 Sampaikan pengaduan" in reply, reply
    assert sms.state().state == "menu"


# --- 3. the place said with the time ------------------------------------------------------------
@pytest.mark.parametrize("said_, time, place, detail", [
    ("kemarin jam 10 di loket 2", "kemarin jam 10", "other", "di loket 2"),
    ("tadi pagi di pelabuhan", "tadi pagi", "seaport", None),
    ("kemarin sore di parkiran kantor", "kemarin sore", "office", "di parkiran kantor"),
])
def test_the_place_said_with_the_time_is_not_asked_again(sms: Person, said_, time, place,
                                                           detail):
    reach(sms, "Kapan kejadiannya")
    reply = sms.says(said_)
    assert "Di mana kejadiannya" not in reply and "Siapa atau unit" in reply, reply
    assert "Tempat kejadian dicatat" in reply, reply
    data = sms.state().data
    assert data["place"] == place and data.get("place_detail") == detail, data
    assert data["when_detail"] == time and data["when_date"], data
    summary = walk_to_summary(sms, sms.says("lewati"))
    lines = dict(line.split(": ", 1) for line in summary.splitlines() if ": " in line)
    assert lines["Waktu"].startswith(("Kemarin (30 Nov 2026)", "Hari ini (1 Des 2026)")), lines
    assert "loket" not in lines["Waktu"] and "pelabuhan" not in lines["Waktu"], lines
    assert (detail or "Pelabuhan Malundung") in lines["Tempat"], lines


def walk_to_summary(person: Person, question: str) -> str:
    for _ in range(12):
        if "Periksa pengaduan" in question:
            return question
        question = person.says(answer_to(question, PASSPORT))
    raise AssertionError(question)


def test_the_place_said_with_the_time_in_english(sms: Person):
    sms.says("hello")
    sms.says("1")
    sms.says("my passport has not been ready for three weeks although I paid the fee")
    question = sms.says("next")
    for _ in range(12):
        if "When did it happen" in question:
            break
        question = sms.says(answer_to(question, {"What is your complaint about":
                                                 "Passport services"}))
    reply = sms.says("yesterday at the airport")
    assert "Noted as the place: at the airport" in reply and "Who or which unit" in reply, reply
    assert sms.state().data["place"] == "airport"


def test_a_time_with_a_place_changed_from_the_summary_keeps_the_place_answered(sms: Person):
    reach(sms, "Kapan kejadiannya")
    sms.says("kemarin")
    sms.says("2")                                       # Pelabuhan Malundung
    walk_to_summary(sms, sms.says("lewati"))
    sms.says("ralat tanggalnya")
    sms.says("tadi pagi di loket 3")
    data = sms.state().data
    assert data["place"] == "seaport" and data["when_label"] == "today", data
    assert data["when_detail"] == "tadi pagi di loket 3"      # nothing lost


def test_a_place_alone_at_when_is_still_not_the_time(sms: Person):
    reach(sms, "Kapan kejadiannya")
    sms.says("di loket 2")
    assert sms.state().state == "when" and "place" not in sms.state().data


# --- 4. "lanjut" at the identity question after resuming ----------------------------------------
@pytest.mark.parametrize("away", ["halo", "status", "menu"])
def test_lanjut_at_the_identity_question_after_resuming(sms: Person, clock, away):
    reach(sms, "Bagaimana identitas Anda dicatat")
    clock.advance(hours=30)
    sms.says(away)
    assert "Bagaimana identitas Anda dicatat" in sms.says("lanjut")
    reply = sms.says("lanjut")
    assert "belum mengerti" not in reply and "Pilih salah satu dulu" in reply, reply
    assert "1 Tulis nama saya" in reply and "2 Tanpa nama (anonim)" in reply, reply
    assert sms.state().state == "identity" and "anonymous" not in sms.state().data
    sms.says("2")
    assert sms.state().data["anonymous"] is True


# --- 5. the listed tickets: tapped where they are buttons ---------------------------------------
def test_the_ticket_list_says_tap_where_tickets_are_buttons(person: Person):
    person.says("halo")
    file_one(person)
    file_one(person)
    listing = person.says("status")
    if person.channel == "telegram":
        assert "Ketuk salah satu, atau kirim nomor tiket lain" in listing, listing
        assert "Balas angkanya" not in listing
    else:                                               # WhatsApp lists them as numbered lines
        assert "Balas angkanya, atau kirim nomor tiket lain" in listing, listing
    reply = person.says("ok")
    assert "Pilih salah satu dulu" in reply, reply
    assert ("ketuk" in reply) == (person.channel == "telegram"), reply


# --- the walk on WhatsApp, in English, as a KITAS holder from Malaysia --------------------------
@pytest.fixture
def aisyah(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A Malaysian KITAS holder on WhatsApp, writing short English with Malay words."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    person = Person(app, runtime, "whatsapp")
    person.phone = TwilioSender(app.test_client(), runtime.config.settings,
                                number="+60123456789", profile_name="Aisyah Rahman")
    person.address = person.phone.number
    return person


def to_english(person: Person, fragment: str) -> str:
    person.says("hi, boleh I make complaint?")
    person.says("my KITAS extension so slow lah, already 2 months no news")
    question = person.says("that's all")
    for _ in range(12):
        if fragment in question:
            return question
        question = person.says(answer_to(question, {
            "What is your complaint about": "2", "seems to be about": "yes"}))
    raise AssertionError(question)


@pytest.mark.parametrize("wish", ["please settle my kitas fast boleh?",
                                  "can you process it this week?"])
def test_a_wish_put_as_a_request_is_the_answer_to_what_we_should_do(aisyah: Person, wish):
    to_english(aisyah, "What would you like us to do")
    reply = aisyah.says(wish)
    assert aisyah.state().data.get("outcome") == wish, (reply, aisyah.state().data)
    assert "record your identity" in reply and "evisa" not in reply, reply


def test_an_information_question_at_what_we_should_do_is_still_answered(aisyah: Person):
    to_english(aisyah, "What would you like us to do")
    aisyah.says("is this free?")
    assert "outcome" not in aisyah.state().data


def test_status_asked_at_the_identity_question_says_it_is_not_sent(aisyah: Person):
    to_english(aisyah, "record your identity")
    reply = aisyah.says("macam mana my status?")
    assert "not been sent" in reply or "no ticket" in reply, reply
    assert "Anonymous*: no officer" not in reply and "record your identity" in reply, reply
    assert aisyah.state().state == "identity"


@pytest.mark.parametrize("thanks", ["thank you boss", "terima kasih bos", "thanks lah"])
def test_thanks_at_the_identity_question_is_never_a_name(aisyah: Person, thanks):
    to_english(aisyah, "record your identity")
    reply = aisyah.says(thanks)
    # ("terima kasih bos" is Indonesian: the question comes back in Indonesian)
    assert "Is your name" not in reply and "Nama Anda" not in reply, reply
    assert "record your identity" in reply or "identitas Anda dicatat" in reply, reply
    assert aisyah.state().state == "identity" and "name_check" not in aisyah.state().data
