"""Closing the loop: after step 9 the complainant rates the handling (1 to 5, with a comment)."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.conversation.rating import read_rating
from bot.notify import alert_slot
from storage.models import ConversationState
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver, file_on_telegram
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import (app, complaint, officer, report_step_nine,  # noqa: F401
                                 runtime, walk_to)

pytestmark = pytest.mark.timeout(120)
CITIZEN = 555_030


def conversation(runtime, channel: str, address: str) -> ConversationState:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.session.scalars(select(ConversationState).where(
            ConversationState.channel == channel, ConversationState.address == address)).one()


@pytest.mark.parametrize(("text", "value"), [
    ("4", 4), ("5/5", 5), ("bintang 3", 3), ("⭐⭐", 2), ("0", "range"), ("10", "range"),
    ("-1", "range"), ("⭐⭐⭐⭐⭐⭐", "range"), ("bagus", None)])
def test_reading_a_rating(text, value):
    assert read_rating(text) == value


def test_out_of_range_and_skip_the_comment(app, runtime, tg_server):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "rate"
    deliver(runtime)
    asked = tg_server.sent_messages(CITIZEN)[-1]
    keyboard = asked.params["reply_markup"]["keyboard"]
    assert [row[0]["text"] for row in keyboard] == ["1", "2", "3", "4", "5", "Lewati"]
    for said in ("0", "sangat bagus", "5", "lewati"):
        citizen.send(said)
    deliver(runtime)
    replies = tg_server.sent_texts(CITIZEN)[-4:]
    assert "1 sampai 5" in replies[0] and "1 sampai 5" in replies[1]
    assert "5 dari 5" in replies[2] and "sudah kami catat" in replies[3]
    rated = complaint(runtime, ticket)
    assert (rated.rating, rated.rating_comment) == (5, None) and rated.rated_at is not None
    assert rated.events[-1].action == "rated" and rated.events[-1].note == "Penilaian pelapor: 5/5"
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "menu"
    citizen.send(f"nilai {ticket} 1")                       # rated once only
    deliver(runtime)
    assert "sudah Anda nilai" in tg_server.sent_texts(CITIZEN)[-1]
    assert complaint(runtime, ticket).rating == 5


def test_in_english(app, runtime, tg_server, clock):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    for said in ("Hello, I need help please", "File a complaint",
                 "My passport has not been ready for three weeks although I paid", "Next",
                 "Passport services", "Skip", "Yesterday", "1", "Skip", "Next", "Skip",
                 "Anonymous", "Send"):
        citizen.send(said)
    with runtime.store.unit() as unit:
        ticket = unit.outbox_items(kind="reply")[-1].body.split("*")[1]
    # anonymous: the group acts on it from its alert's slot on (bot.desk.privacy.released)
    clock.now = alert_slot(runtime.config.office_config, clock())
    walk_to(app, ticket, "reported")
    citizen.send("7")
    citizen.send("3")
    citizen.send("Friendly staff")
    deliver(runtime)
    texts = tg_server.sent_texts(CITIZEN)
    assert "Please rate how complaint" in texts[-4] and "from 1 to 5" in texts[-3]
    assert "3 out of 5" in texts[-2]
    assert "your comment have been recorded" in texts[-1] and "register" in texts[-1]
    assert complaint(runtime, ticket).rating_comment == "Friendly staff"


def test_a_complainant_writing_a_new_complaint_is_not_interrupted(app, runtime, tg_server):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "signed")
    for said in ("Sampaikan pengaduan", "Loket pembayaran tutup lebih awal dari jadwal"):
        citizen.send(said)
    state = conversation(runtime, "telegram", str(CITIZEN)).state
    report_step_nine(app, PETUGAS, ticket, "terima kasih")     # step 9, in its two parts
    assert conversation(runtime, "telegram", str(CITIZEN)).state == state == "describe"
    deliver(runtime)
    assert f"nilai {ticket} 5" in tg_server.sent_texts(CITIZEN)[-1]
    citizen.send(f"nilai {ticket.lower()} 9")
    citizen.send(f"Nilai {ticket} 4 cepat dan jelas, terima kasih banyak kepada petugas loket")
    deliver(runtime)
    texts = tg_server.sent_texts(CITIZEN)
    assert "1 sampai 5" in texts[-2] and "sudah kami catat" in texts[-1]
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "describe"   # draft kept
    rated = complaint(runtime, ticket)
    assert (rated.rating, rated.rating_comment) == (
        4, "cepat dan jelas, terima kasih banyak kepada petugas loket")


def test_someone_else_cannot_rate(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reported")
    other = TelegramUser(app.test_client(), CITIZEN + 1)
    other.send(f"nilai {ticket} 1")
    deliver(runtime)
    assert any("pengaduan Anda sendiri" in t for t in tg_server.sent_texts(CITIZEN + 1))
    assert complaint(runtime, ticket).rating is None


def test_whatsapp_outside_the_window_gets_the_rating_template(app, runtime, tw_server, clock):
    from tests.test_conversation import file_complaint
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, _ = file_complaint(phone)
    walk_to(app, ticket, "signed")
    clock.advance(hours=30)
    walk_to(app, ticket, "reported", start="signed")
    deliver(runtime)
    outcome, question = tw_server.sent_messages()[-2:]
    spec = runtime.config.office_config.whatsapp_templates
    assert outcome.params["ContentSid"] == spec["status_update"].sid("id")
    assert question.params["ContentSid"] == spec["rating_request"].sid("id")
    assert json.loads(question.params["ContentVariables"])["1"] == ticket
    seen = len(tw_server.sent_messages())
    # the outcome the template left out goes first, then the answer to "5" behind it
    assert phone.says("5") == ""
    deliver(runtime)
    bodies = [m.params.get("Body", "") for m in tw_server.sent_messages()[seen:]]
    assert bodies[-1].startswith("Terima kasih atas nilai 5"), bodies
    assert len(bodies) == 2 and ticket in bodies[0], bodies
    assert complaint(runtime, ticket).rating == 5


def test_something_new_at_the_rating_question_is_answered(app, runtime, tg_server):
    """'sy mau lapor lagi soal calo' asked to rate: a new complaint begins, and the person is
    told how to rate later; praise in words is still asked for a number."""
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "rate"
    citizen.send("pelayanannya bagus sekali")
    deliver(runtime)
    assert "1 sampai 5" in tg_server.sent_texts(CITIZEN)[-1]
    citizen.send("min sy mau lapor lagi, ada calo di parkiran kantor minta 500rb")
    deliver(runtime)
    said = tg_server.sent_texts(CITIZEN)[-1]
    assert f"nilai {ticket} 5" in said and "Nilai harus satu angka" not in said
    assert "awal pengaduan" in said
    state = conversation(runtime, "telegram", str(CITIZEN))
    assert state.state == "describe" and "rate_ticket" not in state.data
    assert "calo di parkiran kantor" in state.data["story"][0]
    assert complaint(runtime, ticket).rating is None
    citizen.send(f"nilai {ticket} 4")                        # the rating, later
    deliver(runtime)
    assert complaint(runtime, ticket).rating == 4


@pytest.mark.parametrize("said, told", [
    ("paspor saya masih belum jadi pak", "belum terselesaikan"),
    ("saya tidak puas, petugasnya tetap kasar", "belum terselesaikan"),
    ("It is still not resolved, nobody called me", "has not been settled")])
def test_an_outcome_that_did_not_settle_it_reaches_the_officers(app, runtime, tg_server, said,
                                                                 told):
    """At the rating question, "paspor saya masih belum jadi" was told the rating must be a
    number from 1 to 5: the person's answer to the outcome reached no one. It now goes to the
    officers (a request whose heading says so) and the rating can still come later."""
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "rate"
    assert citizen.send(said) == "complainant"
    deliver(runtime)
    answer = tg_server.sent_texts(CITIZEN)[-1]
    assert told in answer and ticket in answer and "1 sampai 5" not in answer, answer
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "officer"
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    if "kasar" in said:            # about an officer's conduct: the leaders only read it
        assert said not in group and said in "\n".join(tg_server.sent_texts(KASI))
        # nor does the group read why: with the complaint's history it would say who reported
        # nor that a request was made (tests/test_privacy_s23c.py)
        assert "belum terselesaikan" not in group and "Pelapor meminta bicara" not in group
        assert "belum terselesaikan" in "\n".join(tg_server.sent_texts(KASI))
    else:
        assert "⚠️ Pelapor menyatakan pengaduannya belum terselesaikan" in group
        assert said in group
    assert complaint(runtime, ticket).rating is None
    citizen.send("selesai")
    citizen.send(f"nilai {ticket} 2")                       # the rating, later
    deliver(runtime)
    assert complaint(runtime, ticket).rating == 2


def test_a_levy_told_in_the_rating_comment_reaches_the_leaders_only(app, runtime, tg_server):
    """"Bagus, tapi petugas loket minta uang rokok" as the comment of a rating was kept as a
    comment: a new levy report buried in the register, acted on by no one. It now reaches Kasi
    Tikkim and the Kepala Kantor (not the group, where the officer concerned may read it) as a
    follow-up of the complaint; the rating and the comment are kept."""
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    said = "lumayan, tapi petugas loket 2 minta uang rokok waktu ambil paspor"
    for text in ("4", said):
        citizen.send(text)
    deliver(runtime)
    answer = " ".join(tg_server.sent_texts(CITIZEN)[-2:])
    assert "sudah kami teruskan" in answer and ticket in answer and "belum terselesaikan" \
        not in answer
    rated = complaint(runtime, ticket)
    assert (rated.rating, rated.rating_comment) == (4, said)
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "officer"
    assert said in "\n".join(tg_server.sent_texts(KASI))
    assert "uang rokok" not in "\n".join(tg_server.sent_texts(OFFICER_CHAT))


def test_a_levy_told_with_the_rating_command_reaches_the_leaders_only(app, runtime, tg_server):
    """`nilai TIKET 4 komentar` in one message stored the comment without the levy check the
    comment question makes: the report was kept in the register, acted on by no one."""
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    said = "petugas loket 2 minta uang rokok waktu ambil paspor"
    citizen.send(f"nilai {ticket} 4 {said}")
    deliver(runtime)
    answer = " ".join(tg_server.sent_texts(CITIZEN)[-2:])
    assert "sudah kami teruskan" in answer and ticket in answer
    rated = complaint(runtime, ticket)
    assert (rated.rating, rated.rating_comment) == (4, said)
    assert said in "\n".join(tg_server.sent_texts(KASI))
    assert "uang rokok" not in "\n".join(tg_server.sent_texts(OFFICER_CHAT))


def test_an_ordinary_comment_with_the_rating_command_is_only_thanked(app, runtime, tg_server):
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    citizen.send(f"nilai {ticket} 5 cepat dan ramah")
    deliver(runtime)
    rated = complaint(runtime, ticket)
    assert (rated.rating, rated.rating_comment) == (5, "cepat dan ramah")
    assert "sudah kami teruskan" not in " ".join(tg_server.sent_texts(CITIZEN)[-2:])
    assert "cepat dan ramah" not in "\n".join(tg_server.sent_texts(KASI))
