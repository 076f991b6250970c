"""Six defects found by playing citizens through the real app:

1. a message typed after a night away (a question, a status check, a new complaint) was
   dropped for the "continue your draft?" question, and "Mulai baru" did not answer it;
2. "udh sebulan", "udah 2 minggu" were not read as times like "3 hari lalu";
3. "terserah" (and "whatever", "up to you") was stored as the wished outcome;
4. a passport held at Tunon Taka, Nunukan's port, was filed here without a word that it is
   Kantor Imigrasi Nunukan's matter;
5. "english please" typed half-way through a complaint joined the story or the answer;
6. `/catat` onto a number that already had a person row replaced that person's own name.

Through the real app on WhatsApp and Telegram, with the trained model served by Rasa and
without NLU; `/catat` on SQLite and PostgreSQL.
"""
from __future__ import annotations

import datetime as dt

import pytest

from bot.conversation import when
from storage.models import Complainant
from tests.support.intake import TICKET, answer_to, walk
from tests.support.telegram import KASI, TelegramUser
from tests.support.twilio_chat import TwilioSender
from tests.test_catat import last_reply
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_officers import app, complaint, runtime  # noqa: F401 - fixtures
from tests.test_when_answer_checked import at_when

pytestmark = pytest.mark.timeout(300)

TODAY = dt.date(2026, 12, 1)          # the test clock's day (conftest.OPEN_TIME)
FACILITIES_STORY = "AC ruang tunggu mati dan toilet kotor sekali, bau sampai ke kursi antrian"
PASSPORT_STORY = "paspor saya belum jadi padahal sudah sebulan dari wawancara di kantor"
NEW_STORY = "petugas di loket 2 kasar sekali sama saya tadi pagi waktu ambil paspor"
WELCOME_BACK = "Selamat datang kembali"
RESUME_ASKED = "belum selesai"


def reach(person: Person, fragment: str, story: str, answers: dict[str, str] | None = None,
          lang: str = "id") -> str:
    """A complaint told and walked up to the question containing `fragment`."""
    person.says("halo" if lang == "id" else "I would like to file a complaint")
    if lang == "id":
        person.says("Sampaikan pengaduan")
    person.says(story)
    question = person.says("lanjut" if lang == "id" else "next")
    for _ in range(12):
        if fragment in question:
            return question
        question = person.says(answer_to(question, answers))
    raise AssertionError(f"never asked {fragment!r}; last:\n{question}")


# --- 1. what is typed after a night away is read --------------------------------------------------
def test_a_question_after_a_night_is_answered_then_the_draft_offered(person: Person, clock):
    at_when(person)
    clock.advance(hours=20)
    reply = person.says("jam buka kantor jam brp?")
    assert WELCOME_BACK in reply and "Senin" in reply and RESUME_ASKED in reply, reply
    assert reply.index("Senin") < reply.index(RESUME_ASKED)      # the answer, then the draft
    assert "Lanjutkan" in reply and "Mulai baru" in reply
    assert person.state().state == "resume"
    assert "Kapan kejadiannya?" in person.says("Lanjutkan")
    assert person.state().data["story"] == [FACILITIES_STORY]


def test_a_status_question_after_a_night_gets_the_status_then_the_draft(person: Person, clock):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says("antrian di loket paspor lama sekali, 3 jam baru dipanggil")
    filed = walk(person.says, person.says("lanjut"),
                 {"Pengaduan Anda tentang apa": "Layanan paspor"})
    ticket = TICKET.search(filed).group(0)
    person.says("Sampaikan pengaduan")
    person.says(FACILITIES_STORY)
    question = person.says("lanjut")
    while "Kapan kejadiannya?" not in question:
        question = person.says(answer_to(question, {"Pengaduan Anda tentang apa": "8",
                                                    "tampaknya tentang": "2"}))
    clock.advance(hours=20)
    reply = person.says("status tiket saya gimana")
    assert WELCOME_BACK in reply and ticket in reply and RESUME_ASKED in reply, reply
    assert reply.index(ticket) < reply.index(RESUME_ASKED)
    assert person.state().state == "resume"


