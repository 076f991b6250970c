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
    # two substantial messages in Indonesian switch the conversation (a short "terima kasih"
    # alone no longer does: bot.conversation.language.settle)
    phone.say("terima kasih banyak pak, saya tunggu kabarnya dari kantor ya")
    phone.say("sekali lagi terima kasih banyak atas bantuannya pak")
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


STAY_STORY = ("Dear Sir or Madam, I submitted my ITAS extension at the counter and paid the "
              "fee, but after a month I have heard nothing. Kind regards")
ENGLISH = {"What is your complaint about": "2"}


def english_until(person: Person, fragment: str, answers: dict[str, str] | None = None) -> str:
    """An English complaint about a stay permit walked up to the question naming `fragment`."""
    from tests.support.intake import answer_to
    person.says("Hello, I would like to file a complaint please")
    person.says(STAY_STORY)
    question = person.says("next")
    for _ in range(12):
        if fragment in question:
            return question
        question = person.says(answer_to(question, {**ENGLISH, **(answers or {})}))
    raise AssertionError(f"never asked {fragment!r}:\n{question}")


@pytest.mark.parametrize("yes", ["yep", "yeah", "ok go ahead", "sure lah", "yes, go ahead"])
def test_an_english_yes_cancels_when_asked(person, yes):
    english_until(person, "When did it happen")
    assert "Cancel this complaint?" in person.says("cancel")
    reply = person.says(yes)
    assert "Cancelled; nothing was sent" in reply, reply


@pytest.mark.parametrize("no", ["nope", "nah, keep it", "no, don't cancel"])
def test_an_english_no_keeps_the_draft(person, no):
    english_until(person, "When did it happen")
    person.says("cancel")
    reply = person.says(no)
    assert "didn't get" not in reply and "Cancelled" not in reply, reply
    assert person.state().data.get("story")


def test_an_english_yes_accepts_the_proposed_type(make_app, sqlite_url, tg_server, tw_server,
                                                   rasa_url):
    from nlu.client import RasaNluClient
    from tests.support.telegram import channel_env
    app, runtime = make_app(sqlite_url, classifier=RasaNluClient(rasa_url, timeout=2.0),
                            **channel_env(tg_server, tw_server))
    phone = Person(app, runtime, "whatsapp")
    phone.says("Hello, I would like to file a complaint please")
    phone.says(STAY_STORY)
    assert "seems to be about *Stay permits for foreigners*" in phone.says("next")
    assert "ITAS" in phone.says("yep, that's it")


@pytest.mark.parametrize("said", ["I'd rather not say", "prefer not to say", "rather not"])
def test_rather_not_say_skips_an_optional_question(person, said):
    question = english_until(person, "What would you like us to do")
    after = person.says(said)
    assert "record your identity" in after and "didn't get" not in after, after
    assert person.state().data.get("outcome") in (None, "")


@pytest.mark.parametrize("said", ["I'd rather not say", "prefer not to say", "rather not",
                                  "nope", "no thanks"])
def test_rather_not_say_at_the_identity_question_is_anonymous(person, said):
    english_until(person, "record your identity")
    summary = person.says(said)
    assert "*Identity:* Anonymous" in summary, summary


@pytest.mark.parametrize("said", ["no I don't have any", "nope, nothing", "sorry, I have no photos"])
def test_no_evidence_in_english_moves_on(person, said):
    english_until(person, "Any evidence?")
    after = person.says(said)
    assert "Added to your story" not in after and "What would you like us to do" in after, after
    assert said not in " ".join(person.state().data.get("story", []))


@pytest.mark.parametrize("typed, shown", [("3rd of November", "3 Nov 2026"),
                                          ("November 3rd", "3 Nov 2026"),
                                          ("on the 21st of October 2026", "21 Oct 2026")])
def test_an_english_date_with_an_ordinal_is_read(person, typed, shown):
    summary = english_until(person, "check your complaint", {"When did it happen": typed})
    assert f"*When:* {shown}" in summary, summary


def test_a_name_typed_with_more_after_a_comma_is_the_whole_name(person):
    english_until(person, "record your identity")
    summary = person.says("Mark Thompson, British passport holder")
    assert "*Identity:* Mark Thompson" in summary, summary


def test_rather_not_say_when_asked_to_type_the_name_is_no_name(person):
    english_until(person, "record your identity")
    assert "type your name" in person.says("Type my name")
    summary = person.says("Actually I'd rather not say")
    assert "*Identity:* Anonymous" in summary and "rather not" not in summary, summary


