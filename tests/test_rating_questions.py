"""A question at the rating question (a walk over real HTTP, 2026-12-04).

Right after step 9's outcome ("your passport is ready for collection at counter 2"), the
English complainant asked "what does that mean? can I pick it up tomorrow?" and was told "The
rating must be one number from 1 to 5": the question reached no one. A question about the
outcome now goes to the officers (a request whose heading says so, its words relayed), the
person is told so, and the rating can still come later. A rating with a question as its
comment ("4, kok lama sekali?") stays a rating."""
from __future__ import annotations

import pytest

from tests.support.telegram import OFFICER_CHAT, TelegramUser, deliver, file_on_telegram
from tests.test_officers import app, complaint, runtime, walk_to  # noqa: F401
from tests.test_rating import conversation

pytestmark = pytest.mark.timeout(120)
CITIZEN = 555_031


@pytest.mark.parametrize("said, told", [
    ("what does that mean? can I pick it up tomorrow?", "Your question about the outcome"),
    ("jadi paspor sy bisa diambil kapan ya?", "Pertanyaan Anda tentang hasil pengaduan"),
    ("what does 5 working days mean here?", "Your question about the outcome"),
])
def test_a_question_about_the_outcome_reaches_the_officers(app, runtime, tg_server, said, told):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "rate"
    assert citizen.send(said) == "complainant"
    deliver(runtime)
    answer = tg_server.sent_texts(CITIZEN)[-1]
    assert told in answer and ticket in answer, answer
    assert "1 to 5 (for example" not in answer and "satu angka" not in answer, answer
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "officer"
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    assert "❓ Pelapor bertanya tentang hasil pengaduannya" in group, group
    assert said in group
    found = complaint(runtime, ticket)
    assert found.rating is None                             # "5" in the question is no rating
    assert any("bertanya tentang hasil pengaduan" in (e.note or "") for e in found.events)
    citizen.send("selesai")
    citizen.send(f"nilai {ticket} 4")                       # the rating, later
    assert complaint(runtime, ticket).rating == 4


def test_a_rating_with_a_question_for_comment_is_a_rating(app, runtime, tg_server):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    assert citizen.send("4, kok lama sekali prosesnya?") == "complainant"
    found = complaint(runtime, ticket)
    assert found.rating == 4 and "kok lama sekali" in (found.rating_comment or "")
    assert conversation(runtime, "telegram", str(CITIZEN)).state != "officer"
