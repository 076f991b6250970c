"""Delivery review of session 30, helper D30.

W40: a named WhatsApp complaint handled over days (the person's 24-hour window closed) got the
step-9 news as the `status_update` template alone: ticket, "Selesai", "nothing more from the
office". The outcome and the officers' message were in no message, not even after the person
wrote again. Now a template that leaves part of its message out leaves that text waiting: it
goes once when the person next writes (their window open again), and a step whose template
said it all is not sent twice.

W39: a Twilio receipt arriving while another writer held the database lock got a 500 and was
lost (Twilio does not retry status callbacks by default). Now it tries again within the time
Twilio waits, and answers 503 only after that, logged; a forged receipt is still refused.

Through the real app (signed Twilio webhooks, Telegram updates, the worker), on SQLite and
PostgreSQL."""
from __future__ import annotations

import logging
import threading
import time
from typing import Any

import pytest
from sqlalchemy import select

from handlers import twilio_status
from storage.models import Complainant, OutboxItem
from tests.support.intake import TICKET, walk
from tests.support.telegram import OFFICER_CHAT, PETUGAS, channel_env, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_officers import app, officer, runtime, walk_to  # noqa: F401 - fixtures
from tests.test_twilio_receipts import TEMPLATE, outbox_row, queue_update

pytestmark = pytest.mark.timeout(300)

NUMBER = "+6281377730001"
TO_HER = f"whatsapp:{NUMBER}"
PASSPORT = "Paspor saya sudah sebulan belum jadi padahal sudah bayar dan foto"
NAMED = {"Pengaduan Anda tentang apa": "1", "identitas Anda dicatat": "tulis nama saya",
         "Tuliskan nama Anda": "Siti Rahmawati",
         "ingin dirahasiakan": "Tidak, nama saya boleh diketahui petugas"}
OUTCOME = "Hasil pemeriksaan: pengaduan Anda terbukti benar"
OFFICERS_WORDS = "mohon maaf atas ketidaknyamanan"


def _file(phone: TwilioSender) -> str:
    reply = ""
    for said in ("menu", "1", PASSPORT, "lanjut"):
        reply = phone.says(said)
    return TICKET.search(walk(phone.says, reply, NAMED)).group(0)


def _bodies(tw_server: Any) -> list[str]:
    return [m.params["Body"] for m in tw_server.sent_messages(TO_HER) if "Body" in m.params]


def _templates(tw_server: Any) -> list[dict[str, str]]:
    return [m.params for m in tw_server.sent_messages(TO_HER) if "ContentSid" in m.params]


# --- W40: the outcome outside the 24-hour window -----------------------------------------------
def test_the_outcome_a_template_left_out_goes_once_when_the_person_next_writes(
        app, runtime, tw_server, tg_server, clock):
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER)
    ticket = _file(phone)
    deliver(runtime)
    clock.advance(hours=30)                    # her window closed: the steps go as templates
    walk_to(app, ticket, "reported")
    deliver(runtime)
    templated = _templates(tw_server)
    assert templated, "the steps' news went as text although her window was closed"
    assert any("Selesai" in str(t.get("ContentVariables")) for t in templated), templated
    assert not any(OUTCOME in body for body in _bodies(tw_server))   # nothing to say it yet
    # the desk is not told her chat takes no messages: the template went, a reply goes too
    seen = len(tg_server.sent_texts(OFFICER_CHAT))
    assert officer(app, PETUGAS).send(f"/balas {ticket} Baik, kami tunggu kabar Anda.") \
        == "officer"
    deliver(runtime)
    confirmed = "\n".join(tg_server.sent_texts(OFFICER_CHAT)[seen:])
    assert "dikirim" in confirmed and "belum dapat dihubungi" not in confirmed, confirmed
    before = len(tw_server.sent_messages(TO_HER))

    inline = phone.says("lima")                # she writes: the window is open again
    deliver(runtime)
    after = tw_server.sent_messages(TO_HER)[before:]
    told = [m.params.get("Body", "") for m in after]
    assert not any("ContentSid" in m.params for m in after), told
    assert sum(OUTCOME in body for body in told) == 1, told
    assert OUTCOME in told[0] and OFFICERS_WORDS in told[0] and ticket in told[0], told
    # the answer to "lima" comes behind the news, not inline ahead of it (W44)
    assert inline == "" and len(told) == 2, (inline, told)
    # the earlier steps, whose template said all they had to say, are not sent again

    phone.says("terima kasih")                 # once: not again on her next message
    deliver(runtime)
    assert sum(OUTCOME in body for body in _bodies(tw_server)) == 1


def test_a_step_the_template_carried_whole_is_not_sent_again(app, runtime, tw_server, clock):
    phone = TwilioSender(app.test_client(), runtime.config.settings, number=NUMBER)
    ticket = _file(phone)
    deliver(runtime)
    clock.advance(hours=30)
    walk_to(app, ticket, "reviewed")
    deliver(runtime)
    assert _templates(tw_server)
    before = len(tw_server.sent_messages(TO_HER))
    phone.says("halo")
    deliver(runtime)
    assert tw_server.sent_messages(TO_HER)[before:] == []   # its answer went inline (TwiML)


