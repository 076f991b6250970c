"""Odd things citizens send: each gets a helpful reply, and nothing of it is lost or doubled.

Played through the real app (signed Twilio webhooks, Telegram updates whose replies go through
the outbox), with the trained model served by Rasa and without any NLU where the reading
matters.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import Attachment, Message
from tests.fakes import telegram_updates as tu
from tests.support.telegram import channel_env, next_update_id
from tests.test_conversation_people import Person, nlu  # noqa: F401  (the nlu fixture)

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def whatsapp(make_app, sqlite_url, tg_server, tw_server, nlu) -> Person:  # noqa: F811
    app, runtime = make_app(sqlite_url, classifier=nlu, **channel_env(tg_server, tw_server))
    return Person(app, runtime, "whatsapp")


def test_a_levy_told_in_malay_from_tawau_is_for_immigration(whatsapp):
    """People crossing from Sabah write Malay: "imigresen", "duit kopi". A levy at the port is
    this office's matter, never referred elsewhere."""
    reply = whatsapp.says("Assalamualaikum, saya dari Tawau. Macam mana nak buat aduan pasal "
                          "pegawai imigresen di pelabuhan minta duit kopi?")
    assert "bukan wewenang" not in reply
    assert whatsapp.state().state == "describe"
    assert "minta duit kopi" in whatsapp.state().data["story"][0]


@pytest.fixture
def telegram(make_app, sqlite_url, tg_server, tw_server) -> Person:
    app, runtime = make_app(sqlite_url, **channel_env(tg_server, tw_server))
    person = Person(app, runtime, "telegram", user_id=557_301)
    person.app = app                                        # type: ignore[attr-defined]
    return person


def post(person: Person, update: dict) -> str:
    """Post a raw update as Telegram would; what the adapter did with it."""
    response = person.user.post(update)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["result"]


def attachment_types(person: Person) -> list[str]:
    with person.runtime.store.unit() as unit:
        return [a.content_type for a in unit.session.scalars(
            select(Attachment).order_by(Attachment.id))]


def test_a_voice_note_or_a_video_on_telegram_is_kept_as_evidence(telegram):
    """A recording of an officer asking for money is the evidence itself: kept like a photo
    (as WhatsApp's audio and video are), never answered "please reply with text"."""
    telegram.says("sy mau lapor")
    telegram.says("petugas minta uang tambahan, ini rekamannya")
    uid = telegram.user.user_id
    voice = tu.make_voice_update(next_update_id(), uid, uid)
    video_note = tu.make_text_update(next_update_id(), uid, uid, "x")
    message = video_note["message"]
    del message["text"]
    message.pop("entities", None)
    message["video_note"] = {"file_id": "DQACAgUAAxkBAAIvn1", "file_unique_id": "AgADvn1",
                             "length": 240, "duration": 5, "file_size": 300_000}
    for update in (voice, video_note):
        assert post(telegram, update) == "complainant"
    with telegram.runtime.store.unit() as unit:
        said = [i.body for i in unit.outbox_items(kind="reply", address=telegram.address)]
    assert not any("belum bisa saya baca" in s for s in said), said
    assert attachment_types(telegram) == ["audio/ogg", "video/mp4"]
    assert telegram.state().data["attachments"] and len(telegram.state().data["attachments"]) == 2


def test_the_same_story_sent_twice_is_told_once(whatsapp):
    """A long story sent again because the first seemed not to go through (or re-sent by the
    phone under a new id): both messages are kept in the log, the story has it once."""
    story = ("Paspor saya ditahan di pelabuhan Malundung tanpa alasan yang jelas dan saya "
             "disuruh menunggu berjam-jam. ") * 30
    whatsapp.says("halo")
    whatsapp.says("1")
    whatsapp.says(story)
    whatsapp.says(story)
    assert whatsapp.state().data["story"] == [story.strip()]
    with whatsapp.runtime.store.unit() as unit:
        kept = unit.session.scalars(select(Message.body).where(
            Message.direction == "in", Message.body == story.strip())).all()
    assert len(kept) == 2
    reply = whatsapp.says("lanjut")
    assert "Pengaduan Anda tentang apa?" in reply or "tampaknya tentang" in reply


