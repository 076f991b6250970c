"""A question the bot asked again because the answer could not be read (W42 #1): a complete
answer given as a reply to the first copy is recorded, not refused as superseded; a question
replaced by another choice (Benar, then Tidak benar) still refuses the first one's answer.

Through the real app (Telegram updates against the local stand-in) on the test databases."""
from __future__ import annotations

import pytest

from tests.support.telegram import SEKSI, TelegramUser, deliver, file_on_telegram
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(150)
CITIZEN = 555_312
LANTASKIM = SEKSI["lantaskim"]
COMPLETE = "BAP No. 12/2026 tgl 01-12-2026, petugas lalai"


def test_a_complete_answer_to_the_question_asked_again_is_recorded(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    section = officer(app, LANTASKIM, private=True)
    assert section.press(f"vd:{ticket}:reviewed:b") == "officer"
    deliver(runtime)
    first = tg_server.messages_in(LANTASKIM)[-1]
    assert section.reply("sudah diperiksa, petugas lalai", to=first) == "refused"
    deliver(runtime)
    assert "Nomor dan tanggal BAP belum terbaca" in tg_server.sent_texts(LANTASKIM)[-1]
    assert section.reply(COMPLETE, to=first) == "officer"
    deliver(runtime)
    assert "sudah diganti" not in " ".join(tg_server.sent_texts(LANTASKIM)[-2:])
    found = complaint(runtime, ticket)
    assert (found.stage, found.verdict) == ("examined", "benar")
    assert found.bap_number == "12/2026", found.bap_number


def test_a_question_replaced_by_another_choice_still_refuses_the_first(app, runtime, tg_server):
    """Benar, an unreadable answer (asked again), then Tidak benar: the Benar question's answer
    is refused, since the verdict last chosen is Tidak benar."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    walk_to(app, ticket, "reviewed")
    section = officer(app, LANTASKIM, private=True)
    assert section.press(f"vd:{ticket}:reviewed:b") == "officer"
    deliver(runtime)
    first = tg_server.messages_in(LANTASKIM)[-1]
    assert section.reply("sudah diperiksa", to=first) == "refused"
    assert section.press(f"vd:{ticket}:reviewed:t") == "officer"
    deliver(runtime)
    assert section.reply(COMPLETE, to=first) == "refused"
    deliver(runtime)
    assert "sudah diganti oleh pertanyaan yang lebih baru" in tg_server.sent_texts(LANTASKIM)[-1]
    found = complaint(runtime, ticket)
    assert (found.stage, found.verdict) == ("reviewed", None)