def test_a_new_complaint_after_a_night_starts_over_with_it(person: Person, clock):
    at_when(person)
    clock.advance(hours=20)
    reply = person.says(NEW_STORY)
    assert WELCOME_BACK in reply and RESUME_ASKED in reply and "Mulai baru" in reply, reply
    assert "kami simpan" in reply                     # the new message is not lost
    assert person.state().state == "resume"
    started = person.says("Mulai baru")
    assert "*pulihkan*" in started and "awal pengaduan" in started, started
    data = person.state().data
    assert person.state().state == "describe" and data["story"] == [NEW_STORY]
    assert data["discarded"]["story"] == [FACILITIES_STORY]      # the old one, recoverable
    filed = walk(person.says, person.says("lanjut"),
                 {"Pengaduan Anda tentang apa": "Sikap atau perilaku petugas",
                  "Catat sebagai": "2"})
    assert TICKET.search(filed)
    [made] = person.complaints()
    assert made.description == NEW_STORY


def test_continuing_after_a_night_keeps_the_new_message_in_the_story(person: Person, clock):
    at_when(person)
    clock.advance(hours=20)
    person.says(NEW_STORY)
    reply = person.says("Lanjutkan")
    assert "kami tambahkan ke cerita" in reply and "Kapan kejadiannya?" in reply, reply
    assert person.state().data["story"] == [FACILITIES_STORY, NEW_STORY]


@pytest.mark.parametrize("said", ["halo", "lanjut"])
def test_a_greeting_after_a_night_gets_the_resume_question_as_before(person: Person, clock,
                                                                     said):
    at_when(person)
    clock.advance(hours=20)
    reply = person.says(said)
    assert WELCOME_BACK in reply and RESUME_ASKED in reply, reply
    assert "kami simpan" not in reply and "belum mengerti" not in reply
    assert person.state().state == "resume"
    assert person.state().data["story"] == [FACILITIES_STORY]


def test_a_new_story_typed_at_the_menu_never_wipes_the_waiting_draft(person: Person):
    at_when(person)
    person.says("menu")
    reply = person.says(NEW_STORY)
    assert RESUME_ASKED in reply and "Mulai baru" in reply, reply
    person.says("Mulai baru")
    data = person.state().data
    assert data["story"] == [NEW_STORY] and data["discarded"]["story"] == [FACILITIES_STORY]


def test_wanting_to_complain_in_the_information_menu_with_a_draft_waiting(person: Person):
    at_when(person)
    person.says("menu")
    person.says("3")
    reply = person.says("mau komplain")
    assert "gangguan" not in reply and RESUME_ASKED in reply, reply
    assert person.state().state == "resume"


# --- 2. "udh sebulan" is a time -------------------------------------------------------------------
@pytest.mark.parametrize("text, date", [
    ("udh sebulan", dt.date(2026, 11, 1)), ("sudah sebulan", dt.date(2026, 11, 1)),
    ("udah 2 minggu", dt.date(2026, 11, 17)), ("dah seminggu lalu", dt.date(2026, 11, 24)),
    ("sudah 3 minggu", dt.date(2026, 11, 10)), ("2 bulan lalu", dt.date(2026, 10, 1)),
    ("setahun yang lalu", dt.date(2025, 12, 1)), ("udah sebulan lebih", dt.date(2026, 11, 1)),
    ("sejak 3 hari", dt.date(2026, 11, 28)), ("it's been a month", dt.date(2026, 11, 1)),
    ("a month ago", dt.date(2026, 11, 1)), ("for 2 weeks now", dt.date(2026, 11, 17))])
def test_a_span_back_is_a_date_like_3_hari_lalu(text, date):
    assert when.parse(text, TODAY) == (date, None)
    assert when.names_time(text)


@pytest.mark.parametrize("text", ["sejak bulan lalu", "bulan lalu", "minggu lalu"])
def test_a_named_period_keeps_its_words(text):
    assert when.parse(text, TODAY) == (None, None) and when.names_time(text)


@pytest.mark.parametrize("said, date", [("udh sebulan", "2026-11-01"),
                                        ("udah 2 minggu", "2026-11-17"),
                                        ("dah seminggu lalu", "2026-11-24"),
                                        ("sejak bulan lalu", None)])
def test_a_rough_time_is_taken_at_once(person: Person, said, date):
    at_when(person)
    reply = person.says(said)
    assert "Di mana kejadiannya?" in reply and "belum menangkap" not in reply, reply
    data = person.state().data
    assert (data["when_date"], data["when_label"], data["when_detail"]) == (date, None, said)


# --- 3. "terserah" is no particular wish ----------------------------------------------------------
@pytest.mark.parametrize("said", ["terserah", "terserah bapak/ibu", "terserah kantor",
                                  "terserah aja min", "ga tau"])
