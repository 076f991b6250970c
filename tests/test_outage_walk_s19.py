"""Outages as the office lives through them: Telegram's flood wait, Telegram down for minutes or
hours, WhatsApp failing after Twilio accepted, a message Telegram refuses, a worker killed."""
from __future__ import annotations

import asyncio
import datetime as dt
import signal
import time
from typing import Any

import pytest

from bot.conversation.engine import utcnow
from bot.tickets import hash_pin
from handlers.delivery import build_senders
from handlers.worker import Worker
from storage.models import Complaint
from storage.outbox import Outbox
from storage.repo import Store
from tests.fakes.telegram_api import ApiError
from tests.support.telegram import OFFICER_CHAT, deliver
from tests.test_twilio_receipts import (  # noqa: F401 - the fixture
    PHONE, TEMPLATE, app_and_runtime, outbox_row, queue_update,
)
from tests.test_worker import CHAT, queue, row, runtime  # noqa: F401 - the fixture
from tests.support.twilio_chat import TwilioSender
from tests.test_worker_processes import enqueue, wait_until, workers  # noqa: F401 - fixture

pytestmark = pytest.mark.timeout(120)
GROUP = str(OFFICER_CHAT)


class TelegramWeather:
    """The fake Bot API, made to answer every send to some chats as Telegram does in a bad
    hour: 429 with a retry_after while a chat is flooded, 500 while Telegram is down."""

    def __init__(self, server: Any):
        self.server = server
        self.flooded: set[str] = set()
        self.down = False
        self.refused: list[tuple[str, int]] = []      # (chat, status) of every refused send
        original = server._dispatch

        def dispatch(token: str, method: str, params: dict[str, Any], files: Any) -> Any:
            chat = str(params.get("chat_id", ""))
            if method.lower() in ("sendmessage", "senddocument", "sendphoto"):
                if self.down:
                    self.refused.append((chat, 500))
                    return 500, ApiError(500, "Internal Server Error").body()
                if chat in self.flooded:
                    self.refused.append((chat, 429))
                    return 429, ApiError(429, "Too Many Requests: retry after 30",
                                         {"retry_after": 30}).body()
            return original(token, method, params, files)

        server._dispatch = dispatch


def complaint(rt: Any, ticket: str) -> int:
    now = rt.engine.clock()
    with rt.store.unit() as unit:
        found = Complaint(ticket=ticket, pin_hash=hash_pin("123456"), channel="telegram",
                          language="id", type="paspor", type_source="nlu", description="x",
                          stage="received", created_at=now, updated_at=now)
        unit.session.add(found)
        unit.session.flush()
        return found.id


def to_group(rt: Any, complaint_id: int, body: str, kind: str = "alert") -> int:
    with rt.store.unit() as unit:
        item = unit.enqueue(kind=kind, channel="telegram", address=GROUP, body=body,
                            payload={}, at=rt.engine.clock(), complaint_id=complaint_id)
        unit.session.flush()
        return item.id


class LongLivedWorker:
    """One worker kept across rounds, as `make worker` is (what it learnt stays with it)."""

    def __init__(self, rt: Any):
        self.worker = Worker(rt.store, rt.config.settings, {}, rt.notifier,
                             clock=rt.engine.clock, name="long-lived")
        self.settings = rt.config.settings

    def __call__(self, rt: Any = None) -> None:
        self.worker.senders = build_senders(self.settings)

        async def drain() -> None:
            for sender in set(self.worker.senders.values()):
                await sender.start()
            try:
                while await self.worker.tick():
                    pass
            finally:
                for sender in set(self.worker.senders.values()):
                    await sender.stop()

        asyncio.run(drain())


def statuses(rt: Any) -> dict[str, int]:
    return Outbox(rt.store).counts()


# --- 1. Telegram's flood wait for the officers' group ----------------------------------------

