"""No secret at rest or in the logs: PINs masked in every table (filled in only in flight),
tokens and numbers out of the logs, a strong webhook secret, private chats that are who they
say they are."""
from __future__ import annotations

import json
import logging
import re

import pytest
from sqlalchemy import func, select

from bot.config import ConfigError, load_settings
from bot.tickets import find_pin
from handlers import logsafe
from storage.models import Message, OutboxItem
from tests.fakes import telegram_updates as tu
from tests.support.privacy import found_in_tables
from tests.support.telegram import (KASI, PETUGAS, TICKET, TelegramUser, deliver,
                                    file_on_telegram, next_update_id)
from tests.support.twilio_chat import TwilioSender
from tests.test_conversation import file_complaint

pytestmark = pytest.mark.timeout(120)
CITIZEN = 7_200_300_400
PIN = re.compile(r"PIN: \*?(\d{6})")


@pytest.fixture
def app(bot_app):  # type: ignore[no-untyped-def]
    return bot_app[0]


@pytest.fixture
def runtime(bot_app):  # type: ignore[no-untyped-def]
    return bot_app[1]


def outbox(runtime, **filters):  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        return unit.outbox_items(**filters)


def test_the_whatsapp_filing_reply_carries_the_pin_but_no_table_keeps_it(app, runtime):
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, pin = file_complaint(phone)                 # the PIN read from the TwiML answer
    assert found_in_tables(runtime, [pin]) == []
    with runtime.store.unit() as unit:
        logged = unit.session.scalars(select(Message.body).where(
            Message.direction == "out", Message.body.contains(ticket))).all()
    assert any("PIN: *••••••*" in body for body in logged)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281199990000")
    other.say("halo")
    assert ticket in other.says(f"status {ticket} {pin}")     # typed with the ticket
    other.say(f"status {ticket}")
    assert ticket in other.says(pin)                           # typed alone, when asked
    assert found_in_tables(runtime, [pin]) == []


