""""When did it happen?" answered with something that says nothing about when (most likely the
answer to another question, typed a step late) is asked once more, then taken as written."""
from __future__ import annotations

import pytest

from bot.conversation import when
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)


def at_when(person: Person, lang: str = "id") -> str:
    """Walk to the question "when did it happen?" with a facilities complaint."""
    if lang == "en":
        person.says("hello")
        person.says("1")
        person.says("the air conditioning in the waiting room is broken and the toilets are dirty")
        person.says("next")
    else:
        person.says("halo")
        person.says("1")
        person.says("AC ruang tunggu mati dan toilet kotor sekali, bau sampai ke kursi antrian")
        person.says("lanjut")
    if person.state().state == "type_confirm":   # the model proposed a type: another one
        person.says("2")
    reply = person.says("8")                 # Sarana dan prasarana
    assert person.state().state == "when", reply
    return reply


def test_an_answer_that_names_no_time_is_asked_again_once(person: Person):
    at_when(person)
    again = person.says("paspor segera diterbitkan")
    assert "belum menangkap waktunya" in again and "minggu lalu" in again, again
    assert "Hari ini" in again and "Kemarin" in again            # the choices, again
    assert person.state().state == "when"
    person.says("dua minggu lalu pas antri pagi")
    data = person.state().data
    assert person.state().state == "where"
    assert data["when_detail"] == "dua minggu lalu pas antri pagi" and data["when_date"]
    assert "when_asked_again" not in data


def test_not_knowing_is_an_answer(person: Person):
    at_when(person)
    person.says("gak tau deh pokoknya")     # "I don't know" is an answer: not asked again
    assert person.state().state == "where"
    assert person.state().data["when_label"] == "unsure"


def test_asked_again_only_once_then_kept(person: Person):
    at_when(person)
    person.says("sudah saya ceritakan di atas")
    assert person.state().state == "when"
    person.says("yang penting diperbaiki")
    assert person.state().state == "where"
    assert person.state().data["when_text"] == "yang penting diperbaiki"


def test_english_too(person: Person):
    at_when(person, "en")
    again = person.says("please fix it soon")
    assert "I didn't catch when" in again and "last week" in again, again
    person.says("last week")
    assert person.state().state == "where"


@pytest.mark.parametrize("text", ["waktu antri", "pas mau ambil paspor", "sore", "awal bulan",
                                  "sejak lebaran", "12/11", "3 hari lalu", "minggu lalu",
                                  "while queueing", "early November", "senin kemarin",
                                  "lupa", "kelmarin petang"])
def test_answers_that_say_something_about_when_are_taken_at_once(text):
    assert when.names_time(text)


@pytest.mark.parametrize("text", ["paspor segera diterbitkan", "please fix it soon",
                                  "petugasnya ditegur", "yang penting diperbaiki"])
def test_answers_that_say_nothing_about_when(text):
    assert not when.names_time(text)


def test_a_date_typed_at_the_place_question_is_asked_again_once(person: Person):
    at_when(person)
    person.says("kemarin")
    assert person.state().state == "where"
    again = person.says("10 nov")
    assert "Itu waktunya. Di mana kejadiannya?" in again, again
    assert "Pelabuhan Malundung" in again                     # the choices, again
    assert person.state().state == "where"
    person.says("ruang tunggu lantai 2")
    data = person.state().data
    assert data["place"] == "other" and data["place_detail"] == "ruang tunggu lantai 2"
    assert "where_asked_again" not in data


@pytest.mark.parametrize("text", ["10 nov", "kemarin sore", "12/11", "last week", "senin"])
def test_only_a_time(text):
    assert when.only_time(text)


@pytest.mark.parametrize("text", ["loket 3", "di parkiran kantor", "ruang tunggu lantai 2",
                                  "pelabuhan malundung pagi", "counter 3", "Tawau"])
def test_places_are_not_times(text):
    assert not when.only_time(text)
