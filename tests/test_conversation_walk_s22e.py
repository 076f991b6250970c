"""Found on the citizens' walk W23 (SMS mother, slang youth, WhatsApp driver, Telegram
retiree), at the draft's questions:

1. the second unclear answer at "when?", "where?" or "who?" was stored: a name as the time
   ("Siti Aminah", "REZA"), a wish to report again ("MIN GW MAU LAPOR LG") as the place or the
   person reported, more of the story as the person reported (which the group alert shows).
   None of these is ever stored: the story joins the story, the wish is answered;
2. "URGENT" at the review got the same plea text and the whole summary each time: the plea
   answer once, then a shorter text with the choices on one line;
3. "jadi gimana bu?" ("so what now?") got the passport requirements mid-draft and the
   information menu after filing: mid-draft what the complaint still needs, after filing its
   status;
4. Malay "ok sambung balik borang tadi" ("back to the form") in a talk with the officers was
   relayed to them: like "lanjut", it resumes the draft.
"""
from __future__ import annotations

import pytest

from sqlalchemy import select

from storage.models import ContactRelay
from tests.support.intake import TICKET, walk
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_walk_s22a import (ANSWERS, KITAS_EN, STORY_ID, at_review,  # noqa: F401
                                               data, reach, sms)

pytestmark = pytest.mark.timeout(300)

MORE_STORY = "PASPOR GW BLM JD UDH 2 MINGGU, KATANYA SERVER RUSAK"
AGAIN = "MIN GW MAU LAPOR LG"


# --- 1. an answer that is clearly not of the kind asked ----------------------------------------
@pytest.mark.parametrize("name", ["Siti Aminah", "REZA"])
def test_a_name_at_when_is_never_the_time(sms: Person, name):
    reach(sms, "Kapan kejadiannya")
    replies = [sms.says(name) for _ in range(3)]
    for reply in replies:
        assert sms.state().state == "when", reply
        assert data(sms).get("when_text") is None, (name, data(sms))
    assert "nama" in replies[1] and "Kapan kejadiannya" in replies[1], replies[1]
    assert "batal" in replies[2] and "petugas" in replies[2], replies[2]     # the way out
    sms.says("kemarin")
    assert sms.state().state == "where" and data(sms)["when_text"] == "Kemarin"


@pytest.mark.parametrize("fragment, state, key", [
    ("Kapan kejadiannya", "when", "when_text"),
    ("Di mana kejadiannya", "where", "place_detail"),
    ("Siapa atau unit", "who", "who"),
])
def test_a_wish_to_report_again_is_answered_never_stored(sms: Person, fragment, state, key):
    reach(sms, fragment)
    for _ in range(2):
        reply = sms.says(AGAIN)
        assert sms.state().state == state, reply
        assert data(sms).get(key) is None, data(sms)
        assert "belum terkirim" in reply and "mengadu lagi" in reply, reply
        assert fragment in reply, reply
    assert AGAIN not in " ".join(data(sms).get("story", []))


def test_a_wish_to_report_again_at_tempat_lain_is_not_the_place(sms: Person):
    reach(sms, "Di mana kejadiannya")
    sms.says("4")
    assert sms.state().state == "where_other"
    for _ in range(2):
        reply = sms.says(AGAIN)
        assert sms.state().state == "where_other" and data(sms).get("place_detail") is None, reply
        assert "belum terkirim" in reply, reply


@pytest.mark.parametrize("fragment, state, key", [
    ("Di mana kejadiannya", "where", "place_detail"),
    ("Siapa atau unit", "who", "who"),
])
def test_more_story_at_where_or_who_joins_the_story(sms: Person, fragment, state, key):
    reach(sms, fragment)
    reply = sms.says(MORE_STORY)
    assert "Kami tambahkan ke cerita Anda" in reply and fragment in reply, reply
    assert sms.state().state == state and data(sms).get(key) is None, data(sms)
    assert data(sms)["story"][-1] == MORE_STORY
    sms.says(MORE_STORY)                   # sent again: not told twice, never the answer
    assert data(sms)["story"].count(MORE_STORY) == 1 and data(sms).get(key) is None


