"""Found on a citizens' walk (2026-12-05), what it left for the conversation, with and without
Rasa, on WhatsApp, Telegram and plain SMS:

1. while talking to the officers, "status yang pertama" and "status pengaduan saya" were relayed
   to them as talk, and "halo??" got only the batched "✅ Diteruskan" once they stopped typing:
   a status asked there is answered (and not relayed), and calling for the officers before any
   answered is told the message is with them and when they answer (and not relayed again);
2. at an out-of-scope answer (BPJS), "URGENT", "tolong pak ini darurat", "URGENT!!!" got the
   same reminder each time: the urgency is acknowledged, the place named again, and the ways
   that remain offered (an officer, the menu); said again, answered differently;
3. an officer's conduct told right after a passport complaint was asked "Apakah pesan ini
   tentang pengaduan TRK-…?": like a levy, it is a new report, unless it goes on with that one.
"""
from __future__ import annotations

import re

import pytest

from storage.models import ContactRequest
from tests.support.intake import TICKET, walk
from tests.support.telegram import OFFICER_CHAT, PETUGAS, TelegramUser, channel_env
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_walk_s19b import ABOUT, STORY, file, message_text, relays

pytestmark = pytest.mark.timeout(300)


def story(person: Person) -> list[str]:
    return person.state().data.get("story") or []


def talking(person: Person) -> None:
    """The person asked for an officer and is in the officers' chat."""
    person.says("mau bicara dengan petugas")
    assert person.state().state == "officer"


