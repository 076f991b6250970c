"""Findings of a second citizens' walk through the story and the questions (2026-12-05), on
plain SMS, WhatsApp and Telegram, with and without Rasa:

1. filler was kept as the official story ("ok saya nak buat complaint la pasal ni", "itu je",
   "jd gmn" reached the officers' alert): the wish again asks for the story, "that's it" ends
   the story like "lanjut", "so how?" is answered with what happens next; none is the story;
2. a service question mid-story in English ("what documents do I need to extend my KITAS?")
   joined the story where the Indonesian one was answered: it is answered the same way;
3. "?" at "Sudah semua?" said the same line again, and a second "?" at the reference number
   skipped the question: "?", "maksudnya?", "hah?", "what?" at any question of the draft
   explain it, with an example of an answer (and how to skip it), and never skip it;
4. on SMS (no typing indicator, no read marks) the story's bubbles got no reply at all: the
   first is acknowledged at once, the later ones after the pause as elsewhere;
5. "jd kpn jadinya" at the name question was asked back as the name; a name told in the story
   ("nama saya Sri Wulandari") lost to the profile's name after "rahasiakan nama saya".
"""
from __future__ import annotations

import pytest

from tests.support.intake import answer_to
from tests.support.telegram import channel_env
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_web_walk import PASSPORT, reach

pytestmark = pytest.mark.timeout(300)

STORY = "paspor saya belum jadi padahal sudah sebulan dari wawancara"
PAUSE_LINE = "Sudah semua? Balas *lanjut*, atau tambahkan cerita."
SMS_ACK = "Dicatat. Lanjutkan ceritanya; balas LANJUT bila sudah."
TYPE_ASKED = ("tampaknya tentang", "Pengaduan Anda tentang apa", "What is your complaint about",
              "seems to be about")