def test_an_edited_telegram_message_is_kept_and_never_taken_as_a_new_answer(telegram):
    """Telegram lets a person edit a message they sent. While the story is being told the edit
    joins it as a correction; later it is kept and the person told to send it anew (an edited
    "batal" cancels nothing). Before, edits were dropped without a word."""
    uid = telegram.user.user_id
    telegram.says("sy mau lapor")
    telegram.says("Kemarin saya antri dari jam 7 pagi tapi nomor antrian habis jam 8")
    edit = tu.make_edited_message_update(next_update_id(), uid, uid, "Kemarin saya antri dari "
                                         "jam 6 pagi tapi nomor antrian habis jam 7")
    assert post(telegram, edit) == "complainant"
    assert telegram.state().data["story"] == [
        "Kemarin saya antri dari jam 7 pagi tapi nomor antrian habis jam 8",
        "(ralat) Kemarin saya antri dari jam 6 pagi tapi nomor antrian habis jam 7"]
    with telegram.runtime.store.unit() as unit:
        said = [i.body for i in unit.outbox_items(kind="reply", address=telegram.address)]
    assert "ralat pada cerita" in said[-1]
    telegram.says("lanjut")
    asked = telegram.state().state
    assert asked in ("type_confirm", "type_choose")
    assert post(telegram, tu.make_edited_message_update(next_update_id(), uid, uid,
                                                        "batal")) == "complainant"
    assert telegram.state().state == asked and telegram.state().data["story"]
    with telegram.runtime.store.unit() as unit:
        said = [i.body for i in unit.outbox_items(kind="reply", address=telegram.address)]
        logged = unit.session.scalars(select(Message.body).where(
            Message.direction == "in", Message.address == telegram.address)).all()
    assert "kirim sebagai pesan baru" in said[-1]
    assert logged[-1] == "batal"                       # the edit itself is in the log


def test_an_officers_edit_is_not_a_second_command(telegram, tg_server):
    from tests.support.telegram import KASI
    edit = tu.make_edited_message_update(next_update_id(), KASI, KASI, "/aduan")
    assert post(telegram, edit) == "ignored"
    with telegram.runtime.store.unit() as unit:
        assert not unit.session.scalars(select(Message)).all()


def test_a_sticker_on_telegram_is_answered_as_on_whatsapp(telegram):
    """A sticker as a first message got silence on Telegram (and no trace in the log), while
    WhatsApp greeted the person; now both greet, and later both say what to send instead."""
    uid = telegram.user.user_id
    assert post(telegram, tu.make_sticker_update(next_update_id(), uid, uid)) == "complainant"
    with telegram.runtime.store.unit() as unit:
        [first] = [i.body for i in unit.outbox_items(kind="reply", address=telegram.address)]
    assert "Selamat datang" in first and "Apa yang bisa kami bantu?" in first
    telegram.says("sy mau lapor")
    assert post(telegram, tu.make_sticker_update(next_update_id(), uid, uid)) == "complainant"
    with telegram.runtime.store.unit() as unit:
        said = [i.body for i in unit.outbox_items(kind="reply", address=telegram.address)]
        logged = unit.session.scalars(select(Message).where(Message.direction == "in")).all()
    assert "Mohon balas dengan teks" in said[-1] and "Ceritakan" in said[-1]
    assert len(logged) == 3


