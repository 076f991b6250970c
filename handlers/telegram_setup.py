"""Telegram set-up: the webhook (`python -m handlers.telegram_setup`), and the start-up check.

`set_webhook` points Telegram at PUBLIC_BASE_URL + /webhooks/telegram with the secret; only
the update types we handle are requested. `startup` runs whenever the delivery worker starts
(so in webhook and polling mode alike): it sets the command menus per scope (the officers'
group; each rostered officer's private chat with their role's commands; every other private
chat, for citizens) and checks which rostered officers the bot cannot reach privately, naming
them once in the group with what to do.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sys
from typing import TYPE_CHECKING

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)
from telegram import error as tg_error

from bot import pings
from bot.config import AppConfig, ConfigError, Settings, load_config
from bot.desk import menus
from handlers import logsafe
from bot.rich import Rich
from handlers.telegram_polling import ALLOWED_UPDATES, make_bot

if TYPE_CHECKING:
    from bot.config import Officer
    from storage.repo import Store

log = logging.getLogger(__name__)
CITIZEN_COMMANDS = [("start", "Mulai / menu"), ("bantuan", "Bantuan")]


def _commands(items: list[menus.Command]) -> list[BotCommand]:
    return [BotCommand(c.name, c.menu[:256]) for c in items]


async def set_menus(bot: Bot, config: AppConfig) -> list["Officer"]:
    """Command menus per scope; returns the rostered officers whose chat could not be set."""
    office = config.office_config
    await bot.set_my_commands([BotCommand(n, t) for n, t in CITIZEN_COMMANDS],
                              scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands([BotCommand(n, t) for n, t in CITIZEN_COMMANDS],
                              scope=BotCommandScopeDefault())
    group = config.settings.telegram_officer_chat_id
    if group is not None:
        try:
            await bot.set_my_commands(_commands(menus.group_commands()),
                                      scope=BotCommandScopeChat(group))
        except tg_error.TelegramError as exc:
            log.error("could not set the officers' group menu (%s): is the bot in group %s?",
                      exc, group)
    failed = []
    for officer in office.roster:
        try:
            await bot.set_my_commands(
                _commands(menus.commands_for(officer.role, menus.PRIVATE)),
                scope=BotCommandScopeChat(officer.telegram_id))
        except (tg_error.Forbidden, tg_error.BadRequest) as exc:
            log.warning("menu for officer %s not set: %s", officer.telegram_id, exc)
            failed.append(officer)
    return failed


async def unreachable_officers(bot: Bot, config: AppConfig) -> list["Officer"]:
    """Rostered officers the bot cannot message privately (never started it, or blocked it)."""
    found = []
    for officer in config.office_config.roster:
        try:
            await bot.send_chat_action(chat_id=officer.telegram_id, action="typing")
        except (tg_error.Forbidden, tg_error.BadRequest) as exc:
            log.warning("officer %s (%s) cannot be reached privately: %s", officer.name,
                        officer.telegram_id, exc)
            found.append(officer)
        except tg_error.TelegramError as exc:     # the network: no conclusion about them
            log.warning("reachability of officer %s unknown: %s", officer.telegram_id, exc)
    return found


def report_unreachable(store: "Store", config: AppConfig, officers: list["Officer"],
                       now: dt.datetime) -> list["Officer"]:
    """Name, once, in the group the officers newly found unreachable (marks in the database)."""
    group = config.settings.telegram_officer_chat_id
    newly = []
    with store.unit() as unit:
        for officer in officers:
            if unit.claim_mark(f"{pings.UNREACHABLE}{officer.telegram_id}", "unreachable", now):
                newly.append(officer)
        if newly and group is not None:
            rich = Rich().b("📵 Petugas yang belum dapat dihubungi bot secara pribadi\n")
            for officer in newly:
                rich.t("• ").mention(officer.telegram_id, officer.name).t("\n")
            rich.t(pings.HOW_TO)
            unit.enqueue(kind="report", channel="telegram", address=unit.current_chat(group),
                         body=rich.plain(), payload=rich.to_payload(), at=now)
    return newly


async def startup(config: AppConfig, store: "Store", bot: Bot,
                  now: dt.datetime | None = None) -> list["Officer"]:
    """Menus per scope, then the reachability check; returns the unreachable officers.
    Never raises: a start-up check must not keep the worker from delivering."""
    try:
        failed = await set_menus(bot, config)
        unreachable = await unreachable_officers(bot, config)
        for officer in failed:
            if officer not in unreachable:
                unreachable.append(officer)
        if unreachable:
            log.warning("rostered officers the bot cannot reach privately: %s",
                        ", ".join(f"{o.name} ({o.telegram_id})" for o in unreachable))
        report_unreachable(store, config, unreachable,
                           now or dt.datetime.now(dt.timezone.utc))
        return unreachable
    except Exception:  # noqa: BLE001 - the worker must deliver even if Telegram is down now
        log.exception("Telegram start-up check failed; menus may be stale")
        return []


async def check_at_start(config: AppConfig, store: "Store",
                         now: dt.datetime | None = None) -> list["Officer"]:
    """`startup` with a bot of its own (the worker calls it); never raises."""
    try:
        async with make_bot(config.settings) as bot:
            return await startup(config, store, bot, now)
    except Exception:  # noqa: BLE001 - Telegram down at start-up: deliver anyway, retry later
        log.exception("Telegram start-up check could not run")
        return []


async def set_webhook(settings: Settings) -> str:
    """Register the webhook with its secret; returns the URL Telegram will call."""
    if not settings.public_base_url or not settings.telegram_webhook_secret:
        raise ConfigError("environment: PUBLIC_BASE_URL and TELEGRAM_WEBHOOK_SECRET: "
                          "both are needed for the Telegram webhook")
    url = settings.public_base_url + "/webhooks/telegram"
    async with make_bot(settings) as bot:
        await bot.set_webhook(url, secret_token=settings.telegram_webhook_secret,
                              allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
    return url


def main() -> int:
    from storage.repo import Store
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        config = load_config()
        logsafe.install(config.settings)
        url = asyncio.run(set_webhook(config.settings))
    except ConfigError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return 2
    print(f"Telegram now sends updates to {url}")

    async def check() -> list["Officer"]:
        async with make_bot(config.settings) as bot:
            return await startup(config, Store.from_url(config.settings.database_url), bot)
    for officer in asyncio.run(check()):
        print(f"cannot reach {officer.name} ({officer.telegram_id}) privately: they must start "
              "a private chat with the bot")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