def test_a_filed_complaint_never_names_the_story_as_the_party(sms: Person):
    reach(sms, "Siapa atau unit")
    sms.says(MORE_STORY)
    sms.says(AGAIN)
    sms.says("petugas di loket 3")
    assert data(sms)["who"] == "petugas di loket 3"


def test_an_answer_that_names_an_officer_is_still_the_party(sms: Person):
    """A long answer naming an officer or a counter is the answer, as before."""
    reach(sms, "Siapa atau unit")
    sms.says("petugas perempuan di loket 3, katanya paspor saya belum jadi")
    assert data(sms)["who"].startswith("petugas perempuan di loket 3")


def test_more_story_in_english_at_who(person: Person):
    reach(person, "Who or which unit",
          story="My passport renewal is still not ready a month after the interview at the "
                "immigration office")
    reply = person.says("my passport is still not ready after two weeks, they said the "
                        "system is down")
    assert "Added to your story" in reply and "Who or which unit" in reply, reply
    assert data(person).get("who") is None


# --- 2. urgency at the review, again and again -------------------------------------------------
def test_urgent_again_at_the_review_gets_a_shorter_text(person: Person):
    at_review(person, KITAS_EN)
    replies = [person.says("URGENT") for _ in range(3)]
    assert "urgent" in replies[0] and "check your complaint" in replies[0], replies[0]
    for reply in replies[1:]:
        assert person.state().state == "confirm", reply
        assert "urgent" in reply and "officer" in reply, reply
        assert "check your complaint" not in reply and "Type:" not in reply, reply
        assert "Send" in reply, reply                   # the choices, in one line
        assert len(reply) < len(replies[0]) / 2, reply
    assert replies[1] != replies[2]                     # never the identical text twice running
    assert not person.complaints()
    assert TICKET.search(person.says("1"))


def test_urgent_again_at_the_review_in_indonesian(sms: Person):
    at_review(sms, STORY_ID)
    first = sms.says("darurat pak tolong")
    second = sms.says("darurat pak tolong")
    assert "Periksa pengaduan" in first, first
    assert "mendesak" in second and "petugas" in second, second
    assert "Periksa pengaduan" not in second and "Kirim pengaduan" in second, second


# --- 3. "so what now?" in the draft and after filing ------------------------------------------
@pytest.mark.parametrize("fragment", ["Ada bukti", "Kapan kejadiannya"])
def test_so_what_now_in_the_draft_says_what_is_still_needed(sms: Person, fragment):
    question = reach(sms, fragment)
    state = sms.state().state
    reply = sms.says("jadi gimana bu?")
    assert "belum terkirim" in reply and "Kirim pengaduan" in reply, reply
    assert "Paspor baru" not in reply and "M-Paspor" not in reply, reply
    assert question.splitlines()[0] in reply, reply
    assert sms.state().state == state


def test_so_what_now_after_filing_gives_the_status(sms: Person):
    reach(sms, "Kapan kejadiannya")
    done = walk(sms.says, sms.says("kemarin"), ANSWERS)
    ticket = TICKET.search(done).group(0)
    reply = sms.says("jadi gimana bu?")
    assert ticket in reply, reply
    assert "Informasi apa" not in reply and "Jam layanan" not in reply, reply


# --- 4. back to the form, in Malay or English, while talking to the officers -------------------
def relayed(person: Person) -> int:
    """How many of the person's messages were relayed to the officers."""
    with person.runtime.store.unit() as unit:
        return len(unit.session.scalars(select(ContactRelay)).all())


@pytest.mark.parametrize("back", ["ok sambung balik borang tadi", "sambung",
                                  "continue the form", "back to my complaint"])
def test_back_to_the_form_in_a_talk_resumes_the_draft(person: Person, back):
    reach(person, "Kapan kejadiannya")
    person.says("boleh saya cakap dengan pegawai?")
    assert person.state().state == "officer"
    before = relayed(person)
    reply = person.says(back)
    assert person.state().state == "when", reply
    assert "Kapan kejadiannya" in reply or "When did it happen" in reply, reply
    assert relayed(person) == before
