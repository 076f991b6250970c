"""A rating given after its comment, as people write it at the end of a short reply.

"mantap 5" and "pelayanan bagus, 5" at the rating question were met with the explanation of the
scale and its buttons, as if no number had been given: the person typed it again, or gave up.
A short reply that ends in its only number, after words that do not name or count something
("loket 5", "sudah 5", "jam 4"), is that rating, and the words before it are its comment.
"""
from __future__ import annotations

import pytest

from bot.conversation.rating import comment_with, given_rating
from tests.test_conversation_walk_s23c import says
from tests.test_conversation_walk_s24b import at_rating
from tests.test_officers import app, complaint, runtime  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)


@pytest.mark.parametrize("typed, value, comment", [
    ("mantap 5", 5, "mantap"), ("pelayanan bagus, 5", 5, "pelayanan bagus"),
    ("cukup cepat, nilai 4", 4, "cukup cepat"), ("great service, 5 stars", 5, "great service")])
def test_a_rating_after_its_comment_is_recorded_with_it(app, runtime, typed, value, comment):
    citizen, ticket = at_rating(app, runtime)
    answer = says(citizen, runtime, typed)
    assert f"{value} dari 5" in answer or f"{value} out of 5" in answer, answer
    assert "pilih satu angka" not in answer and "choose one number" not in answer, answer
    found = complaint(runtime, ticket)
    assert (found.rating, found.rating_comment) == (value, comment)


def test_a_short_reply_that_ends_in_a_number_that_names_something_rates_nothing(app, runtime):
    citizen, ticket = at_rating(app, runtime)
    answer = says(citizen, runtime, "tadi saya ke loket 5")
    assert "Terima kasih atas nilai" not in answer, answer
    assert complaint(runtime, ticket).rating is None


@pytest.mark.parametrize("typed", ["saya ke loket 5", "sudah 5", "jam 4", "sy nunggu 3",
                                   "kapan jadi 5?", "lama sekali 2 minggu", "antri 3",
                                   "ini 1 2 3"])
def test_a_number_that_counts_or_names_is_no_trailing_rating(typed):
    assert given_rating(typed) is None and comment_with(typed) is None


def test_thanks_before_the_number_is_no_comment():
    assert (given_rating("terima kasih 5"), comment_with("terima kasih 5")) == (5, None)
