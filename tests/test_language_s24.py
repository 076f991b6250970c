"""One line of Indonesian, then "what do you mean?" and "ok" (walk W28, finding 5): the person
was carried on in English for good, though the README says a short question or an
acknowledgement in the other language never switches a conversation; only a sentence of content
does before the language is settled (`bot.conversation.language.settle`)."""
from __future__ import annotations

from sqlalchemy import select

from bot.conversation.language import settle
from storage.models import Complainant
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_walk_s24 import NO_NLU

STORY = "paspor saya sudah sebulan belum jadi padahal katanya seminggu"


def language(person: Person) -> str:
    with person.runtime.store.unit() as unit:
        return unit.session.scalars(select(Complainant).where(
            Complainant.address == person.address)).one().language


def test_a_short_question_or_ok_after_one_message_keeps_its_language() -> None:
    after_one = {"n": 1, "other": 0}
    assert settle("id", "en", "what do you mean?", after_one) == ("id", "en", after_one)
    assert settle("id", "en", "ok", after_one) == ("id", "id", after_one)
    # a sentence of content before the language is settled still switches it
    assert settle("id", "en", "I would like to report a problem with my passport",
                  after_one)[:2] == ("en", "en")
    # before any message of the person's own, whatever they write is theirs
    assert settle("id", "en", "hello?", None)[:2] == ("en", "en")


@NO_NLU
def test_one_indonesian_line_then_what_do_you_mean_and_ok_stays_indonesian(person):
    person.says(STORY)
    explained = person.says("what do you mean?")
    assert language(person) == "id", explained
    said = person.says("ok")
    assert language(person) == "id", said
