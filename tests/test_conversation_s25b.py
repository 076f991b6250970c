"""What citizens met on the walk W29 (2026-12-05), over the real app (signed Twilio webhooks,
Telegram updates):

1. Sumiati typed a wrong ticket, was asked for a PIN, then typed her own ticket: the PIN was
   asked again. A ticket typed at the PIN question is read as if typed fresh;
2. "nama saya aman gak? saya takut dibalas" at the type confirmation or at "Kapan
   kejadiannya?" was "not understood": the safety question (and "when will I get an answer")
   is answered at every intake step, then the step's question is asked again;
3. after a talk with an officer was closed, a bare "5" with the rating invitation pending was
   "not understood": it is the rating;
4. the wish to complain ("abang sy mau lapor") and a caption pointing at the photo ("ini
   fotonya min") were stored as lines of the story;
5. "my name please" at the offer of the profile's name was asked to type a name; "nama sy
   sumiati" was kept in lower case; the name typed again at the confidentiality question was
   not understood.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from storage.models import ContactRequest

from tests.support.intake import TICKET, walk
from tests.support.telegram import OFFICER_CHAT, PETUGAS, TelegramUser, channel_env, deliver, \
    file_on_telegram
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person
from tests.test_conversation_walk_s23c import says
from tests.test_officers import app, complaint, runtime, walk_to  # noqa: F401 - fixtures
from tests.test_rating import conversation

pytestmark = pytest.mark.timeout(300)

OTHER_TICKET = "TRK-2345-6789"


def filed_by_sms(app, runtime) -> tuple[TwilioSender, str]:  # type: ignore[no-untyped-def]
    """Sumiati: one complaint filed from her number; its ticket."""
    sumiati = TwilioSender(app.test_client(), runtime.config.settings)
    sumiati.say("halo")
    sumiati.say("1")
    sumiati.say("Paspor saya sudah tiga minggu belum jadi")
    filed = walk(sumiati.says, sumiati.says("lanjut"), {"Pengaduan Anda tentang apa": "1"})
    return sumiati, TICKET.search(filed).group(0)


# --- 1. a ticket typed at the PIN question ------------------------------------------------------
def test_her_own_ticket_after_a_wrong_one_shows_the_status(make_app, sqlite_url):
    app, runtime = make_app(sqlite_url)
    sumiati, ticket = filed_by_sms(app, runtime)
    assert "PIN 6 angka" in sumiati.says(OTHER_TICKET)
    shown = sumiati.says(ticket)
    assert f"Tiket *{ticket}*" in shown and "Status: Diterima" in shown, shown
    assert "PIN 6 angka" not in shown, shown


def test_another_ticket_at_the_pin_question_asks_the_pin_for_that_one(make_app, sqlite_url):
    """A second ticket not one's own gets the PIN question, whether it exists or not, and the
    PIN then opens that one."""
    app, runtime = make_app(sqlite_url)
    owner, ticket = filed_by_sms(app, runtime)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900031")
    other.say("halo")
    assert "PIN 6 angka" in other.says(OTHER_TICKET)
    asked = other.says(ticket)
    assert "PIN 6 angka" in asked and "Status" not in asked, asked
    wrong = other.says("000001")
    assert "Sisa percobaan: 4" in wrong and ticket not in wrong, wrong


# --- 2. is my name safe? when will I get an answer? at every question -------------------------
SAFE_ANSWER = "*Tanpa nama*"   # the start of the answer to "is my name safe?"


@pytest.fixture
def budi(make_app, sqlite_url, tg_server, tw_server) -> Person:  # type: ignore[no-untyped-def]
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    return Person(app, runtime, "telegram")


def to_type_question(budi: Person) -> str:
    budi.says("halo")
    budi.says("Sampaikan pengaduan")
    budi.says("ada petugas minta uang 500rb biar paspor cepat jadi, katanya biaya percepatan")
    return budi.says("lanjut")


@pytest.mark.parametrize("typed", ["nama saya aman gak? saya takut dibalas",
                                   "abang, nama sy aman ka? sy takut kena balas"])
def test_is_my_name_safe_at_the_type_question(budi, typed):
    asked = to_type_question(budi)
    state = budi.state().state
    reply = budi.says(typed)
    assert SAFE_ANSWER in reply and "belum mengerti" not in reply, reply
    assert budi.state().state == state and asked.splitlines()[-1] in reply, reply
    assert reply != asked, reply


def test_is_my_name_safe_and_when_an_answer_comes_at_when(budi):
    to_type_question(budi)
    question = budi.says("1")
    while "Kapan kejadiannya" not in question:
        question = budi.says("lewati")
    safe = budi.says("nama saya aman gak? saya takut dibalas")
    assert SAFE_ANSWER in safe and "belum menangkap waktunya" not in safe and "Kapan kejadiannya" in safe, safe
    when = budi.says("bila boleh dapat jawapan?")
    assert "belum menangkap waktunya" not in when and "nomor tiket" in when, when
    assert "Kapan kejadiannya" in when and budi.state().state == "when"
    assert not budi.state().data.get("when"), budi.state().data


# --- 3. a bare rating after a talk --------------------------------------------------------------
DANIEL = 555_251


def talk_code(runtime, tg_server) -> str:  # type: ignore[no-untyped-def]
    """The code the group answers the talk by."""
    deliver(runtime)
    [code] = {m.group(1) for t in tg_server.sent_texts(OFFICER_CHAT)
              for m in re.finditer(r"/pesan (\S+) teks", t)}
    return code


def invited_in_a_talk(app, runtime, tg_server):  # type: ignore[no-untyped-def]
    """Daniel: in a talk an officer has answered when step 9 asks for the rating."""
    daniel = TelegramUser(app.test_client(), DANIEL)
    ticket = file_on_telegram(daniel, runtime)
    says(daniel, runtime, "petugas")
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                         chat_type="supergroup")
    code = talk_code(runtime, tg_server)
    assert group.send(f"/pesan {code} Pengaduan Anda sedang kami proses.") == "officer"
    walk_to(app, ticket, "reported")
    with runtime.store.unit() as unit:
        invited = unit.outbox_items(kind="rating", address=str(DANIEL))[-1].body
    assert f"nilai {ticket} 5" in invited, invited
    assert conversation(runtime, "telegram", str(DANIEL)).state == "officer"
    return daniel, ticket


def test_a_bare_rating_after_the_invitation_in_the_talk_is_the_rating(app, runtime, tg_server):
    daniel, ticket = invited_in_a_talk(app, runtime, tg_server)
    reply = says(daniel, runtime, "5")
    assert complaint(runtime, ticket).rating == 5, reply
    assert conversation(runtime, "telegram", str(DANIEL)).state == "officer"


def test_ending_the_talk_asks_the_rating_and_a_bare_number_is_it(app, runtime, tg_server):
    daniel, ticket = invited_in_a_talk(app, runtime, tg_server)
    ended = says(daniel, runtime, "selesai")
    assert f"Mohon nilai penanganan pengaduan *{ticket}*" in ended, ended
    assert conversation(runtime, "telegram", str(DANIEL)).state == "rate"
    says(daniel, runtime, "5")
    assert complaint(runtime, ticket).rating == 5
    with runtime.store.unit() as unit:
        [talk] = unit.session.scalars(select(ContactRequest)).all()
    assert talk.status != "open"


def test_an_officer_answering_after_the_invitation_makes_a_number_theirs(app, runtime,
                                                                         tg_server):
    """As before: a number typed after an officer's answer may answer them."""
    daniel, ticket = invited_in_a_talk(app, runtime, tg_server)
    group = TelegramUser(app.test_client(), PETUGAS, chat_id=OFFICER_CHAT,
                         chat_type="supergroup")
    assert group.send(f"/pesan {talk_code(runtime, tg_server)} Berapa loket yang Anda datangi?") == "officer"
    says(daniel, runtime, "2")
    assert complaint(runtime, ticket).rating is None


