"""Findings of the seventh citizens' walk, part 2 (2026-12-04), on plain SMS, with and without
Rasa:

1. "T" (tidak), as SMS users answer Y/T, was "not understood" where "Y" is understood (the type's
   "Benar?", the evidence question): where "Y" means yes, "T" (and "N") means no;
2. "Sudah, itu saja cerita saya." joined the story and the pause nudge followed: a message that
   says the story is finished ends it like "lanjut"; "Ya, saya ingin mengadu." as the first
   story message repeats the wish, and the story is asked for;
3. a question about a service mid-story ("brp lama sih bikin paspor?") joined the story: it is
   answered (the information answer) and the story goes on;
4. thanks at the identity question of an unsent draft said only the question again: it says the
   complaint is not sent yet, then asks.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import ConversationState
from tests.support.intake import answer_to
from tests.support.telegram import channel_env
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_web_walk import reach

pytestmark = pytest.mark.timeout(300)

STORY = "paspor saya belum jadi padahal sudah sebulan dari wawancara"


@pytest.fixture
def sms(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A person on plain SMS (numbered options, no buttons)."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    person = Person(app, runtime, "whatsapp")
    person.phone = TwilioSender(app.test_client(), runtime.config.settings, channel="sms",
                                number="+6281355500029")
    person.address = person.phone.number
    return person


def story_told(person: Person) -> None:
    person.says("halo")
    person.says("1")
    person.says(STORY)
    assert person.state().state == "describe" and person.state().data["story"] == [STORY]


# --- 1. "T" where "Y" means yes -------------------------------------------------------------------
@pytest.mark.parametrize("word", ["T", "t", "N"])
def test_t_at_the_proposed_type_means_no_on_sms(sms: Person, word):
    story_told(sms)
    question = sms.says("lanjut")
    if "tampaknya tentang" not in question:
        # no proposal from the model: the proposal is put to the person as it would be
        with sms.runtime.store.unit() as unit:
            row = unit.session.scalars(select(ConversationState).where(
                ConversationState.address == sms.address)).one()
            row.state = "type_confirm"
            row.data = {**row.data, "proposal": "paspor"}
    reply = sms.says(word)
    assert "belum mengerti" not in reply and "Pengaduan Anda tentang apa" in reply, reply
    assert sms.state().state == "type_choose" and "type" not in sms.state().data


@pytest.mark.parametrize("word", ["T", "N"])
def test_t_at_the_evidence_question_means_none_on_sms(sms: Person, word):
    reach(sms, "Ada bukti")
    reply = sms.says(word)
    assert "belum mengerti" not in reply, reply
    assert sms.state().data.get("evidence_done") is True
    assert sms.state().state != "evidence"


# --- 2. the story said to be finished ---------------------------------------------------------
@pytest.mark.parametrize("ending", ["Sudah, itu saja cerita saya.", "itu saja",
                                    "sudah itu saja cerita saya", "that's all from me",
                                    "cukup", "Cukup, itu saja ceritanya"])
def test_a_story_said_finished_ends_it_and_is_not_added(sms: Person, ending):
    story_told(sms)
    reply = sms.says(ending)
    assert "Sudah semua?" not in reply and ("tampaknya tentang" in reply or
                                            "Pengaduan Anda tentang apa" in reply or
                                            "What is your complaint about" in reply or
                                            "seems to be about" in reply), reply
    data = sms.state().data
    assert data["story"] == [STORY], data
    assert sms.state().state in ("type_confirm", "type_choose")


def test_the_wish_to_complain_as_the_first_story_message_asks_for_the_story(sms: Person):
    sms.says("halo")
    sms.says("1")
    reply = sms.says("Ya, saya ingin mengadu.")
    assert "ceritakan apa yang terjadi" in reply.lower(), reply
    assert not sms.state().data.get("story"), sms.state().data
    assert sms.state().state == "describe"
    sms.says(STORY)
    assert sms.state().data["story"] == [STORY]


# --- 3. a question about a service during the story -----------------------------------------------
@pytest.mark.parametrize("question", ["oh iya emang biasanya brp lama sih bikin paspor?",
                                      "biaya bikin paspor berapa sih?"])
def test_a_service_question_mid_story_is_answered_and_not_added(sms: Person, question):
    story_told(sms)
    reply = sms.says(question)
    assert reply.strip(), "no reply"
    assert "Paspor" in reply or "paspor" in reply, reply
    assert "Sudah semua?" in reply, reply
    assert sms.state().data["story"] == [STORY] and sms.state().state == "describe"
    sms.says("petugasnya juga tidak memberi kabar")
    assert len(sms.state().data["story"]) == 2


def test_a_grievance_put_as_a_question_is_still_the_story(sms: Person):
    story_told(sms)
    sms.says("kenapa paspor saya belum jadi?")
    assert sms.state().data["story"] == [STORY, "kenapa paspor saya belum jadi?"]


# --- 4. thanks at the identity question of an unsent draft ------------------------------------
@pytest.mark.parametrize("thanks", ["terima kasih banyak, semoga cpt selesai", "makasih min"])
def test_thanks_at_the_identity_question_says_it_is_not_sent(sms: Person, thanks):
    reach(sms, "Bagaimana identitas Anda dicatat")
    reply = sms.says(thanks)
    assert "belum terkirim" in reply, reply
    assert reply.index("belum terkirim") < reply.index("Bagaimana identitas Anda dicatat"), reply
    assert sms.state().state == "identity" and "name" not in sms.state().data


def test_thanks_in_english_at_the_identity_question_says_it_is_not_sent(sms: Person):
    sms.says("hi, I want to make a complaint")
    sms.says("my passport is not ready after a month, nobody tells me why")
    question = sms.says("that's all")
    for _ in range(12):
        if "record your identity" in question:
            break
        question = sms.says(answer_to(question, {
            "What is your complaint about": "1", "seems to be about": "yes"}))
    assert "record your identity" in question, question
    reply = sms.says("thank you so much")
    assert "not been sent" in reply and "record your identity" in reply, reply


@pytest.mark.parametrize("word", ["T", "N"])
def test_t_at_the_cancel_question_keeps_the_draft_on_sms(sms: Person, word):
    reach(sms, "Ada bukti")
    sms.says("batal")
    assert sms.state().state == "cancel"
    reply = sms.says(word)
    assert "belum mengerti" not in reply and "Ada bukti" in reply, reply
    assert sms.state().state == "evidence" and sms.state().data["story"]
