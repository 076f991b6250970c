""""petugas" alone at the type question (lead, after helper C30): since a bare "petugas" opens
a talk with the officers at every question of the form, it also did at "Pengaduan Anda tentang
apa?", whose list shows "Sikap atau perilaku petugas", the type a person answering "petugas"
there means. One word at the type question picks the type it names; a request in more words
("minta cs", "talk to an officer") still opens the talk."""
from __future__ import annotations

import pytest

from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
WHATSAPP = pytest.mark.parametrize("person", ["whatsapp"], indirect=True)
STORY = "Saya dibentak di loket tiga waktu menyerahkan berkas, tidak dijelaskan apa yang kurang"


def at_the_type_question(person: Person) -> str:
    person.says("mau lapor")
    person.says(STORY)
    question = person.says("lanjut")
    assert "Pengaduan Anda tentang apa" in question, question
    return question


@NO_NLU
@WHATSAPP
@pytest.mark.parametrize("said", ["petugas", "Petugas", "officer"])
def test_one_word_at_the_type_question_picks_the_officers_conduct(person, said):
    at_the_type_question(person)
    answer = person.says(said)
    state = person.state()
    assert state.state != "officer", answer
    assert state.data.get("type") == "perilaku_petugas", state.data


@NO_NLU
@WHATSAPP
@pytest.mark.parametrize("said", ["minta cs", "talk to an officer"])
def test_a_request_in_words_at_the_type_question_opens_the_talk(person, said):
    at_the_type_question(person)
    answer = person.says(said)
    assert person.state().state == "officer", answer
    assert not person.complaints()
