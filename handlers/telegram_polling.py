"""Receive Telegram updates by long polling (`python -m handlers.telegram_polling`), for local use.

Same handling as the webhook; replies still go out through the worker.
"""
from __future__ import annotations

import asyncio
import logging
import signal
import sys

from telegram import Bot
from telegram import error as tg_error
from telegram.request import HTTPXRequest

from bot.config import ConfigError, Settings, load_config
from handlers import logsafe
from handlers.telegram_inbound import RETRY_LATER, handle_update
from handlers.wiring import Runtime, build_runtime

log = logging.getLogger(__name__)
POLL_TIMEOUT = 25


def make_bot(settings: Settings) -> Bot:
    if not settings.telegram_bot_token:
        raise ConfigError("environment: TELEGRAM_BOT_TOKEN: required for polling")
    request = HTTPXRequest(read_timeout=settings.http_timeout_seconds, connect_timeout=5)
    poll = HTTPXRequest(read_timeout=POLL_TIMEOUT + 10, connect_timeout=5)
    base = settings.telegram_api_base_url
    kwargs = {"base_url": base + "/bot", "base_file_url": base + "/file/bot"} if base else {}
    return Bot(settings.telegram_bot_token, request=request, get_updates_request=poll, **kwargs)


# What the bot receives (webhook and polling alike): messages, their edits (a complainant
# correcting a story), and button presses.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


async def poll(runtime: Runtime, bot: Bot, stop: asyncio.Event,
               timeout: int = POLL_TIMEOUT) -> None:
    """getUpdates in a loop; an update is confirmed (offset) only after it was handled."""
    await bot.delete_webhook(drop_pending_updates=False)
    offset = 0
    while not stop.is_set():
        try:
            updates = await bot.get_updates(offset=offset, timeout=timeout,
                                            allowed_updates=ALLOWED_UPDATES)
        except tg_error.RetryAfter as exc:
            await asyncio.sleep(float(getattr(exc, "_retry_after").total_seconds()))
            continue
        except tg_error.TelegramError as exc:
            log.warning("getUpdates failed (%s); retrying", exc)
            await asyncio.sleep(2)
            continue
        for update in updates:
            try:
                result = await asyncio.to_thread(handle_update, runtime, update)
            except RETRY_LATER:   # the database is down: fetch the same update again later
                log.error("telegram update %s could not be stored; will fetch it again",
                          update.update_id)
                await asyncio.sleep(2)
                break
            except Exception:  # noqa: BLE001 - one bad update must not stop the others
                log.exception("telegram update %s failed; skipped", update.update_id)
                result = "failed"
            log.info("telegram update %s: %s", update.update_id, result)
            offset = update.update_id + 1


def main() -> int:
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load_config()
        logsafe.install(config.settings)      # tokens, numbers and PINs never reach the log
        bot = make_bot(config.settings)
    except ConfigError as exc:
        print(f"configuration error, not starting:\n{exc}", file=sys.stderr)
        return 2
    runtime = build_runtime(config)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        async with bot:
            await poll(runtime, bot, stop)

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