def test_the_telegram_filing_reply_keeps_its_pin_only_until_delivered(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    [row] = [r for r in outbox(runtime, kind="reply") if ticket in r.body]
    assert "PIN: *••••••*" in row.body and list(row.secret) == ["••••••"]
    pin = row.secret["••••••"]
    assert re.fullmatch(r"\d{6}", pin) and found_in_tables(runtime, [pin]) == [
        ("outbox", pin)]                                       # only in flight
    deliver(runtime)
    assert any(f"PIN: <b>{pin}</b>" in t for t in tg_server.sent_texts(CITIZEN))
    assert found_in_tables(runtime, [pin]) == []
    [row] = [r for r in outbox(runtime, kind="reply") if ticket in r.body]
    assert row.status == "sent" and row.secret is None


def receipts_to(app, runtime, tw_server) -> None:  # type: ignore[no-untyped-def]
    """Let the fake Twilio post its signed delivery receipts to the app."""
    base = runtime.config.settings.public_base_url
    client = app.test_client()
    tw_server.callback_transport = lambda url, form, headers: client.post(
        url[len(base):], data=form, headers=headers).status_code


def test_catat_whatsapp_notice_and_the_officers_answer_keep_no_pin(app, runtime, tg_server,
                                                                    tw_server):
    receipts_to(app, runtime, tw_server)
    desk = TelegramUser(app.test_client(), PETUGAS)
    for said in ("/catat", "1", "Siti Aminah", "0812-3456-7890", "ya", "Layanan paspor",
                 "Paspor saya sudah sebulan belum jadi", "lewati", "lewati", "simpan"):
        assert desk.send(said) == "officer", said
    deliver(runtime)
    [sent] = tw_server.sent_messages()
    pin = json.loads(sent.params["ContentVariables"])["2"]
    assert re.fullmatch(r"\d{6}", pin)
    assert any(f"PIN: {pin}" in t for t in tg_server.sent_texts(PETUGAS))
    assert found_in_tables(runtime, [pin]) == [("outbox", pin)]   # the template, until received
    assert tw_server.send_status(outbox(runtime, kind="ticket")[0].provider_id,
                                 "delivered") == 200
    assert found_in_tables(runtime, [pin, "+6281234567890"]) == [
        ("complainants", "+6281234567890"), ("outbox", "+6281234567890")]   # the address only
    with runtime.store.unit() as unit:
        answers = unit.session.scalars(select(Message.body).where(
            Message.address == str(PETUGAS))).all()
    assert not any("3456" in body for body in answers)          # dialogue answers not logged


def test_a_template_pin_waits_for_its_receipt(app, runtime, tw_server):
    receipts_to(app, runtime, tw_server)
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, old_pin = file_complaint(phone)
    assert TelegramUser(app.test_client(), KASI).send(f"/pinbaru {ticket}") == "officer"
    deliver(runtime)
    [sent] = tw_server.sent_messages()
    new_pin = re.search(r"\*(\d{6})\*", sent.params["Body"]).group(1)
    assert new_pin != old_pin
    [row] = outbox(runtime, kind="pin")
    assert row.status == "sent" and row.secret == {"••••••": new_pin}  # a 63016 may need it
    assert tw_server.send_status(row.provider_id, "delivered") == 200
    [row] = outbox(runtime, kind="pin")
    assert row.secret is None and found_in_tables(runtime, [new_pin]) == []


def test_logs_name_no_token_secret_number_or_pin(app, runtime, tg_server, caplog):
    settings = runtime.config.settings
    logsafe.install(settings)
    try:
        caplog.set_level(logging.INFO)
        ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
        TwilioSender(app.test_client(), settings, number="+6281234560001").say("halo")
        logging.getLogger("httpx").warning("HTTP Request: POST %s/bot%s/sendMessage",
                                           settings.telegram_api_base_url,
                                           settings.telegram_bot_token)
        logging.getLogger("test").error("PIN: 123456 for +6281234560001 (chat %s) %s", CITIZEN,
                                        settings.twilio_auth_token)
        try:
            raise ValueError(f"webhook secret {settings.telegram_webhook_secret} for 081234560001")
        except ValueError:
            logging.getLogger("test").exception("failed")
        deliver(runtime)
        text = caplog.text + "".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
        assert ticket and "HTTP Request" in text and "[RAHASIA]" in text
        for secret in (settings.telegram_bot_token, settings.telegram_bot_token.split(":")[1],
                       settings.twilio_auth_token, settings.telegram_webhook_secret,
                       "123456", "6281234560001", "81234560001", str(CITIZEN)):
            assert secret not in text, secret
        assert "+62 812-••••-0001" in text and "••••0400" in text
        assert logging.getLogger("httpx").level == logging.WARNING
    finally:
        logsafe.uninstall()


def test_a_short_webhook_secret_stops_start_up_naming_the_variable():
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET.*too short"):
        load_settings({"TELEGRAM_WEBHOOK_SECRET": "a"})
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        load_settings({"TELEGRAM_WEBHOOK_SECRET": "x" * 31})
    assert load_settings({"TELEGRAM_WEBHOOK_SECRET": "x" * 32}).telegram_webhook_secret


def test_a_private_chat_that_is_not_its_sender_is_refused_and_writes_nothing(app, runtime,
                                                                            tg_server):
    kasi_in_someone_elses_chat = TelegramUser(app.test_client(), KASI, chat_id=CITIZEN)
    assert kasi_in_someone_elses_chat.send("/aduan") == "refused"
    update = tu.make_callback_update(next_update_id(), CITIZEN, KASI, "view:TRK-2222-3333")
    update["callback_query"]["message"]["chat"] = tu.make_chat(CITIZEN, "private")
    assert kasi_in_someone_elses_chat.post(update).get_json()["result"] == "refused"
    with runtime.store.unit() as unit:
        assert unit.session.scalar(select(func.count()).select_from(Message)) == 0
        assert unit.session.scalar(select(func.count()).select_from(OutboxItem)) == 0
    deliver(runtime)
    assert tg_server.sent_messages() == []


@pytest.mark.parametrize("typed", [
    "status PIN {pin} tiket {ticket}", "pin saya {pin}, status {ticket}",
    "status {ticket} (PIN: {pin})", "{pin} status {ticket}",
    "check status of {ticket}, my PIN is {pin}", "status {ticket} pin nya: {pin}",
    "status {ticket}\n\n\nPIN yang diberikan waktu melapor: {pin}",
])
def test_a_pin_typed_in_any_order_is_never_kept(app, runtime, typed):
    """The status look-up finds the PIN anywhere in the message (before the ticket, far after
    it): the message log must mask it wherever the look-up found it."""
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, pin = file_complaint(phone)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281199990000")
    other.say("halo")
    other.say(typed.format(pin=pin, ticket=ticket))
    assert found_in_tables(runtime, [pin]) == []


@pytest.mark.parametrize("sep", [" ", "-", "."])
@pytest.mark.parametrize("typed", ["{split}", "status {ticket} {split}", "PIN {split} {ticket}"])
def test_a_pin_typed_in_two_groups_opens_the_status_and_is_never_kept(app, runtime, typed, sep):
    """"225 611" is read as the PIN (people split six digits as they read them); the message
    log masks it like six digits in a row."""
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, pin = file_complaint(phone)
    split = pin[:3] + sep + pin[3:]
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281199990001")
    other.say("halo")
    if typed == "{split}":                    # the answer to the PIN question
        assert "PIN" in other.says(f"status {ticket}")
    reply = other.says(typed.format(split=split, ticket=ticket))
    assert ticket in reply and "Sisa percobaan" not in reply and "PIN 6" not in reply
    assert found_in_tables(runtime, [pin, split]) == []


@pytest.mark.parametrize("typed", [
    "tolong cek laporan saya nomor {ticket} pin saya {pairs}", "{pairs}",
    "status {ticket} {pairs}"])
def test_a_pin_read_out_in_pairs_opens_the_status_and_is_never_kept(app, runtime, typed):
    """"85 99 40": people read six digits out in pairs too (walker W40: it was refused as "no
    PIN", and stored in clear in the message log)."""
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, pin = file_complaint(phone)
    pairs = " ".join((pin[:2], pin[2:4], pin[4:]))
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281199990002")
    other.say("halo")
    if typed == "{pairs}":                    # the answer to the PIN question
        assert "PIN" in other.says(f"status {ticket}")
    reply = other.says(typed.format(pairs=pairs, ticket=ticket))
    assert ticket in reply and "Sisa percobaan" not in reply and "PIN 6" not in reply
    assert found_in_tables(runtime, [pin, pairs]) == []


def test_a_date_with_dots_is_no_pin_read_in_pairs():
    assert find_pin("status TRK-ABCD-EF34 kejadian 12.05.26") is None
    assert find_pin("status TRK-ABCD-EF34 pin 172 880, lapor 01 12 26") == "172880"


@pytest.mark.parametrize(("typed", "expecting", "kept"), [
    ("225 611", True, "••••••"),
    ("TRK-ABCD-EF34 172-880", False, "TRK-ABCD-EF34 ••••••"),      # a ticket ending in a digit
    ("status TRK-ABCD-EF34 pin 172.880", False, "status TRK-ABCD-EF34 pin ••••••"),
    ("TRK-A123-456B 172 880", True, "TRK-A123-456B ••••••"),        # the ticket stays whole
    ("pin saya 225 611 ya", False, "pin saya •••••• ya"),
])
def test_the_message_log_masks_a_pin_however_it_is_split(typed, expecting, kept):
    from bot.concealed import mask_typed_pin
    assert mask_typed_pin(typed, expecting, ticketed=False) == kept


def test_a_pin_typed_when_asked_is_not_kept_when_its_turn_fails(app, runtime, monkeypatch):
    """The fail-safe keeps every message whose turn raised; a PIN typed as the answer to the
    PIN question is still masked there (the turn's own masking never ran)."""
    from bot.conversation import status

    phone = TwilioSender(app.test_client(), runtime.config.settings)
    ticket, pin = file_complaint(phone)
    other = TwilioSender(app.test_client(), runtime.config.settings, number="+6281199990001")
    other.say("halo")
    other.say(f"status {ticket}")                              # the PIN is asked for

    def broken(self, turn):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug in the step")

    monkeypatch.setattr(status.StatusPin, "handle", broken)
    reply = other.says(pin)
    assert reply                                               # a calm apology, not a 500
    assert found_in_tables(runtime, [pin]) == []
    with runtime.store.unit() as unit:
        kept = unit.session.scalars(select(Message.body).where(
            Message.direction == "in", Message.address.contains("6281199990001"))).all()
    assert kept[-1] == "••••••"                                # kept, masked
