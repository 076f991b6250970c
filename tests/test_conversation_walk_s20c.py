"""Found on a second citizens' walk (2026-12-05), what it left for the conversation, with and
without Rasa, on WhatsApp and Telegram:

1. during the story, "ga jadi deh, batalin aja" joined the story; at "Batalkan pengaduan ini?"
   a new story ("paspor saya hilang waktu diserahkan ke loket …") was read as "no" and thrown
   away: a cancel in one's own words asks the cancel question, and a story told at it is kept;
2. at the draft's questions, "sy mau bicara dengan petugas saja" became the place, and "halo?
   ada petugas?" got the evidence help: a wish for an officer opens the talk, the draft kept;
3. "boleh cakap dengan officer?" and "status complaint saya macam mana?" (Malay, English) were
   not understood, during the story or after filing;
4. right after a levy complaint, "apakah petugas yang lain bisa tahu nama saya?" was asked "is
   this about TRK-…?", and "orang dalamnya bisa tahu kalau saya yang lapor?" began a new draft:
   how their identity is kept is answered, with the way to an officer;
5. a reply to an officer, waiting in its relay batch when the officer closes the talk, still
   reaches the officers.
"""
from __future__ import annotations

import pytest

from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_walk_s19b import ABOUT, file, relays

pytestmark = pytest.mark.timeout(300)

TOILET = "toilet di ruang tunggu kotor sekali dan bau"
LOST = ("paspor saya hilang waktu diserahkan ke loket untuk perpanjangan, petugas bilang tidak "
        "pernah terima")
CANCEL_ASKED = "Batalkan pengaduan ini?"


def story(person: Person) -> list[str]:
    return person.state().data.get("story") or []


def telling(person: Person) -> None:
    """A story begun: the person is telling it."""
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(TOILET)
    assert person.state().state == "describe" and story(person) == [TOILET]


def at(person: Person, fragment: str) -> str:
    """A story told, and the intake answered up to the question holding `fragment`."""
    telling(person)
    question = person.says("lanjut")
    for _ in range(12):
        if fragment in question:
            return question
        question = walk_one(person, question)
    raise AssertionError(f"never asked {fragment!r}; last:\n{question}")


def walk_one(person: Person, question: str) -> str:
    from tests.support.intake import answer_to
    return person.says(answer_to(question, {"Pengaduan Anda tentang apa?": "1"}))


# --- 1. a cancel in the person's own words ---------------------------------------------------
CASUAL = ["ga jadi deh, batalin aja", "ga jadi", "gak jadi deh", "batalin aja", "cancel aja",
          "udah ga usah", "never mind", "nggak jadi lapor"]


@pytest.mark.parametrize("said", CASUAL)
def test_casual_cancels_are_read_as_cancels(said):
    from bot.conversation.understand import wants_cancel
    assert wants_cancel(said)


@pytest.mark.parametrize("said", ["ga usah", "jangan dibatalin", "ga usah dibatalkan",
                                  "paspor saya ga jadi", "udah", "jadi"])
def test_a_no_or_a_keep_is_not_a_cancel(said):
    from bot.conversation.understand import wants_cancel
    assert not wants_cancel(said)


@pytest.mark.parametrize("said", ["ga jadi deh, batalin aja", "udah ga usah", "never mind",
                                  "nggak jadi lapor"])
def test_a_casual_cancel_during_the_story_asks_and_never_joins_it(person: Person, said):
    telling(person)
    reply = person.says(said)
    assert CANCEL_ASKED in reply or "Cancel this complaint?" in reply, reply
    assert person.state().state == "cancel"
    assert story(person) == [TOILET]
    reply = person.says("2")                 # no: carry on, the story as it was
    assert person.state().state == "describe" and story(person) == [TOILET], reply


def test_a_story_told_at_the_cancel_question_is_kept(person: Person):
    telling(person)
    person.says("ga jadi deh, batalin aja")
    reply = person.says(LOST)
    assert "tidak dibatalkan" in reply and "ditambahkan ke cerita" in reply, reply
    assert story(person) == [TOILET, LOST]
    assert person.state().state == "describe"
    reply = person.says("lanjut")            # the story goes on to its questions, both kept
    assert person.state().state not in ("describe", "cancel", "menu"), reply


def test_a_story_told_at_the_cancel_question_from_a_later_question_is_kept(person: Person):
    at(person, "Kapan kejadiannya")
    assert CANCEL_ASKED in person.says("batal")
    reply = person.says(LOST)
    assert "ditambahkan ke cerita" in reply and "Kapan kejadiannya" in reply, reply
    assert person.state().state == "when" and story(person) == [TOILET, LOST]


