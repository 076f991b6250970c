"""Found on the walk through a complaint's whole life (W24a, 2026-12-05), as the complainants
read it, over the real app (Telegram updates, signed Twilio webhooks):

1. after the outcome, John asked the officers a question at the rating question, then typed
   "4": it became a chat message ("your request is already with the officers") and no rating
   was recorded. A bare rating while the rating question waits is the rating, in the talk too;
2. "lewati" at the story's "add more, or reply *lanjut*" got an empty reply and was added to
   the story: it (and "skip", "tidak ada", …) now means nothing more, as "lanjut"; and the
   first bubble added to a story begun at the menu is acknowledged at once;
3. "not really satisfied, it took long" in a talk got no word at all: its delayed "✅ Passed
   on" was cancelled by the next message ("status"), which now says it;
4. "lumayan lah" as the rating got a curt "Nilai harus satu angka"; "5" then "kurang puas krn
   lama" was stored as 5 without a word. The scale is explained kindly; the 5 is asked about.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from storage.models import ContactRequest
from tests.support.telegram import OFFICER_CHAT, PETUGAS, TelegramUser, deliver, file_on_telegram
from tests.test_conversation_people import Person
from tests.test_officers import app, complaint, runtime, walk_to  # noqa: F401 - fixtures
from tests.test_rating import conversation

pytestmark = pytest.mark.timeout(300)
CITIZEN = 555_233


def says(user: TelegramUser, runtime, text: str) -> str:  # type: ignore[no-untyped-def]
    """What the bot answered at once on Telegram (its queued replies, joined)."""
    with runtime.store.unit() as unit:
        before = len(unit.outbox_items(kind="reply", address=str(user.chat_id)))
    assert user.send(text) == "complainant"
    with runtime.store.unit() as unit:
        return "\n---\n".join(i.body for i in unit.outbox_items(
            kind="reply", address=str(user.chat_id))[before:])


def rated_then_asked(app, runtime):  # type: ignore[no-untyped-def]
    """John: a complaint handled to step 9, and a question put at the rating question."""
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "rate"
    asked = says(citizen, runtime, "ok, so what should I do now?")
    assert "Your question about the outcome" in asked, asked
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "officer"
    return citizen, ticket


# --- 1. a bare rating in the talk ------------------------------------------------------------
@pytest.mark.parametrize("typed", ["4", "4/5", "bintang 4", "nilai 4"])
def test_a_bare_rating_typed_in_the_talk_is_the_rating(app, runtime, tg_server, typed):
    citizen, ticket = rated_then_asked(app, runtime)
    reply = says(citizen, runtime, typed)
    found = complaint(runtime, ticket)
    assert found.rating == 4 and found.rated_at is not None, reply
    assert found.events[-1].action == "rated" and found.events[-1].note == "Penilaian pelapor: 4/5"
    assert "rating of 4 out of 5" in reply and ticket in reply, reply
    assert "already with the officers" not in reply, reply
    # the talk stays open: what they write next still reaches the officers
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "officer"
    with runtime.store.unit() as unit:
        [talk] = unit.session.scalars(select(ContactRequest)).all()
    assert talk.status == "open"
    says(citizen, runtime, "thank you, I will ask my sponsor then")
    deliver(runtime)
    assert any("ask my sponsor" in t for t in tg_server.sent_texts(OFFICER_CHAT))
    # once only: a second "5" is no second rating
    says(citizen, runtime, "5")
    assert complaint(runtime, ticket).rating == 4


@pytest.mark.parametrize("typed", ["4 hari", "123456", "4.000"])
def test_a_number_that_is_something_else_is_never_the_rating(app, runtime, typed):
    citizen, ticket = rated_then_asked(app, runtime)
    says(citizen, runtime, typed)
    assert complaint(runtime, ticket).rating is None
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "officer"


def test_after_an_officers_answer_a_bare_number_may_answer_them(app, runtime, tg_server):
    citizen, ticket = rated_then_asked(app, runtime)
    with runtime.store.unit() as unit:
        asked = unit.outbox_items(kind="reply", address=str(CITIZEN))[-1].body
    code = re.search(r"\*([PT]-\d+)\*", asked).group(1)     # T-: filed anonymously
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                         chat_type="supergroup")
    assert group.send(f"/pesan {code} Berapa hari Anda menunggu surat sponsor?") == "officer"
    says(citizen, runtime, "4")
    assert complaint(runtime, ticket).rating is None      # an answer to the officer
    says(citizen, runtime, f"rate {ticket} 4")            # the rating, in so many words
    assert complaint(runtime, ticket).rating == 4


# --- 2. "lewati" at the story's prompt, and the first bubble added ---------------------------
STORY = "paspor saya belum jadi 3 minggu, petugas loket cuek"


@pytest.fixture
def budi(make_app, sqlite_url, tg_server, tw_server) -> Person:  # type: ignore[no-untyped-def]
    from tests.support.telegram import channel_env
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    return Person(app, runtime, "whatsapp")


@pytest.mark.parametrize("typed", ["lewati", "skip", "tidak ada", "gak ada", "udah itu aja",
                                   "cukup"])
def test_nothing_more_at_the_story_prompt_goes_on(budi: Person, typed):
    budi.says("halo")
    assert "awal pengaduan" in budi.says(STORY)
    reply = budi.says(typed)
    assert reply, "never an empty reply"
    assert "Pengaduan Anda tentang apa" in reply or "tampaknya tentang" in reply, reply
    assert budi.state().data["story"] == [STORY]


def test_the_first_bubble_added_to_a_story_begun_at_the_menu_is_acknowledged(budi: Person):
    budi.says("halo")
    assert "awal pengaduan" in budi.says(STORY)
    added = budi.says("sudah 2 kali saya tanya tapi tidak dijawab")
    assert "Ditambahkan ke cerita" in added and "*lanjut*" in added, added
    # once: the next bubbles are collected quietly, acknowledged when they stop
    assert budi.says("antriannya juga panjang sekali") == ""
    assert budi.pause() == "Sudah semua? Balas *lanjut*, atau tambahkan cerita."
    assert budi.state().data["story"] == [STORY, "sudah 2 kali saya tanya tapi tidak dijawab",
                                          "antriannya juga panjang sekali"]


# --- 3. no message in a talk left without a word ---------------------------------------------
def test_a_relayed_message_whose_ack_a_status_cancelled_is_acknowledged(budi: Person):
    budi.says("halo")
    code = budi.says("Bicara dengan petugas").split("*T-")[1].split("*")[0]
    assert budi.says("kurang puas, prosesnya lama sekali") == ""      # the ack waits...
    answered = budi.says("status")                                   # ...and is cancelled
    assert answered.startswith(
        f"✅ Pesan Anda sebelumnya sudah diteruskan ke petugas (*T-{code}*)"), answered
    assert budi.pause() == ""                                       # nothing left pending
    # said once: a next status has nothing more to acknowledge
    assert "sebelumnya sudah diteruskan" not in budi.says("status")


def test_an_acknowledgement_already_seen_is_not_said_again(budi: Person, clock):
    budi.says("halo")
    budi.says("Bicara dengan petugas")
    assert budi.says("kurang puas, prosesnya lama sekali") == ""
    clock.advance(seconds=budi.runtime.config.office_config.conversation.bubble_quiet_seconds + 1)
    deliver(budi.runtime)                                       # "✅ Diteruskan" went out
    assert "sebelumnya sudah diteruskan" not in budi.says("status")


# --- 4. the rating in words, and a 5 that the comment contradicts ------------------------------
def at_rating(app, runtime):  # type: ignore[no-untyped-def]
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    return citizen, ticket


def test_a_rating_in_words_gets_the_scale_kindly(app, runtime):
    citizen, ticket = at_rating(app, runtime)
    reply = says(citizen, runtime, "lumayan lah")
    assert "Nilai harus satu angka" not in reply, reply
    assert "Terima kasih" in reply and "3 cukup" in reply and "5 sangat baik" in reply, reply
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "rate"
    assert complaint(runtime, ticket).rating is None
    says(citizen, runtime, "3")
    assert complaint(runtime, ticket).rating == 3


def test_a_top_rating_with_a_displeased_comment_is_asked_about_once(app, runtime):
    citizen, ticket = at_rating(app, runtime)
    says(citizen, runtime, "5")
    asked = says(citizen, runtime, "kurang puas krn lama")
    assert "Nilai 5 tetap dicatat?" in asked and "angka lain" in asked, asked
    found = complaint(runtime, ticket)
    assert (found.rating, found.rating_comment) == (5, "kurang puas krn lama")
    changed = says(citizen, runtime, "3")
    assert "diubah menjadi 3 dari 5" in changed or "ubah menjadi 3 dari 5" in changed, changed
    found = complaint(runtime, ticket)
    assert found.rating == 3 and found.rating_comment == "kurang puas krn lama"
    assert found.events[-1].note == "Penilaian pelapor diubah: 5/5 menjadi 3/5"
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "menu"


def test_a_top_rating_kept_when_confirmed(app, runtime):
    citizen, ticket = at_rating(app, runtime)
    asked = says(citizen, runtime, "5 tapi kurang puas krn lama")
    assert "Nilai 5 tetap dicatat?" in asked, asked
    assert "Terima kasih" in says(citizen, runtime, "ya")
    assert complaint(runtime, ticket).rating == 5
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "menu"


def test_a_top_rating_with_praise_is_not_questioned(app, runtime):
    citizen, ticket = at_rating(app, runtime)
    says(citizen, runtime, "5")
    thanks = says(citizen, runtime, "petugasnya ramah, tidak lama")
    assert "tetap dicatat" not in thanks and "sudah kami catat" in thanks, thanks
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "menu"


def test_johns_walk_rating_then_a_complaint_in_the_talk(app, runtime):
    """The walker's sequence on Telegram, in English: every message gets a word."""
    citizen, ticket = rated_then_asked(app, runtime)
    assert "rating of 4 out of 5" in says(citizen, runtime, "4")
    assert says(citizen, runtime, "not really satisfied, it took long") == ""   # ack waits
    status = says(citizen, runtime, "status")
    assert status.startswith("✅ Your previous message was passed on to the officers"), status
    assert ticket in status
    assert complaint(runtime, ticket).rating == 4
