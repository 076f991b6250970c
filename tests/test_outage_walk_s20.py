"""Messages that must not be lost: the officers' group out of reach (the leaders are told
privately, once per outage), a long text failing half-way (only the rest goes again), and the
worker through a sender that keeps raising, a 429 on the group and a restart mid-outage."""
from __future__ import annotations

import re
from typing import Any

import pytest

from handlers.delivery import PART_UNITS, telegram_parts
from storage.outbox import Outbox
from tests.fakes.telegram_api import ApiError
from tests.support.telegram import deliver
from tests.test_outage_walk_s19 import GROUP, complaint, statuses, to_group
from tests.test_worker import CHAT, queue, row, runtime  # noqa: F401 - the fixture

pytestmark = pytest.mark.timeout(120)
KASI, KEPALA = "100000003", "100000004"       # the roster's leaders (config.yml)
KICKED = "Forbidden: bot was kicked from the supergroup chat"


class GroupWeather:
    """The fake Bot API with the officers' group out of reach on demand: `gone` answers 403
    (the bot was removed), `down` answers 500 (to that group only, or to every chat)."""

    def __init__(self, server: Any):
        self.gone = False
        self.down: set[str] | bool = False
        self.refused: list[tuple[str, int]] = []
        original = server._dispatch

        def dispatch(token: str, method: str, params: dict[str, Any], files: Any) -> Any:
            chat = str(params.get("chat_id", ""))
            if method.lower() in ("sendmessage", "senddocument", "sendphoto"):
                if self.gone and chat == GROUP:
                    self.refused.append((chat, 403))
                    return 403, ApiError(403, KICKED).body()
                if self.down is True or (self.down and chat in self.down):
                    self.refused.append((chat, 500))
                    return 500, ApiError(500, "Internal Server Error").body()
            return original(token, method, params, files)

        server._dispatch = dispatch


