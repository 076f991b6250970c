"""C42: "keep your 5?" answered with a number outside 1..5 ("7") appended the "7" to the
rating's comment. It is refused kindly and the question asked again, the comment untouched;
another rating in 1..5, dressed as people write it ("4 saja"), still changes it."""
from __future__ import annotations

import pytest

from tests.support.telegram import TelegramUser, file_on_telegram
from tests.test_conversation_walk_s23c import CITIZEN, says
from tests.test_officers import app, complaint, runtime, walk_to  # noqa: F401 - fixtures
from tests.test_rating import conversation

pytestmark = pytest.mark.timeout(300)


def asked_to_keep(app, runtime, comment: str):  # type: ignore[no-untyped-def]
    """A 5 with a displeased comment: "keep your 5?" is waiting."""
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    says(citizen, runtime, "5")
    says(citizen, runtime, comment)
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "rate_comment"
    return citizen, ticket


@pytest.mark.parametrize("typed", ["7", "0", "10", "6", "-1"])
def test_a_number_outside_the_scale_is_refused_and_asked_again(app, runtime, typed):
    citizen, ticket = asked_to_keep(app, runtime, "kurang puas krn lama")
    reply = says(citizen, runtime, typed)
    assert "1 sampai 5" in reply and "Nilai *5* tetap dicatat?" in reply, reply
    found = complaint(runtime, ticket)
    assert (found.rating, found.rating_comment) == (5, "kurang puas krn lama")
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "rate_comment"
    # the question still waits: a rating now changes the 5
    assert "menjadi 3 dari 5" in says(citizen, runtime, "3")
    found = complaint(runtime, ticket)
    assert (found.rating, found.rating_comment) == (3, "kurang puas krn lama")
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "menu"


def test_the_refusal_is_in_english_for_who_writes_english(app, runtime):
    citizen, ticket = asked_to_keep(app, runtime, "not really satisfied, it took long")
    reply = says(citizen, runtime, "7")
    assert "from 1 to 5" in reply and "Should we keep *5*?" in reply, reply
    assert complaint(runtime, ticket).rating_comment == "not really satisfied, it took long"


@pytest.mark.parametrize(("typed", "value"), [("5 bintang", 5), ("4 saja", 4)])
def test_a_rating_on_the_scale_still_answers(app, runtime, typed, value):
    citizen, ticket = asked_to_keep(app, runtime, "kurang puas krn lama")
    reply = says(citizen, runtime, typed)
    assert "Terima kasih" in reply and "1 sampai 5" not in reply, reply
    found = complaint(runtime, ticket)
    assert (found.rating, found.rating_comment) == (value, "kurang puas krn lama")
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "menu"
