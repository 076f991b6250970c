"""What complainants met on the walk W27 (2026-12-05), over the real app (Telegram updates,
signed Twilio webhooks), with the real Rasa server where the fixtures give it:

1. at the rating question after step 9, "masih belum selesai pak, saya ke loket 1 tadi katanya
   paspornya belum ada" was thanked for "nilai 1 dari 5" (and "… sudah 2 kali saya ke kantor …"
   for a 2), and the officers never heard of it. Objection words are read before any number,
   and only a reply led by a rating ("4", "nilai 3 aja", "4 lumayan") is one;
2. "berapa lama paspor jadi?" started a complaint draft ("lama" counted as a grievance): asking
   how long is a question ("kok lama banget paspor saya" is still a grievance);
3. a first message of only thanks ("makasih ya") got the welcome and the menu, no "Sama-sama";
4. "status TRK-… PIN …" from a second number: the welcome in Indonesian, the status in English.
   One language per reply: the complaint's, when the message has no words of its own;
5. officer-conduct and levy complaints were never asked "Apa yang Anda harapkan?": they are
   now, and the answer is in the summary and the report (masked as the story is).
"""
from __future__ import annotations

import pytest

from storage.models import Complaint
from tests.support.intake import TICKET, walk
from tests.support.telegram import OFFICER_CHAT, TelegramUser, channel_env, deliver, \
    file_on_telegram
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_walk_s23c import says
from tests.test_officers import app, complaint, runtime, walk_to  # noqa: F401 - fixtures
from tests.test_rating import conversation

pytestmark = pytest.mark.timeout(300)

CITIZEN = 555_241
NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
UNSETTLED = "⚠️ Pelapor menyatakan pengaduannya belum terselesaikan"


def at_rating(app, runtime):  # type: ignore[no-untyped-def]
    """A complaint handled to step 9; the rating question waits."""
    citizen = TelegramUser(app.test_client(), CITIZEN)
    ticket = file_on_telegram(citizen, runtime)
    walk_to(app, ticket, "reported")
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "rate"
    return citizen, ticket


# --- 1. an objection with a number in it ---------------------------------------------------
@pytest.mark.parametrize("said", [
    "masih belum selesai pak, saya ke loket 1 tadi katanya paspornya belum ada",
    "masih belum selesai pak, sudah 2 kali saya ke kantor paspornya belum ada",
    "paspor saya belum jadi pak, jam 3 tadi saya tanya di loket 2",
])
def test_an_objection_with_a_number_reaches_the_officers(app, runtime, tg_server, said):
    citizen, ticket = at_rating(app, runtime)
    answer = says(citizen, runtime, said)
    assert "Terima kasih atas nilai" not in answer, answer
    assert "belum terselesaikan" in answer and ticket in answer, answer
    assert conversation(runtime, "telegram", str(CITIZEN)).state == "officer"
    deliver(runtime)
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    assert UNSETTLED in group and said in group, group
    found = complaint(runtime, ticket)
    assert found.rating is None
    assert says(citizen, runtime, "3") and complaint(runtime, ticket).rating == 3  # later


def test_a_count_at_the_head_of_a_sentence_is_no_rating(app, runtime):
    """"2 kali saya ke kantor, paspornya belum ada" counts visits; it rates nothing."""
    citizen, ticket = at_rating(app, runtime)
    answer = says(citizen, runtime, "2 kali saya ke kantor tadi, petugasnya bilang tunggu")
    assert "Terima kasih atas nilai" not in answer, answer
    assert complaint(runtime, ticket).rating is None


@pytest.mark.parametrize("typed, value, comment", [
    ("nilai 3 aja", 3, None), ("4 lumayan", 4, "lumayan"), ("saya kasih 4", 4, None),
    ("4/5", 4, None), ("bintang 2", 2, None)])
def test_a_reply_that_is_a_rating_still_counts(app, runtime, typed, value, comment):
    citizen, ticket = at_rating(app, runtime)
    answer = says(citizen, runtime, typed)
    assert f"nilai {value} dari 5" in answer, answer
    found = complaint(runtime, ticket)
    assert (found.rating, found.rating_comment) == (value, comment)


def test_a_rating_with_an_objection_goes_to_the_officers(app, runtime, tg_server):
    """"2, masih belum selesai": objection words are read before the number."""
    citizen, ticket = at_rating(app, runtime)
    answer = says(citizen, runtime, "2, masih belum selesai pak paspornya")
    assert "belum terselesaikan" in answer and "Terima kasih atas nilai" not in answer, answer
    deliver(runtime)
    assert UNSETTLED in "\n".join(tg_server.sent_texts(OFFICER_CHAT))


# --- 2. "berapa lama …?" is a question --------------------------------------------------------
def test_how_long_for_a_passport_is_answered(person):
    reply = person.says("berapa lama paspor jadi?")
    assert "4 hari kerja" in reply, reply
    assert "Dicatat" not in reply and "awal pengaduan" not in reply, reply
    assert person.state().state == "menu" and not person.state().data.get("story")


def test_how_long_for_a_stay_permit_is_answered(person):
    reply = person.says("berapa lama perpanjang kitas?")
    assert "Lama proses visa dan izin tinggal" in reply, reply
    assert "awal pengaduan" not in reply, reply
    assert not person.state().data.get("story")


@NO_NLU
def test_it_taking_too_long_is_still_a_grievance(person):
    person.says("kok lama banget paspor saya, sudah sebulan belum jadi")
    assert person.state().data.get("story"), person.state()


