"""Logs without secrets or identities: tokens and auth secrets removed, numbers and PINs masked.

Every entry point (web, worker, polling, terminal) calls `install(settings)` once at start-up.
It quiets the HTTP client loggers that print request URLs (httpx puts the Telegram bot token in
them at INFO; twilio's client prints its requests at INFO) and python-telegram-bot's (at DEBUG
it prints every update it fetches, with names, @usernames and stories, and every message it
sends, PINs included), so a process run at DEBUG keeps them out too; and it installs a log
record factory that rewrites every record, whatever handler later writes it, before anyone sees
it: message, arguments and any traceback.
"""
from __future__ import annotations

import logging
import re
import traceback
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

from bot.identity import MASK, redact_numbers

QUIET_LOGGERS = ("httpx", "httpcore", "twilio.http_client", "urllib3", "hpack", "telegram")
HIDDEN = "[RAHASIA]"
_BOT_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
_PIN = re.compile(r"(PIN\W{0,4})\d{3}[\s.\-]?\d{3}(?![\s.\-]?\d)", re.IGNORECASE)
# PostgreSQL's detail of a failed statement quotes the row or key it refused ("Failing row
# contains (…, nama saya …)", "Key (…)=(…)"), and the database driver puts it in the error;
# SQLAlchemy's own parameter list is hidden at the engine (storage.db).
_DB_DETAIL = re.compile(r"^(\s*DETAIL:\s*).*$", re.MULTILINE)
# A Telegram id of 5 to 8 digits (the oldest accounts) is shorter than the long ids the number
# masking knows (9 digits or more), and a rule for every such run would mask dates, counts and
# row ids too. Where the words before it say it names someone or their chat, it is masked as
# identity.log_address masks it: the code logs ids that way at the source; this is the net.
_SHORT_ID = re.compile(r"(?i)(\b(?:chat|user|sender|actor|from|by|pengirim|pelapor)"
                       r"(?:[ _]?id)?\s*[:=#]?\s*-?)(\d{5,8})(?![\w.,]\d|\w)")
_state: dict[str, Any] = {}


class Redactor:
    """Rewrites text: known secrets and bot tokens hidden, numbers and PINs masked."""

    def __init__(self, secrets: Iterable[str | None] = ()):
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, HIDDEN)
        text = _BOT_TOKEN.sub(HIDDEN, text)
        text = _DB_DETAIL.sub(lambda m: m.group(1) + HIDDEN, text)
        text = _PIN.sub(lambda m: m.group(1) + "••••••", text)
        text = _SHORT_ID.sub(lambda m: m.group(1) + MASK + m.group(2)[-3:], text)
        return redact_numbers(text, ids=True)


def settings_secrets(settings: Any) -> list[str]:
    """The secret values of the deployment settings (tokens, auth token, DB password)."""
    found = [getattr(settings, name, None) for name in (
        "telegram_bot_token", "twilio_auth_token", "telegram_webhook_secret", "pin_key")]
    found += list(getattr(settings, "pin_keys", ()))        # each key of a list, too
    url = getattr(settings, "database_url", "") or ""
    try:
        found.append(urlsplit(url).password)
    except ValueError:
        pass
    return [s for s in found if s]


def _factory(previous: Callable[..., logging.LogRecord],
             redact: Redactor) -> Callable[..., logging.LogRecord]:
    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string: keep the raw text
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[0] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_text = redact(text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return record
    return make


def install(settings: Any = None, extra_secrets: Iterable[str] = ()) -> Redactor:
    """Quiet the HTTP loggers and redact every log record from now on (idempotent: a second
    call only adds secrets)."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    secrets = (settings_secrets(settings) if settings is not None else []) + list(extra_secrets)
    known = _state.setdefault("secrets", [])
    known.extend(s for s in secrets if s not in known)
    redact = Redactor(known)
    base = _state.setdefault("base", logging.getLogRecordFactory())
    logging.setLogRecordFactory(_factory(base, redact))
    _state["redactor"] = redact
    return redact


def uninstall() -> None:
    """Back to the plain record factory (tests)."""
    if "base" in _state:
        logging.setLogRecordFactory(_state.pop("base"))
    _state.clear()
