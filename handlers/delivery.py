"""Channel senders for the worker: Telegram (PTB Bot) and Twilio (WhatsApp, SMS), by name."""
from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import logging
import re
from dataclasses import replace
from typing import Any, Awaitable, Callable, Protocol

import requests
from telegram import Bot, InputFile
from telegram import error as tg_error
from telegram.request import HTTPXRequest
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from bot.config import Settings
from bot.delivery import PARTS_LAST, PARTS_SENT, Outcome, backoff
from bot.notify import needs_template
from bot.paperwork.metadata import without_metadata
from handlers.sms_text import for_sms
from handlers.telegram_render import inline_keyboard, render
from storage.files import read_kept
from handlers.twilio_status import callback_url
from storage.outbox import Claimed

log = logging.getLogger(__name__)
TELEGRAM_UNREACHABLE = ("chat not found", "user not found", "peer_id_invalid", "bot was kicked",
                        "user is deactivated", "bot can't initiate conversation",
                        "not enough rights to send", "have no rights to send")
TWILIO_THROTTLED = {20429, 63018}
TWILIO_UNREACHABLE = {21211, 21610, 21614, 21408, 21612, 63003, 63024}
TWILIO_WINDOW = 63016


# Told as each part of a long text goes: (parts gone so far, the provider's id of the last).
Progress = Callable[[int, "str | None"], Awaitable[None]]


class LeaseLost(Exception):
    """The worker no longer holds the message being sent: stop before its next part."""


class Sender(Protocol):
    """Delivers one claimed message and reports a neutral Outcome; never raises.

    A sender that sends a message in parts says so with `reports_parts = True`; the worker
    then passes `send(..., progress=...)`, awaited after each part goes (it records the part
    at once, so a worker killed part-way resends only what did not go)."""

    async def start(self) -> None: ...
    async def stop(self) -> None: ...
    async def send(self, item: Claimed, now: dt.datetime) -> Outcome: ...


