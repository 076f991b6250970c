"""Findings of a fifth citizens' walk (2026-12-04), on SMS and Telegram over real HTTP, with and
without Rasa:

1. a one-word name ("Hendra") at "how should you be recorded?" was "not understood";
2. back at a draft whose story is told (after "status", the Resume question's "Lanjutkan", a
   data request), the story's question was "Tell us what happened…", as if nothing was told;
3. the topic named with the wish to complain ("about my KITAS extension") was dropped: the story
   was classified without it, and officers never saw it;
4. "lewati" / "skip" at "write your name" was "that doesn't look like a name";
5. "anonymous" at the summary of an anonymous complaint answered "it's changed";
6. a lone menu digit during the story ("1") was added to the story silently.
"""
from __future__ import annotations

import pytest

from tests.support.telegram import channel_env
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_web_walk import reach

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def sms(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A person on plain SMS (numbered options, no buttons)."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    person = Person(app, runtime, "whatsapp")
    person.phone = TwilioSender(app.test_client(), runtime.config.settings, channel="sms",
                                number="+6281355500017")
    person.address = person.phone.number
    return person


def to_identity(person: Person) -> str:
    return reach(person, "Bagaimana identitas Anda dicatat")


# --- 1. a one-word name at the identity question -----------------------------------------------
@pytest.mark.parametrize("name", ["Hendra", "Sulastri"])
def test_a_one_word_name_is_asked_back_on_sms(sms: Person, name):
    to_identity(sms)
    asked = sms.says(name)
    assert f"Nama Anda {name}?" in asked and "belum mengerti" not in asked, asked
    assert sms.state().state == "name" and "name" not in sms.state().data
    summary = sms.says("ya")
    assert "Periksa pengaduan Anda" in summary and f"Identitas: {name}" in summary, summary
    assert sms.state().data["name"] == name and sms.state().data["anonymous"] is False


def test_a_one_word_name_asked_back_can_be_refused(person: Person):
    to_identity(person)
    assert "*Hendra*" in person.says("Hendra")
    person.says("bukan")
    assert "name" not in person.state().data and person.state().state == "name"


@pytest.mark.parametrize("word", ["Lanjut", "Ok", "Tidak", "Batal", "Menu", "Selesai", "Halo",
                                  "Kirim", "Nama", "Terserah"])
def test_a_word_of_the_conversation_is_never_a_name(sms: Person, word):
    to_identity(sms)
    reply = sms.says(word)
    assert f"{word}?" not in reply.replace("*", ""), reply
    assert sms.state().data.get("name") != word and sms.state().data.get("name_check") != word


def test_skip_at_the_identity_question_stays_anonymous_on_sms(sms: Person):
    to_identity(sms)
    sms.says("Skip")
    assert sms.state().state == "confirm" and sms.state().data["anonymous"] is True


# --- 2. back at a story already told ------------------------------------------------------------
STORY = "paspor saya belum jadi padahal sudah sebulan dari wawancara"


@pytest.mark.parametrize("script", [("status", "makasih"), ("status", "lanjutkan"),
                                    ("menu", "1", "Lanjutkan"),
                                    ("saya mau hapus data saya",)])
def test_back_at_a_told_story_it_is_shown_not_asked_for(person: Person, script):
    person.says("halo")
    person.says("1")
    person.says(STORY)
    for said in script:
        reply = person.says(said)
    assert person.state().state == "describe", reply
    assert "Ceritakan apa yang terjadi" not in reply, reply
    assert "Cerita Anda sejauh ini" in reply and "paspor saya belum jadi" in reply, reply
    assert "Sudah semua? Balas *lanjut*, atau tambahkan cerita." in reply, reply
    assert person.state().data["story"] == [STORY]
    # "ya" answers "is that all?"
    person.says("ya")
    assert person.state().state in ("type_confirm", "type_choose")


def test_back_at_a_long_story_in_english_shows_a_short_preview(person: Person):
    person.says("hello")
    person.says("1")
    long_story = ("my passport renewal has been pending for five weeks although the interview "
                  "was done and the fee was paid at the bank, and nobody at the counter can "
                  "tell me when it will be ready")
    person.says(long_story)
    person.says("status")
    reply = person.says("continue")
    assert "Your story so far" in reply and "Is that all? Reply *next*, or add to your story." \
        in reply, reply
    assert "Tell us what happened" not in reply and long_story not in reply, reply
    assert "my passport renewal has been pending" in reply and "…" in reply, reply


def test_a_fresh_story_is_still_asked_for(person: Person):
    person.says("halo")
    assert "Ceritakan apa yang terjadi" in person.says("1")


# --- 3. the topic named with the wish to complain -----------------------------------------------
def test_the_topic_of_the_wish_counts_for_the_story_on_telegram(make_app, sqlite_url, tg_server,
                                                                 tw_server, nlu):
    from tests.support.telegram import TelegramUser
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    citizen = TelegramUser(app.test_client(), 555_170)
    opening = "Hi, I need to complain about my KITAS extension"
    for said in (opening,
                 "I submitted everything three weeks ago and paid, and nobody answers my emails",
                 "done"):
        citizen.send(said)
    person = Person(app, runtime, "telegram", user_id=555_170)
    data = person.state().data
    assert data["story"][0] == opening and len(data["story"]) == 2, data
    if nlu is not None:
        assert data.get("proposal") == "izin_tinggal" or \
            data.get("predicted", {}).get("type") == "izin_tinggal", data


@pytest.mark.parametrize("wish", ["mau komplain", "I want to file a complaint", "1",
                                  "Sampaikan pengaduan", "tolong sy mau ngadu dong"])
def test_a_bare_wish_to_complain_is_not_part_of_the_story(person: Person, wish):
    person.says("halo")
    person.says(wish)
    assert person.state().state == "describe"
    person.says(STORY)
    assert person.state().data["story"] == [STORY]


@pytest.mark.parametrize("wish", ["mau komplain soal paspor anak", "mau lapor pungli"])
def test_the_topic_is_in_the_complaint_the_officers_read(person: Person, wish):
    person.says("halo")
    person.says(wish)
    assert person.state().state == "describe"
    assert not person.state().data.get("story")      # the wish alone is no story yet
    person.says("sudah sebulan belum jadi padahal semua syarat lengkap")
    from tests.support.intake import walk
    walk(person.says, person.says("lanjut"), {"Pengaduan Anda tentang apa": "Layanan paspor"})
    complaint, = person.complaints()
    assert complaint.description.startswith(wish + "\n"), \
        complaint.description


# --- 4. "lewati" at "write your name" -----------------------------------------------------------
@pytest.mark.parametrize("said", ["lewati", "skip", "Lewati aja"])
def test_skip_at_the_name_question_is_no_name(person: Person, said):
    to_identity(person)
    asked = person.says("Tulis nama saya")
    assert person.state().state == "name", asked
    summary = person.says(said)
    data = person.state().data
    assert "bukan nama" not in summary and person.state().state == "confirm", summary
    assert data["anonymous"] is True and not data.get("name"), data


# --- 5. "anonymous" at the summary when it already is ---------------------------------------------
def test_anonymous_at_an_anonymous_summary_says_nothing_changed(person: Person):
    person.says("hello")
    person.says("1")
    person.says("my passport has not been ready for three weeks although I paid")
    question = person.says("next")
    from tests.support.intake import answer_to
    for _ in range(14):
        if "check your complaint" in question:
            break
        question = person.says(answer_to(question, {"What is your complaint about":
                                                    "Passport services",
                                                    "record your identity": "anonymous"}))
    assert person.state().data["anonymous"] is True
    reply = person.says("anonymous")
    assert "it's changed" not in reply and "already" in reply, reply
    assert "check your complaint" in reply and person.state().state == "confirm"
    # a real change is still said to be one
    assert "it's changed" in person.says("my name is John Carter")
    assert person.state().data["name"] == "John Carter"


# --- 6. a lone digit during the story -------------------------------------------------------------
@pytest.mark.parametrize("digits", ["1", "2.", "9"])
def test_a_digit_alone_during_the_story_is_asked_about(sms: Person, digits):
    sms.says("halo")
    sms.says("1")
    sms.says("petugas loket kasar sekali membentak ibu saya")
    asked = sms.says(digits)
    assert "Sudah semua?" in asked and f"angka {digits.rstrip('.')}:" in asked, asked   # SMS: no *
    assert sms.state().data["story"] == ["petugas loket kasar sekali membentak ibu saya"]
    sms.says("ya")                                       # that is all
    assert sms.state().state in ("type_confirm", "type_choose")


def test_a_digit_alone_before_the_story_is_not_the_story(person: Person):
    person.says("halo")
    person.says("1")
    asked = person.says("1")
    assert "Ceritakan apa yang terjadi" in asked and "*1*" in asked, asked
    assert not person.state().data.get("story")



# --- a second complaint from the same number, with "status" half-way through it --------------------
def test_status_during_a_second_complaint_keeps_it_within_reach_on_sms(sms: Person):
    from tests.support.intake import walk
    sms.says("halo")
    sms.says("1")
    sms.says(STORY)
    walk(sms.says, sms.says("lanjut"), {"Pengaduan Anda tentang apa": "Layanan paspor"})
    sms.says("1")
    sms.says("petugas loket kasar sekali membentak ibu saya")
    sms.says("lanjut")
    state = sms.state().state
    shown = sms.says("status")
    assert "TRK-" in shown and "belum terkirim" in shown and "lanjut" in shown, shown
    back = sms.says("lanjutkan")
    assert "belum mengerti" not in back and sms.state().state == state, back
    assert sms.state().data["story"] == ["petugas loket kasar sekali membentak ibu saya"]

