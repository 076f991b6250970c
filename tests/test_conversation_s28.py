"""Files, captions and odd messages (helper C28, walker W36), over the real app (signed Twilio
webhooks, Telegram updates whose replies go through the outbox), without the NLU where the
reading does not matter:

1. a file's caption that says what the file is ("ini kuitansi dari calo") was taken as the
   answer to the question asked (the type, the time): kept with the story, the question asked
   again; a caption that is the answer ("kemarin jam 10") still answers;
2. a file over the evidence limit was acknowledged and counted, then dropped: refused at once
   when its size is known, and the sender told when it is found only at download;
3. an e-mail address and a phone number were stored as the time of the incident;
4. a forwarded Telegram message became the complainant's own words: marked with its author,
   and never an answer;
5. a photo with a caption as the very first message was kept without a word;
6. the bot in a citizen's own Telegram group said nothing: pointed to the private chat, once;
7. a contact card was evidence on WhatsApp and "reply with text" on Telegram: the same on both.
"""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from storage.models import Attachment, Complaint, ConversationState
from tests.fakes import telegram_updates as tu
from tests.support.intake import answer_to
from tests.support.telegram import OFFICER_CHAT, TelegramUser, channel_env, next_update_id
from tests.test_conversation_people import Person, nlu, person  # noqa: F401 - fixtures
from tests.test_kept_documents import fetch_all

pytestmark = pytest.mark.timeout(300)

NO_NLU = pytest.mark.parametrize("nlu", ["no-nlu"], indirect=True)
STORY = "Sudah 3 minggu paspor saya belum jadi, padahal sudah wawancara dan bayar"


def said(person: Person, update: dict[str, Any]) -> str:
    """Post a raw Telegram update as the person; what the bot answered (its outbox replies)."""
    with person.runtime.store.unit() as unit:
        before = len(unit.outbox_items(kind="reply", address=person.address))
    response = person.user.post(update)
    assert response.status_code == 200, response.get_data(as_text=True)
    with person.runtime.store.unit() as unit:
        new = unit.outbox_items(kind="reply", address=person.address)[before:]
    return "\n---\n".join(item.body for item in new)


def send_file(person: Person, caption: str = "", content_type: str = "application/pdf",
              size: int = 102_400, **extra: Any) -> str:
    """A file with a caption, as each channel sends one; the bot's answer."""
    if person.channel != "telegram":
        url = f"https://api.twilio.com/2010-04-01/Accounts/AC/Media/ME{next_update_id()}"
        return person.phone.says(caption, media=[(url, content_type)])
    uid = person.user.user_id
    if content_type.startswith("video/"):
        update = tu.make_text_update(next_update_id(), uid, uid, "x")
        del update["message"]["text"]
        update["message"]["video"] = {"file_id": "BAACAgUAAxkBAAIvid", "file_unique_id": "AgADv",
                                      "width": 1280, "height": 720, "duration": 600,
                                      "mime_type": content_type, "file_size": size}
        if caption:
            update["message"]["caption"] = caption
    else:
        update = tu.make_document_update(next_update_id(), uid, uid, caption=caption or None,
                                         mime_type=content_type, file_size=size)
    update["message"].update(extra)
    return said(person, update)


def up_to(person: Person, fragment: str) -> str:
    """The intake from the menu, answered as usual, until a question with `fragment` is asked."""
    person.says("halo")
    person.says("1")
    person.says(STORY)
    question = person.says("lanjut")
    for _ in range(10):
        if fragment in question:
            return question
        question = person.says(answer_to(question, {"Pengaduan Anda tentang apa":
                                                    "Layanan paspor"}))
    raise AssertionError(f"never asked {fragment!r}; last:\n{question}")


def attachments(person: Person) -> list[Attachment]:
    with person.runtime.store.unit() as unit:
        return list(unit.session.scalars(select(Attachment).order_by(Attachment.id)))