def test_news_the_person_could_not_receive_goes_again_when_they_write(telegram, tg_server):
    """A complainant who had blocked the bot when an officer's update went out (Telegram: 403)
    loses nothing: the officers hear it was undeliverable, and once the person writes again
    the update is sent to them."""
    from tests.support.intake import TICKET, walk
    from tests.support.telegram import KASI, TelegramUser, deliver
    telegram.says("halo")
    telegram.says("Sampaikan pengaduan")
    telegram.says("Paspor saya sudah sebulan belum jadi padahal sudah bayar")
    telegram.says("lanjut")
    ticket = TICKET.search(walk(telegram.says, telegram.says("Layanan paspor"))).group(0)
    deliver(telegram.runtime)
    tg_server.block(telegram.address)
    kasi = TelegramUser(telegram.app.test_client(), KASI)
    news = "Paspor Anda sudah selesai dicetak, silakan ambil di loket 2."
    assert kasi.send(f"/kabar {ticket} {news}") == "officer"
    deliver(telegram.runtime)
    with telegram.runtime.store.unit() as unit:
        [update] = unit.outbox_items(kind="update", address=telegram.address)
    assert update.status == "undeliverable"
    assert not any(news in t for t in tg_server.sent_texts(telegram.address))
    from tests.support.telegram import OFFICER_CHAT
    [report] = [t for t in tg_server.sent_texts(OFFICER_CHAT) if "tidak terkirim" in t]
    assert ticket in report and "bot was blocked by the user" in report
    assert "Forbidden: Forbidden" not in report
    tg_server.started(telegram.address)                      # the person unblocks the bot
    telegram.says("halo, ada kabar?")
    deliver(telegram.runtime)
    assert sum(news in t for t in tg_server.sent_texts(telegram.address)) == 1
    with telegram.runtime.store.unit() as unit:
        [update] = unit.outbox_items(kind="update", address=telegram.address)
    assert update.status == "sent"
    telegram.says("terima kasih")                            # and only once
    deliver(telegram.runtime)
    assert sum(news in t for t in tg_server.sent_texts(telegram.address)) == 1


def album(person: Person, count: int, group: str, caption: str | None = None) -> None:
    """`count` photos sent as one album (Telegram: one update each, one media group)."""
    uid = person.user.user_id
    for i in range(count):
        update = tu.make_photo_update(next_update_id(), uid, uid,
                                      caption=caption if i == 0 else None)
        update["message"]["media_group_id"] = group
        assert post(person, update) == "complainant"


def replies(person: Person) -> list[str]:
    with person.runtime.store.unit() as unit:
        return [i.body for i in unit.outbox_items(kind="reply", address=person.address)]


def test_an_album_of_photos_is_kept_whole_and_acknowledged_once(telegram):
    """Ten photos sent together are ten updates: each is kept, but the person hears about them
    once, not ten times (nor is the question of the moment asked ten times)."""
    telegram.says("sy mau lapor")
    telegram.says("Ruang tunggu kantor bocor dan kursinya rusak")
    before = len(replies(telegram))
    album(telegram, 4, "1357924680", caption="ini fotonya")
    assert len(attachment_types(telegram)) == 4
    # the caption only points at the photos: no line of the story (W29)
    assert telegram.state().data["story"] == ["Ruang tunggu kantor bocor dan kursinya rusak"]
    said = replies(telegram)[before:]                     # acknowledged once, not four times
    assert len(said) == 1 and said[0].startswith("📎 Lampiran diterima"), said
    telegram.says("lanjut")
    asked = telegram.state().state
    before = len(replies(telegram))
    album(telegram, 3, "2468013579")
    said = replies(telegram)[before:]
    assert len(said) == 1 and said[0].startswith("📎 Lampiran diterima"), said
    assert len(attachment_types(telegram)) == 7 and telegram.state().state == asked
    assert len(telegram.state().data["attachments"]) == 7


