"""What the web chat walker (W35) met in the shared conversation (helper C29), over the real app
(signed Twilio webhooks), with the real Rasa model where the type's proposal needs it:

1. "kemarin" in a story told on 1 Dec, confirmed at "when?" on 2 Dec, was stored as 1 Dec: it
   counts from the day the story was told (30 Nov), and the question names that date;
2. "pake nama aja, Rina Wulandari" at the identity question got "Tuliskan nama Anda.": the name
   given with the choice is taken;
3. a question after thanks ("thanks. Has an officer replied?") got "You're welcome": answered;
4. after a status check with ticket and PIN from another number, "ada balasan dari petugas?"
   asked for a ticket again: the ticket opened with its PIN is what follow-ups are about;
5. "Layanan paspor" (the proposed type, named) and "lanjut" at "tampaknya tentang *Layanan
   paspor*. Benar?" were refused: they are a yes, and another type named is that type;
6. "Hello, I want to report a problem" opened the story the officers read: a bare wish is
   never a line of it.
"""
from __future__ import annotations

import re

import pytest

from tests.support.intake import TICKET, answer_to
from tests.support.telegram import channel_env
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
WHATSAPP = pytest.mark.parametrize("person", ["whatsapp"], indirect=True)
PIN = re.compile(r"PIN:?\s*\*?(\d{6})")
STORY = "Kemarin saya urus paspor anak, petugas bilang berkas kurang padahal sudah lengkap"


def until(person: Person, question: str, fragment: str, answers: dict[str, str] | None = None,
          limit: int = 12) -> str:
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


def filed(person: Person, story: str) -> tuple[str, str]:
    """A complaint filed anonymously; its ticket and PIN."""
    question = told(person, story)
    for _ in range(20):
        ticket, pin = TICKET.search(question), PIN.search(question)
        if ticket and pin:
            return ticket.group(0), pin.group(1)
        question = person.says(answer_to(question))
    raise AssertionError(f"no ticket; last:\n{question}")


# --- 1. "kemarin" counts from the day the story was told ----------------------------------------
@NO_NLU
@WHATSAPP
def test_yesterday_in_a_story_told_the_day_before_is_the_day_before_that(person, clock):
    question = told(person)                              # Tuesday 1 Dec 2026, 10:00 WITA
    clock.advance(hours=30)                              # Wednesday 2 Dec, 16:00
    question = person.says("lanjutkan")
    if "Lanjutkan" in question:
        question = person.says("Lanjutkan")
    asked = until(person, question, "Kapan kejadiannya", {"Kapan kejadiannya": "-"})
    assert "30 Nov 2026" in asked and "*Kemarin*" not in asked, asked
    person.says("ya")
    data = person.state().data
    assert data["when_date"] == "2026-11-30", data


@NO_NLU
@WHATSAPP
def test_yesterday_told_and_confirmed_the_same_day_is_still_yesterday(person, clock):
    asked = until(person, told(person), "Kapan kejadiannya", {"Kapan kejadiannya": "-"})
    assert "*Kemarin*" in asked, asked
    person.says("ya")
    data = person.state().data
    assert (data["when_date"], data["when_label"]) == ("2026-11-30", "yesterday"), data


# --- 2. the name given with the choice to be named ------------------------------------------------
@NO_NLU
@WHATSAPP
def test_a_name_given_with_the_choice_is_taken(person):
    asked = until(person, told(person), "identitas Anda dicatat")
    reply = person.says("pake nama aja, Rina Wulandari")
    assert "Tuliskan nama Anda" not in reply, reply
    assert person.state().data["name"] == "Rina Wulandari"
    assert "Rina Wulandari" in reply, reply              # the summary shows it
    assert asked


# --- 3 and 4. a ticket opened with its PIN, and a question after thanks ---------------------------
@pytest.fixture
def opened(make_app, sqlite_url, tg_server,  # type: ignore[no-untyped-def]
           tw_server) -> tuple[Person, str]:
    """Someone who checked a complaint filed from another number, with its ticket and PIN."""
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    owner = Person(app, runtime, "whatsapp")
    ticket, pin = filed(owner, "paspor anak saya sudah 3 minggu belum jadi padahal sudah "
                               "wawancara di kantor")
    other = Person(app, runtime, "whatsapp")
    other.phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281299990001")
    other.address = other.phone.number
    other.says(f"cek status {ticket}")
    shown = other.says(pin)
    assert ticket in shown, shown
    return other, ticket


def test_a_follow_up_question_is_about_the_ticket_just_opened(opened):
    other, ticket = opened
    reply = other.says("ada balasan dari petugas?")
    assert ticket in reply and "Belum ada pengaduan" not in reply, reply
    assert "PIN" not in reply, reply                     # never asked again


def test_a_question_after_thanks_is_answered(opened):
    other, ticket = opened
    reply = other.says("thanks. Has an officer replied?")
    assert "welcome" not in reply.lower() and "Sama-sama" not in reply, reply
    assert ticket in reply, reply


# --- 5. the proposed type named, or "lanjut", is a yes -------------------------------------------
@pytest.mark.parametrize("nlu", ["rasa"], indirect=True)
@WHATSAPP
@pytest.mark.parametrize("answer", ["Layanan paspor", "lanjut"])
def test_naming_the_proposed_type_or_going_on_accepts_it(person, answer):
    question = told(person, "paspor anak saya sudah 3 minggu belum jadi padahal sudah "
                            "wawancara dan bayar")
    assert "tampaknya tentang *Layanan paspor*" in question, question
    reply = person.says(answer)
    assert "belum mengerti" not in reply and "Pilih salah satu" not in reply, reply
    data = person.state().data
    assert (data["type"], data["type_source"]) == ("paspor", "nlu"), data


@pytest.mark.parametrize("nlu", ["rasa"], indirect=True)
@WHATSAPP
def test_naming_another_type_at_the_proposal_takes_that_type(person):
    question = told(person, "paspor anak saya sudah 3 minggu belum jadi padahal sudah "
                            "wawancara dan bayar")
    assert "tampaknya tentang" in question, question
    person.says("Sarana dan prasarana kantor")
    data = person.state().data
    assert (data["type"], data["type_source"]) == ("sarana_prasarana", "complainant"), data


# --- 6. a bare wish to complain opens no story --------------------------------------------------
@NO_NLU
@WHATSAPP
@pytest.mark.parametrize("wish", ["Hello, I want to report a problem",
                                  "halo min saya mau mengadukan masalah"])
def test_a_bare_wish_to_complain_is_not_the_storys_first_line(person, wish):
    person.says(wish)
    person.says("paspor saya sudah 3 minggu belum jadi")
    person.says("lanjut")
    assert person.state().data["story"] == ["paspor saya sudah 3 minggu belum jadi"]
