"""Found on a complainants' walk (W40), after the rating:

1. the rating typed again right after it was recorded ("5", once more) got "Maaf, saya belum
   mengerti" and the menu: it is told the rating is recorded (the menu's "1" is still its own);
2. a rating's comment telling of an officer's conduct reached the leaders as "Pelapor TRK-A,
   TRK-B (R-1) mengirim keterangan atau bukti tambahan untuk pengaduannya": it says it is the
   comment of a 2/5 rating, and names the one complaint rated.
"""
from __future__ import annotations

import pytest

from tests.support.telegram import KASI, OFFICER_CHAT, TelegramUser, deliver, file_on_telegram
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401
from tests.test_rating import CITIZEN, conversation

pytestmark = pytest.mark.timeout(180)


def rated_five_with_a_comment(app, runtime, tg_server):  # type: ignore[no-untyped-def]
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    for said in ("5", "cepat dan ramah"):
        citizen.send(said)
    deliver(runtime)
    assert "sudah kami catat" in tg_server.sent_texts(CITIZEN)[-1]
    return citizen, ticket


@pytest.mark.parametrize("again", ["5", "bintang 5"])
def test_the_rating_typed_again_is_told_it_is_recorded(app, runtime, tg_server, again):
    citizen, ticket = rated_five_with_a_comment(app, runtime, tg_server)
    citizen.send(again)
    deliver(runtime)
    answer = tg_server.sent_texts(CITIZEN)[-1]
    assert "sudah Anda nilai" in answer and ticket in answer, answer
    assert "belum mengerti" not in answer, answer
    rated = complaint(runtime, ticket)
    assert (rated.rating, rated.rating_comment) == (5, "cepat dan ramah")


def test_the_menus_one_after_a_rating_of_one_is_still_a_complaint(app, runtime, tg_server):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    for said in ("1", "lewati", "1"):
        citizen.send(said)
    deliver(runtime)
    assert "Ceritakan apa yang terjadi" in tg_server.sent_texts(CITIZEN)[-1]
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "describe"


COMMENT = ("2 pelayanannya lambat sekali dan petugas loket tidak ramah, membentak saya waktu "
           "bertanya, tolong diperbaiki ke depannya")


def test_a_rating_comment_reaches_the_leaders_as_that_ratings_comment(app, runtime, tg_server):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    other = file_on_telegram(citizen, runtime, story="Antrian loket paspor kacau, tidak ada "
                                                     "nomor antrian dan lama sekali")
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    citizen.send(COMMENT)
    deliver(runtime)
    rated = complaint(runtime, ticket)
    assert rated.rating == 2
    notice = next(text for text in tg_server.sent_texts(KASI) if "Pelapor" in text
                  and "Kanal" in text)
    assert "2/5" in notice and ticket in notice and other not in notice, notice
    assert "keterangan atau bukti tambahan" not in notice, notice
    assert "tidak ramah" in "\n".join(tg_server.sent_texts(KASI))
    assert "tidak ramah" not in "\n".join(tg_server.sent_texts(OFFICER_CHAT))