# --- 3. thanks as the first message -----------------------------------------------------------
@NO_NLU
@pytest.mark.parametrize("typed", ["makasih ya", "terima kasih pak"])
def test_thanks_first_is_answered_then_the_menu(person, typed):
    reply = person.says(typed)
    assert "Sama-sama" in reply, reply
    assert reply.index("Sama-sama") < reply.index("Sampaikan pengaduan"), reply


# --- 4. status from a second number: one language ---------------------------------------------
EN_STORY = ("My ITAS extension was refused at the Tarakan immigration office and nobody "
            "told me why, the officer only said come back later")


def filed_in_english(person: Person) -> tuple[str, str]:
    person.says("Hello, I want to file a complaint")
    person.says(EN_STORY)
    keys = person.runtime.config.office_config.type_keys()
    filed = walk(person.says, person.says("next"), {
        "What is your complaint about": str(keys.index("izin_tinggal") + 1)})
    ticket = TICKET.search(filed).group(0)
    pin = filed.split("PIN")[1]
    return ticket, "".join(ch for ch in pin[:40] if ch.isdigit())[:6]


@NO_NLU
def test_status_from_a_second_number_is_in_one_language(make_app, sqlite_url, tg_server,
                                                       tw_server, nlu):
    app_, runtime_ = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    filer = Person(app_, runtime_, "whatsapp")
    ticket, pin = filed_in_english(filer)
    other = Person(app_, runtime_, "whatsapp")
    other.phone = TwilioSender(app_.test_client(), runtime_.config.settings,
                               number="+4915199999999")
    other.address = other.phone.number
    reply = other.says(f"status {ticket} PIN {pin}")
    assert "Welcome to the complaint service" in reply and "Status:" in reply, reply
    assert "Selamat datang" not in reply and "Data Anda dilindungi" not in reply, reply


@NO_NLU
def test_an_indonesian_status_request_stays_indonesian(make_app, sqlite_url, tg_server,
                                                       tw_server, nlu):
    """Words of a language decide: "cek status … pin …" written in Indonesian."""
    app_, runtime_ = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    filer = Person(app_, runtime_, "whatsapp")
    ticket, pin = filed_in_english(filer)
    other = Person(app_, runtime_, "whatsapp")
    other.phone = TwilioSender(app_.test_client(), runtime_.config.settings,
                               number="+6281355500777")
    other.address = other.phone.number
    reply = other.says(f"tolong cek status pengaduan saya {ticket} pin {pin}")
    assert "Selamat datang" in reply and "Welcome to" not in reply, reply


# --- 5. what officer-conduct and levy complainants want ---------------------------------------
CONDUCT = "petugas loket membentak saya dan melempar berkas saya di depan antrean"
LEVY = "petugas loket minta uang tambahan 500 ribu supaya paspor saya cepat jadi"


@NO_NLU
@pytest.mark.parametrize("kind, story, example", [
    ("perilaku_petugas", CONDUCT, "petugas ditegur dan meminta maaf"),
    ("pungli", LEVY, "uang dikembalikan dan oknumnya ditindak")])
def test_conduct_and_levy_complaints_are_asked_what_they_want(person, kind, story, example):
    keys = person.runtime.config.office_config.type_keys()
    person.says("halo")
    person.says("1")
    person.says(story)
    seen: list[str] = []

    def say(text: str) -> str:
        reply = person.says(text)
        seen.append(reply)
        return reply

    wanted = "oknum ditegur dan minta maaf kepada saya"
    filed = walk(say, say("lanjut"), {
        "Pengaduan Anda tentang apa": str(keys.index(kind) + 1), "tampaknya tentang": "2",
        "Catat sebagai": "2", "Apa yang Anda harapkan": wanted})
    asked = [r for r in seen if "Apa yang Anda harapkan" in r]
    assert asked and f"Misalnya: {example}." in asked[0], seen
    summary = next(r for r in seen if "Periksa pengaduan" in r)
    assert f"*Harapan:* {wanted}" in summary, summary
    assert TICKET.search(filed), filed
    [found] = person.complaints()
    assert (found.type, found.desired_outcome) == (kind, wanted)
    # the leaders' private copy of a sensitive complaint shows it too, read as the story is
    with person.runtime.store.unit() as unit:
        private = [row.body for row in unit.outbox_items(kind="identity")
                   if "untuk pimpinan" in row.body]
    assert any(f"Harapan pelapor: {wanted}" in body for body in private), private


def test_the_report_shows_the_outcome_wanted_masked_as_the_story(make_app, sqlite_url,
                                                                 tg_server, tw_server):
    """The dossier (the report's fields) carries the outcome wanted, read as the story is: a
    number written in it is left out of the file like one in the story."""
    from bot.paperwork.dossier import dossier
    app_, runtime_ = make_app(sqlite_url, classifier=None, **channel_env(tg_server, tw_server))
    person_ = Person(app_, runtime_, "telegram")
    keys = runtime_.config.office_config.type_keys()
    person_.says("halo")
    person_.says("1")
    person_.says(CONDUCT + ", hubungi saya di 081234567890")
    walk(person_.says, person_.says("lanjut"), {
        "Pengaduan Anda tentang apa": str(keys.index("perilaku_petugas") + 1),
        "tampaknya tentang": "2", "Catat sebagai": "2",
        "Apa yang Anda harapkan": "petugas minta maaf, hubungi saya di 081234567890"})
    with runtime_.store.unit() as unit:
        [found] = unit.session.query(Complaint).all()
        d = dossier(runtime_.config.office_config, found)
    assert "petugas minta maaf" in (d.desired_outcome or ""), d.desired_outcome
    assert "081234567890" not in d.desired_outcome and "081234567890" not in d.description