def test_leaving_the_outcome_to_the_office_is_no_wish(person: Person, said):
    reach(person, "Apa yang Anda harapkan", PASSPORT_STORY,
          {"Pengaduan Anda tentang apa": "Layanan paspor"})
    reply = person.says(said)
    assert "identitas Anda dicatat" in reply, reply
    assert person.state().data["outcome"] is None
    summary = person.says("anonim")
    assert "*Harapan:* -" in summary and "terserah" not in summary, summary


@pytest.mark.parametrize("said", ["whatever", "up to you", "it's up to you", "I leave it to you"])
def test_up_to_you_is_no_wish_in_english(person: Person, said):
    reach(person, "What would you like us to do", "my passport is still not issued a month "
          "after my interview at the office", {"What is your complaint about": "1"}, lang="en")
    reply = person.says(said)
    assert "record your identity" in reply, reply
    assert person.state().data["outcome"] is None


def test_a_real_wish_is_still_kept(person: Person):
    reach(person, "Apa yang Anda harapkan", PASSPORT_STORY,
          {"Pengaduan Anda tentang apa": "Layanan paspor"})
    person.says("paspor segera diterbitkan, terserah caranya")
    assert person.state().data["outcome"] == "paspor segera diterbitkan, terserah caranya"


# --- 4. Tunon Taka is Nunukan's -------------------------------------------------------------------
NUNUKAN_STORIES = ["paspor sy ditahan petugas di pelabuhan tunon taka, katanya PLB sy palsu "
                   "pdhl asli",
                   "antrian pemeriksaan di pelabuhan nunukan lama sekali, petugasnya cuma satu",
                   "petugas imigrasi nunukan bilang cap paspor sy tidak sah, sy disuruh balik"]


@pytest.mark.parametrize("story", NUNUKAN_STORIES)
def test_a_story_at_nunukans_port_asks_whether_it_is_ours(person: Person, story):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(story)
    asked = person.says("lanjut")
    assert "Kantor Imigrasi Nunukan" in asked and "kantor kami" in asked, asked
    assert "Ya, kirim ke kami" in asked and "bukan wewenang" not in asked
    assert person.state().state == "scope"
    listed = person.says("ya")
    assert "Pengaduan Anda tentang apa?" in listed, listed
    filed = walk(person.says, listed, {"Pengaduan Anda tentang apa": "3", "Catat sebagai": "2"})
    assert TICKET.search(filed)
    [made] = person.complaints()
    assert made.description == story


def test_told_at_first_contact_and_declined(person: Person):
    person.says("min")
    person.says(NUNUKAN_STORIES[0])
    asked = person.says("udah")
    assert "Kantor Imigrasi Nunukan" in asked, asked
    left = person.says("tidak")
    assert "tidak kami kirim" in left and person.state().state == "menu", left
    assert not person.complaints()


def test_a_question_at_the_nunukan_question_names_the_office_again(person: Person):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(NUNUKAN_STORIES[0])
    person.says("lanjut")
    again = person.says("trus sy ngadu kemana?")
    assert "Nunukan" in again and person.state().state == "scope", again
    assert person.state().data["story"] == [NUNUKAN_STORIES[0]]


def test_nunukan_named_as_home_is_not_asked_about(person: Person):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says("sy kerja jauh dr nunukan ke kantor imigrasi tarakan, tp petugas loket "
                "bilang berkas sy kurang padahal sudah lengkap")
    asked = person.says("lanjut")
    assert "Nunukan" not in asked and person.state().state != "scope", asked


# --- 5. asking for a language half-way through ---------------------------------------------------
def test_english_please_at_a_question_switches_and_asks_it_again(person: Person):
    at_when(person)
    reply = person.says("english please")
    assert "When did it happen?" in reply and "belum menangkap" not in reply, reply
    assert person.state().state == "when" and "when_text" not in person.state().data
    reply = person.says("bahasa indonesia aja")
    assert "Kapan kejadiannya?" in reply, reply
    assert person.state().state == "when" and "when_text" not in person.state().data


