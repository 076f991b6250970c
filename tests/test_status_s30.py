"""Found on a complainants' walk (W40), at the "which of your complaints?" list:

1. an objection or a wish to reopen ("saya keberatan dengan hasil pengaduan paspor saya …", "I
   don't agree with the result … I want this complaint reopened") was "not understood", or taken
   as a pick, and never reached an officer: it leaves the list and is asked about, as at the
   menu ("Apakah pesan ini tentang pengaduan …?"), for the complaint it names;
2. "yang pertama" and "1" picked different complaints of the list on screen: an ordinal counts
   the list's lines there (at the menu, "status yang pertama" is still the first filed);
3. "any update on my complaint?" and a word of one story ("yg suami") were "not understood",
   with the list as a run-on line: a status question shows the list again, a word of one story
   picks it, and what is not understood gets the list a line each.
"""
from __future__ import annotations

import re

import pytest

from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_walk_s19b import ABOUT, relays
from tests.test_conversation_walk_s19c import two

pytestmark = pytest.mark.timeout(300)

ABOUT_EN = "Is this message about"


def shown(reply: str, ticket: str) -> bool:
    """The status card of `ticket` is in the reply."""
    return f"Tiket *{ticket}*" in reply or f"Ticket *{ticket}*" in reply


# --- 1. an objection at the list ---------------------------------------------------------------
@pytest.mark.parametrize("said", [
    "saya keberatan dengan hasil pengaduan paspor saya karena paspor saya masih belum jadi "
    "sampai sekarang",
    "I don't agree with the result. My passport is still not ready, this is not solved at all. "
    "I want this complaint reopened please"])
def test_an_objection_at_the_list_reaches_the_officers_of_the_complaint_it_names(
        person: Person, clock, said):
    older, newer = two(person, clock)          # the passport complaint is the older one
    listed = person.says("status")
    assert older in listed and newer in listed, listed
    reply = person.says(said)
    assert ABOUT in reply or ABOUT_EN in reply, reply
    assert older in reply and newer not in reply and not shown(reply, older), reply
    assert not relays(person)
    reply = person.says("1")
    assert older in reply and "Ceritakan apa yang terjadi" not in reply, reply
    assert len(relays(person)) == 1


def test_a_wish_to_reopen_at_the_list_is_asked_about_the_complaint_last_moved_on(
        person: Person, clock):
    older, newer = two(person, clock)
    person.says("status")
    reply = person.says("saya mau buka lagi pengaduan ini")
    assert ABOUT in reply and newer in reply and older not in reply, reply
    assert "belum mengerti" not in reply, reply


# --- 2. an ordinal with the list on screen -----------------------------------------------------
@pytest.mark.parametrize("said, line", [
    ("yang pertama", 1), ("the first one", 1), ("1", 1), ("yang kedua", 2), ("2", 2)])
def test_an_ordinal_at_the_list_is_its_line(person: Person, clock, said, line):
    tickets = two(person, clock)
    listed = person.says("status")
    on_screen = sorted(tickets, key=listed.index)       # as the lines read, top down
    reply = person.says(said)
    assert shown(reply, on_screen[line - 1]), reply
    assert on_screen[2 - line] not in reply, reply


# --- 3. a status question, a story's word, and the list a line each ---------------------------
def lines_of(reply: str, *tickets: str) -> bool:
    """Each ticket begins a line of its own."""
    return all(re.search(rf"(?m)^\W*\d*\W*{t}\b", reply) for t in tickets)


@pytest.mark.parametrize("said", ["any update on my complaint?", "gimana status pengaduan saya?"])
def test_a_status_question_at_the_list_shows_the_list_again(person: Person, clock, said):
    older, newer = two(person, clock)
    person.says("status")
    reply = person.says(said)
    assert "belum mengerti" not in reply and "didn't get" not in reply, reply
    assert lines_of(reply, older, newer), reply


@pytest.mark.parametrize("said, which", [("yg suami", 1), ("yang sebulan itu", 0)])
def test_a_word_of_one_story_picks_it(person: Person, clock, said, which):
    tickets = two(person, clock)
    person.says("status")
    reply = person.says(said)
    assert shown(reply, tickets[which]) and tickets[1 - which] not in reply, reply


def test_what_is_not_understood_at_the_list_shows_it_a_line_each(person: Person, clock):
    older, newer = two(person, clock)
    person.says("status")
    reply = person.says("hmm entahlah")
    assert "belum mengerti" in reply, reply
    assert lines_of(reply, older, newer), reply