def test_a_date_told_in_malay_is_read(whatsapp):
    """'kelmarin petang' is Malay for yesterday afternoon: the officers get the date, not only
    the words."""
    import datetime as dt
    whatsapp.says("Salam, saya nak buat aduan")
    whatsapp.says("Pasport saya kena tahan di pelabuhan masa balik ke Tawau")
    question = whatsapp.says("sudah")
    if "tampaknya tentang" in question:
        question = whatsapp.says("ya")
    else:
        question = whatsapp.says("Pemeriksaan perlintasan (pelabuhan/bandara/PLB)")
    assert "Kapan kejadiannya?" in question
    whatsapp.says("kelmarin petang")
    today = whatsapp.runtime.engine.clock().astimezone(
        dt.timezone(dt.timedelta(hours=8))).date()
    data = whatsapp.state().data
    assert data["when_text"] == "kelmarin petang"
    assert data["when_date"] == (today - dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize("story", ["anak saya tidak bisa berangkat ke malaysia",
                                   "kenapa harus bayar lagi padahal sudah lunas",
                                   "pelayanan lambat banget, dari pagi belum dipanggil"])
def test_a_complaint_naming_no_immigration_word_is_not_turned_away(whatsapp, story):
    """People writing to the immigration office's own bot seldom say "imigrasi": a child who
    could not depart, a fee asked twice (the model unsure), slow service (the model sure, and
    wrong) are this office's, not matters to send to LAPOR!."""
    whatsapp.says("halo")
    whatsapp.says("1")
    whatsapp.says(story)
    reply = whatsapp.says("lanjut")
    assert "bukan wewenang" not in reply
    assert "Pengaduan Anda tentang apa?" in reply or "tampaknya tentang" in reply


@pytest.mark.parametrize("leaving", ["menu", "/start", "START", "status"])
def test_leaving_the_cancel_question_keeps_the_draft(whatsapp, leaving):
    """'batal', then, asked whether to throw the story away, 'menu' (or /start, or SMS's
    START, or a status check): nothing was cancelled, so the menu offers the draft again.
    Before, the story stayed hidden in the conversation and the next complaint wiped it."""
    whatsapp.says("halo")
    whatsapp.says("1")
    whatsapp.says("Petugas loket minta uang 200 ribu supaya cepat")
    assert "Batalkan pengaduan ini?" in whatsapp.says("batal")
    whatsapp.says(leaving)
    reply = whatsapp.says("menu")
    assert "Lanjutkan pengaduan tadi" in reply, reply
    reply = whatsapp.says("Lanjutkan pengaduan tadi")
    assert "Sudah semua?" in reply or "Ceritakan" in reply or "lanjut" in reply, reply
    assert whatsapp.state().data["story"] == ["Petugas loket minta uang 200 ribu supaya cepat"]


def test_a_deep_link_start_mid_story_is_the_menu_not_part_of_the_story(telegram):
    """A QR code at the counter opens t.me/bot?start=qr_loket: Telegram sends
    "/start qr_loket". Mid-story it is the menu (the draft kept), never a line of the story."""
    telegram.says("halo")
    telegram.says("Sampaikan pengaduan")
    telegram.says("Antrian paspor sangat lama")
    reply = telegram.says("/start qr_loket")
    assert "Apa yang bisa kami bantu?" in reply and "Lanjutkan pengaduan tadi" in reply
    assert telegram.state().data["story"] == ["Antrian paspor sangat lama"]
    assert "Bantuan" in telegram.says("/bantuan@aduan_test_bot")


def test_an_edited_pin_is_never_kept(telegram):
    """A person corrects the PIN they typed by editing the message, after the bot has moved on:
    the edit is logged masked (the PIN rests nowhere) and is not told as part of a story."""
    uid = telegram.user.user_id
    telegram.says("sy mau lapor")
    edit = tu.make_edited_message_update(next_update_id(), uid, uid, "482913")
    assert post(telegram, edit) == "complainant"
    with telegram.runtime.store.unit() as unit:
        logged = unit.session.scalars(select(Message.body).where(
            Message.address == telegram.address)).all()
        queued = [i.body for i in unit.outbox_items(address=telegram.address)]
    assert not any("482913" in text for text in [*logged, *queued])
    assert "482913" not in str(telegram.state().data)


def test_a_complaint_left_overnight_is_offered_back_in_whole_words(whatsapp):
    """Back the next day: the bot shows the story's beginning to recognise it, cut between
    words, and continuing picks up where it was left."""
    whatsapp.says("halo")
    whatsapp.says("1")
    whatsapp.says("Kemarin di loket paspor saya dimarahi petugas karena berkas kurang, padahal "
                  "sudah sesuai syarat di website")
    asked = whatsapp.says("lanjut")
    clock = whatsapp.runtime.engine.clock
    clock.advance(hours=30)
    reply = whatsapp.says("halo")
    assert "Selamat datang kembali" in reply
    assert "padahal sudah…" in reply or "padahal…" in reply, reply
    assert 'padahal suda"' not in reply
    assert whatsapp.says("Lanjutkan").split("\n")[0] == asked.split("\n")[0]
