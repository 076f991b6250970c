"""Long polling hands updates to the same code as the webhook, confirming each after handling."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from handlers.telegram_polling import make_bot, poll
from storage.models import Message
from tests.fakes import telegram_updates as tu
from tests.support.telegram import deliver

pytestmark = pytest.mark.timeout(30)


def test_polling_runs_the_conversation(bot_app, tg_server):
    _, runtime = bot_app
    tg_server.push_update(tu.make_text_update(1, 555_020, 555_020, "halo"))
    tg_server.push_update(tu.make_edited_message_update(2, 555_020, 555_020, "diedit"))
    tg_server.push_update(tu.make_text_update(3, 555_020, 555_020, "1"))

    async def run() -> None:
        stop = asyncio.Event()
        bot = make_bot(runtime.config.settings)
        async with bot:
            task = asyncio.create_task(poll(runtime, bot, stop, timeout=1))
            for _ in range(100):
                with runtime.store.unit() as unit:
                    count = unit.session.scalar(select(func.count()).select_from(Message)
                                                .where(Message.direction == "in"))
                if count == 3:
                    break
                await asyncio.sleep(0.05)
            stop.set()
            await task

    asyncio.run(run())
    assert tg_server.calls_to("deleteWebhook")
    deliver(runtime)
    texts = tg_server.sent_texts(555_020)
    assert any("Apa yang bisa kami bantu?" in t for t in texts) and any("Ceritakan" in t for t in texts)
    assert any("tidak kami baca ulang" in t for t in texts)     # the edit: kept, and said so
    assert all(call.params.get("allowed_updates") and "edited_message" in
               call.params["allowed_updates"] for call in tg_server.calls_to("getUpdates"))


def test_setup_registers_the_webhook_with_its_secret(bot_app, tg_server):
    from handlers.telegram_setup import ALLOWED_UPDATES, set_webhook
    from tests.support.telegram import SECRET
    _, runtime = bot_app
    url = asyncio.run(set_webhook(runtime.config.settings))
    assert url == "https://aduan.example.go.id/webhooks/telegram"
    assert tg_server.webhook["url"] == url and tg_server.webhook["secret_token"] == SECRET
    assert tg_server.webhook["allowed_updates"] == ALLOWED_UPDATES
