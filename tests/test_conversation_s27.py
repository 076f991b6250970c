"""What foreigners and citizens met in follow-ups and talks (helper C27, walker W32), over the
real app (signed Twilio webhooks, Telegram updates), with the real Rasa model where routing
needs it:

1. a polite withdrawal longer than 14 words was taken as "more details", so Kasi's `/cabut`
   found no withdrawal on record: a clear wish to withdraw is one at any length;
2. a photo sent the day after filing, in a follow-up about the complaint, stayed with the talk
   (`attachments.complaint_id` NULL): it is the complaint's evidence (`/bukti TICKET`);
3. a talk asked for while a story was being told carried only the last line: the story goes
   with the request (to the leaders only for a levy), and the draft is kept;
4. "Ok I want to file a formal complaint" in a talk got no answer: it is answered, and still
   relayed;
5. at the summary, "jenisnya salah, harusnya layanan paspor aja" showed the whole list: the
   type named is taken at once, and what it asks next follows;
6. a person with one ticket asking "status" was told "Another ticket? Send *status* …".
"""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from storage.models import Attachment, ContactRequest
from tests.support.intake import answer_to
from tests.support.telegram import KASI, OFFICER_CHAT, TelegramUser, channel_env, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_conversation_s25a import PASSPORT, file
from tests.test_kept_documents import fetch_all, sent_files

pytestmark = pytest.mark.timeout(300)

NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
WITHDRAWN = ("tidak dapat dibatalkan", "cannot be withdrawn")


def relays_in_group(tg_server) -> list[str]:  # type: ignore[no-untyped-def]
    return [t for t in tg_server.sent_texts(OFFICER_CHAT) if "Pesan dari pelapor" in t]


# --- 1. a long, polite withdrawal ----------------------------------------------------------------
LONG_WITHDRAWAL = ("Actually I got my passport back, they apologized. I'd like to withdraw my "
                   "complaint please, thank you for your help.")


def test_a_long_polite_withdrawal_is_a_withdrawal_with_its_reason(person):
    ticket = file(person, PASSPORT)
    reply = person.says(LONG_WITHDRAWAL)
    assert ticket in reply and any(w in reply for w in WITHDRAWN), reply
    assert "1. " not in reply, reply                 # never "is this about TRK-…?"
    # the reason is given: never asked for
    assert "tulis alasannya" not in reply and "write your reason" not in reply, reply
    assert person.state().state == "officer"
    with person.runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(ticket)
        notes = [e.note for e in complaint.events if e.action == "follow_up"]
    assert notes and "dicabut" in notes[-1], notes


@NO_NLU
def test_yes_to_is_this_about_it_keeps_the_withdrawal_the_message_said(person):
    file(person, PASSPORT)
    person.says("menu")
    ticket = file(person, "AC di ruang tunggu kantor mati sudah seminggu, panas sekali")
    asked = person.says("URGENT please withdraw my complaint, my visa expires tomorrow")
    assert "1. " in asked, asked                     # two open: "is this about TRK-…?"
    reply = person.says("1")
    assert any(w in reply for w in WITHDRAWN), reply
    with person.runtime.store.unit() as unit:
        notes = [e.note for e in unit.complaint_by_ticket(ticket).events
                 if e.action == "follow_up"]
    assert notes and "dicabut" in notes[-1], notes


@NO_NLU
def test_a_long_story_that_tells_of_a_forced_withdrawal_is_not_one(person):
    ticket = file(person, PASSPORT)
    reply = person.says("petugas loket memaksa saya mencabut laporan saya kemarin dan mengancam "
                        "tidak akan memproses paspor anak saya kalau tidak dicabut")
    assert not any(w in reply for w in WITHDRAWN), reply
    with person.runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(ticket)
        assert not any(e.action == "follow_up" and "dicabut" in (e.note or "")
                       for e in complaint.events)


# --- 2. evidence sent the next day ---------------------------------------------------------------
def _jpeg() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (30, 120, 60)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def phone(make_app, sqlite_url, tg_server, tw_server) -> Person:  # type: ignore[no-untyped-def]
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    found = Person(app, runtime, "whatsapp")
    found.app = app
    return found


def test_a_photo_sent_the_next_day_in_a_follow_up_is_the_complaints_evidence(
        phone, tg_server, tw_server, clock):
    ticket = file(phone, PASSPORT, {"identitas Anda dicatat": "1", "Tuliskan nama": "Budi"})
    clock.advance(days=1)
    phone.says("pak saya mau nambah bukti lagi, ada video dan foto baru")
    photo = _jpeg()
    url = tw_server.add_media("ME" + "d" * 32, photo, "image/jpeg")
    phone.phone.say(f"bukti tambahan {ticket} mereka masih kerja hari ini",
                    media=[(url, "image/jpeg")])
    with phone.runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(ticket)
        linked = [a.url for a in unit.attachments_of(complaint.id)]
    assert url in linked
    deliver(phone.runtime)
    fetch_all(phone.runtime, tg_server)
    kasi = TelegramUser(phone.app.test_client(), KASI, chat_id=OFFICER_CHAT,
                        chat_type="supergroup")
    assert kasi.send(f"/bukti {ticket}") == "officer"
    deliver(phone.runtime)
    assert photo in [content for _, content, _ in sent_files(tg_server, KASI)]


