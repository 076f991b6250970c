"""The last ways to lose or repeat a message: a worker killed between the parts of a long text,
and the report that the officers' group is unreachable failing in the leaders' private chats
too (the next leaders, then any officer with a private chat, are told; the group learns once
which officer must open a private chat with the bot)."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import signal
import threading
from typing import Any

import pytest

from bot.delivery import PARTS_SENT
from handlers.delivery import PART_UNITS, build_senders, telegram_parts
from handlers.worker import Worker
from storage.outbox import Outbox
from storage.repo import Store
from tests.fakes.telegram_api import ApiError
from tests.support.telegram import deliver
from tests.test_outage_walk_s19 import GROUP, TelegramWeather, complaint, statuses, to_group
from tests.test_outage_walk_s20 import KASI, KEPALA, KICKED, GroupWeather, long_text, rounds
from tests.test_worker import CHAT, queue, row, runtime  # noqa: F401 - the fixture
from tests.test_worker_processes import wait_until, workers  # noqa: F401 - the fixture

pytestmark = pytest.mark.timeout(120)
NEVER_STARTED = "Forbidden: bot can't initiate conversation with a user"


# --- 1. A worker killed between the parts of a long text ----------------------------------------

class HoldPart:
    """The fake Bot API taking the first `accepted` sends to `chat`, then holding the next one
    (unanswered, not stored: it never reached Telegram) until `release` is set."""

    def __init__(self, server: Any, chat: str, accepted: int = 1):
        self.reached, self.release = threading.Event(), threading.Event()
        self.calls = 0
        original = server._dispatch

        def dispatch(token: str, method: str, params: dict[str, Any], files: Any) -> Any:
            if method.lower() == "sendmessage" and str(params.get("chat_id")) == chat:
                self.calls += 1
                if self.calls == accepted + 1:
                    self.reached.set()
                    self.release.wait(30)
                    return 500, ApiError(500, "Internal Server Error").body()
            return original(token, method, params, files)

        server._dispatch = dispatch


def test_a_worker_killed_after_the_first_part_does_not_send_it_again(sqlite_url, workers,
                                                                      tg_server):
    """A long reply in four parts: Telegram takes part 1, then the worker is SIGKILLed while
    part 2 is on its way. The restarted worker sends parts 2 to 4, not part 1 again: each
    part reaches the chat once, in order."""
    store = Store.from_url(sqlite_url)
    body, lines = long_text("baris")
    parts = telegram_parts(body, PART_UNITS)
    assert len(parts) == 4
    hold = HoldPart(tg_server, CHAT)
    with store.unit() as unit:
        item = unit.enqueue(kind="relay", channel="telegram", address=CHAT, body=body,
                            at=dt.datetime.now(dt.timezone.utc)).id
    group = workers(sqlite_url)
    first = group.start()
    assert hold.reached.wait(30), "part 2 never reached Telegram"
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    hold.release.set()
    with store.unit() as unit:
        [found] = [i for i in unit.outbox_items() if i.id == item]
        assert found.status == "sending" and found.payload.get(PARTS_SENT) == 1
    group.start()
    wait_until(lambda: Outbox(store).counts() == {"sent": 1}, what="the reply sent")
    assert tg_server.sent_texts(CHAT) == parts
    assert [line for text in tg_server.sent_texts(CHAT) for line in text.split("\n")] == lines
    store.dispose()


def test_a_worker_gone_after_the_last_part_leaves_nothing_to_send_again(runtime, tg_server,
                                                                        clock):
    """Every part went, but the worker was gone before it marked the message sent (its lease
    then expires): the next worker finds all the parts recorded and sends none of them again;
    the message is marked sent with the last part's Telegram id."""
    rt = runtime()
    body, _ = long_text("baris", lines=330)
    parts = telegram_parts(body, PART_UNITS)
    item = queue(rt, body=body, kind="relay")
    settings = rt.config.settings
    dying = Worker(rt.store, settings, build_senders(settings), rt.notifier,
                   clock=rt.engine.clock, name="dying")

    async def send_and_vanish() -> None:
        [run] = dying.outbox.claim_runs(dying.name, rt.engine.clock(),
                                        settings.worker_lease_seconds, 5)
        sender = dying.senders["telegram"]
        await sender.start()
        try:
            await dying.deliver_run(run)         # sent; marked at its next claim, never made
        finally:
            await sender.stop()

    asyncio.run(send_and_vanish())
    assert tg_server.sent_texts(CHAT) == parts
    assert row(rt, item).status == "sending"
    clock.advance(seconds=settings.worker_lease_seconds + 1)
    deliver(rt)
    found = row(rt, item)
    assert found.status == "sent"
    assert found.provider_id == str(tg_server.messages_in(CHAT)[-1]["message_id"])
    assert tg_server.sent_texts(CHAT) == parts            # none of them twice


