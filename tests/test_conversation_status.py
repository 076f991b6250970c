"""Status without friction (issue 12, item 8): from the filing identity, one complaint's status at
once, several as a numbered list picked by number or ticket; a wrong PIN says the tries left and
how to recover a lost PIN. Through the real app on WhatsApp and Telegram, Indonesian and
English."""
from __future__ import annotations

import pytest

from tests.support.intake import TICKET, walk
from tests.support.telegram import channel_env
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu  # noqa: F401  (the nlu fixture)

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(params=["whatsapp", "telegram"])
def person(request, make_app, sqlite_url, tg_server, tw_server) -> Person:  # type: ignore[no-untyped-def]
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    found = Person(app, runtime, request.param)
    found.app = app
    return found


@pytest.fixture(params=["whatsapp", "telegram"])
def understood(request, make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A person on each channel, with the Rasa server and without it."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    return Person(app, runtime, request.param)


def file(person: Person, story: str, english: bool = False) -> str:
    """One complaint from the menu to its ticket."""
    person.says("menu")
    person.says("File a complaint" if english else "Sampaikan pengaduan")
    person.says(story)
    question = person.says("that's all" if english else "lanjut")
    filed = walk(person.says, question, {"Pengaduan Anda tentang apa": "1",
                                         "What is your complaint about": "1",
                                         "tampaknya tentang": "1", "seems to be about": "1"})
    return TICKET.search(filed).group(0)


def test_one_complaint_its_status_at_once(understood):
    person = understood
    person.says("halo")
    ticket = file(person, "Paspor saya sudah tiga minggu belum jadi")
    for asked in ("mau cek laporan sy yg kmrn", "cek status", "menu"):
        reply = person.says(asked)
        if asked == "menu":
            reply = person.says("2")
        assert f"Tiket *{ticket}*" in reply and "Status: Diterima" in reply, asked
        assert "Kirim nomor tiket" not in reply and "Tiket lain?" not in reply
        assert person.state().state == "menu"


def test_several_complaints_a_numbered_list_by_number_or_ticket(person):
    person.says("halo")
    first = file(person, "Paspor saya sudah tiga minggu belum jadi")
    second = file(person, "Antrian di loket tidak tertib dan petugas lama sekali")
    listing = person.says("cek status")
    # buttons (Telegram) are tapped; numbered lines (WhatsApp) answered with their number
    how = "Ketuk salah satu" if person.channel == "telegram" else "Balas angkanya"
    assert f"Pengaduan Anda yang mana? {how}" in listing, listing
    assert f"1. {second} · " in listing and f"2. {first} · " in listing   # newest first
    assert "1 Des 2026" in listing
    assert f"Tiket *{first}*" in person.says("2")
    assert person.state().state == "menu"
    person.says("status")
    assert f"Tiket *{second}*" in person.says(second)
    person.says("status")
    assert "belum mengerti" in person.says("yang itu")          # neither a number nor a ticket
    assert f"Tiket *{first}*" in person.says("2")


def test_in_english_the_list_and_the_status_are_english(understood):
    person = understood
    person.says("Hello, I need help with a complaint")
    first = file(person, "My passport application has not been processed for three weeks",
                 english=True)
    second = file(person, "The officer at counter 3 was very rude to my wife", english=True)
    listing = person.says("I want to check the status of my complaint")
    # (walk s19: buttons, on Telegram, are tapped; numbered lines answered with their number)
    how = "Tap one" if person.channel == "telegram" else "Reply with its number"
    assert f"Which of your complaints? {how}" in listing, listing
    assert second in listing and first in listing
    status = person.says("1")
    assert f"Ticket *{second}*" in status and "Next step" in status


@pytest.mark.parametrize("english", [False, True])
def test_a_wrong_pin_says_the_tries_left_and_how_to_recover_it(make_app, sqlite_url, english):
    app, runtime = make_app(sqlite_url)
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    owner.say("halo")
    owner.say("1")
    owner.say("Paspor saya sudah tiga minggu belum jadi")
    ticket = TICKET.search(walk(owner.says, owner.says("lanjut"),
                                {"Pengaduan Anda tentang apa": "1"})).group(0)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900001")
    other.say("Hello, I would like to check a complaint" if english else "halo")
    asked = other.says(f"status {ticket}")
    assert ("6-digit PIN" if english else "PIN 6 angka") in asked
    wrong = other.says("000001")
    if english:
        assert "Tries left: 4" in wrong and "Lost your PIN? Choose *Talk to an officer*" in wrong
    else:
        assert "Sisa percobaan: 4" in wrong and "Lupa PIN? Pilih *Bicara dengan petugas*" in wrong
    assert ticket not in wrong
    # the way it names works: the officers' chat, where the PIN can be reissued
    request = other.says("4" if not english else "Talk to an officer")
    assert ("passed on to the officers" if english else "sudah kami teruskan") in request


@pytest.mark.parametrize("english", [False, True])
def test_after_a_wrong_pin_the_next_pin_is_read_as_one(make_app, sqlite_url, english):
    """"Sisa percobaan: 4" invites another try: the next six digits are the PIN again (they
    were "not understood" at the menu), a ticket typed instead is used, and each try counts."""
    import re
    app, runtime = make_app(sqlite_url)
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    owner.say("halo")
    owner.say("1")
    owner.say("Paspor saya sudah tiga minggu belum jadi")
    filed = walk(owner.says, owner.says("lanjut"), {"Pengaduan Anda tentang apa": "1"})
    ticket = TICKET.search(filed).group(0)
    pin = re.search(r"\b(\d{6})\b", filed).group(1)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900002")
    other.say("Hello, I would like to check a complaint" if english else "halo")
    other.say(f"status {ticket}")
    left = "Tries left: {}" if english else "Sisa percobaan: {}"
    first = other.says("000001")
    assert left.format(4) in first and ("Send the PIN again" if english
                                        else "Kirim PIN-nya lagi") in first
    second = other.says("000002")                        # read as a PIN, not "not understood"
    assert left.format(3) in second and ticket not in second
    # a ticket typed with a typo, then the right one with the right PIN
    typo = ticket[:-1] + ("Z" if ticket[-1] != "Z" else "Y")
    assert left.format(2) in other.says(f"{typo} {pin}")
    shown = other.says(f"{ticket} {pin}")
    assert ticket in shown and left.format(1) not in shown
    # back at the menu: six digits there are not a PIN any more
    assert ticket not in other.says(pin)


def test_with_a_pin_key_the_pin_is_stored_keyed_and_opens_the_status_elsewhere(make_app, sqlite_url):
    import re

    from storage.models import Complaint
    key = "k" * 12 + "-0123456789-abcdefghijkl"
    app, runtime = make_app(sqlite_url, PIN_KEY=key)
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    owner.say("halo")
    owner.say("1")
    owner.say("Paspor saya sudah tiga minggu belum jadi")
    filed = walk(owner.says, owner.says("lanjut"), {"Pengaduan Anda tentang apa": "1"})
    ticket = TICKET.search(filed).group(0)
    pin = re.search(r"PIN[^0-9]{0,40}(\d{6})", filed).group(1)
    with runtime.store.read() as session:
        stored = session.query(Complaint).filter_by(ticket=ticket).one().pin_hash
    assert stored.startswith("hmac_sha256$") and pin not in stored and key not in stored
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900002")
    other.say("halo")
    assert "PIN 6 angka" in other.says(f"status {ticket}")
    assert f"Tiket *{ticket}*" in other.says(pin)


@pytest.mark.parametrize("phrase", [
    "status {ticket} {pin}", "pin saya {pin}, status {ticket}", "{ticket} {pin}",
    "PIN {pin} tiket {ticket}", "my PIN is {pin}, ticket {ticket}"])
def test_ticket_and_pin_in_one_message_in_any_order(make_app, sqlite_url, phrase):
    import re
    app, runtime = make_app(sqlite_url)
    owner = TwilioSender(app.test_client(), runtime.config.settings)
    owner.say("halo")
    owner.say("1")
    owner.say("Paspor saya sudah tiga minggu belum jadi")
    filed = walk(owner.says, owner.says("lanjut"), {"Pengaduan Anda tentang apa": "1"})
    ticket = TICKET.search(filed).group(0)
    pin = re.search(r"PIN[^0-9]{0,40}(\d{6})", filed).group(1)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900003")
    other.say("halo")
    reply = other.says(phrase.format(pin=pin, ticket=ticket))
    assert f"*{ticket}*" in reply and "Status:" in reply and "PIN" not in reply
    wrong = "000000" if pin != "000000" else "111111"
    refused = other.says(phrase.format(pin=wrong, ticket=ticket))
    assert ticket not in refused and ("Sisa percobaan" in refused or "Tries left" in refused)