@pytest.fixture
def sms(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A person on plain SMS (numbered options, no buttons)."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    person = Person(app, runtime, "whatsapp")
    person.phone = TwilioSender(app.test_client(), runtime.config.settings, channel="sms",
                                number="+6281355500041")
    person.address = person.phone.number
    return person


def story_told(person: Person) -> None:
    person.says("halo")
    person.says("1")
    person.says(STORY)
    assert person.state().state == "describe" and person.state().data["story"] == [STORY]


# --- 1. filler is not the story ---------------------------------------------------------------
@pytest.mark.parametrize("wish", ["ok saya nak buat complaint la pasal ni",
                                  "sy mau komplain soal ini", "I want to complain about this"])
def test_the_wish_again_mid_story_is_not_the_story(sms: Person, wish):
    story_told(sms)
    reply = sms.says(wish)
    assert "Sudah semua?" in reply or "Is that all?" in reply, reply
    assert sms.state().data["story"] == [STORY] and sms.state().state == "describe"


@pytest.mark.parametrize("ending", ["itu je", "dah itu je", "itu aja", "that's it", "done",
                                    "tu je min"])
def test_that_is_it_ends_the_story_and_is_not_added(sms: Person, ending):
    story_told(sms)
    reply = sms.says(ending)
    assert any(asked in reply for asked in TYPE_ASKED), reply
    assert sms.state().data["story"] == [STORY], sms.state().data
    assert sms.state().state in ("type_confirm", "type_choose")


@pytest.mark.parametrize("asked", ["jd gmn", "trus gimana", "so what now", "terus gimana min?"])
def test_so_how_mid_story_says_what_happens_next(sms: Person, asked):
    story_told(sms)
    reply = sms.says(asked)
    assert "nomor tiket" in reply or "ticket number" in reply, reply
    assert "lanjut" in reply or "next" in reply, reply
    assert sms.state().data["story"] == [STORY] and sms.state().state == "describe"
    sms.says("petugasnya juga tidak memberi kabar")
    assert sms.state().data["story"] == [STORY, "petugasnya juga tidak memberi kabar"]


def test_so_how_before_any_story_asks_for_it(sms: Person):
    sms.says("halo")
    sms.says("1")
    reply = sms.says("jd gmn")
    assert "Ceritakan dulu" in reply and "lanjut" in reply, reply
    assert not sms.state().data.get("story")


def test_a_story_that_ends_asking_so_how_is_still_the_story(sms: Person):
    sms.says("halo")
    sms.says("1")
    sms.says("paspor sy udh 3 minggu blm jadi2 jd gmn")
    assert sms.state().data["story"] == ["paspor sy udh 3 minggu blm jadi2 jd gmn"]


def test_a_filed_complaint_carries_no_filler(sms: Person):
    story_told(sms)
    sms.says("ok saya nak buat complaint la pasal ni")
    sms.says("jd gmn")
    question = sms.says("itu je")
    for _ in range(14):
        if "Nomor tiket" in question or "Ticket number" in question:
            break
        question = sms.says(answer_to(question, PASSPORT))
    [complaint] = sms.complaints()
    assert complaint.description == STORY, complaint.description


# --- 2. a service question in English mid-story -------------------------------------------------
@pytest.mark.parametrize("question", ["what documents do I need to extend my KITAS?",
                                      "apa documents yang perlu untuk extend ITAS? saya ada "
                                      "passport, surat majikan",
                                      "apa dokumen yang perlu untuk perpanjang ITAS?"])
def test_a_permit_question_mid_story_is_answered_in_either_language(sms: Person, question):
    story_told(sms)
    reply = sms.says(question)
    assert "penjamin" in reply or "sponsor" in reply, reply
    assert "Sudah semua?" in reply or "Is that all?" in reply, reply
    assert sms.state().data["story"] == [STORY] and sms.state().state == "describe"


@pytest.mark.parametrize("grievance", ["why was my KITAS extension rejected?",
                                       "kenapa perpanjangan ITAS saya ditolak?"])
def test_a_grievance_about_a_permit_put_as_a_question_is_the_story(sms: Person, grievance):
    story_told(sms)
    sms.says(grievance)
    assert sms.state().data["story"] == [STORY, grievance]


# --- 3. "?" explains the question --------------------------------------------------------------
def test_a_question_mark_at_is_that_all_explains_the_story(sms: Person):
    story_told(sms)
    first = sms.says("?")
    assert first.strip() != PAUSE_LINE.replace("*", "") and "misalnya" in first, first
    assert "lanjut" in first, first
    again = sms.says("?")
    assert "misalnya" in again, again
    assert sms.state().data["story"] == [STORY] and sms.state().state == "describe"
    assert "tampaknya tentang" in sms.says("ya") or sms.state().state != "describe"


@pytest.mark.parametrize("fragment, state, example", [
    ("Nomor permohonan", "reference", "2C21JD1234"),
    ("Kapan kejadiannya", "when", "minggu lalu"),
    ("Di mana kejadiannya", "where", "loket 2"),
    ("Siapa atau unit", "who", "petugas loket 3"),
    ("Ada bukti", "evidence", "kuitansi"),
    ("Apa yang Anda harapkan", "outcome", "segera diterbitkan"),
    ("identitas Anda dicatat", "identity", "Siti Rahmawati"),
    ("Periksa pengaduan", "confirm", "untuk mengirimnya"),
])
def test_a_question_mark_explains_each_question_and_never_skips_it(sms: Person, fragment, state,
                                                                  example):
    question = reach(sms, fragment)
    before = {k: v for k, v in sms.state().data.items() if k != "asked_done"}
    for asked in ("?", "?", "??"):
        reply = sms.says(asked)
        assert example in reply, reply
        assert reply.strip() != question.strip(), reply
        assert sms.state().state == state, (asked, sms.state().state)
    after = {k: v for k, v in sms.state().data.items() if k != "asked_done"}
    assert {k: v for k, v in after.items() if k in before} == before


@pytest.mark.parametrize("asked", ["maksudnya?", "hah?", "what?", "?"])
def test_asking_what_the_reference_means_explains_it_with_how_to_skip(sms: Person, asked):
    reach(sms, "Nomor permohonan")
    reply = sms.says(asked)
    assert ("lewati" in reply or "skip" in reply) and "2C21JD1234" in reply, reply
    reply = sms.says(asked)
    assert "2C21JD1234" in reply and sms.state().state == "reference", reply
    assert "reference" not in sms.state().data
    sms.says("2C21JD1234")
    assert sms.state().data["reference"] == "2C21JD1234"


def test_a_question_mark_at_the_type_list_explains_it(person: Person):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(STORY)
    question = person.says("lanjut")
    if "tampaknya tentang" in question:
        reply = person.says("?")
        assert "tebak" in reply and person.state().state == "type_confirm", reply
        question = person.says("bukan")
    reply = person.says("?")
    assert "Lainnya" in reply and "misalnya" in reply.lower(), reply
    assert person.state().state == "type_choose"


# --- 4. the first story message on SMS is acknowledged at once --------------------------------
def test_the_first_story_bubble_on_sms_is_acknowledged_at_once(sms: Person):
    sms.says("p")
    assert "Ceritakan apa yang terjadi" in sms.says("mau lapor")
    assert sms.says("paspor sy").strip() == SMS_ACK
    assert sms.pause() == ""                   # said already: no second acknowledgement due
    assert sms.says("udh 3 minggu") == ""      # the later bubbles wait for the pause
    assert sms.pause() == PAUSE_LINE
    assert sms.says("blm jadi2") == ""
    assert sms.state().data["story"] == ["paspor sy", "udh 3 minggu", "blm jadi2"]


def test_story_bubbles_on_whatsapp_and_telegram_still_wait_for_the_pause(person: Person):
    person.says("halo")
    person.says("Sampaikan pengaduan")
    assert person.says("paspor sy") == ""
    assert person.says("udh 3 minggu") == ""
    assert person.pause() == PAUSE_LINE


# --- 5. the identity question -----------------------------------------------------------------
@pytest.mark.parametrize("said", ["jd kpn jadinya", "trus kpn jadinya"])
def test_a_question_at_the_name_question_is_no_name(sms: Person, said):
    reach(sms, "identitas Anda dicatat")
    assert "Tuliskan nama Anda" in sms.says("Tulis nama saya")
    reply = sms.says(said)
    assert "Nama Anda" not in reply and said not in reply, reply
    assert "belum terkirim" in reply and "Tuliskan nama Anda" in reply, reply
    assert sms.state().state == "name" and not sms.state().data.get("name")
    sms.says("Siti Rahmawati")
    assert sms.state().data["name"] == "Siti Rahmawati"


@pytest.mark.parametrize("said", ["kapan jadinya", "trus kpn", "jd kpn"])
def test_common_words_at_the_name_question_are_no_name(sms: Person, said):
    reach(sms, "identitas Anda dicatat")
    sms.says("Tulis nama saya")
    reply = sms.says(said)
    assert "Nama Anda" not in reply and said not in reply, reply
    assert sms.state().state == "name" and not sms.state().data.get("name")


def test_the_name_told_in_the_story_is_used_rather_than_the_profile_name(person: Person):
    story = ("paspor saya belum jadi padahal sudah sebulan dari wawancara di kantor. nama saya "
             "Sri Wulandari, tolong nama saya dirahasiakan ya bu, saya takut")
    reach(person, "identitas Anda dicatat", story=story)
    reply = person.says("rahasiakan nama saya")
    assert "*Sri Wulandari*" in reply and "Budi" not in reply, reply
    assert person.state().state == "name"
    summary = person.says("ya")
    assert "Sri Wulandari" in summary and "Budi Santoso" not in summary, summary
    data = person.state().data
    assert data["name"] == "Sri Wulandari" and data["confidential"] is True, data


def test_a_story_naming_someone_else_keeps_the_profile_offer(person: Person):
    story = "petugas loket namanya Anton minta uang 500rb biar paspor saya cepat jadi"
    reach(person, "identitas Anda dicatat", story=story)
    reply = person.says("rahasiakan nama saya")
    assert "Nama Anda *Anton*" not in reply, reply
    assert person.state().data["name"] == "Budi Santoso", person.state().data