def seconds(value: Any) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class TelegramSender:
    """sendMessage / sendDocument / sendPhoto / answerCallbackQuery through a real PTB Bot."""

    reports_parts = True     # a long text goes in parts, each told to `progress` as it goes

    def __init__(self, bot: Bot):
        self.bot = bot
        self.ready = False     # bot.initialize() (getMe) succeeded

    @classmethod
    def from_settings(cls, settings: Settings) -> "TelegramSender":
        if not settings.telegram_bot_token:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        timeout = settings.http_timeout_seconds
        request = HTTPXRequest(connection_pool_size=settings.worker_batch + 4,
                               connect_timeout=min(5.0, timeout), read_timeout=timeout,
                               write_timeout=timeout, pool_timeout=timeout)
        base = settings.telegram_api_base_url
        kwargs = {"base_url": base + "/bot", "base_file_url": base + "/file/bot"} if base else {}
        return cls(Bot(settings.telegram_bot_token, request=request, **kwargs))

    async def start(self) -> None:
        """Initialise the bot (getMe); Telegram down at start-up is not fatal: the worker
        delivers WhatsApp, SMS and downloads meanwhile, and each Telegram send tries again."""
        try:
            await self._ready()
        except tg_error.TelegramError as exc:
            log.warning("Telegram is not reachable at start-up (%s: %s); its messages wait "
                        "and are retried", type(exc).__name__, exc.message)

    async def _ready(self) -> None:
        if not self.ready:
            await self.bot.initialize()
            self.ready = True

    async def stop(self) -> None:
        if self.ready:
            await self.bot.shutdown()

    async def send(self, item: Claimed, now: dt.datetime,
                   progress: Progress | None = None) -> Outcome:
        """One attempt; a long text that stops after some of its parts went says how many
        (`Outcome.parts_sent`, kept in the payload): the next attempt sends only the rest.
        `progress` is awaited after each part goes (the worker records it then, so that a
        worker killed between two parts does not send the first again)."""
        went: list[int] = []     # parts of a long text Telegram accepted in this attempt
        try:
            outcome = await self._attempt(item, went, progress)
        except LeaseLost:
            raise                # another worker may hold it now: the worker records nothing
        except Exception:
            if not went:
                raise            # the worker logs it and retries (a few times)
            log.exception("outbox %d: sending its parts raised", item.id)
            outcome = Outcome("error", error="an unexpected error while sending its parts")
        if went and outcome.kind != "sent":
            outcome = replace(outcome, parts_sent=went[-1] + 1)
        return outcome

    async def _attempt(self, item: Claimed, went: list[int],
                       progress: Progress | None = None) -> Outcome:
        try:
            await self._ready()
            if item.kind == "callback":
                await self.bot.answer_callback_query(
                    item.payload["callback_query_id"], text=item.body[:200] or None,
                    show_alert=bool(item.payload.get("alert")))
                return Outcome("sent")
            if item.kind == "keyboard":
                return await self._edit_keyboard(item)
            if item.payload.get("file"):
                message = await self._send_file(item)
                return Outcome("sent", provider_id=str(message.message_id))
            return Outcome("sent", provider_id=await self._send_text(item, went, progress))
        except tg_error.RetryAfter as exc:
            return Outcome("throttled", error=str(exc), retry_after=seconds(exc._retry_after))
        except tg_error.ChatMigrated as exc:
            return Outcome("moved", error=str(exc), new_address=str(exc.new_chat_id))
        except tg_error.Forbidden as exc:
            said = exc.message     # Telegram's own words already say "Forbidden: …"
            return Outcome("undeliverable", error=said if said.startswith("Forbidden")
                           else f"Forbidden: {said}")
        except tg_error.BadRequest as exc:
            text = exc.message.lower()
            if item.kind == "callback" or any(s in text for s in TELEGRAM_UNREACHABLE):
                return Outcome("undeliverable", error=f"BadRequest: {exc.message}")
            return Outcome("failed", error=f"BadRequest: {exc.message}")
        except tg_error.InvalidToken as exc:
            log.error("Telegram refuses the bot token: check TELEGRAM_BOT_TOKEN")
            return Outcome("retry", error=f"InvalidToken: {exc.message}")
        except tg_error.TelegramError as exc:   # TimedOut, NetworkError (5xx), anything else
            return Outcome("retry", error=f"{type(exc).__name__}: {exc.message}")


    async def _send_text(self, item: Claimed, went: list[int],
                         progress: Progress | None = None) -> str:
        """sendMessage with its markup; a text Telegram cannot parse goes again as plain text,
        one too long for a message goes as several (the keyboard under the last). Returns
        Telegram's id of the (last) message."""
        if _units(item.body) > MAX_TEXT or item.payload.get(PARTS_SENT):
            return await self._send_parts(item, went, progress)
        args = render(item.body, item.payload)
        try:
            message = await self.bot.send_message(chat_id=int(item.address), **args)
        except tg_error.BadRequest as exc:
            said = exc.message.lower()
            if "too long" in said:
                log.warning("outbox %d: Telegram found the text too long; sent in parts",
                            item.id)
                return await self._send_parts(item, went, progress)
            if "can't parse" not in said or args.get("parse_mode") is None:
                raise
            log.warning("outbox %d: Telegram could not parse its markup (%s); sent as plain "
                        "text", item.id, exc.message)
            message = await self.bot.send_message(chat_id=int(item.address),
                                                  **{**args, "text": plain(item.body),
                                                     "parse_mode": None})
        return str(message.message_id)

    async def _send_parts(self, item: Claimed, went: list[int],
                          progress: Progress | None = None) -> str:
        """A text longer than one message, as plain text in parts cut at line ends (nothing is
        cut off); the keyboard, if any, under the last part. Returns the last message's id.
        Parts an earlier attempt delivered (`parts_sent` in the payload) are not sent again;
        each part Telegram accepts now is noted in `went` and told to `progress` before the
        next goes. When every part went already (a worker died before marking it sent), none
        goes again."""
        args = render(item.body, item.payload)
        parts = telegram_parts(plain(item.body), PART_UNITS)
        recorded = int(item.payload.get(PARTS_SENT) or 0)
        if recorded >= len(parts) and item.payload.get(PARTS_LAST):
            log.warning("outbox %d: all %d parts went before its worker stopped; none sent "
                        "again", item.id, len(parts))
            return str(item.payload[PARTS_LAST])
        done = min(recorded, len(parts) - 1)
        message_id = ""
        for at, part in enumerate(parts):
            if at < done:
                continue
            last = at == len(parts) - 1
            message = await self.bot.send_message(
                chat_id=int(item.address), text=part, parse_mode=None,
                reply_markup=args.get("reply_markup") if last else None,
                **({"protect_content": True} if args.get("protect_content") else {}))
            went.append(at)
            message_id = str(message.message_id)
            if progress is not None:
                await progress(at + 1, message_id)
        return message_id

    async def _edit_keyboard(self, item: Claimed) -> Outcome:
        """Retire an old keyboard (editMessageReplyMarkup on the message Telegram numbered)."""
        message_id = item.payload.get("message_id")
        if not message_id:
            return Outcome("sent")      # the original never reached Telegram: nothing to edit
        try:
            await self.bot.edit_message_reply_markup(
                chat_id=int(item.address), message_id=int(message_id),
                reply_markup=inline_keyboard(item.payload.get("buttons") or []))
        except tg_error.BadRequest as exc:
            if "not modified" not in exc.message.lower():
                raise
        return Outcome("sent")

    async def _send_file(self, item: Claimed) -> Any:
        """A file from the payload (base64 bytes, name): a photo, or a document otherwise."""
        spec = item.payload["file"]
        data = (read_kept(spec["path"], spec["sha256"]) if "path" in spec
                else base64.b64decode(spec["data"]))
        if spec.get("clean"):       # evidence for a reader who may not know its sender
            cleaned = without_metadata(data, spec.get("type") or spec.get("mime"))
            if cleaned is None:
                raise ValueError("evidence could not be sent without its metadata")
            data = cleaned
        upload = InputFile(data, filename=spec["name"])
        caption = telegram_parts(item.body or "", 1024)[0] if item.body else None
        markup = inline_keyboard(item.payload.get("buttons") or [])   # e.g. approve, under it
        protect = bool(item.payload.get("protect"))      # not forwarded, not saved
        if spec.get("as") == "photo":
            return await self.bot.send_photo(chat_id=int(item.address), photo=upload,
                                             caption=caption, reply_markup=markup,
                                             protect_content=protect)
        return await self.bot.send_document(chat_id=int(item.address), document=upload,
                                            caption=caption, reply_markup=markup,
                                            protect_content=protect)


