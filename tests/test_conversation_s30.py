"""Conversation leftovers (helper C30), over the real app (signed Twilio webhooks, the web chat's
JSON API), without the NLU where the rules decide:

1. "petugas" typed at a question of the form (as the stuck text teaches: "Balas *petugas*")
   was stored as the answer: the wish, the place. A bare request for an officer opens the talk
   at every question, the draft kept; "petugas loket 3" at "who?" stays an answer;
2. the web page's language (an English page) was applied only at the menu and the status: an
   answer with no words of a language got Indonesian;
3. the story's day ("kemarin") was noted when the type question was asked, not when the story
   came, and was lost when the draft was set aside and restored;
4. everyday phrases: "sy mau ngadu soal paspor" (its topic a hint at the type question); "ok
   makasih, jadi saya datang senin ya?" after filing (answered: no booking, the office hours,
   news in this chat); a phone number or e-mail alone at "who?" (not stored, asked again).
"""
from __future__ import annotations

import pytest

from tests.support.intake import TICKET, answer_to, walk
from tests.support.webchat import WebVisitor
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
WHATSAPP = pytest.mark.parametrize("person", ["whatsapp"], indirect=True)
STORY = "Kemarin saya urus paspor anak, petugas bilang berkas kurang padahal sudah lengkap"


def until(person: Person, question: str, fragment: str, answers: dict[str, str] | None = None,
          limit: int = 14) -> str:
    """Answer the intake's questions until one containing `fragment` is asked; that one."""
    for _ in range(limit):
        if fragment in question:
            return question
        question = person.says(answer_to(question, answers))
    raise AssertionError(f"never asked {fragment!r}; last:\n{question}")


def told(person: Person, story: str = STORY) -> str:
    """From the menu, the story told and ended; the question after it."""
    person.says("mau lapor")
    person.says(story)
    question = person.says("lanjut")
    if "Pengaduan Anda tentang apa" in question:
        question = person.says("Layanan paspor")
    return question


# --- 1. a bare request for an officer at any question of the form --------------------------------
@NO_NLU
@WHATSAPP
@pytest.mark.parametrize("question, key, said", [
    ("Apa yang Anda harapkan", "outcome", "petugas"),
    ("Di mana kejadiannya", "place", "petugas"),
    ("Kapan kejadiannya", "when_text", "minta cs"),
    ("Siapa atau unit", "who", "admin"),
    ("Siapa atau unit", "who", "talk to an officer"),
])
def test_a_bare_request_for_an_officer_opens_the_talk_and_keeps_the_draft(person, question,
                                                                          key, said):
    until(person, told(person), question)
    answer = person.says(said)
    state = person.state()
    assert state.state == "officer", answer
    assert "belum terkirim" in answer or "has not been sent" in answer, answer
    assert key not in state.data and state.data.get("story") == [STORY], state.data
    assert not person.complaints()


@NO_NLU
@WHATSAPP
def test_an_answer_naming_an_officer_stays_an_answer(person):
    until(person, told(person), "Siapa atau unit")
    person.says("petugas loket 3")
    state = person.state()
    assert state.state != "officer" and state.data.get("who") == "petugas loket 3", state.data


# --- 2. the page's language at every turn ---------------------------------------------------------
def test_an_english_page_is_answered_in_english_at_a_question(app_runtime):
    app, _ = app_runtime
    visitor = WebVisitor(app.test_client())
    visitor.say("1")                                   # no words: the menu, in Indonesian
    assert any("Ceritakan" in b or "pengaduan" in b.lower() for b in visitor.bubbles())
    visitor.lang = "en"                                # the page switched to English
    answer = visitor.post("1").get_json()
    said = "\n".join(m["text"] for m in answer["messages"])
    assert answer["lang"] == "en" and "Tell us what happened" in said, said
    assert "Ceritakan apa yang terjadi" not in said, said