def test_a_photo_in_a_talk_about_nothing_filed_stays_with_the_talk(phone, tw_server):
    ticket = file(phone, PASSPORT)
    phone.says("menu")
    phone.says("4")
    url = tw_server.add_media("ME" + "e" * 32, _jpeg(), "image/jpeg")
    phone.phone.say("ini foto antrian tadi pagi", media=[(url, "image/jpeg")])
    with phone.runtime.store.unit() as unit:
        complaint = unit.complaint_by_ticket(ticket)
        [photo] = unit.session.scalars(select(Attachment).where(Attachment.url == url)).all()
    assert photo.complaint_id is None and complaint is not None


# --- 3. a talk asked for during the story --------------------------------------------------------
PORT_STORY = ("I have been waiting at the Tarakan port for 4 hours, the immigration counter for "
              "the ferry to Tawau is closed and nobody tells us anything")


def test_a_talk_asked_for_during_the_story_carries_the_story(phone, tg_server):
    phone.says("hello")
    phone.says("1")
    phone.says(PORT_STORY)
    reply = phone.says("Can I talk to an officer please?")
    assert "not been sent yet" in reply or "belum terkirim" in reply, reply
    deliver(phone.runtime)
    group = "\n".join(relays_in_group(tg_server))
    assert "waiting at the Tarakan port" in group and "Can I talk to an officer" in group, group
    assert phone.state().data.get("story")          # kept, to be filed
    back = phone.says("continue")
    assert phone.state().state != "officer", back


def test_a_levy_draft_goes_with_the_talk_to_the_leaders_only(phone, tg_server):
    phone.says("halo")
    phone.says("1")
    phone.says("petugas loket minta uang lima ratus ribu supaya paspor saya cepat jadi")
    phone.says("sy mau bicara dengan petugas saja")
    deliver(phone.runtime)
    assert not any("lima ratus ribu" in t for t in tg_server.sent_texts(OFFICER_CHAT))
    assert any("lima ratus ribu" in t for t in tg_server.sent_texts(KASI))
    with phone.runtime.store.unit() as unit:
        [request] = unit.session.scalars(select(ContactRequest)).all()
    assert request.leaders_only


# --- 4. a wish to file, said in a talk -----------------------------------------------------------
@NO_NLU
def test_a_wish_to_file_in_a_talk_is_answered_and_relayed(person):
    person.says("halo")
    person.says("4")
    person.says("selamat siang pak saya mau tanya soal paspor anak saya")
    reply = person.says("Ok I want to file a formal complaint")
    assert "*menu*" in reply and ("Sampaikan pengaduan" in reply or "File a complaint" in reply)
    assert person.state().state == "officer"


def test_a_wish_to_file_in_a_talk_with_a_draft_kept_says_how_to_go_on(phone):
    phone.says("hello")
    phone.says("1")
    phone.says(PORT_STORY)
    phone.says("Can I talk to an officer please?")
    reply = phone.says("Ok I want to file a formal complaint")
    assert "*continue*" in reply or "*lanjut*" in reply, reply
    assert phone.state().state == "officer"


# --- 5. the type named at the summary ------------------------------------------------------------
@NO_NLU
def test_a_type_named_at_the_summary_is_taken_at_once(person):
    person.says("halo")
    person.says("1")
    person.says("antrian di kantor kacau sekali, nomor saya tidak dipanggil sampai sore")
    question = person.says("lanjut")
    for _ in range(20):
        if "Periksa pengaduan" in question:
            break
        if "Pengaduan Anda tentang apa" in question:
            question = person.says("Lainnya")
            continue
        question = person.says(answer_to(question))
    assert "Periksa pengaduan" in question and "*Jenis:* Lainnya" in question, question
    reply = person.says("eh jenisnya salah deh, harusnya layanan paspor aja")
    assert "Pengaduan Anda tentang apa" not in reply, reply
    assert "Nomor permohonan paspor" in reply, reply          # what the passport type asks
    summary = person.says("lewati")
    while "Periksa pengaduan" not in summary:
        summary = person.says(answer_to(summary))
    assert "*Jenis:* Layanan paspor" in summary, summary


@NO_NLU
def test_jenisnya_salah_naming_no_type_still_shows_the_list(person):
    person.says("halo")
    person.says("1")
    person.says("antrian di kantor kacau sekali, nomor saya tidak dipanggil sampai sore")
    question = person.says("lanjut")
    for _ in range(20):
        if "Periksa pengaduan" in question:
            break
        question = person.says("Lainnya" if "Pengaduan Anda tentang apa" in question
                               else answer_to(question))
    assert "Pengaduan Anda tentang apa" in person.says("eh jenisnya salah deh")


# --- 6. "status" from a person with one ticket ---------------------------------------------------
@NO_NLU
def test_one_ticket_status_has_no_other_ticket_line(person):
    ticket = file(person, PASSPORT)
    reply = person.says("status")
    assert ticket in reply and "Tiket lain" not in reply and "Another ticket" not in reply, reply