# --- 4. words that are not the story ------------------------------------------------------------
LEVY = "petugas di pos lintas batas minta duit 200 ringgit baru boleh lewat"


@pytest.mark.parametrize("wish", ["abang sy mau lapor", "bang, saya mau lapor min"])
def test_the_wish_to_complain_is_no_line_of_the_story(budi, wish):
    assert "Ceritakan apa yang terjadi" in budi.says(wish)
    budi.says(LEVY)
    budi.says("lanjut")
    data = budi.state().data
    assert data["story"] == [LEVY] and not data.get("topic"), data


@pytest.mark.parametrize("caption", ["ini fotonya min", "ini buktinya", "here is the photo"])
def test_a_caption_pointing_at_the_photo_is_no_line_of_the_story(make_app, sqlite_url,
                                                                 tw_server, tg_server, caption):
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    dewi = Person(app, runtime, "whatsapp")
    dewi.says("halo")
    dewi.says("1")
    story = "mesin antrian di kantor rusak, ruang tunggunya panas banget AC nya mati"
    dewi.says(story)
    url = tw_server.add_media("ME" + "c" * 32, b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg")
    reply = dewi.phone.says(caption, media=[(url, "image/jpeg")])
    assert "Lampiran diterima" in reply, reply
    data = dewi.state().data
    assert data["story"] == [story] and len(data["attachments"]) == 1, data


# --- 5. the name ----------------------------------------------------------------------------------
def walked(sender: TwilioSender, first: str, answers: dict[str, str],
           then: dict[str, str] | None = None) -> list[str]:
    """Every reply from `first` to the ticket, answering as `answers` says (else as usual);
    once an answer in `then` is given, its question is answered "1" from then on."""
    heard: list[str] = []

    def say(text: str) -> str:
        heard.append(sender.says(text))
        for fragment, answer in (then or {}).items():
            if text == answer:
                answers[fragment] = "1"
        return heard[-1]

    walk(say, say(first), answers)
    return heard


def test_my_name_please_takes_the_offered_name(make_app, sqlite_url):
    app, runtime = make_app(sqlite_url)
    daniel = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900041",
                          profile_name="Daniel Hughes")
    daniel.say("Hello, I want to file a complaint")
    daniel.say("My passport renewal has been pending for three weeks without any news")
    heard = walked(daniel, "that's all", {"What is your complaint about": "1",
                                          "record your identity": "my name please"})
    assert not any("Please type your name" in h for h in heard), heard
    [summary] = [h for h in heard if "check your complaint" in h]
    assert "Daniel Hughes" in summary, summary


def test_a_name_in_lower_case_is_capitalised_and_typed_again_is_accepted(make_app, sqlite_url):
    app, runtime = make_app(sqlite_url)
    sumiati = TwilioSender(app.test_client(), runtime.config.settings, number="+6281399900042")
    sumiati.say("halo")
    sumiati.say("1")
    sumiati.say("petugas loket minta uang 500rb biar paspor anak sy cepat jadi")
    heard = walked(sumiati, "lanjut", {"Pengaduan Anda tentang apa": "4",
                                       "Catat sebagai": "1",
                                       "identitas Anda dicatat": "nama sy sumiati",
                                       "ingin dirahasiakan": "Sumiati"},
                    then={"ingin dirahasiakan": "Sumiati"})
    kept = [h for h in heard if "Nama Anda dicatat: *Sumiati*" in h]
    assert kept and "ingin dirahasiakan" in kept[0], heard
    assert "belum mengerti" not in "\n".join(heard), heard
    [summary] = [h for h in heard if "Periksa pengaduan" in h]
    assert "Sumiati" in summary and "sumiati" not in summary, summary