# --- W39: a receipt while the database is busy -------------------------------------------------
@pytest.fixture
def busy_app(make_app, db_url, tg_server, tw_server):  # type: ignore[no-untyped-def]
    """The app with a short lock timeout; receipts posted to it as Twilio does."""
    app_, runtime_ = make_app(db_url, DB_LOCK_TIMEOUT_SECONDS="0.5",
                              **channel_env(tg_server, tw_server))
    client = app_.test_client()
    base = runtime_.config.settings.public_base_url

    def transport(url: str, form: dict[str, str], headers: dict[str, str]) -> int:
        return client.post(url[len(base):], data=form, headers=headers).status_code

    tw_server.callback_transport = transport
    TwilioSender(client, runtime_.config.settings, number="+6281234567890").say("halo")
    item = queue_update(runtime_, template=TEMPLATE)
    deliver(runtime_)
    return app_, runtime_, item, outbox_row(runtime_, item).provider_id


def _rows(runtime: Any) -> list[Any]:
    with runtime.store.unit() as unit:
        return list(unit.outbox_items())


def hold_the_writer(runtime: Any, item: int, seconds: float) -> threading.Thread:
    """Another connection's transaction holding the write lock (SQLite) or the message's row
    (PostgreSQL) for `seconds`."""
    taken = threading.Event()

    def hold() -> None:
        with runtime.store.unit() as unit:
            unit.session.execute(select(OutboxItem).where(OutboxItem.id == item)
                                 .with_for_update()).all()
            taken.set()
            time.sleep(seconds)

    thread = threading.Thread(target=hold)
    thread.start()
    assert taken.wait(5)
    return thread


def test_a_failure_receipt_while_the_database_is_busy_is_recorded_and_reported(
        busy_app, tw_server, tg_server):
    _, runtime, item, sid = busy_app
    holder = hold_the_writer(runtime, item, 1.5)     # three lock timeouts
    try:
        assert tw_server.send_status(sid, "undelivered", 30008) == 200
    finally:
        holder.join()
    row = outbox_row(runtime, item)
    assert (row.status, row.delivery_status, row.delivery_error) == (
        "undeliverable", "undelivered", "30008")
    deliver(runtime)
    [report] = tg_server.sent_texts(OFFICER_CHAT)[-1:]
    assert "Pesan tidak terkirim" in report and "TRK-7K3Q-9MXA" in report


def test_busy_past_the_budget_answers_503_then_twilio_s_retry_is_recorded(
        busy_app, tw_server, monkeypatch, caplog):
    app_, runtime, item, sid = busy_app
    monkeypatch.setattr(twilio_status, "BUSY_BUDGET", 1.2, raising=False)
    caplog.set_level(logging.ERROR, logger="handlers.twilio_status")
    url, form, signature = tw_server.status_callback(sid, "failed", 30003)
    client = app_.test_client()
    path = "/webhooks/twilio/status"
    holder = hold_the_writer(runtime, item, 3.0)
    try:
        started = time.monotonic()
        answer = client.post(path, data=form, headers={"X-Twilio-Signature": signature})
        waited = time.monotonic() - started
        forged = client.post(path, data={**form, "ErrorCode": "30004"},
                             headers={"X-Twilio-Signature": signature})
    finally:
        holder.join()
    assert answer.status_code == 503 and waited < 2.5
    assert any(sid in r.getMessage() and "not recorded" in r.getMessage()
               for r in caplog.records)
    assert forged.status_code == 403
    assert outbox_row(runtime, item).delivery_status is None          # nothing written yet
    again = client.post(path, data=form, headers={"X-Twilio-Signature": signature})
    assert again.status_code == 200
    row = outbox_row(runtime, item)
    assert (row.status, row.delivery_error) == ("undeliverable", "30003")


def test_the_template_s_receipts_find_it_while_its_text_waits(busy_app, tw_server, clock):
    app_, runtime, _, first = busy_app            # an update went as text, her window open
    phone = TwilioSender(app_.test_client(), runtime.config.settings, number="+6281234567890")
    clock.advance(hours=30)
    with runtime.store.unit() as unit:
        person = unit.session.query(Complainant).filter_by(address=phone.number).one()
        item = unit.enqueue(kind="update", channel="whatsapp", address=phone.number,
                            body="Pengaduan TRK-7K3Q-9MXA: Selesai\n\n" + OUTCOME + ".",
                            payload={"ticket": "TRK-7K3Q-9MXA", "template": TEMPLATE},
                            at=runtime.engine.clock(), complainant_id=person.id)
        unit.session.flush()
        item_id = item.id
    deliver(runtime)
    [went] = tw_server.sent_messages(f"whatsapp:{phone.number}")[-1:]
    assert went.params["ContentSid"] == TEMPLATE["content_sid"]
    with runtime.store.unit() as unit:
        [template] = [row for row in unit.outbox_items(kind="update")
                      if row.provider_id not in (None, first)]
        sid = template.provider_id
    assert tw_server.send_status(sid, "delivered") == 200
    template = next(row for row in _rows(runtime) if row.provider_id == sid)
    assert (template.status, template.delivery_status) == ("sent", "delivered")
    waiting = outbox_row(runtime, item_id)
    assert waiting.status == "undeliverable" and "template" not in waiting.payload
    phone.says("halo")
    deliver(runtime)
    # the news, then the answer to "halo" behind it
    text, answer = tw_server.sent_messages(f"whatsapp:{phone.number}")[-2:]
    assert OUTCOME in text.params["Body"] and "ContentSid" not in text.params
    assert OUTCOME not in answer.params["Body"]
    assert outbox_row(runtime, item_id).status == "sent"