def test_a_429_for_the_group_holds_every_complaints_messages_there_while_others_flow(
        runtime, tg_server, tw_server, clock):
    """A burst of 20 messages (10 complaints, alert then update) meets Telegram's 429 with
    retry_after 30 for the group: the group is not called again until the 30 s have passed
    (calling during a flood wait prolongs it), complainants' replies on Telegram and SMS go
    meanwhile, and afterwards every message arrives once, each complaint's in order."""
    rt = runtime()
    deliver = LongLivedWorker(rt)
    weather = TelegramWeather(tg_server)
    weather.flooded.add(GROUP)
    tickets = [f"TRK-{i}{i}{i}{i}-2222" for i in range(2, 10)] + ["TRK-AAAA-2222",
                                                                     "TRK-BBBB-2222"]
    sent_to_group: dict[int, list[str]] = {}
    for n, ticket in enumerate(tickets):          # the burst, as complaints come in
        cid = complaint(rt, ticket)
        sent_to_group[cid] = [f"alert {ticket}", f"update {ticket}"]
        to_group(rt, cid, f"alert {ticket}")
        to_group(rt, cid, f"update {ticket}", kind="update")
        queue(rt, address=CHAT, body=f"balasan {n}", kind="reply")
        queue(rt, channel="sms", address=PHONE, body=f"sms {n}", kind="reply")
        deliver(rt)
        clock.advance(seconds=2)                  # 20 s in all: still inside the flood wait
    assert weather.refused == [(GROUP, 429)]      # asked once, then it waited
    assert tg_server.sent_texts(CHAT) == [f"balasan {n}" for n in range(10)]
    assert [c.params["Body"] for c in tw_server.sent_messages(PHONE)] == [
        f"sms {n}" for n in range(10)]
    assert tg_server.sent_texts(GROUP) == []
    weather.flooded.clear()
    clock.advance(seconds=10)                     # 30 s after the 429
    deliver(rt)
    for _ in range(3):                            # the limiter's own pacing (a burst of 3)
        clock.advance(seconds=1)
        deliver(rt)
    texts = tg_server.sent_texts(GROUP)
    assert sorted(texts) == sorted(t for pair in sent_to_group.values() for t in pair)
    for pair in sent_to_group.values():           # once each, each complaint's in order
        assert [t for t in texts if t in pair] == pair
    assert statuses(rt) == {"sent": 40}
    with rt.store.unit() as unit:
        assert {i.attempts for i in unit.outbox_items(address=GROUP)} == {1}   # 429s are free


# --- 2. Telegram down ---------------------------------------------------------------------------

def outage(rt: Any, clock: Any, weather: TelegramWeather, minutes: float, step: float) -> None:
    """Telegram answers 500 for `minutes`, the worker running every `step` seconds."""
    weather.down = True
    for _ in range(int(minutes * 60 / step)):
        clock.advance(seconds=step)
        deliver(rt)
    weather.down = False


def test_three_minutes_of_telegram_500_lose_nothing_and_repeat_nothing(runtime, tg_server,
                                                                       clock):
    rt = runtime()
    weather = TelegramWeather(tg_server)
    cid = complaint(rt, "TRK-2222-3333")
    private = [queue(rt, body=f"pesan {i}", kind="reply") for i in range(3)]
    group = [to_group(rt, cid, "alert"), to_group(rt, cid, "update", kind="update")]
    weather.down = True
    deliver(rt)
    outage(rt, clock, weather, minutes=3, step=3)
    assert "failed" not in statuses(rt) and "undeliverable" not in statuses(rt)
    head = row(rt, private[0])
    assert 5 <= head.attempts <= 8, head.attempts     # 2 s, 4 s, 8 s … apart
    assert row(rt, private[1]).attempts == 0          # waits behind its head, untried
    for _ in range(20):                               # back: the next retry sends it all
        clock.advance(seconds=10)
        deliver(rt)
    assert tg_server.sent_texts(CHAT) == ["pesan 0", "pesan 1", "pesan 2"]
    assert tg_server.sent_texts(GROUP) == ["alert", "update"]
    assert statuses(rt) == {"sent": 5}
    assert all(row(rt, i).status == "sent" for i in private + group)


def test_an_hour_of_telegram_down_is_waited_out_not_given_up(runtime, tg_server, clock):
    """Eight attempts 2 s … 2 min apart last about four minutes: an hour's outage used to mark
    every message failed (and the reports about them, meant for the group, were dropped)."""
    rt = runtime()
    weather = TelegramWeather(tg_server)
    cid = complaint(rt, "TRK-2222-4444")
    first = queue(rt, body="kabar 1", kind="update")
    alert = to_group(rt, cid, "alert")
    outage(rt, clock, weather, minutes=60, step=60)
    assert statuses(rt) == {"pending": 2}
    assert row(rt, first).attempts > rt.config.settings.worker_max_attempts
    assert row(rt, first).next_attempt_at - rt.engine.clock() <= dt.timedelta(minutes=12)
    for _ in range(13):
        clock.advance(minutes=1)
        deliver(rt)
    assert tg_server.sent_texts(CHAT) == ["kabar 1"] and tg_server.sent_texts(GROUP) == ["alert"]
    assert row(rt, first).status == row(rt, alert).status == "sent"