# --- step 9: the outcome message is written in the complainant's language --------------------
def test_step_nine_asks_for_english_and_warns_of_an_indonesian_message(bot_app, tg_server):
    """The complainant reads the officer's step-9 words inside an English frame: the officer is
    asked for English, and a message in Indonesian is pointed out before it is sent."""
    from tests.test_officers import walk_to
    app, runtime = bot_app
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime, story=ENGLISH_STORY,
                              answers={"What is your complaint about": "1"})
    walk_to(app, ticket, "signed")
    petugas = TelegramUser(app.test_client(), PETUGAS)
    assert petugas.send(f"/tahap {ticket}") == "officer"
    deliver(runtime)
    asked = plain(tg_server.sent_texts(PETUGAS)[-1])
    assert "Bagian 1 dari 2" in asked and "bahasa Inggris" in asked
    petugas.send("Terima kasih atas laporan Anda, paspor Anda sudah selesai dan bisa diambil.")
    deliver(runtime)
    preview = plain(tg_server.sent_texts(PETUGAS)[-1])
    assert "Update on complaint" in preview and "bahasa Indonesia" in preview, preview
    petugas.send("Ubah")
    petugas.send("Thank you for your report; your passport is ready for collection.")
    deliver(runtime)
    preview = plain(tg_server.sent_texts(PETUGAS)[-1])
    assert "Thank you for your report; your passport" in preview
    assert "bahasa Indonesia" not in preview, preview


# --- talk to an officer: the officers know to answer in English -------------------------------
def test_officers_are_told_to_answer_an_english_request_in_english(bot_app, tg_server, tw_server):
    """/pesan reaches the person inside an English frame ("A message from the officers"): the
    group's notice of the request says the person writes English."""
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+639171234567")
    phone.say("Hello, can I talk to a real person please?")
    deliver(runtime)
    notice = plain(next(t for t in tg_server.sent_texts(OFFICER_CHAT) if "meminta bicara" in t))
    assert "Bahasa pelapor: Inggris (tulis /pesan dalam bahasa Inggris)" in notice, notice
    code = re.search(r"/pesan (T-\d+) teks", notice).group(1)
    group_officer(app, PETUGAS).send(f"/pesan {code} Good morning, how can we help you?")
    deliver(runtime)
    [sent] = tw_server.sent_messages(to="whatsapp:+639171234567")
    assert sent.params["Body"].startswith("💬 A message from the officers")


def test_the_leaders_hear_a_sensitive_complaint_is_in_english_and_the_group_does_not(
        bot_app, tg_server, clock):
    """A sensitive complaint's group alert has neither story nor identity; 'writes English'
    would narrow down who blew the whistle, so only the leaders' private notice says it:
    they are the ones who answer with /balas and /kabar."""
    from bot.notify import alert_slot
    from tests.support.telegram import KASI
    app, runtime = bot_app
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime, story="The officer at the counter asked me "
                              "for money to speed up my permit, with no receipt at all",
                              answers={"What is your complaint about": "4",
                                       "seems to be about": "2",
                                       "keep it confidential": "1"})
    deliver(runtime)
    leaders = [plain(t) for t in tg_server.sent_texts(KASI) if ticket in t]
    assert any("Bahasa pelapor: Inggris" in t for t in leaders), leaders
    clock.now = alert_slot(runtime.config.office_config, clock())   # the group's copy waits
    deliver(runtime)
    group = [plain(t) for t in tg_server.sent_texts(OFFICER_CHAT) if ticket in t]
    assert group and not any("Inggris" in t for t in group), group


# --- rating in English ----------------------------------------------------------------------
@pytest.mark.parametrize("rating, value, comment, kept", [
    ("five stars", 5, "no thanks", None),
    ("Four out of five", 4, "nope, nothing to add", None),
    ("I'd give it a 3", 3, "The officer was polite but it took long", "The officer was polite "
                                                                       "but it took long"),
])
def test_an_english_rating_and_no_comment(bot_app, tg_server, rating, value, comment, kept):
    from tests.test_officers import complaint, report_step_nine, walk_to
    app, runtime = bot_app
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime, story=ENGLISH_STORY,
                              answers={"What is your complaint about": "1"})
    walk_to(app, ticket, "signed")
    report_step_nine(app, PETUGAS, ticket, "your passport is ready")
    deliver(runtime)
    assert "Please rate how complaint" in tg_server.sent_texts(CITIZEN)[-1]
    citizen.send(rating)
    deliver(runtime)
    thanked = plain(tg_server.sent_texts(CITIZEN)[-1])
    assert f"rating {ticket} {value} out of 5" in thanked, thanked
    citizen.send(comment)
    rated = complaint(runtime, ticket)
    assert (rated.rating, rated.rating_comment) == (value, kept)