def untagged(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def rounds(rt: Any, clock: Any, n: int, **step: float) -> None:
    for _ in range(n):
        clock.advance(**step)
        deliver(rt)


# --- 1. The officers' group out of reach ----------------------------------------------------------

def test_the_bot_removed_from_the_group_the_leaders_read_it_privately_once_per_outage(
        runtime, tg_server, clock):
    """Three alerts and an update meet 403 (bot kicked from the group): each is given up at
    once, and Kasi Tikkim and Kepala Kantor each read one short report naming both tickets and
    nothing of the alerts' text. Back in the group, a new alert arrives, the lost ones are not
    sent again, nor the report; a second outage is reported again, once."""
    rt = runtime()
    weather = GroupWeather(tg_server)
    first, second = complaint(rt, "TRK-2A2A-3B3B"), complaint(rt, "TRK-4C4C-5D5D")
    weather.gone = True
    lost = [to_group(rt, first, "🆕 Pengaduan baru TRK-2A2A-3B3B\nPelapor: Budi Santoso"),
            to_group(rt, second, "🆕 Pengaduan baru TRK-4C4C-5D5D\nPelapor: Siti Aminah"),
            to_group(rt, first, "kabar TRK-2A2A-3B3B", kind="update")]
    deliver(rt)
    assert {row(rt, i).status for i in lost} == {"undeliverable"}
    clock.advance(seconds=5)
    later = to_group(rt, second, "kabar TRK-4C4C-5D5D", kind="update")   # same outage
    deliver(rt)
    assert row(rt, later).status == "undeliverable"
    rounds(rt, clock, 3, seconds=15)
    for leader in (KASI, KEPALA):
        [report] = tg_server.sent_texts(leader)
        assert "Grup petugas tidak dapat dijangkau" in report
        assert "TRK-2A2A-3B3B" in report and "TRK-4C4C-5D5D" in report
        assert "Budi" not in report and "Siti" not in report and "kicked" in report
    for other in ("100000001", "100000002", "100000005"):
        assert tg_server.sent_texts(other) == []
    weather.gone = False                     # the bot is added back
    third = complaint(rt, "TRK-6E6E-7F7F")
    to_group(rt, third, "🆕 Pengaduan baru TRK-6E6E-7F7F")
    rounds(rt, clock, 3, minutes=1)
    assert tg_server.sent_texts(GROUP) == ["🆕 Pengaduan baru TRK-6E6E-7F7F"]
    assert all(len(tg_server.sent_texts(leader)) == 1 for leader in (KASI, KEPALA))
    weather.gone = True                      # removed again: a new outage, a new report
    to_group(rt, third, "kabar TRK-6E6E-7F7F", kind="update")
    to_group(rt, third, "kabar lagi TRK-6E6E-7F7F", kind="update")
    rounds(rt, clock, 4, minutes=1)
    for leader in (KASI, KEPALA):
        texts = tg_server.sent_texts(leader)
        assert len(texts) == 2 and "TRK-6E6E-7F7F" in texts[1]
        assert "TRK-2A2A-3B3B" not in texts[1]
    assert tg_server.sent_texts(GROUP) == ["🆕 Pengaduan baru TRK-6E6E-7F7F"]


def test_a_group_unreachable_past_the_outage_patience_is_reported_to_the_leaders(
        runtime, tg_server, clock):
    """Telegram answers 500 for the group only, for seven hours: the alert is given up after
    the outage patience and the leaders hear of it in their private chats (the group's own
    report about it would go nowhere)."""
    rt = runtime()
    weather = GroupWeather(tg_server)
    cid = complaint(rt, "TRK-8G8G-9H9H")
    weather.down = {GROUP}
    alert = to_group(rt, cid, "🆕 Pengaduan baru TRK-8G8G-9H9H")
    reply = queue(rt, body="balasan", kind="reply")
    rounds(rt, clock, 7 * 6, minutes=10)
    assert row(rt, alert).status == "failed" and row(rt, reply).status == "sent"
    rounds(rt, clock, 2, minutes=1)
    for leader in (KASI, KEPALA):
        [report] = tg_server.sent_texts(leader)
        assert "TRK-8G8G-9H9H" in report and "berjam-jam" in report
    assert tg_server.sent_texts(GROUP) == []


def test_a_leader_the_complaint_keeps_away_is_not_told_its_ticket(runtime, tg_server, clock):
    rt = runtime()
    weather = GroupWeather(tg_server)
    cid = complaint(rt, "TRK-1J1J-2K2K")
    with rt.store.unit() as unit:
        unit.exclude_officer(cid, KASI, "named", rt.engine.clock())
    weather.gone = True
    to_group(rt, cid, "🆕 Pengaduan baru TRK-1J1J-2K2K")
    rounds(rt, clock, 3, seconds=15)
    [kasi] = [untagged(t) for t in tg_server.sent_texts(KASI)]
    [kepala] = tg_server.sent_texts(KEPALA)
    assert "TRK-1J1J-2K2K" not in kasi and "Pesan lain ke grup: 1" in kasi
    assert "TRK-1J1J-2K2K" in kepala


# --- 2. A long text failing part-way --------------------------------------------------------------

class FailSend:
    """Telegram failing chosen sendMessage calls (1 = the first from now on) with a status."""

    def __init__(self, server: Any, failing: dict[int, int]):
        self.failing, self.calls = dict(failing), 0
        original = server._dispatch

        def dispatch(token: str, method: str, params: dict[str, Any], files: Any) -> Any:
            if method.lower() == "sendmessage":
                self.calls += 1
                status = self.failing.get(self.calls)
                if status == 429:
                    return 429, ApiError(429, "Too Many Requests: retry after 5",
                                         {"retry_after": 5}).body()
                if status:
                    return status, ApiError(status, "Internal Server Error").body()
            return original(token, method, params, files)

        server._dispatch = dispatch


def long_text(tag: str, lines: int = 240) -> tuple[str, list[str]]:
    said = [f"{tag} {n:03d}. keterangan bukti nomor {n} dari pelapor" for n in range(lines)]
    return "\n".join(said), said


@pytest.mark.parametrize("status", [500, 429])
def test_a_long_text_failing_part_way_sends_only_the_rest_again(runtime, tg_server, clock,
                                                                 status):
    """Four parts; the second meets a 500 (or a 429): the retry sends the second to the
    last, not the first again. Every line arrives once, in order."""
    rt = runtime()
    body, lines = long_text("baris")
    FailSend(tg_server, {2: status})
    item = queue(rt, body=body, kind="relay")
    deliver(rt)
    waiting = row(rt, item)
    assert waiting.status == "pending" and waiting.payload.get("parts_sent") == 1
    rounds(rt, clock, 2, seconds=6)
    assert row(rt, item).status == "sent"
    texts = tg_server.sent_texts(CHAT)
    assert texts == telegram_parts(body, PART_UNITS)       # each part once
    assert [line for text in texts for line in text.split("\n")] == lines


def test_parts_sent_survive_a_second_failure_and_a_raising_send(runtime, tg_server, clock,
                                                                 monkeypatch):
    """Part 2 meets a 500; on the retry part 3 does; on the next the bot's own call raises
    (a bug, not Telegram) at part 4: each try resumes where the last stopped, and a raise
    after progress is no reason to give up."""
    rt = runtime()
    body, lines = long_text("baris", lines=330)        # five parts
    assert len(telegram_parts(body, PART_UNITS)) == 5
    FailSend(tg_server, {2: 500, 4: 500})
    ClientBug(monkeypatch, raising={6}, chat=CHAT)
    item = queue(rt, body=body, kind="relay")
    deliver(rt)
    assert row(rt, item).payload.get("parts_sent") == 1
    rounds(rt, clock, 1, seconds=3)
    assert row(rt, item).payload.get("parts_sent") == 2
    rounds(rt, clock, 1, seconds=6)
    assert row(rt, item).payload.get("parts_sent") == 3 and row(rt, item).status == "pending"
    rounds(rt, clock, 3, seconds=10)
    assert row(rt, item).status == "sent"
    texts = tg_server.sent_texts(CHAT)
    assert texts == telegram_parts(body, PART_UNITS)
    assert [line for text in texts for line in text.split("\n")] == lines


# --- 3. The worker through a raising sender, a 429 on the group and a restart ---------------------

class ClientBug:
    """The bot's own sendMessage raising (a bug, not Telegram's answer) on chosen calls to the
    group (1 = the first from now on), or on every call whose text starts with `boom`."""

    def __init__(self, monkeypatch: Any, raising: set[int] = frozenset(), boom: bool = False,
                 chat: str = GROUP):
        from telegram import Bot
        real = Bot.send_message
        self.calls = 0

        async def send_message(bot: Any, *args: Any, **kwargs: Any) -> Any:
            if str(kwargs.get("chat_id")) == chat:
                self.calls += 1
                if self.calls in raising or (boom and str(kwargs.get("text", "")
                                                          ).startswith("boom")):
                    raise RuntimeError("a bug in the sender")
            return await real(bot, *args, **kwargs)

        monkeypatch.setattr(Bot, "send_message", send_message)


def test_one_raise_after_two_time_outs_does_not_lose_the_alert(runtime, tg_server, clock,
                                                               monkeypatch):
    """The group's alert meets 500, 500, then the sender raises once: it is tried again (the
    raises in a row count, not its attempts), and arrives once, before the complaint's
    update."""
    rt = runtime()
    cid = complaint(rt, "TRK-3L3L-4M4M")
    FailSend(tg_server, {1: 500, 2: 500})
    ClientBug(monkeypatch, raising={3})
    alert = to_group(rt, cid, "🆕 Pengaduan baru TRK-3L3L-4M4M")
    to_group(rt, cid, "kabar TRK-3L3L-4M4M", kind="update")
    deliver(rt)
    rounds(rt, clock, 6, seconds=10)
    assert row(rt, alert).status == "sent"
    assert tg_server.sent_texts(GROUP) == ["🆕 Pengaduan baru TRK-3L3L-4M4M",
                                           "kabar TRK-3L3L-4M4M"]
    assert statuses(rt) == {"sent": 2}


def test_an_alert_whose_send_keeps_raising_is_given_up_and_the_leaders_told(
        runtime, tg_server, clock, monkeypatch):
    """A bug that raises on every send of one alert: after three raises it is failed (its
    complaint's update goes on, once), and, the group's report going nowhere, the leaders
    read one report naming it."""
    rt = runtime()
    cid = complaint(rt, "TRK-5N5N-6P6P")
    ClientBug(monkeypatch, boom=True)
    alert = to_group(rt, cid, "boom TRK-5N5N-6P6P")
    to_group(rt, cid, "kabar TRK-5N5N-6P6P", kind="update")
    rounds(rt, clock, 8, seconds=15)
    assert row(rt, alert).status == "failed" and "RuntimeError" in row(rt, alert).last_error
    assert tg_server.sent_texts(GROUP) == ["kabar TRK-5N5N-6P6P"]
    for leader in (KASI, KEPALA):
        [report] = tg_server.sent_texts(leader)
        assert "TRK-5N5N-6P6P" in report and "boom" not in report


def test_a_worker_restarted_during_the_groups_flood_wait_does_not_call_it_early(
        runtime, tg_server, clock):
    """A 429 with retry_after 30 for the group; the worker restarts 5 s later with a new
    complaint's alert queued: the new worker does not call the group before the 30 s are
    over (calling prolongs the ban). Afterwards each message arrives once, in order."""
    rt = runtime()
    first, second = complaint(rt, "TRK-7Q7Q-8R8R"), complaint(rt, "TRK-9S9S-2T2T")
    FailSend(tg_server, {1: 429})                # retry after 5
    to_group(rt, first, "alert 1")
    to_group(rt, first, "update 1", kind="update")
    deliver(rt)                                  # one worker: told to wait 5 s
    clock.advance(seconds=2)
    to_group(rt, second, "alert 2")
    deliver(rt)                                  # a new worker (a restart)
    assert len(tg_server.calls_to("sendMessage")) == 1
    clock.advance(seconds=3)
    rounds(rt, clock, 3, seconds=1)
    texts = tg_server.sent_texts(GROUP)
    assert sorted(texts) == ["alert 1", "alert 2", "update 1"]
    assert texts.index("alert 1") < texts.index("update 1")
    assert statuses(rt) == {"sent": 3}


def test_a_worker_killed_during_an_outage_does_not_give_up_what_it_held(runtime, tg_server,
                                                                       clock):
    """An hour of Telegram 500s: the alert has more attempts than WORKER_MAX_ATTEMPTS, each
    with an outcome. A worker then dies while sending it (its lease expires): the next worker
    sends it again, once, instead of failing it as a message whose sends never finish."""
    rt = runtime()
    weather = GroupWeather(tg_server)
    cid = complaint(rt, "TRK-4U4U-5V5V")
    alert = to_group(rt, cid, "🆕 Pengaduan baru TRK-4U4U-5V5V")
    weather.down = True
    rounds(rt, clock, 60, minutes=1)
    assert row(rt, alert).attempts > rt.config.settings.worker_max_attempts
    clock.advance(minutes=12)
    assert Outbox(rt.store).claim("dying", rt.engine.clock(), 30, 10)  # then it is killed
    weather.down = False
    clock.advance(seconds=31)
    deliver(rt)
    assert row(rt, alert).status == "sent"
    assert tg_server.sent_texts(GROUP) == ["🆕 Pengaduan baru TRK-4U4U-5V5V"]
    assert all(tg_server.sent_texts(leader) == [] for leader in (KASI, KEPALA))