def test_a_message_failing_for_hours_is_given_up_and_the_officers_hear_of_it(runtime,
                                                                            tg_server, clock):
    """Bounded: past WORKER_MAX_ATTEMPTS and six hours it is marked failed, its report waits
    for Telegram like anything else and reaches the group when Telegram is back."""
    rt = runtime()
    weather = TelegramWeather(tg_server)
    item = queue(rt, body="kabar", kind="update")
    outage(rt, clock, weather, minutes=7 * 60, step=600)
    assert row(rt, item).status == "failed" and "NetworkError" in row(rt, item).last_error
    for _ in range(15):
        clock.advance(minutes=1)
        deliver(rt)
    [report] = tg_server.sent_texts(GROUP)
    assert "Pesan tidak terkirim" in report and "TRK-7K3Q-9MXA" in report
    assert tg_server.sent_texts(CHAT) == []


# --- 5. A text Telegram refuses -----------------------------------------------------------------

def test_markup_telegram_cannot_parse_goes_again_as_plain_text_and_the_chat_moves_on(
        runtime, tg_server):
    rt = runtime()
    tg_server.fail_next("sendMessage", status=400, description=(
        "Bad Request: can't parse entities: Unsupported start tag \"br\" at byte offset 12"))
    first = queue(rt, body="Pengaduan *TRK-7K3Q-9MXA* sedang diperiksa.", kind="update")
    second = queue(rt, body="Terima kasih.", kind="reply")
    deliver(rt)
    calls = tg_server.calls_to("sendMessage")
    assert [c.status for c in calls] == [400, 200, 200]
    assert calls[1].params["text"] == "Pengaduan TRK-7K3Q-9MXA sedang diperiksa."
    assert "parse_mode" not in calls[1].params            # plain: nothing left to parse
    assert tg_server.sent_texts(CHAT) == ["Pengaduan TRK-7K3Q-9MXA sedang diperiksa.",
                                          "Terima kasih."]
    assert row(rt, first).status == row(rt, second).status == "sent"
    assert tg_server.sent_texts(GROUP) == []                # nothing to report


