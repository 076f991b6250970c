"""What complainants met on the walks W25 and W26 (2026-12-05), over the real app (signed
Twilio webhooks, Telegram updates):

1. Rina wrote Indonesian, asked "what do you mean?" at "Kapan kejadiannya?", and was written
   to, and her complaint filed, in English for good. A short message in the other language is
   answered in it once; the conversation's language stays (two substantial messages switch);
2. a comment typed after a 4 given inside a talk was only relayed, never the rating's comment:
   a middling or low rating in a talk asks for one, and the next message that reads as one is
   kept (and still relayed, the talk being open);
3. "lanjut" at a place the story named was taken as yes, "gas" refused: go-aheads are alike
   (not answered; *lewati* skips), and the hint to skip is never dropped at "when?";
4. "1234" or "PIN saya 1234" from the filer's number at the menu got "Maaf, saya belum
   mengerti": the PIN's length is said, no try used; a stranger's "123456" after "status" is
   told that a PIN needs its ticket;
5. (a guard) the outcome question ("Apa yang Anda harapkan?") follows the type, never the
   channel: a facility complaint is not asked it on any channel, a passport or an
   officer-conduct one on all (conduct asks it since W27).
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import Complainant
from tests.support.intake import TICKET, walk
from tests.support.telegram import OFFICER_CHAT, deliver
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_walk_s22a import data, reach, sms  # noqa: F401 - fixtures
from tests.test_conversation_walk_s23c import rated_then_asked, says
from tests.test_officers import app, complaint, runtime, walk_to  # noqa: F401 - fixtures
from tests.test_rating import conversation

pytestmark = pytest.mark.timeout(300)

NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
STORY = "saya di kantor, petugas loket minta uang tambahan untuk paspor saya"
TOLD_PLACE = "kemarin saya di Kantor Imigrasi Tarakan, petugas loket bentak saya soal paspor"


def language(person: Person) -> str:
    with person.runtime.store.unit() as unit:
        return unit.session.scalars(select(Complainant).where(
            Complainant.address == person.address)).one().language


# --- 1. a short question in another language --------------------------------------------------
@NO_NLU
def test_what_do_you_mean_is_answered_in_english_once_and_the_language_stays(person):
    """Rina's walk: the explanation in English, everything after it Indonesian again."""
    reach(person, "Kapan kejadiannya", story=STORY)
    explained = person.says("what do you mean?")
    assert "When did it happen" in explained or "Today" in explained, explained
    assert language(person) == "id"
    after = person.says("kemarin")
    assert "Di mana kejadiannya" in after, after
    filed = walk(person.says, after)
    assert TICKET.search(filed) and "Kapan" not in filed, filed
    [found] = person.complaints()
    assert found.language == "id" and language(person) == "id"


@NO_NLU
def test_ok_and_thanks_in_english_change_nothing(person):
    reach(person, "Kapan kejadiannya", story=STORY)
    said = person.says("ok thanks")
    assert "Hari ini" in said and "Today" not in said, said
    assert language(person) == "id"


@NO_NLU
def test_two_substantial_messages_in_english_switch(person):
    reach(person, "Kapan kejadiannya", story=STORY)
    first = person.says("sorry I do not speak Indonesian well, can you help me in English")
    assert language(person) == "id", first
    second = person.says("I would prefer that we continue this conversation in English please")
    assert language(person) == "en"
    assert "When did" in second or "Where did" in second, second
    assert "Who or which unit" in person.says("1")


@NO_NLU
def test_someone_who_starts_in_english_stays_english(person):
    person.says("hello, I want to make a complaint about the immigration office")
    person.says("1")
    person.says("My passport renewal is still not ready a month after the interview")
    asked = person.says("next")
    assert language(person) == "en", asked
    person.says("terima kasih")
    assert language(person) == "en"


# --- 2. the comment after a rating given inside a talk ----------------------------------------
def test_a_comment_after_a_middling_rating_in_the_talk_is_kept_and_relayed(app, runtime,
                                                                           tg_server):
    citizen, ticket = rated_then_asked(app, runtime)
    thanks = says(citizen, runtime, "4")
    assert "rating of 4 out of 5" in thanks and "What could have been better" in thanks, thanks
    assert says(citizen, runtime, "not really satisfied, it took long") == ""   # ack waits
    found = complaint(runtime, ticket)
    assert (found.rating, found.rating_comment) == (4, "not really satisfied, it took long")
    with runtime.store.unit() as unit:
        [later] = [i.body for i in unit.outbox_items(kind="pause", address=str(citizen.chat_id))
                   if i.status == "pending"]
    assert "comment was recorded" in later and "passed on to the officers" in later, later
    deliver(runtime)
    assert any("it took long" in t for t in tg_server.sent_texts(OFFICER_CHAT))
    assert conversation(runtime, "telegram", str(citizen.chat_id)).state == "officer"
    # only the next message: what follows is talk, never the comment
    says(citizen, runtime, "also the waiting room was hot")
    assert complaint(runtime, ticket).rating_comment == "not really satisfied, it took long"