def test_words_of_the_person_still_win_over_the_page(app_runtime):
    app, _ = app_runtime
    visitor = WebVisitor(app.test_client(), lang="en")
    visitor.say("1")
    answer = visitor.post("saya mau lapor, petugas minta uang di loket").get_json()
    assert answer["lang"] == "id", answer


# --- 3. the story's day ---------------------------------------------------------------------------
@NO_NLU
@WHATSAPP
def test_yesterday_counts_from_the_day_the_story_was_told_not_the_type_question(person, clock):
    person.says("mau lapor")
    person.says(STORY)                                   # Tuesday 1 Dec 2026
    clock.advance(hours=30)                              # Wednesday 2 Dec: the questions
    question = person.says("lanjut")
    if "Lanjutkan" in question:
        question = person.says("Lanjutkan")
    question = until(person, question, "Kapan kejadiannya",
                     {"Pengaduan Anda tentang apa": "Layanan paspor", "Kapan kejadiannya": "-"})
    assert "30 Nov 2026" in question, question
    person.says("ya")
    assert person.state().data["when_date"] == "2026-11-30", person.state().data


@NO_NLU
@WHATSAPP
def test_a_draft_set_aside_and_restored_keeps_the_story_day(person, clock):
    told(person)                                         # Tuesday 1 Dec: story and type
    assert person.state().data["story_on"]["date"] == "2026-12-01"
    person.says("batal")
    person.says("ya")
    assert person.state().data.get("discarded"), person.state().data
    clock.advance(hours=30)
    person.says("pulihkan")
    data = person.state().data
    assert data.get("story_on", {}).get("date") == "2026-12-01", data


# --- 4a. a wish to complain with its topic --------------------------------------------------------
@NO_NLU
@WHATSAPP
@pytest.mark.parametrize("wish, kind", [("sy mau ngadu soal paspor", "Layanan paspor"),
                                        ("mau lapor soal aplikasi", "Aplikasi")])
def test_a_wish_with_a_topic_asks_for_the_story_and_hints_the_type(person, wish, kind):
    asked = person.says(wish)
    assert person.state().state == "describe" and "Ceritakan" in asked, asked
    assert not person.state().data.get("story"), person.state().data
    person.says("Sudah tiga minggu tidak ada kabar padahal semua syarat sudah saya kirim")
    question = person.says("lanjut")
    assert f"*{kind}" in question and "balas *ya*" in question, question


# --- 4b. coming to the office, asked after filing -------------------------------------------------
@NO_NLU
@WHATSAPP
@pytest.mark.parametrize("asked, expected", [
    ("ok makasih, jadi saya datang senin ya?", ("Sama-sama", "tidak bisa membuat janji",
                                                "Jam layanan", "di percakapan ini")),
    ("ok thanks, so should I come on Monday?", ("You're welcome", "cannot book",
                                                "service hours", "in this chat")),
])
def test_coming_to_the_office_is_answered_after_filing(person, asked, expected):
    ticket = TICKET.search(walk(person.says, told(person))).group(0)
    answer = person.says(asked)
    assert all(part in answer for part in expected) and ticket in answer, answer
    assert "08" in answer, answer                      # the office's hours, from its config


# --- 4c. contact details at "who?" ----------------------------------------------------------------
@NO_NLU
@WHATSAPP
@pytest.mark.parametrize("said", ["081355554444", "email saya dewi.santoso@gmail.com"])
def test_contact_details_alone_at_who_are_not_the_answer(person, said):
    until(person, told(person), "Siapa atau unit")
    answer = person.says(said)
    state = person.state()
    assert state.state == "who" and "who" not in state.data, state.data
    assert "di chat ini" in answer and "Siapa atau unit" in answer, answer


@NO_NLU
@WHATSAPP
def test_a_brokers_number_with_his_name_stays_the_answer(person):
    until(person, told(person), "Siapa atau unit")
    person.says("calo namanya Andi 081234567890")
    assert person.state().state != "who" and person.state().data.get("who"), \
        person.state().data