def test_a_text_too_long_for_one_message_goes_whole_in_parts(runtime, tg_server):
    """A text Telegram finds too long goes again in parts of plain text; a text longer than a
    message (Telegram counts UTF-16 units: an emoji is two) is split, not cut off."""
    rt = runtime()
    lines = [f"{n:03d}. 📎 keterangan bukti nomor {n} dari pelapor" for n in range(80)]
    tg_server.fail_next("sendMessage", status=400, description="Bad Request: message is too long")
    item = queue(rt, body="\n".join(lines), kind="relay")
    longer = queue(rt, body="\n".join(lines * 2), kind="relay")
    deliver(rt)
    assert row(rt, item).status == row(rt, longer).status == "sent"
    texts = tg_server.sent_texts(CHAT)
    assert all(len(t.encode("utf-16-le")) // 2 <= 4096 for t in texts)
    assert len(texts) >= 3 and tg_server.calls_to("sendMessage")[0].status == 400
    got = [line for text in texts for line in text.split("\n")]
    assert got == lines + lines * 2                         # every line, once, in order
    # the row keeps the id of the last part (where a keyboard would be)
    assert row(rt, longer).provider_id == str(tg_server.messages_in(CHAT)[-1]["message_id"])


def test_a_text_refused_even_as_plain_text_is_given_up_once_and_reported(runtime, tg_server):
    rt = runtime()
    refusal = "Bad Request: can't parse entities: character is reserved"
    tg_server.fail_next("sendMessage", status=400, description=refusal, times=2)
    item = queue(rt, body="kabar *penting*", kind="update")
    after = queue(rt, body="berikutnya", kind="reply")
    deliver(rt)
    assert row(rt, item).status == "failed" and row(rt, after).status == "sent"
    assert tg_server.sent_texts(CHAT) == ["berikutnya"]
    [report] = tg_server.sent_texts(GROUP)
    assert "Pesan tidak terkirim" in report and "TRK-7K3Q-9MXA" in report
    assert len(tg_server.calls_to("sendMessage")) == 4      # 2 for it, 1 for the next, report


# --- 3. WhatsApp failing after Twilio accepted ---------------------------------------------------

def test_outside_the_window_the_template_goes_once_and_its_failure_reaches_the_officers(
        app_and_runtime, tw_server, tg_server):
    app, runtime = app_and_runtime
    TwilioSender(app.test_client(), runtime.config.settings, number=PHONE).say("halo")
    item = queue_update(runtime, template=TEMPLATE)
    deliver(runtime)
    first = outbox_row(runtime, item).provider_id
    assert tw_server.send_status(first, "failed", 63016) == 200
    assert tw_server.send_status(first, "failed", 63016) == 200     # repeated: nothing new
    deliver(runtime)
    sends = tw_server.sent_messages("whatsapp:" + PHONE)
    assert len(sends) == 2 and sends[1].params["ContentSid"] == TEMPLATE["content_sid"]
    second = outbox_row(runtime, item).provider_id
    assert tw_server.send_status(second, "undelivered", 30003) == 200
    assert tw_server.send_status(second, "undelivered", 30003) == 200
    deliver(runtime)
    assert len(tw_server.sent_messages("whatsapp:" + PHONE)) == 2   # the template once only
    assert outbox_row(runtime, item).status == "undeliverable"
    [report] = tg_server.sent_texts(GROUP)
    assert "TRK-7K3Q-9MXA" in report and "kabar perkembangan" in report
    assert "24 jam" in report and "templat" in report and "tidak sampai" in report
    assert "30003" in report and "after acceptance" not in report
    assert PHONE not in report and PHONE[1:] not in report and PHONE[3:] not in report


def test_a_failure_reported_before_the_worker_marked_the_message_is_not_lost(
        app_and_runtime, tw_server, tg_server):
    """Twilio's failed receipt (63016) can come back before the worker has marked the message
    sent (it marks in its next claiming round): it is acted on all the same."""
    app, runtime = app_and_runtime
    TwilioSender(app.test_client(), runtime.config.settings, number=PHONE).say("halo")
    tw_server.require_window, tw_server.window_failure = True, "status"
    tw_server.auto_receipts = True           # accepted, then "failed 63016" 50 ms later
    tg_server.hang_next("sendMessage", 1.0)  # the same round also waits on a slow Telegram send
    item = queue_update(runtime, template=TEMPLATE)
    queue(runtime, body="lain", kind="reply")
    deliver(runtime)
    for _ in range(100):
        if outbox_row(runtime, item).status == "pending":
            break
        time.sleep(0.05)
    assert [answer for _, status, answer in tw_server.receipts] == [200]
    row_ = outbox_row(runtime, item)
    assert row_.status == "pending" and row_.payload.get("force_template") is True
    deliver(runtime)
    sends = tw_server.sent_messages("whatsapp:" + PHONE)
    assert "Body" in sends[0].params and sends[1].params["ContentSid"] == TEMPLATE["content_sid"]
    assert outbox_row(runtime, item).status == "sent"


# --- 4. A worker killed mid-batch, and a run slower than its lease --------------------------------

def test_a_worker_killed_with_sends_in_flight_repeats_only_those(sqlite_url, workers,
                                                                 tg_server):
    """SIGKILL while twelve chats' sends hang at Telegram (which took each of them): after the
    restart each of those twelve is sent again once (the documented window: Telegram accepted,
    the worker never marked it), the messages queued behind them once, nothing is lost."""
    store = Store.from_url(sqlite_url)
    outbox = Outbox(store)
    chats = [555_100 + i for i in range(12)]
    tg_server.hang_next("sendMessage", 4.0, times=12)
    group = workers(sqlite_url)
    first = group.start()
    enqueue(store, chats, body="pertama {i}")
    enqueue(store, chats, body="kedua {i}")
    wait_until(lambda: len(tg_server.calls_to("sendMessage")) >= 12, what="twelve hung sends")
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    group.start()
    wait_until(lambda: outbox.counts() == {"sent": 24}, what="all sent")
    for i, chat in enumerate(chats):
        assert tg_server.sent_texts(chat) == [f"pertama {i}", f"pertama {i}", f"kedua {i}"]
    store.dispose()


def test_a_run_slower_than_its_lease_is_not_claimed_again_while_it_is_being_sent(
        sqlite_url, workers, tg_server):
    """Telegram slow, not down: each send takes 0.7 s, a chat's run of six takes longer than
    the 2 s lease. The worker stops the run before its lease runs out and gives the rest back,
    instead of claiming them again (a second, concurrent sender) when the lease expires."""
    store = Store.from_url(sqlite_url)
    outbox = Outbox(store)
    tg_server.hang_next("sendMessage", 0.7, times=6)
    with store.unit() as unit:
        for i in range(6):
            unit.enqueue(kind="reply", channel="telegram", address="555200",
                         body=f"pesan {i}", at=utcnow())
    group = workers(sqlite_url, HTTP_TIMEOUT_SECONDS="1")
    group.start()
    wait_until(lambda: outbox.counts() == {"sent": 6}, what="all sent")
    time.sleep(1.0)
    assert tg_server.sent_texts(555200) == [f"pesan {i}" for i in range(6)]
    store.dispose()