# --- 1. a caption that describes its file ----------------------------------------------------
@NO_NLU
def test_a_caption_describing_a_receipt_does_not_choose_the_type(person):
    up_to(person, "Pengaduan Anda tentang apa")
    reply = send_file(person, "ini foto kuitansi pembayaran yang saya lakukan di bank kemarin")
    state = person.state()
    assert state.state == "type_choose", reply
    assert "type" not in state.data or not state.data["type"], state.data
    assert "Lampiran diterima" in reply and "Pengaduan Anda tentang apa" in reply, reply
    assert any("kuitansi pembayaran" in part for part in state.data["story"])
    assert len(state.data["attachments"]) == 1


@NO_NLU
def test_a_caption_pointing_at_a_receipt_is_no_time_and_a_time_caption_is(person):
    up_to(person, "Kapan kejadiannya")
    reply = send_file(person, "ini kuitansi dari calo")
    assert "bukan waktunya" not in reply and "Kapan kejadiannya" in reply, reply
    assert person.state().state == "when" and not person.state().data.get("when_text")
    assert any("kuitansi dari calo" in part for part in person.state().data["story"])
    reply = send_file(person, "kemarin jam 10", content_type="image/jpeg")
    data = person.state().data
    assert data.get("when_text") == "kemarin jam 10", reply
    assert person.state().state != "when"


# --- 2. a file over the limit ----------------------------------------------------------------
@NO_NLU
@pytest.mark.parametrize("person", ["telegram"], indirect=True)
def test_a_video_known_too_large_on_arrival_is_refused_at_once_and_not_counted(person):
    person.says("halo")
    person.says("1")
    person.says(STORY)
    reply = send_file(person, content_type="video/mp4", size=180_000_000)
    assert "terlalu besar" in reply and "16 MB" in reply, reply
    assert "Lampiran diterima" not in reply, reply
    assert attachments(person) == []
    assert not person.state().data.get("attachments")


@NO_NLU
@pytest.mark.parametrize("person", ["whatsapp"], indirect=True)
def test_a_file_found_too_large_at_download_is_told_to_its_sender(person, tw_server,
                                                                 tg_server):
    person.says("halo")
    person.says("1")
    person.says(STORY)
    limit = int(person.runtime.config.office_config.files.max_evidence_mb * 1024 * 1024)
    url = tw_server.add_media("ME" + "e" * 32, b"x" * (limit + 1), "video/mp4")
    person.phone.says("", media=[(url, "video/mp4")])
    fetch_all(person.runtime, tg_server)
    with person.runtime.store.unit() as unit:
        told = [i.body for i in unit.outbox_items(kind="reply", address=person.address)]
    assert any("terlalu besar" in body and "16 MB" in body for body in told), told


# --- 3. contact details at "when?" -----------------------------------------------------------
@NO_NLU
def test_an_email_and_a_phone_number_are_no_time(person):
    up_to(person, "Kapan kejadiannya")
    reply = person.says("saya.dewi@gmail.com 081355554444")
    assert "Itu bukan waktu" in reply and "Kapan kejadiannya" in reply, reply
    data = person.state().data
    assert person.state().state == "when"
    assert not any("dewi" in str(value) or "081355554444" in str(value)
                   for key, value in data.items() if key.startswith("when")), data


# --- 4. a forwarded message ------------------------------------------------------------------
def forwarded(person: Person, text: str) -> dict[str, Any]:
    uid = person.user.user_id
    update = tu.make_text_update(next_update_id(), uid, uid, text)
    update["message"]["forward_origin"] = {
        "type": "user", "date": 1_764_900_000,
        "sender_user": {"id": 777_001, "is_bot": False, "first_name": "Calo", "last_name": "Andi"}}
    return update