# --- 2. The report that the group is unreachable, itself not delivered --------------------------

OTHERS = ("100000001", "100000002", "100000005", "100000006", "100000007", "100000008",
          "100000009")      # the roster's officers who are neither Kasi Tikkim nor Kepala Kantor
ALL_SEEING = "Grup petugas tidak dapat dijangkau"


def sensitive_complaint(rt: Any, ticket: str) -> int:
    """A complaint of a sensitive type (config.yml: perilaku_petugas)."""
    from bot.tickets import hash_pin
    from storage.models import Complaint
    now = rt.engine.clock()
    with rt.store.unit() as unit:
        found = Complaint(ticket=ticket, pin_hash=hash_pin("123456"), channel="telegram",
                          language="id", type="perilaku_petugas", type_source="nlu",
                          description="x", stage="received", created_at=now, updated_at=now)
        unit.session.add(found)
        unit.session.flush()
        return found.id


def test_leaders_who_never_started_the_bot_the_other_officers_read_the_groups_loss(
        runtime, tg_server, clock, caplog):
    """The bot is removed from the group, and neither Kasi Tikkim nor the Kepala Kantor ever
    started a private chat with it: their reports fail for good (403). Every other officer
    with a private chat then reads one report, asking them to tell the leaders; a sensitive
    complaint's ticket is counted for them, not named, and the officer a complaint keeps
    away does not read its ticket. The failure is logged at ERROR with the tickets. Later
    losses of the same outage send nobody a second report."""
    rt = runtime()
    weather = GroupWeather(tg_server)
    tg_server.never_started(KASI)
    tg_server.never_started(KEPALA)
    plain_one = complaint(rt, "TRK-2W2W-3X3X")
    delicate = sensitive_complaint(rt, "TRK-4Y4Y-5Z5Z")
    with rt.store.unit() as unit:
        unit.exclude_officer(plain_one, "100000005", "named", rt.engine.clock())
    weather.gone = True
    to_group(rt, plain_one, "🆕 Pengaduan baru TRK-2W2W-3X3X")
    to_group(rt, delicate, "🆕 Pengaduan baru TRK-4Y4Y-5Z5Z")
    with caplog.at_level(logging.ERROR, logger="handlers.worker"):
        rounds(rt, clock, 4, seconds=15)
    assert tg_server.sent_texts(KASI) == [] and tg_server.sent_texts(KEPALA) == []
    said = [r.getMessage() for r in caplog.records if "did not reach officer" in r.getMessage()]
    assert len(said) == 2 and all("TRK-2W2W-3X3X" in s and "TRK-4Y4Y-5Z5Z" in s
                                  for s in said)
    for officer in OTHERS:
        [report] = tg_server.sent_texts(officer)
        assert ALL_SEEING in report and "Kasi Tikkim dan Kepala Kantor" in report
        assert "TRK-4Y4Y-5Z5Z" not in report           # sensitive: counted, not named
        assert ("TRK-2W2W-3X3X" in report) is (officer != "100000005")
        assert "Pesan lain ke grup" in report
    to_group(rt, plain_one, "kabar TRK-2W2W-3X3X", kind="update")   # the same outage
    rounds(rt, clock, 3, minutes=1)
    assert all(len(tg_server.sent_texts(officer)) == 1 for officer in OTHERS)


def test_a_leader_who_never_started_the_bot_the_group_is_told_once_it_is_back(
        runtime, tg_server, clock):
    """Telegram answers 500 for the group for seven hours; Kasi Tikkim never started the bot.
    The alert is given up after the outage patience: the Kepala Kantor reads the report (so
    nobody else needs to), Kasi Tikkim's fails (403), and the group, once it answers again,
    reads once that Kasi Tikkim must open a private chat with the bot."""
    rt = runtime()
    weather = GroupWeather(tg_server)
    tg_server.never_started(KASI)
    cid = complaint(rt, "TRK-6A6A-7B7B")
    weather.down = {GROUP}
    to_group(rt, cid, "🆕 Pengaduan baru TRK-6A6A-7B7B")
    rounds(rt, clock, 7 * 6, minutes=10)
    rounds(rt, clock, 2, minutes=1)
    [report] = tg_server.sent_texts(KEPALA)
    assert "TRK-6A6A-7B7B" in report and "Kasi Tikkim dan Kepala Kantor" not in report
    assert all(tg_server.sent_texts(officer) == [] for officer in OTHERS)
    weather.down = False
    rounds(rt, clock, 3, minutes=10)
    notices = [t for t in tg_server.sent_texts(GROUP) if "Pesan pribadi tidak sampai" in t]
    assert len(notices) == 1 and "Kasi Tikkim" in notices[0]
    assert "TRK-6A6A-7B7B" not in notices[0]


