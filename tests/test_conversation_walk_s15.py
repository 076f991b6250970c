"""Findings of a third citizens' walk (2026-12-04), on WhatsApp and Telegram, with and without Rasa:

1. at "when did it happen?" an ISO date ("2026-12-08") was read day-first (12 Aug), and a day to
   come ("Senin depan", "next Monday", "besok", a date after today) was taken for a past one or
   kept as the time of something that has already happened;
2. a status checked from another phone with ticket and PIN, in neutral words only ("status",
   the ticket, the PIN), was answered in Indonesian although the complaint was filed in English;
3. a word about a photo just sent ("itu buktinya", "ini kwitansinya" as its caption) was taken as
   the answer to the question waiting (who it is about, the reference number, "when?"), added to
   the story, or at the summary reopened the evidence question ("Baik, kita perbaiki"); a photo
   with a caption at a question was kept without a word;
4. more of the story after "lanjut" ("oh iya satu lagi, petugasnya juga kasar …") chose a type
   at the type question or was lost at the next questions;
5. "N", as SMS users answer, was no "no": kept as who the complaint is about, or not understood
   at the evidence question;
6. a very long message (2,000+ characters) at a question was cut to the answer's length (who:
   500, when: 200 characters) and the rest lost.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.conversation import when
from tests.support.intake import TICKET, walk
from tests.support.twilio_chat import TwilioSender
from tests.support.telegram import channel_env
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_web_walk import reach
from tests.test_when_answer_checked import at_when

pytestmark = pytest.mark.timeout(300)

TODAY = dt.date(2026, 12, 1)        # the test clock: a Tuesday


# --- 1. ISO dates and days to come at "when did it happen?" --------------------------------------
@pytest.mark.parametrize("text, date", [("2026-11-08", dt.date(2026, 11, 8)),
                                        ("2026/11/28", dt.date(2026, 11, 28)),
                                        ("tgl 2026-10-05 pagi", dt.date(2026, 10, 5))])
def test_an_iso_date_reads_year_month_day(text, date):
    assert when.parse(text, TODAY) == (date, None)
    assert when.both_ways(text, TODAY) is None          # never "12 Aug or 8 Dec?"


@pytest.mark.parametrize("text", ["2026-12-08", "besok", "besok pagi", "Senin depan",
                                  "next Monday", "next week", "minggu depan", "tomorrow",
                                  "lusa", "3 hari lagi", "8/12/2026", "9 Des 2026", "jumat besok",
                                  "8 Des", "bulan depan"])
def test_a_day_to_come_is_no_past_date(text):
    assert when.coming(text, TODAY), text
    if text != "8 Des":         # without a year, read as last year's by the officers' desk too
        assert when.parse(text, TODAY)[0] is None, text


@pytest.mark.parametrize("text", ["kemarin", "kemarin lusa", "senin kemarin", "Senin",
                                  "last Monday", "minggu lalu", "2026-11-30", "30 Nov",
                                  "kemarin, disuruh balik besok", "25 Okt", "3 hari lalu",
                                  "di depan loket", "jam 10.12"])
def test_a_past_day_is_not_to_come(text):
    assert not when.coming(text, TODAY), text


@pytest.mark.parametrize("lang, text", [("id", "2026-12-08"), ("id", "Senin depan"),
                                        ("id", "besok"), ("en", "next Monday"),
                                        ("en", "tomorrow"), ("en", "2026-12-08")])
def test_a_day_to_come_is_asked_again_kindly(person: Person, lang, text):
    at_when(person, lang=lang)
    reply = person.says(text)
    assert person.state().state == "when", reply
    assert "when_text" not in person.state().data and "when_date" not in person.state().data
    if lang == "en":
        assert "has not come yet" in reply and "When did it happen" in reply, reply
    else:
        assert "belum tiba" in reply and "Kapan kejadiannya" in reply, reply
    # then a day that has passed is taken
    person.says("2026-11-28")
    data = person.state().data
    assert person.state().state == "where" and data["when_date"] == "2026-11-28", data


def test_an_iso_date_at_when_is_the_date_typed(person: Person):
    at_when(person)
    person.says("2026-11-08")
    assert person.state().data["when_date"] == "2026-11-08"


# --- 2. a status from another phone, in the complaint's language ---------------------------------
def file_in_english(app, runtime) -> tuple[str, str]:
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    owner.says("hello")
    owner.says("1")
    owner.says("My passport application has not been processed for three weeks")
    filed = walk(owner.says, owner.says("that's all"), {"What is your complaint about": "1",
                                                        "seems to be about": "1"})
    assert "Ticket" in filed, filed
    return TICKET.search(filed).group(0), re.search(r"PIN[^0-9]{0,40}(\d{6})", filed).group(1)


def test_a_status_from_another_phone_in_neutral_words_is_in_the_complaints_language(
        make_app, sqlite_url):
    app, runtime = make_app(sqlite_url)
    ticket, pin = file_in_english(app, runtime)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900003")
    other.says("status")
    other.says(ticket)
    shown = other.says(pin)
    assert f"Ticket *{ticket}*" in shown and "Next step" in shown, shown
    assert "Langkah berikutnya" not in shown
    # the conversation stays in English
    assert "How can we help?" in other.says("menu")
    # in one message too
    third = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900004")
    shown = third.says(f"status {ticket} {pin}")
    assert f"Ticket *{ticket}*" in shown and "Next step" in shown, shown


def test_a_status_from_another_phone_in_indonesian_words_stays_indonesian(make_app, sqlite_url):
    app, runtime = make_app(sqlite_url)
    ticket, pin = file_in_english(app, runtime)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900003")
    other.says("mau cek status pengaduan")
    other.says(ticket)
    shown = other.says(pin)
    assert f"Tiket *{ticket}*" in shown and "Langkah berikutnya" in shown, shown


# --- 3. a word about a photo is no answer -------------------------------------------------------
PHOTO = ("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "image/jpeg")
PDF = ("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM2/Media/ME2", "application/pdf")


@pytest.fixture
def phone(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A WhatsApp user (photos and PDFs with captions), with the Rasa server and without it."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    return Person(app, runtime, "whatsapp")


def files(person: Person) -> int:
    return len(person.state().data.get("attachments", []))


@pytest.mark.parametrize("fragment, key", [("Siapa atau unit", "who"),
                                           ("Apa yang Anda harapkan", "outcome"),
                                           ("Nomor permohonan", "reference")])
def test_a_word_about_the_photo_just_sent_is_no_answer(phone: Person, fragment, key):
    reach(phone, fragment)
    sent = phone.phone.says("", media=[PHOTO])
    assert "Lampiran diterima" in sent and fragment in sent, sent
    reply = phone.says("itu buktinya")
    assert "lampiran Anda sudah tersimpan" in reply and fragment in reply, reply
    assert key not in phone.state().data and files(phone) == 1
    assert "itu buktinya" not in phone.state().data["story"]


@pytest.mark.parametrize("fragment, key", [("Kapan kejadiannya", "when_text"),
                                           ("Nomor permohonan", "reference"),
                                           ("Siapa atau unit", "who")])
def test_a_photo_captioned_at_a_question_is_kept_and_the_caption_is_no_answer(phone: Person,
                                                                               fragment, key):
    reach(phone, fragment)
    reply = phone.phone.says("ini kwitansinya", media=[PDF])
    assert "Lampiran diterima" in reply and fragment in reply, reply
    assert key not in phone.state().data and files(phone) == 1


def test_a_photo_captioned_with_an_answer_is_kept_and_the_answer_taken(phone: Person):
    reach(phone, "Kapan kejadiannya")
    reply = phone.phone.says("kemarin", media=[PHOTO])
    assert "Lampiran diterima" in reply and "Di mana kejadiannya" in reply, reply
    assert phone.state().data["when_label"] == "yesterday" and files(phone) == 1


def test_a_word_about_the_photo_at_the_summary_changes_nothing(phone: Person):
    reach(phone, "Periksa pengaduan")
    phone.phone.says("", media=[PHOTO])
    reply = phone.says("itu buktinya")
    assert "lampiran Anda sudah tersimpan" in reply and "Periksa pengaduan" in reply, reply
    assert "kita perbaiki" not in reply and phone.state().state == "confirm"
    assert "*Bukti:* 1 berkas" in reply


def test_a_word_about_the_photo_at_the_evidence_question_is_not_the_story(phone: Person):
    reach(phone, "Ada bukti")
    phone.phone.says("", media=[PHOTO])
    for said in ("itu buktinya", "sudah saya kirim fotonya"):
        reply = phone.says(said)
        assert "Bukti diterima (1 berkas)" in reply, reply
        assert said not in phone.state().data["story"]
    assert phone.state().state == "evidence"


# --- 4. more of the story after "lanjut" --------------------------------------------------------
MORE = "oh iya satu lagi, petugasnya juga kasar sekali ke ibu-ibu di depan saya"


@pytest.mark.parametrize("fragment", ["Pengaduan Anda tentang apa", "Nomor permohonan",
                                      "Kapan kejadiannya", "Siapa atau unit", "Periksa pengaduan"])
def test_more_of_the_story_at_a_later_question_is_added_to_it(person: Person, fragment):
    reach(person, fragment, answers={"tampaknya tentang": "bukan, pilih lain"})
    state = person.state().state
    reply = person.says(MORE)
    assert "Kami tambahkan ke cerita Anda" in reply and fragment in reply, reply
    assert person.state().state == state
    data = person.state().data
    assert data["story"][-1] == MORE
    assert data.get("who") != MORE and data.get("when_text") != MORE


def test_more_of_the_story_in_english(person: Person):
    at_when(person, lang="en")
    reply = person.says("one more thing, the officer at the counter shouted at an old lady")
    assert "Added to your story" in reply and "When did it happen" in reply, reply
    assert "when_text" not in person.state().data


LONG_STORY = ("Jadi begini pak, saya datang ke kantor imigrasi jam tujuh pagi untuk ambil paspor "
              "anak saya, lalu disuruh menunggu tanpa kejelasan sampai sore. ") * 16


@pytest.mark.parametrize("fragment, key", [("Siapa atau unit", "who"),
                                           ("Kapan kejadiannya", "when_text")])
def test_a_very_long_message_at_a_question_is_kept_whole_in_the_story(person: Person, fragment,
                                                                      key):
    assert len(LONG_STORY) > 2000
    reach(person, fragment)
    reply = person.says(LONG_STORY)
    assert "Kami tambahkan ke cerita Anda" in reply and fragment in reply, reply
    data = person.state().data
    assert data["story"][-1] == LONG_STORY.strip() and key not in data


# --- 5. "N" is no ---------------------------------------------------------------------------------
def test_n_is_no_on_sms(make_app, sqlite_url, tg_server, tw_server):
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    sms = Person(app, runtime, "whatsapp")
    sms.phone = TwilioSender(app.test_client(), runtime.config.settings, channel="sms")
    for said in ("halo", "1", "AC ruang tunggu mati dan toilet kotor sekali", "lanjut", "8", "2",
                 "1"):
        asked = sms.says(said)
    assert "Siapa atau unit" in asked, asked
    asked = sms.says("N")               # who is it about? no one in particular
    assert "Ada bukti" in asked and sms.state().data["who"] is None, asked
    reply = sms.says("N")               # any evidence? none
    assert "identitas Anda dicatat" in reply and sms.state().data["evidence_done"], reply


# --- the time, typed at "who is it about?" (a walk over HTTP, 2026-12-04) -------------------------
def test_a_time_typed_at_who_after_skipping_when_is_the_time(person: Person):
    """"skip" at when, then the facilities complaint's place; "3 hari lalu" at "who?" was kept as
    who it is about ("Pihak diadukan: 3 days ago" in the officers' alert). It is the time."""
    at_when(person)
    person.says("lewati")
    asked = person.says("1")                           # the place
    assert "Siapa atau unit" in asked or "siapa" in asked.lower(), asked
    reply = person.says("3 hari lalu")
    assert "Waktu kejadian dicatat" in reply and "28 Nov 2026" in reply, reply
    data = person.state().data
    assert "who" not in data and data["when_date"] == "2026-11-28", data
    assert person.state().state == "who"


def test_a_time_typed_at_who_when_the_time_is_known_is_asked_once_more(person: Person):
    at_when(person)
    person.says("kemarin")
    person.says("1")
    reply = person.says("3 hari lalu")
    assert "Itu waktunya, bukan siapa yang diadukan" in reply, reply
    assert "who" not in person.state().data
    assert person.state().data["when_date"] == "2026-11-30"    # the answer given, kept
    person.says("3 hari lalu")                                  # said again: kept as written
    assert person.state().data.get("who") == "3 hari lalu"
