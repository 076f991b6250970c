"""English speakers end to end: foreigners in Tarakan, their sponsors, Malaysian and Filipino
workers, and Indonesians who write English.

Found by being them over real HTTP (`make web`, `make worker`, the Telegram and Twilio
stand-ins, the real Rasa server): each test plays what tripped them, through the real app.
"""
from __future__ import annotations

import re

import pytest

from tests.support.telegram import (OFFICER_CHAT, PETUGAS, TelegramUser, deliver,
                                    file_on_telegram)
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(300)
CITIZEN = 555_301
ENGLISH_STORY = ("I want to complain: my passport renewal has been pending for three weeks "
                 "without any news")


def group_officer(app, user_id: int) -> TelegramUser:  # type: ignore[no-untyped-def]
    return TelegramUser(app.test_client(), user_id, chat_id=OFFICER_CHAT, chat_type="supergroup")


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


# --- the complaint keeps the language it was filed in -------------------------------------------
def test_a_thank_you_in_indonesian_does_not_turn_an_english_complaint_indonesian(
        bot_app, tg_server):
    """Filed in English; the person then thanks the officer in Indonesian ("terima kasih banyak
    pak"). The officers were told to write English and do: the complainant's messages about
    the complaint stay English around it, never an Indonesian frame around English words."""
    app, runtime = bot_app
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime, story=ENGLISH_STORY,
                              answers={"What is your complaint about": "1"})
    deliver(runtime)
    citizen.send("terima kasih banyak pak")
    officer = group_officer(app, PETUGAS)
    officer.send(f"/lihat {ticket}")
    deliver(runtime)
    assert "Bahasa pelapor: Inggris" in plain(tg_server.sent_texts(OFFICER_CHAT)[-1])
    officer.send(f"/kabar {ticket} We have started examining your report.")
    officer.send(f"/tahap {ticket}")
    deliver(runtime)
    news, = [t for t in tg_server.sent_texts(CITIZEN) if "We have started" in t]
    assert plain(news).startswith("📋 News from the officers about complaint")
    assert "Kabar" not in news and "pengaduan" not in news


def test_whatsapp_updates_use_the_template_of_the_complaint_s_language(bot_app, tw_server):
    """Outside WhatsApp's 24-hour window the approved template goes instead: the English one
    for a complaint filed in English, whatever the person wrote last."""
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+60123456781")
    from tests.support.intake import TICKET, walk
    phone.say("Hello, I would like to file a complaint please")
    phone.say(ENGLISH_STORY)
    question = phone.says("next")
    if "What is your complaint about" in question:
        question = phone.says("1")
    ticket = TICKET.search(walk(phone.says, question)).group(0)
    phone.say("terima kasih banyak pak")
    with runtime.store.unit() as unit:
        person = unit.complaint_by_ticket(ticket).complainant
        assert person.language == "id"        # what they wrote last
    group_officer(app, PETUGAS).send(f"/kabar {ticket} We found your file.")
    with runtime.store.unit() as unit:
        [update] = [i for i in unit.outbox_items(kind="update") if "We found" in i.body]
        assert update.body.startswith("📋 News from the officers")
        english = runtime.config.office_config.whatsapp_templates["officer_reply"].sid("en")
        assert update.payload["template"]["content_sid"] == english


# --- conversation: questions, answers in English ---------------------------------------------
from tests.test_conversation_people import Person, nlu, person  # noqa: E402,F401 - fixtures


@pytest.mark.parametrize("asked, expected", [
    ("how do I report a lost passport", "*Lost passport*"),
    ("Hi, how can I report my stolen passport?", "*Lost passport*"),
])
def test_asking_how_to_report_a_lost_passport_is_answered_not_filed(person, asked, expected):
    """'report' is the word of a complaint, but 'how do I report a lost passport' asks how the
    office's lost-passport procedure works (the model too reads it as a question)."""
    reply = person.says(asked)
    assert expected in reply, reply
    assert "start of a complaint" not in reply and "awal pengaduan" not in reply
    assert not person.state().data.get("story") and not person.complaints()


def test_asking_how_to_report_a_broker_is_still_a_complaint(person):
    reply = person.says("how do I report a broker who asked me for money")
    assert "start of a complaint" in reply or "Tell us what happened" in reply, reply