@pytest.fixture
def sms(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # type: ignore[no-untyped-def]
    """A person on plain SMS (numbered options, no buttons); `app` for the officers."""
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    found = Person(app, runtime, "whatsapp")
    found.phone = TwilioSender(app.test_client(), runtime.config.settings, channel="sms",
                               number="+6281355500020")
    found.address = found.phone.number
    found.app = app
    return found


# --- 1. a status asked, and calling for the officers, while talking to them ------------------
@pytest.mark.parametrize("said", ["status yang pertama", "status pengaduan saya",
                                  "laporan sy sudah sampai mana?"])
def test_a_status_asked_while_talking_to_the_officers_is_answered(person: Person, said):
    ticket = file(person)
    talking(person)
    reply = person.says(said)
    assert f"*{ticket}*" in reply and "Status:" in reply, reply
    assert "tetap berjalan" in reply, reply            # and the chat goes on
    assert person.state().state == "officer" and not relays(person)
    # what they tell the officers still reaches them
    told = "anak sy mau berangkat umroh tgl 20, mohon dibantu"
    assert person.says(told) == ""
    [relayed] = relays(person)
    assert message_text(person, relayed.message_id) == told


def test_with_two_complaints_the_first_is_the_oldest_and_none_named_lists_both(person: Person):
    first = file(person)
    second = file(person)
    talking(person)
    reply = person.says("status yang pertama")
    assert f"*{first}*" in reply and second not in reply, reply
    assert person.state().state == "officer"
    reply = person.says("status pengaduan saya")
    assert first in reply and second in reply, reply  # which one? the tickets to choose from
    assert "tidak lagi diteruskan ke petugas" not in reply, reply     # asked in the talk
    assert person.state().state == "officer" and not relays(person)


@pytest.mark.parametrize("call", ["halo??", "p", "min??"])
def test_calling_for_the_officers_is_told_where_the_message_is(person: Person, call):
    person.says("halo")
    talking(person)
    assert person.says("paspor sy ditahan di bandara, tolong dibantu") == ""
    assert len(relays(person)) == 1
    reply = person.says(call)
    assert "sudah ada pada petugas" in reply and "jam layanan" in reply.lower(), reply
    assert len(relays(person)) == 1 and person.pause() == ""     # not relayed again
    again = person.says(call)
    assert "Masih menunggu balasan petugas" in again and again != reply, again
    assert len(relays(person)) == 1 and person.state().state == "officer"
    # more of what happened is news for the officers: relayed, and the next call told in full
    assert person.says("sudah 2 hari pak") == ""
    assert len(relays(person)) == 2
    assert "sudah ada pada petugas" in person.says(call)


def test_once_an_officer_answered_a_hello_is_part_of_the_talk(sms: Person):
    sms.says("halo")
    reply = sms.says("mau bicara dengan petugas")
    code = re.search(r"\bT-\d+", reply).group(0)
    assert "sudah ada pada petugas" in sms.says("halo??")
    officers = TelegramUser(sms.app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                            chat_type="supergroup")
    assert officers.send(f"/pesan {code} Selamat siang, ada yang bisa dibantu?") == "officer"
    with sms.runtime.store.unit() as unit:
        assert unit.session.query(ContactRequest).one().status == "answered"
    assert sms.says("halo pak") == ""                  # to the officer, who is there now
    [relayed] = relays(sms)
    assert message_text(sms, relayed.message_id) == "halo pak"


# --- 2. urgency at the out-of-scope answer ---------------------------------------------------
BPJS = "iuran bpjs kesehatan saya dipotong dua kali bulan ini"


def at_referral(person: Person) -> None:
    person.says("halo")
    person.says("Sampaikan pengaduan")
    asked = person.says(BPJS)
    if "bukan wewenang" not in asked:
        asked = person.says("lanjut")
    assert "bukan wewenang" in asked and person.state().state == "scope", asked


def test_urgency_at_the_referral_is_acknowledged_never_the_same_reminder(person: Person):
    at_referral(person)
    told = story(person)
    replies = [person.says(plea) for plea in ("URGENT", "tolong pak ini darurat", "URGENT!!!")]
    assert len(set(replies)) == 3, replies
    first, second, third = replies
    assert "mendesak" in first and "BPJS Kesehatan Care Center 165" in first, first
    assert "Bicara dengan petugas" in first and "*menu*" in first, first
    assert "165" in second and "Bicara dengan petugas" in second, second
    assert "Bicara dengan petugas" in third, third
    assert all("Tetap ingin mengirimnya ke kami?" not in r for r in replies), replies
    assert story(person) == told and person.state().state == "scope"   # pleas are no story
    reply = person.says("3")                            # an officer, in case it is ours
    assert "sudah kami teruskan ke petugas" in reply, reply
    assert person.state().state == "officer"


def test_urgency_then_no_thanks_leaves_as_before(sms: Person):
    at_referral(sms)
    assert "mendesak" in sms.says("URGENT")
    assert "tidak kami kirim" in sms.says("2")
    assert sms.state().state == "menu" and not sms.complaints()


# --- 3. an officer's conduct right after a passport complaint --------------------------------
CONDUCT = ["petugas loket 3 membentak saya tadi pagi, sangat tidak sopan",
           "satu lagi, petugas di loket pengambilan kasar dan membentak ibu saya"]


@pytest.mark.parametrize("said", CONDUCT)
def test_an_officer_s_conduct_after_a_passport_complaint_is_a_new_report(person: Person, said):
    file(person)
    reply = person.says(said)
    assert ABOUT not in reply and "Ya, teruskan ke petugasnya" not in reply, reply
    assert story(person) == [said] and not relays(person)


@pytest.mark.parametrize("said", [
    "sy tdk terima, jelas2 dia bentak sy, ada saksi",                # points back at it
    "petugasnya membentak saya waktu saya tanya kenapa paspor sy blm jadi"])   # its words
def test_conduct_that_goes_on_with_the_complaint_is_still_asked(person: Person, said):
    ticket = file(person)
    assert STORY and f"{ABOUT} *{ticket}*" in person.says(said)


# --- 4. everyday messages right after filing, and while talking to the officers -------------
@pytest.mark.parametrize("said", ["oke ditunggu kabarnya", "ditunggu kabar baiknya min"])
def test_waiting_for_news_after_filing_is_a_closing(person: Person, said):
    ticket = file(person)
    reply = person.says(said)
    assert f"Kabar pengaduan *{ticket}* kami kirim ke percakapan ini" in reply, reply
    assert "Status:" not in reply and ABOUT not in reply and not story(person), reply


@pytest.mark.parametrize("said", ["kapan saya dapat kabar?", "berapa lama prosesnya?"])
def test_asking_what_comes_next_after_filing_gets_the_status(person: Person, said):
    ticket = file(person)
    reply = person.says(said)
    assert f"*{ticket}*" in reply and "Status:" in reply, reply
    assert ABOUT not in reply and not story(person)


def test_what_happens_next_in_english_gets_the_status(sms: Person):
    sms.says("Hello, I would like to file a complaint please")
    sms.says("I want to complain: my passport renewal has been pending for three weeks "
             "without any news")
    ticket = TICKET.search(walk(sms.says, sms.says("next"), {
        "What is your complaint about": "1"})).group(0)
    reply = sms.says("ok great, what happens next?")
    assert ticket in reply and "Status:" in reply, reply


def test_thanks_opened_with_siap_is_thanks(person: Person):
    file(person)
    reply = person.says("siap, terima kasih banyak pak")
    assert "Sama-sama" in reply and not story(person), reply


@pytest.mark.parametrize("asked", ["kapan dibalas?", "jam berapa petugas online?",
                                   "udah dibaca belum pesan saya?"])
def test_asking_when_the_officers_answer_is_told_not_relayed(person: Person, asked):
    person.says("halo")
    talking(person)
    assert person.says("sy mau tanya soal perpanjangan izin tinggal suami sy") == ""
    reply = person.says(asked)
    assert "sudah ada pada petugas" in reply and "jam layanan" in reply.lower(), reply
    assert len(relays(person)) == 1


def test_the_talk_itself_still_reaches_the_officers(person: Person):
    person.says("halo")
    talking(person)
    said = ["selamat siang", "sudah saya kirim fotonya pak", "ok pak ditunggu",
            "terima kasih pak"]
    for text in said:
        assert person.says(text) == "", text
    assert [message_text(person, r.message_id) for r in relays(person)] == said
