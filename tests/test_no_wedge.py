"""Nothing wedges: one failing command, update or send is answered, acknowledged and left behind."""
from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import func, select

from bot.delivery import Outcome
from handlers.telegram_polling import make_bot, poll
from storage.models import Message
from tests.fakes import telegram_updates as tu
from tests.support.telegram import KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver
from tests.test_officers import app, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(90)


def break_open_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make /aduan hit a bug (an exception the desk does not expect)."""
    def boom(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug in the list view")
    monkeypatch.setattr("bot.desk.overview.open_list", boom)


def test_a_failing_command_is_answered_calmly_and_acknowledged(app, runtime, tg_server,
                                                                monkeypatch):
    break_open_list(monkeypatch)
    desk = officer(app, PETUGAS)
    update = tu.make_text_update(77_001, OFFICER_CHAT, PETUGAS, "/aduan", chat_type="supergroup")
    response = desk.post(update)
    assert response.status_code == 200 and response.get_json()["result"] == "failed"
    again = desk.post(update)      # Telegram would not resend it, but a retry changes nothing
    assert again.status_code == 200 and again.get_json()["result"] == "duplicate"
    deliver(runtime)
    [answer] = tg_server.sent_texts(OFFICER_CHAT)
    assert "gagal diproses" in answer and "RuntimeError" not in answer
    assert officer(app, PETUGAS).send("/bantuan") == "officer"   # the desk goes on


def test_a_failing_button_is_acknowledged_with_a_calm_alert(app, runtime, tg_server,
                                                            monkeypatch):
    def boom(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug behind the button")
    monkeypatch.setattr("bot.desk.desk.OfficerDesk.handle", boom)
    assert officer(app, PETUGAS).press("view:TRK-7K3Q-9MXA") == "failed"
    deliver(runtime)
    [answer] = tg_server.calls_to("answerCallbackQuery")
    assert "gagal diproses" in answer.params["text"]


@pytest.mark.parametrize("month, said", [("0000-01", "terlalu lama"),
                                         ("9999-12", "belum berjalan"),
                                         ("2026-13", "Cara pakai")])
def test_recap_of_an_impossible_month_gets_a_clear_answer(app, runtime, tg_server, month, said):
    assert officer(app, KASI).send(f"/rekap {month}") == "refused"
    deliver(runtime)
    [answer] = tg_server.sent_texts(OFFICER_CHAT)
    assert said in answer


def test_the_polling_loop_moves_past_an_update_that_fails(runtime, tg_server, monkeypatch):
    break_open_list(monkeypatch)
    tg_server.push_update(tu.make_text_update(1, OFFICER_CHAT, PETUGAS, "/aduan",
                                              chat_type="supergroup"))
    tg_server.push_update(tu.make_text_update(2, 555_030, 555_030, "halo"))

    async def run() -> None:
        stop = asyncio.Event()
        bot = make_bot(runtime.config.settings)
        async with bot:
            task = asyncio.create_task(poll(runtime, bot, stop, timeout=1))
            for _ in range(100):
                with runtime.store.unit() as unit:
                    count = unit.session.scalar(select(func.count()).select_from(Message)
                                                .where(Message.direction == "in"))
                if count == 2:
                    break
                await asyncio.sleep(0.05)
            stop.set()
            await task

    asyncio.run(run())
    deliver(runtime)
    assert any("gagal diproses" in t for t in tg_server.sent_texts(OFFICER_CHAT))
    assert any("Apa yang bisa kami bantu?" in t for t in tg_server.sent_texts(555_030))


class Raising:
    """A sender with a bug: every send raises."""

    def __init__(self) -> None:
        self.calls = 0

    async def start(self) -> None: ...
    async def stop(self) -> None: ...

    async def send(self, item, now):  # type: ignore[no-untyped-def]
        self.calls += 1
        if item.body.startswith("boom"):
            raise KeyError("a bug in the sender")
        return Outcome("sent", provider_id=f"ok-{item.id}")


def test_a_send_that_keeps_raising_is_failed_reported_and_its_chat_moves_on(runtime, tg_server,
                                                                            clock):
    from handlers.delivery import build_senders
    from handlers.worker import Worker
    raising = Raising()
    with runtime.store.unit() as unit:
        first = unit.enqueue(kind="update", channel="sms", address="+6281234567890",
                             body="boom", payload={"ticket": "TRK-7K3Q-9MXA"}, at=clock())
        second = unit.enqueue(kind="update", channel="sms", address="+6281234567890",
                              body="after", payload={}, at=clock())
        unit.session.flush()
        ids = first.id, second.id
    senders = {**build_senders(runtime.config.settings), "sms": raising}
    worker = Worker(runtime.store, runtime.config.settings, senders, runtime.notifier,
                    clock=clock, name="test")

    async def rounds() -> None:
        for sender in {s for s in senders.values() if s is not raising}:
            await sender.start()
        try:
            for _ in range(6):
                await worker.tick()
                clock.advance(minutes=5)
        finally:
            for sender in {s for s in senders.values() if s is not raising}:
                await sender.stop()

    asyncio.run(rounds())
    with runtime.store.unit() as unit:
        rows = {i.id: i for i in unit.outbox_items()}
    assert rows[ids[0]].status == "failed" and rows[ids[0]].attempts == 3
    assert "KeyError" in rows[ids[0]].last_error
    assert rows[ids[1]].status == "sent"           # the chat moved on
    report = [t for t in tg_server.sent_texts(OFFICER_CHAT) if "Pesan tidak terkirim" in t]
    assert len(report) == 1 and "TRK-7K3Q-9MXA" in report[0]
    assert raising.calls == 4


def test_a_message_whose_sends_never_finish_is_given_up(runtime, tg_server, clock):
    """Claimed again and again after its worker died mid-send: failed once the attempts are spent."""
    from storage.outbox import Outbox
    outbox = Outbox(runtime.store)
    with runtime.store.unit() as unit:
        item = unit.enqueue(kind="update", channel="telegram", address="555031", body="x",
                            payload={}, at=clock())
        unit.session.flush()
        item_id = item.id
    for _ in range(runtime.config.settings.worker_max_attempts):
        assert outbox.claim("dying", clock(), 1, 10)    # claimed, then the worker "dies"
        clock.advance(seconds=2)
    deliver(runtime)
    with runtime.store.unit() as unit:
        [row] = [i for i in unit.outbox_items() if i.id == item_id]
    assert row.status == "failed" and "never finished" in row.last_error
    assert tg_server.sent_messages(555031) == []           # not tried a ninth time
    assert any("Pesan tidak terkirim" in t for t in tg_server.sent_texts(OFFICER_CHAT))