def test_a_short_unclear_answer_at_the_cancel_question_asks_again(person: Person):
    telling(person)
    person.says("batal")
    reply = person.says("Sampaikan pengaduan")
    assert "Ya, batalkan" in reply and "Tidak, lanjutkan" in reply, reply
    assert person.state().state == "cancel" and story(person) == [TOILET]
    reply = person.says("Ya, batalkan")
    assert "Dibatalkan" in reply and person.state().state == "menu", reply


# --- 2. talk to an officer at the draft's questions ------------------------------------------
@pytest.mark.parametrize("fragment, said", [
    ("Di mana kejadiannya", "sy mau bicara dengan petugas saja"),
    ("Ada bukti", "sy mau bicara dengan petugas saja"),
    ("Ada bukti", "halo? ada petugas?"),
    ("Siapa atau unit", "boleh cakap dengan officer?"),
])
def test_a_wish_for_an_officer_at_a_draft_question_opens_the_talk(person: Person, fragment,
                                                                  said):
    at(person, fragment)
    before = person.state().data
    reply = person.says(said)
    assert "teruskan ke petugas" in reply and "(kode *T-" in reply, reply
    data = person.state().data
    assert person.state().state == "officer"
    assert data.get("story") == [TOILET]                     # never joined the story
    assert data.get("place") == before.get("place")          # nor became the place
    assert data.get("who") == before.get("who")
    assert data.get("resume_state")                          # the draft is kept for later
    reply = person.says("menu")
    assert "Lanjutkan pengaduan" in reply, reply


def test_who_it_is_about_may_still_be_an_officer(person: Person):
    at(person, "Siapa atau unit")
    person.says("petugas loket 1")
    assert person.state().state != "officer"
    assert person.state().data.get("who") == "petugas loket 1"


# --- 3. Malay and English, during the story and after filing -----------------------------------
@pytest.mark.parametrize("said", ["boleh cakap dengan officer?", "nak jumpa pegawai",
                                  "can I talk to an officer"])
def test_an_officer_asked_in_malay_or_english_during_the_story(person: Person, said):
    telling(person)
    reply = person.says(said)
    assert "(kode *T-" in reply or "(reference *T-" in reply, reply
    assert person.state().state == "officer" and person.state().data.get("story") == [TOILET]


@pytest.mark.parametrize("said", ["status complaint saya macam mana?", "how's my complaint?"])
def test_a_status_asked_during_the_story_with_nothing_filed(person: Person, said):
    telling(person)
    reply = person.says(said)
    assert "belum terkirim" in reply or "has not been sent yet" in reply, reply
    assert person.state().state == "describe" and story(person) == [TOILET]


def test_a_status_asked_during_the_story_with_a_complaint_filed(person: Person):
    ticket = file(person)
    person.says("Sampaikan pengaduan")
    person.says(TOILET)
    reply = person.says("status complaint saya macam mana?")
    assert ticket in reply and "Status:" in reply, reply
    assert "belum terkirim" in reply, reply                    # this one is kept, not sent
    assert story(person) == [TOILET]


@pytest.mark.parametrize("said", ["boleh cakap dengan officer?", "nak jumpa pegawai"])
def test_an_officer_asked_in_malay_after_filing(person: Person, said):
    file(person)
    reply = person.says(said)
    assert "belum bisa saya jawab" not in reply and ABOUT not in reply, reply
    assert person.state().state == "officer", reply


# --- 4. a frightened whistleblower ----------------------------------------------------------
LEVY = ("saya mau lapor calo di depan kantor, dia bilang kerja sama orang dalam, saya sudah "
        "kasih uang 2 juta tunai")


def file_levy(person: Person, identity: str) -> str:
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(LEVY)
    answers = {"identitas Anda dicatat": identity, "Tuliskan nama": "Sri Wulandari",
               "ingin dirahasiakan": "1", "Pengaduan Anda tentang apa?": "4",
               "tampaknya tentang": "1"}
    filed = walk(person.says, person.says("lanjut"), answers)
    return TICKET.search(filed).group(0)


@pytest.mark.parametrize("said", [
    "apakah petugas yang lain bisa tahu nama saya?",
    "orang dalamnya bisa tahu kalau saya yang lapor? saya takut dia cari saya"])
