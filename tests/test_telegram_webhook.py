"""The Telegram webhook: refused without its secret, deduplicated, and the same conversation."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.models import (Attachment, Complainant, Complaint, ConversationState, Message,
                            OfficerAction, OutboxItem)
from tests.fakes import telegram_updates as tu
from tests.support.telegram import (OFFICER_CHAT, TICKET, TelegramUser, deliver,
                                    file_on_telegram, next_update_id)

pytestmark = pytest.mark.timeout(60)
CITIZEN = 555_001
TABLES = (Message, Complainant, ConversationState, Complaint, OutboxItem, OfficerAction)


def rows(runtime) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return {m.__tablename__: unit.session.scalar(select(func.count()).select_from(m))
                for m in TABLES}


@pytest.fixture
def app(bot_app):  # type: ignore[no-untyped-def]
    return bot_app[0]


@pytest.fixture
def runtime(bot_app):  # type: ignore[no-untyped-def]
    return bot_app[1]


@pytest.fixture
def citizen(app):  # type: ignore[no-untyped-def]
    return TelegramUser(app.test_client(), CITIZEN)


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", "test-webhook-secret_012"])
def test_forged_or_missing_secret_is_refused_and_writes_nothing(citizen, runtime, secret):
    response = citizen.post(tu.make_text_update(next_update_id(), CITIZEN, CITIZEN, "halo"),
                            secret=secret)
    assert response.status_code == 403
    assert set(rows(runtime).values()) == {0}


def test_without_a_configured_secret_everything_is_refused(make_app, sqlite_url, tg_server,
                                                           tw_server):
    from tests.support.telegram import SECRET, channel_env
    env = channel_env(tg_server, tw_server)
    env.pop("TELEGRAM_WEBHOOK_SECRET")
    app, runtime = make_app(sqlite_url, **env)
    user = TelegramUser(app.test_client(), CITIZEN)
    response = user.post(tu.make_text_update(1, CITIZEN, CITIZEN, "halo"), secret=SECRET)
    assert response.status_code == 403
    assert set(rows(runtime).values()) == {0}


def test_first_message_is_answered_through_the_outbox_with_a_keyboard(citizen, runtime,
                                                                        tg_server):
    assert citizen.send("halo") == "complainant"
    with runtime.store.unit() as unit:
        queued = unit.outbox_items(channel="telegram", address=str(CITIZEN))
    assert [item.status for item in queued] == ["pending"]   # the turn's bubbles, as one
    deliver(runtime)
    [text] = tg_server.sent_texts(CITIZEN)
    greeting, question = text.split("\n\n")[0], text.rsplit("\n\n", 1)[1]
    assert "Selamat datang" in greeting and "<b>privasi</b>" in greeting
    menu = tg_server.sent_messages(CITIZEN)[-1].params
    assert question == "Apa yang bisa kami bantu?"
    labels = [row[0]["text"] for row in menu["reply_markup"]["keyboard"]]
    assert labels == ["Sampaikan pengaduan", "Cek status pengaduan", "Informasi layanan",
                      "Bicara dengan petugas"]
    assert menu["parse_mode"] == "HTML"


def test_a_replayed_update_id_is_handled_once(citizen, runtime):
    update_id = next_update_id()
    assert citizen.send("halo", update_id=update_id) == "complainant"
    before = rows(runtime)
    response = citizen.post(tu.make_text_update(update_id, CITIZEN, CITIZEN, "halo"))
    assert response.status_code == 200
    assert rows(runtime) == before


@pytest.mark.parametrize("update", [
    tu.make_edited_message_update(900_001, -4001, CITIZEN, "diedit", chat_type="group"),
    tu.make_channel_post_update(900_003, -1001234567890, "pengumuman"),
    {"update_id": 900_005, "my_chat_member": {"unknown": "shape"}},
    {"not_an_update": True},
], ids=["edited_in_a_group", "channel_post", "odd_shape", "no_update_id"])
def test_updates_we_do_not_handle_are_acknowledged_and_dropped(citizen, runtime, update):
    response = citizen.post(update)
    assert response.status_code == 200
    assert set(rows(runtime).values()) == {0}


def test_a_message_in_another_group_gets_one_pointer_and_is_not_kept(citizen, runtime):
    """A citizen who added the bot to a group of their own is told once, in that group, to
    chat privately (tests/test_conversation_s28.py); nothing else is kept of it."""
    for said in ("obrolan grup lain", "halo bot"):
        update = tu.make_text_update(next_update_id(), -4001, CITIZEN, said, chat_type="group")
        assert citizen.post(update).status_code == 200
    counts = rows(runtime)
    assert counts.pop("outbox") == 1, counts
    assert set(counts.values()) == {0}, counts
    with runtime.store.unit() as unit:
        assert [row.address for row in unit.outbox_items()] == ["-4001"]


def to_slot(runtime, clock) -> None:  # type: ignore[no-untyped-def]
    """The clock at the next alert slot: an anonymous complaint's group alert waits for it
    (bot.identity.held_for_slot)."""
    from bot.notify import alert_slot
    clock.now = alert_slot(runtime.config.office_config, clock())


def test_a_complaint_on_telegram_with_evidence_and_exactly_one_alert(citizen, runtime,
                                                                     tg_server, clock):
    citizen.send("halo")
    citizen.send("Sampaikan pengaduan")
    citizen.send("Paspor saya sudah 3 minggu belum jadi padahal sudah bayar")
    photo = tu.make_photo_update(next_update_id(), CITIZEN, CITIZEN, file_id="AgAC-bukti-1")
    assert citizen.post(photo).status_code == 200
    document = tu.make_document_update(next_update_id(), CITIZEN, CITIZEN, file_id="BQAC-kwit")
    assert citizen.post(document).status_code == 200
    for said in ("Lanjut", "Layanan paspor", "Lewati", "Kemarin", "1", "Lewati",  # number or label
                 "Lanjut", "Lewati", "Tanpa nama (anonim)"):
        citizen.send(said)
    citizen.send("Kirim pengaduan")
    deliver(runtime)
    assert tg_server.sent_messages(OFFICER_CHAT) == []      # anonymous: held for its slot
    to_slot(runtime, clock)
    deliver(runtime)
    alerts = tg_server.sent_messages(OFFICER_CHAT)
    assert len(alerts) == 1
    with runtime.store.unit() as unit:
        complaint = unit.session.scalars(select(Complaint)).one()
        urls = sorted(a.url for a in complaint.attachments)
        all_urls = list(unit.session.scalars(select(Attachment.url)))
    assert complaint.channel == "telegram" and complaint.identity_mode == "anonymous"
    assert urls == ["telegram-file:AgAC-bukti-1", "telegram-file:BQAC-kwit"]
    assert not any(tg_server.token in url or "/file/bot" in url for url in all_urls)
    alert = alerts[0].params
    # held for its slot, the alert hides the channel as it hides the minute
    assert complaint.ticket in alert["text"] and "<b>Kanal: </b>Dirahasiakan" in alert["text"]
    assert "Telegram" not in alert["text"]
    assert alert["parse_mode"] == "HTML"
    data = [b["callback_data"] for row in alert["reply_markup"]["inline_keyboard"] for b in row]
    assert f"take:{complaint.ticket}:received" in data and all(len(d.encode()) <= 64 for d in data)
    filed = tg_server.sent_texts(CITIZEN)[-1]
    assert TICKET.search(filed) and "<b>" in tg_server.sent_messages(CITIZEN)[-1].params["text"]
    deliver(runtime)
    assert len(tg_server.sent_messages(OFFICER_CHAT)) == 1   # a second run sends nothing again


def test_a_complaint_on_whatsapp_also_alerts_the_group_once(bot_app, tg_server, clock):
    from tests.support.intake import walk
    from tests.support.twilio_chat import TwilioSender
    app, runtime = bot_app
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    for said in ("halo", "1", "Paspor saya sudah 3 minggu belum jadi", "lanjut"):
        phone.say(said)
    ticket = TICKET.search(walk(phone.says, phone.says("1"),
                                {"identitas Anda dicatat": "anonim"})).group(0)
    to_slot(runtime, clock)
    deliver(runtime)
    alerts = tg_server.sent_messages(OFFICER_CHAT)
    assert len(alerts) == 1
    assert ticket in alerts[0].params["text"] and "WhatsApp" not in alerts[0].params["text"]
    assert "<b>Kanal: </b>Dirahasiakan" in alerts[0].params["text"]     # held: channel hidden
    assert "Anonim" in alerts[0].params["text"]            # filed anonymously: no number at all
    assert "7890" not in alerts[0].params["text"] and "Budi" not in alerts[0].params["text"]


def test_alert_escapes_whatever_the_complainant_wrote(bot_app, tg_server):
    app, runtime = bot_app
    user = TelegramUser(app.test_client(), CITIZEN)
    file_on_telegram(user, runtime, story="<b>petugas</b> minta uang & bilang <a href='x'>ini</a>")
    deliver(runtime)
    text = tg_server.sent_messages(OFFICER_CHAT)[0].params["text"]
    assert "&lt;b&gt;petugas&lt;/b&gt;" in text and "&amp;" in text
    assert "<a href='x'>" not in text and "&lt;a href='x'&gt;ini&lt;/a&gt;" in text
    assert text.count("<a href=") == text.count('<a href="tg://user?id=')   # only mentions


def test_the_deadline_of_step_two_is_ten_service_minutes(bot_app, tg_server):
    app, runtime = bot_app
    file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    with runtime.store.unit() as unit:
        complaint = unit.session.scalars(select(Complaint)).one()
    assert (complaint.due_at - complaint.created_at).total_seconds() == 600
    deliver(runtime)
    text = tg_server.sent_messages(OFFICER_CHAT)[0].params["text"]
    assert "2. Dilaporkan kepada Kasi Tikkim" in text and "10.10 WITA" in text