def test_a_question_after_the_rating_in_the_talk_is_no_comment(app, runtime):
    citizen, ticket = rated_then_asked(app, runtime)
    says(citizen, runtime, "3")
    says(citizen, runtime, "can I pick it up tomorrow morning?")
    assert complaint(runtime, ticket).rating_comment is None


def test_a_top_rating_in_the_talk_asks_for_no_comment(app, runtime):
    citizen, ticket = rated_then_asked(app, runtime)
    thanks = says(citizen, runtime, "5")
    assert "rating of 5 out of 5" in thanks and "What could have been better" not in thanks
    says(citizen, runtime, "thank you, I will ask my sponsor then")
    assert complaint(runtime, ticket).rating_comment is None


# --- 3. go-aheads at a place the story named, and the skip hint at "when?" --------------------
@NO_NLU
@pytest.mark.parametrize("typed", ["lanjut", "gas", "ok lanjut"])
def test_a_go_ahead_at_the_place_the_story_named_is_no_answer(sms, typed):
    question = reach(sms, "Di mana kejadiannya", story=TOLD_PLACE)
    assert "Kantor Imigrasi Tarakan" in question, question
    said = sms.says(typed)
    assert "belum terjawab" in said and "lewati" in said, said
    assert "place" not in data(sms)
    assert "Siapa atau unit" in sms.says("ya")          # yes still takes it
    assert data(sms)["place"] == "office"


@NO_NLU
def test_every_go_ahead_at_when_keeps_the_skip_hint(sms):
    reach(sms, "Kapan kejadiannya", story=STORY)
    for typed in ["gas", "lanjut", "lanjut", "ok lanjut"]:
        said = sms.says(typed)
        assert "lewati" in said, (typed, said)
    assert "when_text" not in data(sms)


# --- 4. a PIN of the wrong length at the menu, a PIN without its ticket -------------------------
def file(person: Person) -> None:
    for said in ("halo", "1", STORY):
        person.says(said)
    filed = walk(person.says, person.says("lanjut"), {"Pengaduan Anda tentang apa": "1"})
    assert TICKET.search(filed), filed


@NO_NLU
@pytest.mark.parametrize("typed, digits", [("1234", 4), ("PIN saya 1234", 4), ("12345", 5)])
def test_a_short_pin_from_the_filers_number_at_the_menu(sms, typed, digits):
    file(sms)
    said = sms.says(typed)
    assert f"PIN terdiri dari 6 angka; yang Anda kirim {digits} angka" in said, said
    assert "belum mengerti" not in said and "Sisa percobaan" not in said, said


@NO_NLU
def test_a_menu_number_is_still_a_menu_choice_for_a_filer(sms):
    file(sms)
    assert "PIN terdiri" not in sms.says("3")


@NO_NLU
def test_a_strangers_pin_after_status_asks_for_its_ticket(sms):
    sms.says("status")
    said = sms.says("123456")
    assert "PIN-nya" in said and "bukan nomor tiket" not in said, said
    assert TICKET.search(said), said                       # the example ticket's shape


# --- 5. the outcome question follows the type, on every channel (a guard) -----------------------
CONDUCT = "petugas loket membentak saya dan melempar berkas saya di depan antrean"
PASSPORT = "paspor saya belum jadi padahal sudah sebulan dari wawancara di kantor"
FACILITY = "ruang tunggu kantor imigrasi sangat panas karena AC rusak sejak minggu lalu"


def asked_outcome(person: Person, story: str, kind: str) -> tuple[bool, object]:
    """The complaint told and filed as type `kind`; whether "Apa yang Anda harapkan?" was
    asked, and the complaint."""
    person.says("halo")
    person.says("1")
    person.says(story)
    asked: list[str] = []

    def say(text: str) -> str:
        reply = person.says(text)
        asked.append(reply)
        return reply

    walk(say, say("lanjut"), {"Pengaduan Anda tentang apa": kind,
                              "tampaknya tentang": "2", "Catat sebagai": "2",
                              "Apa yang Anda harapkan": "minta maaf"})
    [found] = person.complaints()
    return any("Apa yang Anda harapkan" in a for a in asked), found


@NO_NLU
@pytest.mark.parametrize("channel", ["sms", "whatsapp", "telegram"])
@pytest.mark.parametrize("kind, story, outcome", [("sarana_prasarana", FACILITY, None),
                                                  ("perilaku_petugas", CONDUCT, "minta maaf"),
                                                  ("paspor", PASSPORT, "minta maaf")])
def test_the_outcome_question_follows_the_type_on_every_channel(
        make_app, sqlite_url, tg_server, tw_server, nlu, channel, kind, story, outcome):
    from tests.support.telegram import channel_env
    from tests.support.twilio_chat import TwilioSender
    app_, runtime_ = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    person_ = Person(app_, runtime_, "telegram" if channel == "telegram" else "whatsapp")
    if channel == "sms":
        person_.phone = TwilioSender(app_.test_client(), runtime_.config.settings,
                                     channel="sms", number="+6281355500301")
        person_.address = person_.phone.number
    keys = runtime_.config.office_config.type_keys()
    asked, found = asked_outcome(person_, story, str(keys.index(kind) + 1))
    assert found.type == kind
    assert (asked, found.desired_outcome) == (outcome is not None, outcome)