def test_a_safety_question_after_a_levy_complaint_is_answered(person: Person, said):
    ticket = file_levy(person, "anonim")
    reply = person.says(said)
    assert ABOUT not in reply and "awal pengaduan" not in reply, reply
    assert f"*{ticket}*" in reply and "tanpa nama" in reply, reply
    assert "*petugas*" in reply, reply                          # the way to an officer
    assert not story(person) and person.state().state == "menu"
    assert not relays(person) and len(person.complaints()) == 1


def test_a_safety_question_while_is_this_about_waits_is_answered(person: Person):
    ticket = file_levy(person, "anonim")
    assert ABOUT in person.says("dia masih di depan kantor tadi pagi, pakai jaket hitam")
    reply = person.says("orang dalamnya bisa tahu kalau saya yang lapor?")
    assert "tanpa nama" in reply and "awal pengaduan" not in reply, reply
    assert not story(person) and person.state().state == "menu"
    reply = person.says("1")                  # the question still waits: the words kept go on
    assert f"*{ticket}*" in reply and person.state().state == "officer", reply


def test_a_confidential_complaint_s_safety_answer_names_who_knows(person: Person):
    ticket = file_levy(person, "1")                  # with a name, kept confidential
    [complaint] = person.complaints()
    assert complaint.type == "pungli" and complaint.identity_mode == "confidential"
    reply = person.says("apakah petugas yang lain bisa tahu nama saya?")
    assert f"*{ticket}*" in reply and ABOUT not in reply, reply
    assert "Kasi Tikkim dan Kepala Kantor" in reply and "*petugas*" in reply, reply
    assert not story(person) and len(person.complaints()) == 1


# --- 5. a reply waiting in its batch when the officer closes the talk -----------------------
def officers(person: Person) -> TelegramUser:
    return TelegramUser(person.app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                        chat_type="supergroup")


@pytest.fixture
def talker(make_app, sqlite_url, tg_server, tw_server) -> Person:  # type: ignore[no-untyped-def]
    from tests.support.telegram import channel_env
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    found = Person(app, runtime, "telegram")
    found.app = app
    return found


def test_a_reply_batched_when_the_officer_closes_still_reaches_them(talker: Person, tg_server,
                                                                    clock):
    from tests.support.telegram import deliver
    person = talker
    person.says("halo")
    reply = person.says("saya mau bicara dengan petugas sekarang, ini mendesak")
    code = reply.split("*T-")[1].split("*")[0]
    deliver(person.runtime)
    for said in ("soal paspor saya yang hilang di loket", "sudah 2 minggu"):
        person.says(said)                 # the minute's quota of relays used
        deliver(person.runtime)
    assert officers(person).send(f"/pesan T-{code} Paspor Ibu sedang kami cari.") == "officer"
    assert person.says("baik pak, kira2 kapan ada kabar?") == ""

    def in_group() -> list[str]:
        return [t for t in tg_server.sent_texts(OFFICER_CHAT) if "kira2 kapan ada kabar" in t]

    deliver(person.runtime)
    assert not in_group()                  # it waits for the next minute's batch...
    assert officers(person).send(f"/tutup T-{code}") == "officer"
    assert person.state().state == "menu"  # ... when the officer closes the talk
    clock.advance(minutes=2)
    deliver(person.runtime)
    [relayed] = in_group()                 # still delivered, with the way to answer it
    assert f"/pesan T-{code}" in relayed, relayed
    # and an answer to it opens the talk again: the person's next reply has a place to go
    # (a leader's, in a private chat: from the group only a talk open in the group is answered)
    assert TelegramUser(person.app.test_client(), KASI).send(
        f"/pesan T-{code} Minggu depan Bu, kami kabari.") == "officer"
    assert person.state().state == "officer"


# --- and: thanks said half-way through a complaint ----------------------------------------------
def test_thanks_at_a_draft_question_says_the_complaint_is_not_sent(person: Person):
    at(person, "Di mana kejadiannya")
    reply = person.says("mksh min")
    assert "belum terkirim" in reply and "Di mana kejadiannya" in reply, reply
    assert person.state().state == "where" and "place" not in person.state().data


def test_thanks_after_a_status_asked_mid_draft_says_it_is_not_sent(person: Person):
    at(person, "Kapan kejadiannya")
    person.says("status")
    assert person.state().state == "status_ticket"
    reply = person.says("mksh min")
    assert "belum terkirim" in reply and "Kapan kejadiannya" in reply, reply
    assert "kita lanjutkan pengaduan yang belum terkirim tadi" not in reply
    assert person.state().state == "when" and story(person) == [TOILET]