def test_a_ping_to_an_officer_who_never_started_the_bot_is_named_in_the_group_once(
        runtime, tg_server, clock):
    """A section officer in the roster never started the bot: their private pings fail for
    good (403 "bot can't initiate conversation"). The group reads once that this officer must
    open a private chat with the bot, without the complaint's content; a second failed ping
    adds nothing, and another officer who never started it is named once too."""
    rt = runtime()
    cid = complaint(rt, "TRK-8C8C-9D9D")
    for officer in ("100000005", "100000006"):
        tg_server.never_started(officer)
    for officer, n in (("100000005", 1), ("100000005", 2), ("100000006", 1)):
        with rt.store.unit() as unit:
            unit.enqueue(kind="ping", channel="telegram", address=officer,
                         body=f"🔔 Giliran Anda: TRK-8C8C-9D9D ({n}) Pelapor: Budi",
                         payload={}, at=rt.engine.clock(), complaint_id=cid)
        rounds(rt, clock, 2, seconds=5)
    notices = tg_server.sent_texts(GROUP)
    assert len(notices) == 2
    assert "Seksi Lantaskim" in notices[0] and "Seksi Intalkim" in notices[1]
    assert all("Pesan pribadi tidak sampai" in t and "Budi" not in t and "TRK-8C8C" not in t
               for t in notices)
    assert statuses(rt) == {"undeliverable": 3, "sent": 2}


# --- 3. A 429 on the group and a failing private chat at once ----------------------------------

def test_a_flooded_group_and_failing_private_chats_lose_nothing_and_repeat_nothing(
        runtime, tg_server, clock):
    """Telegram holds the group 30 s (429) while one complainant's chat answers 500 three
    times and another person has blocked the bot. When it is over: each alert and update
    reached the group once, every alert before its own complaint's update; the two replies
    reached the first person once each, in order; the blocked person's reply is given up
    and reported once in the group, after the wait. The group is not called during it."""
    rt = runtime()
    weather = TelegramWeather(tg_server)
    weather.flooded = {GROUP}
    flaky = FailSend(tg_server, chat=CHAT, failing=3)
    tg_server.block(BLOCKED)
    tickets = ["TRK-2E2E-3F3F", "TRK-4G4G-5H5H", "TRK-6J6J-7K7K"]
    ids = [complaint(rt, ticket) for ticket in tickets]
    for cid, ticket in zip(ids, tickets):
        to_group(rt, cid, f"alert {ticket}")
    first_reply = queue(rt, body="balasan 1", kind="reply")
    for cid, ticket in zip(ids, tickets):
        to_group(rt, cid, f"update {ticket}", kind="update")
    queue(rt, body="balasan 2", kind="reply")
    lost = queue(rt, address=BLOCKED, body="balasan untuk yang memblokir", kind="reply")
    deliver(rt)
    held = len([r for r in weather.refused if r[0] == GROUP])
    assert 1 <= held <= len(tickets)              # only the sends already in flight met it
    rounds(rt, clock, 5, seconds=5)
    assert len([r for r in weather.refused if r[0] == GROUP]) == held   # not called meanwhile
    assert tg_server.sent_texts(GROUP) == []
    weather.flooded = set()
    rounds(rt, clock, 6, seconds=10)
    group = tg_server.sent_texts(GROUP)
    for ticket in tickets:
        assert group.count(f"alert {ticket}") == 1 and group.count(f"update {ticket}") == 1
        assert group.index(f"alert {ticket}") < group.index(f"update {ticket}")
    [report] = [t for t in group if "Pesan tidak terkirim" in t]
    assert len(group) == 2 * len(tickets) + 1
    assert tg_server.sent_texts(CHAT) == ["balasan 1", "balasan 2"]
    assert flaky.failed == 3 and row(rt, first_reply).status == "sent"
    assert row(rt, lost).status == "undeliverable"
    assert statuses(rt) == {"sent": 2 * len(tickets) + 3, "undeliverable": 1}


BLOCKED = "555777"


class FailSend:
    """A private chat answering 500 to its first `failing` sends."""

    def __init__(self, server: Any, chat: str, failing: int):
        self.failing, self.failed = failing, 0
        original = server._dispatch

        def dispatch(token: str, method: str, params: dict[str, Any], files: Any) -> Any:
            if (method.lower() == "sendmessage" and str(params.get("chat_id")) == chat
                    and self.failed < self.failing):
                self.failed += 1
                return 500, ApiError(500, "Internal Server Error").body()
            return original(token, method, params, files)

        server._dispatch = dispatch
