"""Twilio delivery receipts: signed StatusCallbacks recorded per message, failures acted on."""
from __future__ import annotations

from typing import Any

import pytest

from storage.models import Complainant
from tests.support.telegram import OFFICER_CHAT, deliver
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(90)
PHONE = "+6281234567890"
TEMPLATE = {"content_sid": "HX" + "a" * 32, "variables": {"1": "TRK-7K3Q-9MXA", "2": "diproses"}}


@pytest.fixture
def app_and_runtime(bot_app, tw_server):  # type: ignore[no-untyped-def]
    app, runtime = bot_app
    client = app.test_client()
    base = runtime.config.settings.public_base_url

    def transport(url: str, form: dict[str, str], headers: dict[str, str]) -> int:
        assert url.startswith(base)
        return client.post(url[len(base):], data=form, headers=headers).status_code

    tw_server.callback_transport = transport
    return app, runtime


def queue_update(runtime: Any, **payload: Any) -> int:
    """An officer's progress update to a WhatsApp complainant who wrote recently."""
    with runtime.store.unit() as unit:
        person = unit.session.query(Complainant).filter_by(address=PHONE).one()
        item = unit.enqueue(kind="update", channel="whatsapp", address=PHONE,
                            body="Pengaduan TRK-7K3Q-9MXA sedang diperiksa.",
                            payload={"ticket": "TRK-7K3Q-9MXA", **payload},
                            at=runtime.engine.clock(), complainant_id=person.id)
        unit.session.flush()
        return item.id


def outbox_row(runtime: Any, item_id: int) -> Any:
    with runtime.store.unit() as unit:
        return next(i for i in unit.outbox_items() if i.id == item_id)


@pytest.fixture
def sent(app_and_runtime, tw_server):  # type: ignore[no-untyped-def]
    """One update delivered by the worker; returns (runtime, outbox id, Twilio SID)."""
    app, runtime = app_and_runtime
    TwilioSender(app.test_client(), runtime.config.settings, number=PHONE).say("halo")
    item = queue_update(runtime, template=TEMPLATE)
    deliver(runtime)
    [call] = tw_server.sent_messages("whatsapp:" + PHONE)
    assert call.params["StatusCallback"] == "https://aduan.example.go.id/webhooks/twilio/status"
    return runtime, item, outbox_row(runtime, item).provider_id


def test_receipts_are_recorded_and_never_move_backwards(sent, tw_server):
    runtime, item, sid = sent
    assert tw_server.send_status(sid, "sent") == 200
    assert outbox_row(runtime, item).delivery_status == "sent"
    assert tw_server.send_status(sid, "delivered") == 200
    assert tw_server.send_status(sid, "sent") == 200          # late: changes nothing
    assert tw_server.send_status(sid, "delivered") == 200     # repeated: changes nothing
    row = outbox_row(runtime, item)
    assert (row.status, row.delivery_status, row.delivery_error) == ("sent", "delivered", None)
    assert row.delivery_at is not None


def test_a_forged_or_unreadable_receipt_is_refused_and_changes_nothing(sent, tw_server,
                                                                       app_and_runtime):
    app, _ = app_and_runtime
    runtime, item, sid = sent
    url, form, signature = tw_server.status_callback(sid, "failed", 30008)
    path = "/webhooks/twilio/status"
    client = app.test_client()
    assert client.post(path, data=form).status_code == 403
    tampered = ("y" if signature[0] == "x" else "x") + signature[1:]   # never the signature itself
    assert client.post(path, data=form, headers={"X-Twilio-Signature": tampered}
                       ).status_code == 403
    bad = {**form, "MessageStatus": "exploded"}
    from twilio.request_validator import RequestValidator
    signed = RequestValidator(runtime.config.settings.twilio_auth_token).compute_signature(url, bad)
    assert client.post(path, data=bad, headers={"X-Twilio-Signature": signed}).status_code == 400
    row = outbox_row(runtime, item)
    assert (row.status, row.delivery_status) == ("sent", None)
    assert tw_server.sent_messages() and len(tw_server.sent_messages()) == 1


def test_outside_the_window_after_acceptance_it_goes_again_as_the_template(sent, tw_server):
    runtime, item, sid = sent
    assert tw_server.send_status(sid, "failed", 63016) == 200
    row = outbox_row(runtime, item)
    assert row.status == "pending" and row.payload["force_template"] is True
    assert row.delivery_status == "failed" and row.delivery_error == "63016"
    deliver(runtime)
    first, second = tw_server.sent_messages("whatsapp:" + PHONE)
    assert "Body" in first.params and "ContentSid" not in first.params
    assert second.params["ContentSid"] == TEMPLATE["content_sid"] and "Body" not in second.params
    again = outbox_row(runtime, item)
    assert again.status == "sent" and again.provider_id != sid and again.delivery_status is None
    assert tw_server.send_status(sid, "failed", 63016) == 200     # the old SID: nothing new
    assert len(tw_server.sent_messages("whatsapp:" + PHONE)) == 2


def test_a_failure_after_acceptance_is_reported_to_the_officers(app_and_runtime, tw_server,
                                                                tg_server):
    app, runtime = app_and_runtime
    TwilioSender(app.test_client(), runtime.config.settings, number=PHONE).say("halo")
    item = queue_update(runtime)                 # no template to fall back on
    deliver(runtime)
    sid = outbox_row(runtime, item).provider_id
    assert tw_server.send_status(sid, "undelivered", 30008) == 200
    assert tw_server.send_status(sid, "undelivered", 30008) == 200    # reported once
    row = outbox_row(runtime, item)
    assert row.status == "undeliverable" and row.delivery_error == "30008"
    deliver(runtime)
    [report] = tg_server.sent_texts(OFFICER_CHAT)
    assert "Pesan tidak terkirim" in report and "TRK-7K3Q-9MXA" in report and "30008" in report
    assert PHONE not in report


def test_the_fake_server_reports_receipts_by_itself(app_and_runtime, tw_server):
    app, runtime = app_and_runtime
    TwilioSender(app.test_client(), runtime.config.settings, number=PHONE).say("halo")
    tw_server.auto_receipts = True
    item = queue_update(runtime)
    deliver(runtime)
    import time
    for _ in range(100):
        if outbox_row(runtime, item).delivery_status == "delivered":
            break
        time.sleep(0.05)
    assert outbox_row(runtime, item).delivery_status == "delivered"
    assert [status for _, status, answer in tw_server.receipts if answer == 200] == [
        "sent", "delivered"]
