"""Found on a citizens' walk (2026-12-04), part 1:

1. "at the airport officer ask me money" opened the information topics and the next "500
   ringgit" was lost: an officer asking for money, in broken English or Indonesian, begins the
   story;
2. "is this anonymous?", "my boss must not know", "ketahuan gak kalau sy lapor?" were never
   answered: at the menu and right after filing they get how the identity is kept;
3. right after a passport complaint, a levy told ("satu lagi pak, petugas satpam di parkiran
   minta uang parkir 10rb tanpa karcis") was offered as a note on the passport ticket: it is a
   new report;
4. "ok thanks" while "is this about TRK-…?" waits got "you're welcome" and the kept message was
   never sent: reminded, with the two choices;
5. "Saya lupa nomor tiketnya." from the number that filed got "is this about TRK-…?": a status
   request;
6. which of two tickets: with the numbered list on screen (newest first) an ordinal counts its
   lines, as its number does ("yang pertama" is line 1, walker W40); straight from the menu,
   "status yang pertama" is the oldest filed; "yang terakhir" the newest; "yg izin tinggal" the
   one of that type.
"""
from __future__ import annotations

import pytest

from tests.support.intake import TICKET, walk
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_walk_s19b import ABOUT, STORY, file, relays

pytestmark = pytest.mark.timeout(300)


def story(person: Person) -> list[str]:
    return person.state().data.get("story") or []


# --- 1. an officer asking for money, in few or broken words ------------------------------------
def test_an_officer_asking_money_in_broken_english_begins_the_story(person: Person):
    person.says("halo")
    reply = person.says("at the airport officer ask me money")
    assert "What would you like to know" not in reply, reply
    assert "Informasi apa yang Anda perlukan" not in reply, reply
    assert story(person) == ["at the airport officer ask me money"], reply
    person.says("500 ringgit")
    assert story(person) == ["at the airport officer ask me money", "500 ringgit"]


@pytest.mark.parametrize("said", ["officer ask me money", "petugas minta duit",
                                  "the officer asked money from me"])
def test_a_short_report_of_money_asked_begins_the_story(person: Person, said):
    person.says("halo")
    reply = person.says(said)
    assert story(person) == [said], reply


def test_broken_english_money_words_are_a_levy():
    from bot.conversation.understand import grievance
    from bot.delicate import delicate, delicate_kind
    for said in ["at the airport officer ask me money", "officer ask me money",
                 "the staff want money from me", "petugas minta duit"]:
        assert delicate(said) and grievance(said) and delicate_kind(said) == "pungli", said
    for said in ["how much money do i need for a passport", "can the officer ask for my id",
                 "where do i pay the money for the visa"]:
        assert not delicate(said), said


# --- 2. is it anonymous? ----------------------------------------------------------------------
SAFE = ["is this anonymous?", "will my employer find out if i complain?", "my boss must not know",
        "can they see my name?", "apakah nama saya dirahasiakan?",
        "ketahuan gak kalau sy lapor?"]


@pytest.mark.parametrize("said", SAFE)
def test_asking_if_it_is_safe_at_the_menu_is_answered(person: Person, said):
    person.says("halo")
    reply = person.says(said)
    assert "🔒" in reply and ("Identitas Anda kami lindungi" in reply or
                              "Your identity is protected" in reply), reply
    assert not story(person) and person.state().state == "menu"


def file_anonymously(person: Person) -> str:
    """`file`, recording no identity (the intake's default is a name); its ticket."""
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(STORY)
    filed = walk(person.says, person.says("lanjut"), {"Pengaduan Anda tentang apa?": "1",
                                                      "identitas Anda dicatat": "anonim"})
    return TICKET.search(filed).group(0)


@pytest.mark.parametrize("said", SAFE)
def test_asking_if_it_is_safe_after_filing_is_answered(person: Person, said):
    ticket = file_anonymously(person)
    reply = person.says(said)
    assert "🔒" in reply and ticket in reply and ("tanpa nama" in reply or
                                                   "anonymously" in reply), reply
    assert ABOUT not in reply and "Is this message about" not in reply, reply
    assert not story(person) and len(person.complaints()) == 1