def test_displeasure_at_the_rating_question_is_not_a_skip(bot_app, tg_server):
    from tests.test_officers import complaint, report_step_nine, walk_to
    app, runtime = bot_app
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime, story=ENGLISH_STORY,
                              answers={"What is your complaint about": "1"})
    walk_to(app, ticket, "signed")
    report_step_nine(app, PETUGAS, ticket, "your passport is ready")
    citizen.send("not happy at all")
    deliver(runtime)
    assert "one number from 1 to 5" in plain(tg_server.sent_texts(CITIZEN)[-1])
    citizen.send("two")
    assert complaint(runtime, ticket).rating == 2


@pytest.mark.parametrize("typed, kept", [
    ("his KITAS number is 2C21JD0012345", "2C21JD0012345"),
    ("My ITAS no. is 2C11AB1234567", "2C11AB1234567"),
    ("2C11AB1234567 (expires 20 Dec)", "2C11AB1234567 (expires 20 Dec)"),
])
def test_the_permit_number_is_kept_without_the_sentence_around_it(person, typed, kept):
    """The number is what officers look up; 'his KITAS number is' around it is not a number."""
    summary = english_until(person, "check your complaint", {"(ITAS/ITAP) number": typed})
    assert f"*Application no.:* {kept}\n" in summary, summary


def test_a_numeric_date_that_reads_both_ways_is_asked_in_english(person):
    """'11/03' is 11 March to an Indonesian or a Malaysian, 3 November to a Filipino or an
    American: in English the bot asks which, instead of filing a date months off."""
    english_until(person, "When did it happen")
    asked = person.says("11/03")
    assert "11 Mar 2026" in asked and "3 Nov 2026" in asked and "Where" not in asked, asked
    summary_on = person.says("3 Nov 2026")
    assert "Where did it happen" in summary_on
    assert person.state().data["when_date"] == "2026-11-03"


def test_an_unambiguous_numeric_date_is_not_asked(person):
    english_until(person, "When did it happen")
    assert "Where did it happen" in person.says("25/11")
    assert person.state().data["when_date"] == "2026-11-25"


# --- a complaint recorded by an officer (/catat) from an English e-mail ------------------------
def test_a_complaint_recorded_from_an_english_email_is_followed_in_english(bot_app, tw_server):
    """A foreigner e-mails in English; the officer records it with /catat, pasting the story:
    the ticket and PIN and every later update reach them in English."""
    app, runtime = bot_app
    desk = TelegramUser(app.test_client(), PETUGAS)
    for said in ("/catat", "E-mail", "John Carter", "+60 12-345 6789", "ya", "Layanan paspor",
                 "I applied for a passport for my Indonesian wife three weeks ago and the "
                 "counter keeps telling us to come back next week", "lewati", "lewati"):
        assert desk.send(said) == "officer", said
    assert desk.send("simpan") == "officer"
    with runtime.store.unit() as unit:
        [item] = unit.outbox_items(kind="ticket")
        assert "has recorded your complaint" in item.body and "Ticket number" in item.body
        english = runtime.config.office_config.whatsapp_templates["ticket_issued"].sid("en")
        assert item.payload["template"]["content_sid"] == english
    deliver(runtime)      # they never wrote to the office: the approved English template goes
    [sent] = tw_server.sent_messages(to="whatsapp:+60123456789")
    assert sent.params["ContentSid"] == english


@pytest.mark.parametrize("wish", [
    "I want to cancel my complaint {ticket}, the problem is solved already",
    "please withdraw {ticket}",
    "mohon batalkan pengaduan {ticket}, sudah selesai masalahnya",
])
def test_wanting_to_withdraw_a_sent_complaint_is_told_how(person, wish):
    """A sent complaint cannot be cancelled by the bot: naming it with a wish to cancel got its
    status and nothing more, the wish silently dropped. The answer says how: an officer."""
    from tests.support.intake import TICKET, walk
    question = english_until(person, "When did it happen")
    ticket = TICKET.search(walk(person.says, question, ENGLISH)).group(0)
    reply = person.says(wish.format(ticket=ticket))
    assert ticket in reply
    assert "officer" in reply.lower() or "petugas" in reply.lower(), reply
    assert "cannot be cancelled" in reply or "tidak dapat dibatalkan" in reply, reply


def test_english_speakers_read_the_office_s_english_short_name(bot_app):
    """"Kanim Tarakan" (Kantor Imigrasi) means nothing to a visitor: the privacy notice (and
    the WhatsApp templates' office variable) use the office's English short name."""
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+447700900124",
                         profile_name="Mark Thompson")
    phone.says("Hello, I would like to know how my data is used")
    notice = phone.says("privacy")
    assert "Tarakan Immigration Office" in notice and "Kanim" not in notice
    indonesian = TwilioSender(app.test_client(), runtime.config.settings,
                              number="+6281234579991").says("privasi")
    assert "Kanim Tarakan" in indonesian