class TwilioSender:
    """messages.create through a real twilio Client (blocking, so run in a thread)."""

    def __init__(self, client: Client, whatsapp_from: str | None, sms_from: str | None,
                 status_callback: str | None = None):
        self.client = client
        self.from_ = {"whatsapp": whatsapp_from, "sms": sms_from}
        self.status_callback = status_callback   # receipts: handlers/twilio_status.py

    @classmethod
    def from_settings(cls, settings: Settings) -> "TwilioSender":
        if not (settings.twilio_account_sid and settings.twilio_auth_token):
            raise ValueError("TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN are not set")
        client = Client(settings.twilio_account_sid, settings.twilio_auth_token,
                        http_client=TwilioHttpClient(timeout=settings.http_timeout_seconds))
        if settings.twilio_api_base_url:
            client.edge = client.region = None
            client.api.base_url = settings.twilio_api_base_url
        return cls(client, settings.twilio_whatsapp_from, settings.twilio_sms_from,
                   callback_url(settings.public_base_url))

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(self, item: Claimed, now: dt.datetime) -> Outcome:
        return await asyncio.to_thread(self._send, item, now)

    def arguments(self, item: Claimed, now: dt.datetime) -> dict[str, Any]:
        """Free text, or the approved template when WhatsApp's 24-hour window is closed."""
        whatsapp = item.channel == "whatsapp"
        sender = self.from_[item.channel] or ""
        if whatsapp and not sender.startswith("whatsapp:"):
            sender = "whatsapp:" + sender
        args: dict[str, Any] = {"to": ("whatsapp:" if whatsapp else "") + item.address,
                                "from_": sender}
        template = item.payload.get("template")
        if template and (item.payload.get("force_template")
                         or needs_template(item.channel, item.last_inbound_at, now)):
            args["content_sid"] = template["content_sid"]
            args["content_variables"] = json.dumps(template["variables"], ensure_ascii=False)
        else:
            args["body"] = (for_sms(item.body) if item.channel == "sms" else item.body)[:1600]
        if self.status_callback:
            args["status_callback"] = self.status_callback
        return args

    def _send(self, item: Claimed, now: dt.datetime) -> Outcome:
        if not self.from_.get(item.channel):
            return Outcome("failed", error=f"no sender number configured for {item.channel}")
        args = self.arguments(item, now)
        try:
            message = self.client.messages.create(**args)
            return Outcome("sent", provider_id=message.sid, template="content_sid" in args)
        except TwilioRestException as exc:
            error = f"Twilio {exc.status}/{exc.code}: {exc.msg}"
            if exc.status == 429 or exc.code in TWILIO_THROTTLED:
                return Outcome("throttled", error=error, retry_after=backoff(item.attempts))
            if exc.code == TWILIO_WINDOW:
                return Outcome("window", error=error)
            if exc.code in TWILIO_UNREACHABLE:
                return Outcome("undeliverable", error=error)
            if 400 <= exc.status < 500 and exc.status not in (401, 403, 408):
                return Outcome("failed", error=error)
            return Outcome("retry", error=error)
        except requests.exceptions.RequestException as exc:   # ReadTimeout is not wrapped
            return Outcome("retry", error=f"{type(exc).__name__}: {exc}")


