"""Session 31, helper C31: SMS opt-out (Twilio's STOP/START), the rating request after it,
reopening a complaint, and what a person says at the evidence question or right after filing.

W41 (a citizen on plain SMS): STOP mid-intake got "Batalkan pengaduan ini?", which Twilio then
blocks; START ended an officers' talk the person never saw; the rating request given up during
the opt-out never went again; "hp sy jadul ga bisa kirim foto" became a line of the story; SMS
users were asked for photos. W40: "saya mau buka lagi pengaduan ini" began a new complaint.
W43: a photo right after filing was promised to the complaint and then asked about.

Through the real app (signed Twilio webhooks, Telegram updates)."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from storage.models import ConversationState
from tests.support.intake import TICKET, answer_to, walk
from tests.support.telegram import PETUGAS, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(300)

NUMBER = "+6281355500042"
STORY = "paspor sy udh 3 minggu blm jadi pdhl udh bayar, petugas loket bilang tunggu aja"
STOP = {"OptOutType": "STOP"}
START = {"OptOutType": "START"}
# no NLU here: the type is picked from the list
TYPE = {"Pengaduan Anda tentang apa": "1", "Sudah semua": "lanjut"}


@pytest.fixture
def phone(app, runtime):  # type: ignore[no-untyped-def]
    """A WhatsApp complainant of the app the officers use (`tests.test_officers.app`)."""
    return TwilioSender(app.test_client(), runtime.config.settings)


def _sms(app: Any, runtime: Any) -> TwilioSender:
    return TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER,
                        channel="sms", profile_name=None)


def _file(sender: TwilioSender, answers: dict[str, str] | None = None) -> str:
    reply = ""
    for said in ("menu", "1", STORY, "lanjut"):
        reply = sender.says(said)
    return TICKET.search(walk(sender.says, reply, {**TYPE, **(answers or {})})).group(0)


def _state(runtime: Any, address: str) -> str:
    with runtime.store.unit() as unit:
        return unit.session.scalars(select(ConversationState).where(
            ConversationState.address == address)).one().state


def _to_sms(tw_server: Any) -> list[str]:
    return [m.params.get("Body", "") for m in tw_server.sent_messages(to=NUMBER)]


# --- 1. Twilio's STOP and START ----------------------------------------------------------------
def test_stop_mid_intake_answers_nothing_and_start_says_the_draft_waits(app, runtime):
    """STOP with Twilio's OptOutType is no cancel: nothing is answered (Twilio confirms it, and
    blocks anything else), the draft is set aside whole; START says in one message that news
    comes again, that the draft waits ("lanjut") and that *batal*, not STOP, cancels."""
    sms = _sms(app, runtime)
    for said in ("menu", "1", STORY):
        sms.says(said)
    assert sms.say("STOP", **STOP) == []
    resumed = sms.say("START", **START)
    assert len(resumed) == 1, resumed
    assert "kembali menerima" in resumed[0] and "lanjut" in resumed[0], resumed
    assert "batal" in resumed[0] and "Batalkan pengaduan ini" not in resumed[0], resumed
    went_on = sms.says("lanjut")
    ticket = TICKET.search(walk(sms.says, went_on, TYPE)).group(0)
    assert "3 minggu blm jadi" in complaint(runtime, ticket).description


def test_stop_without_twilios_flag_is_still_a_cancel_word(app, runtime):
    """Only Twilio's own opt-out is read as one: a "stop" it did not flag (Advanced Opt-Out
    off, another channel) asks, as before, whether to cancel the draft."""
    sms = _sms(app, runtime)
    for said in ("menu", "1", STORY):
        sms.says(said)
    assert "Batalkan pengaduan ini" in sms.says("STOP")


def test_start_keeps_the_officers_talk_and_the_rating_request_goes_again(
        app, runtime, tw_server, tg_server):
    """After STOP, an officer's reply and the outcome with its rating request are refused by
    Twilio (21610). START does not end the talk the reply opened (no "tidak lagi diteruskan"),
    and the reply, the outcome and the rating request all go again."""
    sms = _sms(app, runtime)
    ticket = _file(sms)
    deliver(runtime)
    walk_to(app, ticket, "followed_up")
    deliver(runtime)
    assert sms.say("STOP", **STOP) == []
    tw_server.fail_next(400, 21610, times=100)
    officer(app, PETUGAS).send(f"/balas {ticket} Bapak, mohon bawa kuitansi ke loket 3 besok.")
    walk_to(app, ticket, "reported", start="followed_up")
    deliver(runtime)
    tw_server.clear()
    assert _state(runtime, NUMBER) == "officer"
    # the answer to START goes behind the news sent again, not inline ahead of it
    assert sms.says("START", **START) == ""
    assert _state(runtime, NUMBER) == "officer"
    deliver(runtime)
    sent = "\n".join(_to_sms(tw_server))
    assert "kuitansi ke loket 3" in sent, sent
    assert "kembali menerima" in sent and "tidak lagi diteruskan" not in sent, sent
    assert sent.index("kuitansi ke loket 3") < sent.index("kembali menerima"), sent
    assert f"nilai {ticket}" in sent, sent     # the rating request (rate.later in a talk)
    sms.says("5")                              # in the talk, a bare number is that rating
    assert complaint(runtime, ticket).rating == 5


def test_the_rating_request_goes_again_and_a_5_after_start_is_the_rating(
        app, runtime, tw_server, tg_server):
    """The rating request given up during an opt-out goes again when the person writes, and
    their "5" is read as the rating."""
    sms = _sms(app, runtime)
    ticket = _file(sms)
    deliver(runtime)
    walk_to(app, ticket, "followed_up")
    deliver(runtime)
    assert sms.say("STOP", **STOP) == []
    tw_server.fail_next(400, 21610, times=100)
    walk_to(app, ticket, "reported", start="followed_up")
    deliver(runtime)
    tw_server.clear()
    sms.says("START", **START)
    deliver(runtime)
    sent = "\n".join(_to_sms(tw_server))
    assert "Mohon nilai penanganan" in sent, sent
    sms.says("5")
    assert complaint(runtime, ticket).rating == 5


@pytest.mark.parametrize("said", ["stop kirim sms", "UNSUBSCRIBE", "tolong jangan kirim pesan lagi"])
def test_no_more_messages_asked_after_filing_on_whatsapp(phone, runtime, said):
    """Not Twilio's keywords on WhatsApp: the person is told updates keep coming for their
    ticket, and how to stop them there (never "Maaf, saya belum mengerti")."""
    ticket = _file(phone)
    answer = phone.says(said)
    assert ticket in answer and "tetap kami kirim" in answer and "blokir" in answer, answer


# --- 3. reopening ------------------------------------------------------------------------------
@pytest.mark.parametrize("said", ["saya mau buka lagi pengaduan ini",
                                  "pengaduan saya tolong dibuka kembali"])
def test_reopening_asks_whether_it_is_about_the_complaint(app, runtime, phone, said):
    """A wish to reopen, after the outcome, goes to that complaint's officers as an objection
    does ("Apakah pesan ini tentang pengaduan …?"), never a new intake."""
    ticket = _file(phone)
    deliver(runtime)
    walk_to(app, ticket, "reported")
    deliver(runtime)
    phone.says("lewati")
    answer = phone.says(said)
    assert f"Apakah pesan ini tentang pengaduan *{ticket}*" in answer, answer
    assert "Ceritakan apa yang terjadi" not in answer


def test_reopening_in_english_before_the_outcome_is_not_a_status(phone):
    ticket = _file(phone)
    answer = phone.says("can I reopen my complaint?")
    assert ticket in answer and ("Is this message about" in answer
                                 or "Apakah pesan ini" in answer), answer


# --- 4. the evidence question ------------------------------------------------------------------
def _to_evidence(sender: TwilioSender) -> str:
    reply = ""
    for said in ("menu", "1", STORY, "lanjut"):
        reply = sender.says(said)
    for _ in range(12):
        if "bukti" in reply.lower() and "lanjut" in reply:
            return reply
        reply = sender.says(answer_to(reply, TYPE))
    raise AssertionError(reply)


def test_sms_evidence_question_asks_in_words_and_cannot_send_is_no_story(app, runtime):
    sms = _sms(app, runtime)
    asked = _to_evidence(sms)
    assert "Kirim foto" not in asked and "SMS" in asked, asked
    answer = sms.says("hp sy jadul ga bisa kirim foto")
    assert "Tidak apa-apa" in answer and "tambahkan ke cerita" not in answer, answer
    ticket = TICKET.search(walk(sms.says, answer, TYPE)).group(0)
    assert "jadul" not in complaint(runtime, ticket).description


def test_whatsapp_evidence_question_still_asks_for_photos(phone):
    assert "Kirim foto" in _to_evidence(phone)


# --- 5. a photo right after filing -------------------------------------------------------------
def test_photo_with_caption_after_filing_is_not_promised_to_the_complaint(phone, tw_server):
    """Received, and asked about: the acknowledgement names no complaint the question doubts."""
    ticket = _file(phone)
    url = tw_server.add_media("p/toilet.jpg", b"\xff\xd8\xff\xe0 jpeg", "image/jpeg")
    bubbles = phone.say("foto toilet, dari Wahyudi Prasetyo hp 081377743031 ig @wahyu.pras",
                        media=[(url, "image/jpeg")])
    said = "\n".join(bubbles)
    assert f"Apakah pesan ini tentang pengaduan *{ticket}*" in said, said
    acknowledged = [b for b in bubbles if b.startswith("📎")]
    assert acknowledged and "pengaduan" not in acknowledged[0], bubbles


def test_a_complaint_rated_meanwhile_is_not_asked_again_after_start(
        app, runtime, tw_server, tg_server):
    """(lead) The rating request given up during an opt-out is not sent again once the
    complaint has its rating (given meanwhile by another way, e.g. with the status check)."""
    sms = _sms(app, runtime)
    ticket = _file(sms)
    deliver(runtime)
    walk_to(app, ticket, "followed_up")
    deliver(runtime)
    assert sms.say("STOP", **STOP) == []
    tw_server.fail_next(400, 21610, times=100)
    walk_to(app, ticket, "reported", start="followed_up")
    deliver(runtime)
    with runtime.store.unit() as unit:
        unit.complaint_by_ticket(ticket).rating = 4
    tw_server.clear()
    sms.says("START", **START)
    deliver(runtime)
    sent = "\n".join(_to_sms(tw_server))
    assert "Mohon nilai penanganan" not in sent and "Status" in sent, sent
