"""The delivery worker against the fake Telegram and Twilio servers: retries, give-ups, order."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from handlers.limiter import TelegramLimiter
from handlers.wiring import build_runtime
from storage.models import ChatMigration, OutboxItem
from storage.outbox import Outbox
from tests.conftest import make_config
from tests.support.telegram import OFFICER_CHAT, channel_env, deliver

pytestmark = pytest.mark.timeout(60)
CHAT = "555003"
PHONE = "+6281234567890"


@pytest.fixture
def runtime(db_url, tg_server, tw_server, clock):  # type: ignore[no-untyped-def]
    made = []

    def build(**env: str):  # type: ignore[no-untyped-def]
        config = make_config(db_url, **channel_env(tg_server, tw_server, **env))
        made.append(build_runtime(config, classifier=None, clock=clock))
        return made[-1]

    yield build
    for runtime in made:
        runtime.store.dispose()


def queue(runtime: Any, channel: str = "telegram", address: str = CHAT, body: str = "Halo",
          kind: str = "update", **payload: Any) -> int:
    with runtime.store.unit() as unit:
        item = unit.enqueue(kind=kind, channel=channel, address=address, body=body,
                            payload={"ticket": "TRK-7K3Q-9MXA", **payload},
                            at=runtime.engine.clock())
        unit.session.flush()
        return item.id


def row(runtime: Any, item_id: int) -> Any:
    with runtime.store.unit() as unit:
        return next(i for i in unit.outbox_items() if i.id == item_id)


def test_telegram_429_waits_as_told_without_spending_an_attempt(runtime, tg_server, clock):
    rt = runtime()
    tg_server.fail_next("sendMessage", status=429, retry_after=3)
    item = queue(rt)
    deliver(rt)
    pending = row(rt, item)
    assert (pending.status, pending.attempts) == ("pending", 0)
    assert pending.next_attempt_at == rt.engine.clock() + dt.timedelta(seconds=3)
    clock.advance(seconds=2)
    deliver(rt)
    assert tg_server.sent_messages(CHAT) == []
    clock.advance(seconds=1)
    deliver(rt)
    assert row(rt, item).status == "sent"
    assert [c.status for c in tg_server.calls_to("sendMessage")] == [429, 200]


def test_telegram_500_is_retried_with_backoff(runtime, tg_server, clock):
    rt = runtime()
    tg_server.fail_next("sendMessage", status=500, times=2)
    item = queue(rt)
    deliver(rt)
    first = row(rt, item)
    assert (first.status, first.attempts) == ("pending", 1) and "NetworkError" in first.last_error
    assert dt.timedelta(seconds=1.5) <= first.next_attempt_at - rt.engine.clock() \
        <= dt.timedelta(seconds=2.5)
    clock.advance(seconds=3)
    deliver(rt)
    second = row(rt, item)
    assert second.attempts == 2 and second.next_attempt_at - rt.engine.clock() >= \
        dt.timedelta(seconds=3)
    clock.advance(seconds=10)
    deliver(rt)
    assert row(rt, item).status == "sent" and len(tg_server.sent_messages(CHAT)) == 1


def test_telegram_403_is_undeliverable_and_reported_to_the_group(runtime, tg_server):
    rt = runtime()
    tg_server.block(CHAT)
    item = queue(rt)
    deliver(rt)
    given_up = row(rt, item)
    assert given_up.status == "undeliverable" and "blocked" in given_up.last_error
    assert len(tg_server.calls_to("sendMessage")) == 2      # one try, then the report
    [report] = tg_server.sent_texts(OFFICER_CHAT)
    assert "Pesan tidak terkirim" in report and "TRK-7K3Q-9MXA" in report
    assert "Status: </b>tidak dapat dikirim (undeliverable)" in report
    assert "Jenis pesan: </b>kabar perkembangan" in report


def test_transient_failures_end_as_failed_after_max_attempts(runtime, tg_server, clock):
    rt = runtime(WORKER_MAX_ATTEMPTS="2")
    tg_server.fail_next("sendMessage", status=502, times=2)
    item = queue(rt)
    deliver(rt)
    clock.advance(hours=7)      # an outage is waited out for 6 hours (handlers/worker.py)
    deliver(rt)
    assert row(rt, item).status == "failed"
    assert "Pesan tidak terkirim" in tg_server.sent_texts(OFFICER_CHAT)[0]


def test_a_migrated_officer_group_is_remembered(runtime, tg_server):
    rt = runtime()
    new_chat = -1009990000001
    tg_server.migrate_chat(OFFICER_CHAT, new_chat)
    first = queue(rt, address=str(OFFICER_CHAT), kind="alert")
    deliver(rt)
    assert row(rt, first).status == "sent" and row(rt, first).address == str(new_chat)
    assert len(tg_server.sent_messages(new_chat)) == 1
    with rt.store.unit() as unit:
        assert unit.session.get(ChatMigration, str(OFFICER_CHAT)).new_chat_id == str(new_chat)
        rt.notifier.to_officers(unit, __import__("bot.rich").rich.Rich().t("berikutnya"),
                                rt.engine.clock(), "announce")
    deliver(rt)
    assert tg_server.sent_texts(new_chat)[-1] == "berikutnya"


def test_one_chat_stays_in_order_while_its_head_is_retried(runtime, tg_server, clock):
    rt = runtime()
    tg_server.fail_next("sendMessage", status=500)
    first, second = queue(rt, body="satu"), queue(rt, body="dua")
    deliver(rt)                      # "satu" meets the 500; "dua" must wait behind it
    assert tg_server.sent_texts(CHAT) == [] and row(rt, second).status == "pending"
    other = queue(rt, address="555999", body="lain")
    deliver(rt)                      # another chat is not held up by this one's retry
    assert row(rt, other).status == "sent" and row(rt, second).status == "pending"
    clock.advance(seconds=5)
    deliver(rt)
    assert tg_server.sent_texts(CHAT) == ["satu", "dua"]
    assert row(rt, first).status == row(rt, second).status == "sent"


def test_whatsapp_inside_the_window_is_free_text(runtime, tw_server):
    rt = runtime()
    item = queue(rt, channel="whatsapp", address=PHONE, body="Kabar",
                 template={"content_sid": "HX" + "1" * 32, "variables": {"1": "x"}})
    with rt.store.unit() as unit:
        person = unit.complainant("whatsapp", PHONE, rt.engine.clock())
        person.last_inbound_at = rt.engine.clock() - dt.timedelta(hours=2)
        unit.session.flush()
        next(i for i in unit.outbox_items() if i.id == item).complainant_id = person.id
    deliver(rt)
    [sent] = tw_server.sent_messages()
    assert sent.params["Body"] == "Kabar" and sent.params["To"] == "whatsapp:" + PHONE


@pytest.mark.parametrize(("status", "code", "final"), [
    (400, 21211, "undeliverable"), (400, 21610, "undeliverable"), (400, 21614, "undeliverable"),
])
def test_twilio_permanent_errors_are_undeliverable_and_reported(runtime, tw_server, tg_server,
                                                                status, code, final):
    rt = runtime()
    tw_server.fail_next(status=status, code=code)
    item = queue(rt, channel="sms", address=PHONE)
    deliver(rt)
    assert row(rt, item).status == final and str(code) in row(rt, item).last_error
    report = tg_server.sent_texts(OFFICER_CHAT)[0]
    assert f"{code}" in report and PHONE not in report and PHONE[1:] not in report


@pytest.mark.parametrize(("status", "code"), [(429, 20429), (429, 63018), (500, 20500)])
def test_twilio_rate_limits_and_server_errors_are_retried(runtime, tw_server, clock,
                                                          status, code):
    rt = runtime()
    tw_server.fail_next(status=status, code=code)
    item = queue(rt, channel="sms", address=PHONE)
    deliver(rt)
    assert row(rt, item).status == "pending"
    clock.advance(seconds=30)
    deliver(rt)
    assert row(rt, item).status == "sent" and len(tw_server.sent_messages(PHONE)) == 1


def test_twilio_63016_falls_back_to_the_template(runtime, tw_server):
    rt = runtime()
    tw_server.fail_next(status=400, code=63016)
    template = {"content_sid": "HX" + "2" * 32, "variables": {"1": "TRK-7K3Q-9MXA"}}
    # (a text its template carries whole: nothing is left to follow when the person writes)
    item = queue(rt, channel="whatsapp", address=PHONE, body="Kabar TRK-7K3Q-9MXA",
                 template=template)
    with rt.store.unit() as unit:   # the window looked open when queued
        person = unit.complainant("whatsapp", PHONE, rt.engine.clock())
        person.last_inbound_at = rt.engine.clock()
        unit.session.flush()
        next(i for i in unit.outbox_items() if i.id == item).complainant_id = person.id
    deliver(rt)
    [sent] = tw_server.sent_messages()
    assert sent.params["ContentSid"] == template["content_sid"] and "Body" not in sent.params
    assert row(rt, item).status == "sent"


def test_twilio_timeout_is_retried(runtime, tw_server, clock):
    rt = runtime(HTTP_TIMEOUT_SECONDS="0.5")
    tw_server.hang_next(2.0)
    item = queue(rt, channel="sms", address=PHONE)
    deliver(rt)
    assert row(rt, item).status == "pending" and "ReadTimeout" in row(rt, item).last_error


def test_outbox_counts_and_claims_at_most_one_per_chat(runtime):
    rt = runtime()
    for body in ("a", "b", "c"):
        queue(rt, body=body)
    queue(rt, address="777")
    claimed = Outbox(rt.store).claim("w", rt.engine.clock(), 60, 10)
    assert sorted(c.address for c in claimed) == ["555003", "777"]
    assert Outbox(rt.store).counts() == {"sending": 2, "pending": 2}


def test_limiter_paces_a_group_and_a_private_chat():
    limiter = TelegramLimiter(30, 1, 20)
    assert [limiter.try_take("-100", "alert") for _ in range(3)] == [0, 0, 0]  # a burst of 3
    assert 2.5 < limiter.try_take("-100", "alert") < 3.5         # then one every 3 s
    assert [limiter.try_take("123", "reply") for _ in range(3)] == [0, 0, 0]
    assert 0.5 < limiter.try_take("123", "reply") <= 1.0         # about one a second
    assert limiter.try_take("callback:1", "callback") == 0       # button answers: overall only
    overall = TelegramLimiter(2, 1000, 60000)
    assert [overall.try_take(str(i), "reply") for i in range(2)] == [0, 0]
    assert overall.try_take("9", "reply") > 0                    # the overall cap holds


def test_an_sms_goes_in_gsm7_and_whatsapp_keeps_its_emoji(runtime, tw_server):
    """An emoji or a bullet makes a whole SMS UCS-2 (70 characters a segment, not 160)."""
    rt = runtime()
    body = "📋 Kabar pengaduan *TRK-7K3Q-9MXA*\n• Status: Senin–Kamis ✅"
    queue(rt, channel="sms", address=PHONE, body=body)
    queue(rt, channel="whatsapp", address="+6281200000777", body=body)
    deliver(rt)
    [sms] = tw_server.sent_messages(PHONE)
    assert sms.params["Body"] == "Kabar pengaduan TRK-7K3Q-9MXA\n- Status: Senin-Kamis"   # no *bold*
    [wa] = tw_server.sent_messages("whatsapp:+6281200000777")
    assert wa.params["Body"] == body


def test_resending_undelivered_news_costs_an_ordinary_turn_no_orm_session(runtime, clock):
    """Every inbound message asks whether the chat has news given up as undeliverable; the
    common answer (none) is one plain SELECT, and the ORM session is not opened for it."""
    rt = runtime()
    now = rt.engine.clock()
    with rt.store.unit() as unit:
        assert unit.resend_undelivered("telegram", CHAT, ("update",), since=now, at=now) == 0
        assert unit._session is None
    item = queue(rt)
    with rt.store.unit() as unit:
        row_ = unit.session.get(OutboxItem, item)
        row_.status = "undeliverable"
    clock.advance(minutes=1)
    later = rt.engine.clock()
    with rt.store.unit() as unit:
        assert unit.resend_undelivered("telegram", CHAT, ("update",),
                                       since=now - dt.timedelta(days=1), at=later) == 1
    assert row(rt, item).status == "pending"