@NO_NLU
@pytest.mark.parametrize("person", ["telegram"], indirect=True)
def test_a_forwarded_message_is_marked_in_the_story_and_answers_nothing(person):
    person.says("halo")
    person.says("1")
    person.says("Petugas di loket 3 membentak saya waktu saya tanya paspor")
    said(person, forwarded(person, "Pak, nanti bayar 500 ya biar cepat"))
    story = person.state().data["story"]
    assert "[diteruskan dari Calo Andi] Pak, nanti bayar 500 ya biar cepat" in story, story
    question = person.says("lanjut")
    for _ in range(10):
        if "Kapan kejadiannya" in question:
            break
        question = person.says(answer_to(question, {"Pengaduan Anda tentang apa":
                                                    "Layanan paspor"}))
    reply = said(person, forwarded(person, "kemarin"))
    assert person.state().state == "when" and not person.state().data.get("when_text"), reply
    assert "diteruskan" in reply and "Kapan kejadiannya" in reply, reply


# --- 5. a file with a caption as the first message -------------------------------------------
@NO_NLU
def test_a_photo_with_a_caption_as_the_first_message_is_acknowledged(person):
    reply = send_file(person, "ini buktinya", content_type="image/jpeg")
    assert "Lampiran diterima" in reply, reply
    assert len(attachments(person)) == 1


# --- 6. a citizen's own Telegram group -------------------------------------------------------
@pytest.fixture
def app_and_runtime(make_app, sqlite_url, tg_server, tw_server):  # type: ignore[no-untyped-def]
    return make_app(sqlite_url, **channel_env(tg_server, tw_server))


def test_a_citizens_group_is_pointed_to_the_private_chat_once(app_and_runtime):
    app, runtime = app_and_runtime
    member = TelegramUser(app.test_client(), 557_321, chat_id=-100777000111, chat_type="group")
    for text in ("/start@AduanTarakanBot", "halo min", "Sampaikan pengaduan",
                 "Petugas loket 3 minta uang tambahan 500 ribu"):
        member.send(text)
    with runtime.store.unit() as unit:
        sent = [i.body for i in unit.outbox_items(address="-100777000111")]
        complaints = list(unit.session.scalars(select(Complaint)))
        states = list(unit.session.scalars(select(ConversationState)))
    assert len(sent) == 1 and "chat pribadi" in sent[0], sent
    assert "https://t.me/AduanTarakanBot" in sent[0], sent
    assert not complaints and not states
    officer = TelegramUser(app.test_client(), 557_322, chat_id=OFFICER_CHAT,
                           chat_type="supergroup")
    officer.send("siap pak")
    with runtime.store.unit() as unit:
        assert not unit.outbox_items(address=str(OFFICER_CHAT), kind="reply")


# --- 7. contact cards ------------------------------------------------------------------------
@NO_NLU
def test_a_contact_card_is_not_kept_and_the_person_is_asked_what_it_is(person):
    person.says("halo")
    person.says("1")
    person.says(STORY)
    if person.channel == "telegram":
        uid = person.user.user_id
        update = tu.make_text_update(next_update_id(), uid, uid, "x")
        del update["message"]["text"]
        update["message"]["contact"] = {"phone_number": "+6281299990000", "first_name": "Andi"}
        reply = said(person, update)
    else:
        reply = send_file(person, "", content_type="text/vcard")
    assert "Kartu kontak tidak kami simpan" in reply, reply
    assert "belum bisa saya baca" not in reply and "Lampiran diterima" not in reply, reply
    assert attachments(person) == []


@NO_NLU
@pytest.mark.parametrize("person", ["whatsapp"], indirect=True)
def test_a_message_whatsapp_says_was_forwarded_is_marked_too(person):
    """WhatsApp (through Twilio) says a message was forwarded, never by whom."""
    person.says("halo")
    person.says("1")
    person.says("Petugas di loket 3 membentak saya waktu saya tanya paspor")
    person.phone.say("Pak, nanti bayar 500 ya biar cepat", Forwarded="true")
    story = person.state().data["story"]
    assert "[diteruskan dari pesan lain] Pak, nanti bayar 500 ya biar cepat" in story, story