def test_english_please_while_telling_the_story_is_not_part_of_it(person: Person):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(FACILITIES_STORY)
    reply = person.says("english please")
    # (walk s17: the story kept is shown and "is that all?" asked, not "tell us what happened")
    assert "Your story so far" in reply and "Is that all?" in reply, reply
    reply = person.says("pakai bahasa indonesia")
    assert "Cerita Anda sejauh ini" in reply and "Sudah semua?" in reply, reply
    assert person.state().data["story"] == [FACILITIES_STORY]
    assert person.state().state == "describe"


@pytest.mark.parametrize("fragment, english, key", [
    ("Siapa atau unit", "Who or which unit", "who"),
    ("Apa yang Anda harapkan", "What would you like us to do", "outcome")])
def test_english_please_is_not_an_answer(person: Person, fragment, english, key):
    reach(person, fragment, PASSPORT_STORY, {"Pengaduan Anda tentang apa": "Layanan paspor"})
    reply = person.says("can you reply in english please")
    assert english in reply, reply
    assert key not in person.state().data


# --- 6. /catat keeps the person's own name --------------------------------------------------------
NUMBER = "+6281234567890"


def catat(app, runtime, name: str = "Siti Aminah") -> str:  # type: ignore[no-untyped-def]
    """An officer records a phoned-in passport complaint for NUMBER (WhatsApp agreed)."""
    desk = TelegramUser(app.test_client(), KASI)
    for said in ("/catat", "1", name, "0812-3456-7890", "ya", "1",
                 "Paspor anak saya belum terbit setelah 3 minggu", "lewati", "lewati",
                 "simpan"):
        assert desk.send(said) == "officer", said
    return TICKET.search(last_reply(runtime, KASI)[0]).group(0)


def person_name(runtime, number: str = NUMBER) -> str | None:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.session.query(Complainant).filter_by(address=number).one().name


def test_catat_for_someone_who_filed_themselves_keeps_their_name(app, runtime):
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER)
    phone.say("halo")
    phone.say("1")
    phone.say("Paspor saya sudah 3 minggu belum jadi")
    phone.say("lanjut")
    walk(phone.says, phone.says("1"), {"identitas Anda dicatat": "1"})   # as "Budi Santoso"
    assert person_name(runtime) == "Budi Santoso"
    ticket = catat(app, runtime)
    assert complaint(runtime, ticket).reporter_name == "Siti Aminah"     # on the complaint
    assert person_name(runtime) == "Budi Santoso"                        # theirs, kept


def test_a_second_catat_keeps_the_first_name(app, runtime):
    first = catat(app, runtime, "Siti Aminah")
    second = catat(app, runtime, "Ahmad Yani")
    assert complaint(runtime, first).reporter_name == "Siti Aminah"
    assert complaint(runtime, second).reporter_name == "Ahmad Yani"
    assert person_name(runtime) == "Siti Aminah"


def test_catat_names_a_person_who_had_no_name(app, runtime):
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER)
    phone.say("halo")                                   # wrote once, never named
    assert person_name(runtime) is None
    catat(app, runtime)
    assert person_name(runtime) == "Siti Aminah"



def test_a_story_typed_at_the_resume_question_is_kept(person: Person):
    at_when(person)
    person.says("menu")
    asked = person.says("Sampaikan pengaduan")
    assert RESUME_ASKED in asked, asked
    reply = person.says(NEW_STORY)
    assert "kami simpan" in reply and "belum mengerti" not in reply, reply
    more = person.says("terus dia lempar berkas saya ke meja")
    assert "juga kami simpan" in more, more
    started = person.says("2")
    assert "awal pengaduan" in started, started
    data = person.state().data
    assert data["story"] == [NEW_STORY, "terus dia lempar berkas saya ke meja"]
    assert data["discarded"]["story"] == [FACILITIES_STORY]


@pytest.mark.parametrize("said, filed", [("ini di tarakan kok", True), ("ke nunukan aja", False),
                                         ("ke imigrasi nunukan aja", False)])
def test_the_nunukan_question_in_words(person: Person, said, filed):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(NUNUKAN_STORIES[1])
    person.says("lanjut")
    reply = person.says(said)
    assert ("Pengaduan Anda tentang apa?" in reply) is filed, reply
    assert person.state().state == ("type_choose" if filed else "menu")


def test_tunon_taka_in_english(person: Person):
    person.says("hello, I want to make a complaint")
    person.says("the immigration officer at Tunon Taka port held my passport for no reason")
    asked = person.says("next")
    assert "Nunukan Immigration Office" in asked and "Is this about our office?" in asked, asked
    assert "Yes, send it to us" in asked