# Telegram counts a message's length in UTF-16 code units (an emoji is two).
MAX_TEXT = 4096
PART_UNITS = 4000          # a part of a long text, with room to spare
_BOLD = re.compile(r"\*([^*\n]+)\*")


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def plain(body: str) -> str:
    """A message's plain text for Telegram without markup (WhatsApp-style *bold* unmarked)."""
    return _BOLD.sub(r"\1", body)


def telegram_parts(text: str, limit: int) -> list[str]:
    """`text` in parts of at most `limit` UTF-16 units, cut at a line end (else a space)
    where one is near; joined back with line ends they read as the whole."""
    parts: list[str] = []
    rest = text.strip()
    while _units(rest) > limit:
        cut = limit
        while _units(rest[:cut]) > limit:
            cut -= 1
        window = rest[:cut]
        at = window.rfind("\n")
        if at < cut // 2:
            at = window.rfind(" ")
        if at < cut // 2:
            at = cut
        parts.append(rest[:at].rstrip())
        rest = rest[at:].lstrip()
    if rest:
        parts.append(rest)
    return parts


# Channels whose recipients collect their own messages: the web chat's browser reads its
# outbox rows when it asks (handlers/webchat.py, storage/webchat.py). The worker leaves them alone.
PULLED: frozenset[str] = frozenset({"web"})

# Channel name -> how to build its sender from the settings.
SENDERS: dict[str, Callable[[Settings], Sender]] = {
    "telegram": TelegramSender.from_settings,
    "whatsapp": TwilioSender.from_settings,
    "sms": TwilioSender.from_settings,
}


def build_senders(settings: Settings) -> dict[str, Sender]:
    """A sender for every channel whose credentials are configured (one Twilio client shared)."""
    senders: dict[str, Sender] = {}
    built: dict[Callable[[Settings], Sender], Sender] = {}
    for channel, factory in SENDERS.items():
        try:
            senders[channel] = built.get(factory) or built.setdefault(factory, factory(settings))
        except ValueError as exc:
            log.warning("channel %s cannot send: %s", channel, exc)
    return senders