def test_safety_questions_are_read_as_such():
    from bot.conversation.understand import asks_if_safe
    for said in SAFE:
        assert asks_if_safe(said), said
    for said in ["my boss asked me to renew my passport", "nama saya salah di paspor",
                 "can they see my passport status online?"]:
        assert not asks_if_safe(said), said


# --- 3. a levy told right after filing something else -----------------------------------------
PARKING = "satu lagi pak, petugas satpam di parkiran minta uang parkir 10rb tanpa karcis"


def test_a_levy_right_after_a_passport_complaint_is_a_new_report(person: Person):
    file(person)
    reply = person.says(PARKING)
    assert ABOUT not in reply and "Ya, teruskan ke petugasnya" not in reply, reply
    assert story(person) == [PARKING] and not relays(person)


# --- 4. thanks while the question waits -------------------------------------------------------
@pytest.mark.parametrize("thanks", ["ok thanks", "makasih min"])
def test_thanks_while_asked_reminds_the_message_is_not_sent(person: Person, thanks):
    ticket = file(person)
    said = "sy tdk terima, jelas2 dia bentak sy, ada saksi"
    assert ABOUT in person.says(said)
    reply = person.says(thanks)
    assert "welcome" not in reply.lower() and "Sama-sama" not in reply, reply
    assert "belum kami kirim" in reply or "not been sent" in reply, reply
    assert ticket in reply and ("1. Ya, teruskan ke petugasnya" in reply or
                                "1. Yes, pass it to its officers" in reply), reply
    assert not relays(person)
    reply = person.says("1")
    assert ticket in reply and len(relays(person)) == 1, reply


# --- 5. a forgotten ticket from the number that filed -----------------------------------------
@pytest.mark.parametrize("said", ["Saya lupa nomor tiketnya.", "I forgot my ticket number"])
def test_a_forgotten_ticket_from_the_filing_number_gets_its_status(person: Person, said):
    ticket = file(person)
    reply = person.says(said)
    assert ABOUT not in reply and "Is this message about" not in reply, reply
    assert f"*{ticket}*" in reply and "Status" in reply, reply
    assert not story(person)


# --- 6. which of two tickets ------------------------------------------------------------------
def two(person: Person, clock) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A passport complaint, then (a day later) a stay-permit one: (older, newer)."""
    older = file(person)
    clock.advance(days=1)
    person.says("menu")
    person.says("Sampaikan pengaduan")
    person.says("perpanjangan izin tinggal suami sy sudah 3 minggu belum selesai")
    filed = walk(person.says, person.says("lanjut"), {"Pengaduan Anda tentang apa?": "2"})
    newer = TICKET.search(filed).group(0)
    assert newer != older
    return older, newer


# With the list on screen (newest first), an ordinal counts its lines, as "1" does (walker W40:
# "yang pertama" showed line 2); "yg awal" is still the first filed.
@pytest.mark.parametrize("said, which", [
    ("yang pertama", 1), ("yg awal", 0), ("the first one", 1), ("yang terakhir", 1),
    ("yang kedua", 0), ("the latest", 1), ("yg paspor", 0), ("1", 1)])
def test_which_ticket_is_read_by_filing_order(person: Person, clock, said, which):
    tickets = two(person, clock)
    listed = person.says("status")
    assert tickets[0] in listed and tickets[1] in listed, listed
    reply = person.says(said)
    assert f"Tiket *{tickets[which]}*" in reply or f"Ticket *{tickets[which]}*" in reply, reply
    assert tickets[1 - which] not in reply, reply


@pytest.mark.parametrize("said, which", [
    ("status yang pertama", 0), ("status yg paspor", 0), ("status yang terakhir", 1)])
def test_status_naming_which_at_the_menu_answers_that_one(person: Person, clock, said, which):
    tickets = two(person, clock)
    reply = person.says(said)
    assert f"Tiket *{tickets[which]}*" in reply and tickets[1 - which] not in reply, reply
