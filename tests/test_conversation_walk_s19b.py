"""Found by the lead over real HTTP with the trained model (2026-12-04), the citizens' side:

1. "assalamualaikum, sy mau tanya kabar pengaduan sy kemarin" as a first message began a new
   complaint: asking about one's complaint is a status request, filed from here or not;
2. "bpk/ibu, saya kehilangan paspor di kapal dari tawau" (9 words) began a complaint: a loss
   told plainly in a sentence or two gets the lost passport's answer; a grievance stays one;
3. "macam mana my status?" after filing got "I can't answer that here": Malay words people in
   Tarakan use ("macam mana", "bila", "sudah siap ka", "boleh tak") are understood;
4. right after filing (or after news of it), "sy tdk terima, jelas2 dia bentak sy, ada saksi",
   "saksinya ada 2 orang…" began a NEW complaint: such a message is kept and the person is
   asked whether it is about that complaint (yes: to its officers; no: the new story);
5. "Y" at the menu with an unfinished complaint waiting continues it (the menu's suggestion).
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import Attachment, ContactRelay, Message
from tests.support.intake import TICKET, walk
from tests.support.telegram import KASI, OFFICER_CHAT, channel_env, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures

pytestmark = pytest.mark.timeout(300)

STORY = "paspor sy udh sebulan blm jadi, katanya cuma 4 hari kerja"
ABOUT = "Apakah pesan ini tentang pengaduan"


def file(person: Person) -> str:
    """A passport complaint filed; its ticket."""
    person.says("halo")
    person.says("Sampaikan pengaduan")
    person.says(STORY)
    filed = walk(person.says, person.says("lanjut"), {"Pengaduan Anda tentang apa?": "1"})
    return TICKET.search(filed).group(0)


def relays(person: Person) -> list[ContactRelay]:
    with person.runtime.store.unit() as unit:
        return list(unit.session.scalars(select(ContactRelay).order_by(ContactRelay.id)))


def message_text(person: Person, message_id: int) -> str:
    with person.runtime.store.unit() as unit:
        return unit.session.get(Message, message_id).body


# --- 1. asking about one's complaint ------------------------------------------------------------
ASKED = ["assalamualaikum, sy mau tanya kabar pengaduan sy kemarin",
         "pengaduan sy kemarin gimana", "laporan saya sudah sampai mana"]


@pytest.mark.parametrize("said", ASKED)
def test_asking_about_one_s_complaint_first_is_a_status_request(person: Person, said):
    reply = person.says(said)
    assert "Ceritakan apa yang terjadi" not in reply and "awal pengaduan" not in reply, reply
    assert "nomor tiket" in reply, reply                  # no complaint from here: the ticket?
    assert person.state().state == "status_ticket"
    assert not person.state().data.get("story")


@pytest.mark.parametrize("said", ASKED)
def test_asking_about_one_s_complaint_after_filing_gets_its_status(person: Person, said):
    ticket = file(person)
    reply = person.says(said)
    assert f"Tiket *{ticket}*" in reply and "Hasil paling lambat" in reply, reply
    assert ABOUT not in reply and len(person.complaints()) == 1


def test_asking_how_to_complain_is_not_a_status_request(person: Person):
    person.says("halo")
    reply = person.says("pengaduan gimana caranya?")
    assert "nomor tiket" not in reply and person.state().state != "status_ticket", reply


# --- 2. a loss told plainly -----------------------------------------------------------------------
@pytest.mark.parametrize("said", [
    "bpk/ibu, saya kehilangan paspor di kapal dari tawau",
    "selamat pagi bpk/ibu, saya kehilangan paspor di kapal dari tawau kemarin sore, apa yang "
    "harus saya lakukan?"])
def test_a_loss_told_plainly_gets_the_lost_passport_answer(person: Person, said):
    person.says("halo")
    reply = person.says(said)
    assert "*Paspor hilang*" in reply and "surat keterangan kehilangan" in reply, reply
    assert "awal pengaduan" not in reply and not person.state().data.get("story")


@pytest.mark.parametrize("said", [
    "petugas menghilangkan paspor saya waktu diperiksa di pelabuhan",
    "paspor saya hilang di kapal dari tawau, tapi petugas pelabuhan tidak mau membantu sama "
    "sekali"])
def test_a_grievance_about_a_lost_passport_stays_a_complaint(person: Person, said):
    person.says("halo")
    reply = person.says(said)
    assert "*Paspor hilang*" not in reply, reply
    assert person.state().data.get("story") == [said], reply


# --- 3. Malay words -------------------------------------------------------------------------------
@pytest.mark.parametrize("said", ["macam mana my status?", "bila siap?", "sudah siap ka",
                                  "camana pengaduan sy?"])
def test_malay_words_ask_the_status_after_filing(person: Person, said):
    ticket = file(person)
    reply = person.says(said)
    assert ticket in reply and "Status:" in reply and "belum bisa saya jawab" not in reply, reply
    assert "Sorry, I can't answer" not in reply and len(person.complaints()) == 1


@pytest.mark.parametrize("said, asked", [
    ("boleh tak sy ambil paspor esok", True), ("paspor boleh diambil orang lain tak", True),
    ("paspor boleh diambil orang lain ga", True), ("bisa ga sy ambil paspor besok", True),
    ("sy tak bisa datang besok", False)])
def test_boleh_tak_asks_as_bisa_ga_does(said, asked):
    from bot.conversation.understand import is_question
    assert is_question(said) is asked


# --- 4. coming back after filing --------------------------------------------------------------
BACK = ["sy tdk terima, jelas2 dia bentak sy, ada saksi",
        "saksinya ada 2 orang, sy bisa kasih nomornya",
        "kapan selesai pak? anak sy mau berangkat umroh tgl 20"]


@pytest.mark.parametrize("said", BACK)
def test_a_message_after_filing_is_asked_about_then_goes_to_its_officers(person: Person, said):
    ticket = file(person)
    reply = person.says(said)
    assert f"{ABOUT} *{ticket}* (Layanan paspor)?" in reply, reply
    assert "1. Ya, teruskan ke petugasnya" in reply and "2. Bukan, pengaduan baru" in reply
    assert "awal pengaduan" not in reply and not person.state().data.get("story")
    assert not relays(person)                           # nothing passed on before the answer
    reply = person.says("1")
    assert f"Keterangan Anda untuk pengaduan *{ticket}*" in reply, reply
    assert person.state().state == "officer" and len(person.complaints()) == 1
    [relayed] = relays(person)
    assert message_text(person, relayed.message_id) == said      # the message kept, not "1"


@pytest.mark.parametrize("no", ["2", "Bukan, pengaduan baru", "bukan"])
def test_no_begins_the_new_story_with_the_message(person: Person, no):
    file(person)
    said = BACK[0]
    assert ABOUT in person.says(said)
    reply = person.says(no)
    assert "awal pengaduan" in reply or "Ceritakan" not in reply, reply
    assert person.state().data.get("story") == [said]
    assert not relays(person)


def test_bubbles_and_other_wishes_while_asked_keep_the_message(person: Person):
    ticket = file(person)
    person.says(BACK[0])
    reply = person.says(BACK[1])                        # a second bubble: kept with the first
    assert "kami simpan bersama pesan sebelumnya" in reply and ABOUT in reply, reply
    reply = person.says("syarat paspor baru apa aja?")  # anything else: as at the menu
    assert "*Paspor baru (WNI)*" in reply, reply
    reply = person.says("1")
    assert ticket in reply and person.state().state == "officer", reply
    assert [message_text(person, r.message_id) for r in relays(person)] == BACK[:2]


@pytest.mark.parametrize("said", ["sy mau lapor lagi, petugasnya bentak sy waktu ambil paspor",
                                  "ada pengaduan baru: petugas loket 2 minta uang 200rb"])
def test_a_new_complaint_said_as_such_is_not_asked(person: Person, said):
    file(person)
    reply = person.says(said)
    assert ABOUT not in reply and "awal pengaduan" in reply, reply


def test_a_message_long_after_filing_is_not_asked(person: Person, clock):
    file(person)
    clock.advance(days=15)
    reply = person.says(BACK[1])
    assert ABOUT not in reply and person.state().data.get("story") == [BACK[1]], reply


def test_the_menu_word_leaves_the_question(person: Person):
    file(person)
    person.says(BACK[0])
    reply = person.says("menu")
    assert ABOUT not in reply and "Sampaikan pengaduan" in reply, reply
    assert "Ceritakan" in person.says("1")              # the menu's choice, not "yes"


@pytest.fixture
def office(make_app, sqlite_url, tg_server, tw_server):  # type: ignore[no-untyped-def]
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    return app, runtime, tg_server


def test_an_officer_s_conduct_goes_to_the_leaders_only(office):
    app, runtime, tg_server = office
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700191")
    person = Person(app, runtime, "whatsapp")
    person.phone, person.address = phone, phone.number
    ticket = file(person)
    deliver(runtime)
    assert ABOUT in person.says(BACK[0])
    assert ticket in person.says("Ya")
    deliver(runtime)
    group = "\n".join(tg_server.sent_texts(OFFICER_CHAT))
    assert "bentak" not in group
    assert "bentak" in "\n".join(tg_server.sent_texts(KASI))


def test_a_photo_with_a_caption_after_filing_goes_with_its_message(office):
    app, runtime, _ = office
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281377700192")
    person = Person(app, runtime, "whatsapp")
    person.phone, person.address = phone, phone.number
    ticket = file(person)
    reply = phone.says("ini foto petugas yang bentak sy kemarin di loket", media=[(
        "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM5/Media/ME5", "image/jpeg")])
    assert ABOUT in reply, reply
    reply = person.says("1")
    assert "Lampiran Anda kami teruskan" in reply and ticket in reply, reply
    [relayed] = relays(person)
    with runtime.store.unit() as unit:
        [photo] = unit.session.scalars(select(Attachment)).all()
    assert photo.message_id == relayed.message_id
    assert "attachments" not in person.state().data                 # not kept for a draft


def test_news_of_an_older_complaint_makes_it_recent(bot_app, clock):
    from tests.test_officers import walk_to
    app, runtime = bot_app
    person = Person(app, runtime, "telegram", user_id=557_191)
    ticket = file(person)
    clock.advance(days=20)
    walk_to(app, ticket, "reviewed")                    # step 3: the person is told
    person.says("menu")
    reply = person.says(BACK[1])
    assert f"{ABOUT} *{ticket}*" in reply, reply


# --- 5. "Y" at the menu with a draft waiting ------------------------------------------------------
@pytest.mark.parametrize("yes", ["Y", "ya", "yes"])
def test_yes_at_the_menu_with_a_draft_waiting_continues_it(person: Person, yes):
    person.says("halo")
    person.says("1")
    person.says(STORY)
    question = person.says("lanjut")
    assert person.state().state in ("type_confirm", "type_choose"), question
    state = person.state().state
    assert "Lanjutkan pengaduan tadi" in person.says("menu")
    person.says(yes)
    assert person.state().state == state


def test_yes_after_cancel_at_the_menu_does_not_continue_the_draft(person: Person):
    person.says("halo")
    person.says("1")
    person.says(STORY)
    person.says("lanjut")
    state = person.state().state
    person.says("menu")
    person.says("batal")                                # "ya" next may mean "yes, cancel"
    reply = person.says("ya")
    assert "Pilih salah satu dulu" in reply and person.state().state == "menu", reply
    person.says("ya")                                   # asked to choose: now it is the choice
    assert person.state().state == state
