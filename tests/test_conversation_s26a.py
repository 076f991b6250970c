"""The officers' chat and the everyday words it missed (helper C26a, 2026-12-06), over the real
app (signed Twilio webhooks, Telegram updates), with the real Rasa server where routing needs it:

1. "cek tiket TRK-… pin …" (or "status …", "check ticket …") typed while talking to the officers
   left the talk ("Pesan Anda berikutnya tidak lagi diteruskan"), and the same words after
   "tolong" went to the officers as a message, ticket and PIN with it, with no status given:
   the status is answered in the talk (the PIN checked as anywhere), which goes on, and
   nothing of it is relayed;
2. "paspor sy blm jd pdhl udh 3 minggu" was not a grievance ("blm jd", "blom jadi", "gk jd2"
   were not read as "belum jadi"), while "paspor sy udh jadi blm ya" still asks;
3. "sy nak tarik balik laporan" counted as a withdrawal that gives its reason ("nak", "balik"
   were taken as reasons): the reason is asked, as for "saya mau cabut laporan".
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.conversation.officer import gives_reason
from bot.conversation.understand import grievance
from storage.models import ContactRelay, Message

from tests.support.intake import TICKET, walk
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_s25a import PASSPORT, REQUIREMENTS, file

pytestmark = pytest.mark.timeout(300)

NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
GOES_ON = "tetap berjalan"              # officer.status_still
LEFT = "tidak lagi diteruskan"           # officer.left
PIN = re.compile(r"PIN: \*(\d{6})\*")


def relays(person: Person) -> int:
    """How many of the person's messages have been handed to the officers."""
    with person.runtime.store.unit() as unit:
        return len(list(unit.session.scalars(select(ContactRelay))))


def talking(person: Person) -> None:
    """In a talk with the officers, one message already relayed."""
    person.says("petugas")
    person.says("halo pak saya mau tanya soal paspor anak saya")
    assert person.state().state == "officer"


# --- 1. a ticket's status asked in a talk --------------------------------------------------------
@NO_NLU
@pytest.mark.parametrize("said", [
    "cek tiket {ticket} pin 123456", "status {ticket} pin 123456",
    "check ticket {ticket} pin 123456", "tolong cek tiket {ticket} pin 123456",
    "pin 123456 tiket {ticket}", "{ticket} 123456"])
def test_the_status_of_ones_own_ticket_is_answered_in_the_talk(person, said):
    ticket = file(person, PASSPORT)
    talking(person)
    before = relays(person)
    reply = person.says(said.format(ticket=ticket))
    assert "Status:" in reply and ticket in reply and GOES_ON in reply, reply
    assert LEFT not in reply, reply
    assert person.state().state == "officer"
    assert relays(person) == before
    person.says("terima kasih infonya pak")          # the talk goes on: relayed
    assert relays(person) == before + 1


@NO_NLU
def test_a_longer_message_with_a_ticket_still_reaches_the_officers(person):
    ticket = file(person, PASSPORT)
    talking(person)
    before = relays(person)
    person.says(f"pak tolong lihat tiket {ticket}, saya sudah kirim bukti tambahan kemarin "
                "tapi paspor anak saya masih ditahan di loket")
    assert relays(person) == before + 1
    assert person.state().state == "officer"


@pytest.fixture
def owner_and_other(make_app, sqlite_url):  # type: ignore[no-untyped-def]
    """One complaint filed by SMS (its ticket and PIN); someone else, on another number,
    talking to the officers."""
    app, runtime = make_app(sqlite_url)
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    owner.say("halo")
    owner.say("1")
    owner.say(PASSPORT)
    question = owner.says("lanjut")
    if "Pengaduan Anda tentang apa" in question:
        question = owner.says("Layanan paspor")
    filed = walk(owner.says, question)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900044")
    other.say("halo")
    other.say("petugas")
    return runtime, other, TICKET.search(filed).group(0), PIN.search(filed).group(1)


def relayed(runtime) -> int:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return len(list(unit.session.scalars(select(ContactRelay))))


def test_a_ticket_and_its_pin_from_another_number_are_checked_in_the_talk(owner_and_other):
    runtime, other, ticket, pin = owner_and_other
    reply = other.says(f"cek tiket {ticket} pin {pin}")
    assert "Status:" in reply and GOES_ON in reply and LEFT not in reply, reply
    assert relayed(runtime) == 0


def test_a_wrong_pin_in_the_talk_costs_a_try_and_the_right_one_then_answers(owner_and_other):
    runtime, other, ticket, pin = owner_and_other
    wrong = "000001" if pin != "000001" else "000002"
    reply = other.says(f"tolong cek tiket {ticket} pin {wrong}")
    assert "Sisa percobaan: 4" in reply and "Status:" not in reply and GOES_ON in reply, reply
    shown = other.says(pin)
    assert "Status:" in shown and ticket in shown and GOES_ON in shown, shown
    assert relayed(runtime) == 0
    with runtime.store.unit() as unit:        # never kept in clear
        said = unit.session.scalars(select(Message.body).where(
            Message.address == other.number, Message.direction == "in")).all()
    assert said and not any(pin in (body or "") for body in said), said


def test_a_ticket_not_ones_own_without_its_pin_asks_it_in_the_talk(owner_and_other):
    runtime, other, ticket, pin = owner_and_other
    asked = other.says(f"status {ticket}")
    assert "PIN" in asked and GOES_ON in asked and LEFT not in asked, asked
    shown = other.says(f"PIN {pin}")
    assert "Status:" in shown and ticket in shown, shown
    assert relayed(runtime) == 0


# --- 2. "blm jd" and its spellings ---------------------------------------------------------------
@pytest.mark.parametrize("said", [
    "paspor sy blm jd pdhl udh 3 minggu", "paspor saya belum jd juga", "blom jadi padahal udah "
    "wawancara", "paspor anak sy blom jd", "paspor sy gk jd2 pdhl udh bayar",
    "kok paspor gak jadi jadi"])
def test_not_ready_in_everyday_spellings_is_a_grievance(said):
    assert grievance(said)


@pytest.mark.parametrize("said", [
    "paspor sy udh jadi blm ya", "paspor saya sudah jadi belum?", "gak jadi lapor deh min",
    "berapa lama paspor jadi?"])
def test_asking_whether_it_is_ready_or_a_change_of_mind_is_not(said):
    assert not grievance(said)


def test_not_ready_asked_about_in_short_words_is_a_story(person):
    """Before, "blom jd" was no grievance: the question read as one about passports."""
    said = "paspor anak sy blom jd, gmn ini?"
    reply = person.says(said)
    assert REQUIREMENTS not in reply, reply
    assert person.state().data.get("story") == [said]


# --- 3. a withdrawal in everyday words asks why ------------------------------------------------
@pytest.mark.parametrize("said", [
    "sy nak tarik balik laporan", "tarik kembali aduan abang", "gak jadi lapor deh kak",
    "tak jadi melapor la", "saya tidak jadi lapor"])
def test_a_withdrawal_in_filler_words_gives_no_reason(said):
    assert not gives_reason(said)


@pytest.mark.parametrize("said", [
    "gak jadi lapor, udah diurus", "sy nak tarik balik laporan, takut kena apa2",
    "tarik balik laporan, paspor dah siap"])
def test_a_real_reason_still_counts(said):
    assert gives_reason(said)


@NO_NLU
def test_the_malay_withdrawal_asks_the_reason(person):
    ticket = file(person, PASSPORT)
    reply = person.says("sy nak tarik balik laporan")
    assert ticket in reply and "tulis alasannya di sini" in reply, reply
    assert "beserta alasannya" not in reply, reply
