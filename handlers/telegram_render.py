"""Neutral outbound messages rendered for Telegram: HTML (escaped), keyboards, buttons."""
from __future__ import annotations

import html
import re
from typing import Any

from telegram import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import ParseMode

from bot.rich import Rich

MAX_TEXT = 4096
MAX_CALLBACK_BYTES = 64
_BOLD = re.compile(r"\*([^*\n]+)\*")
_TAGS = {"t": "{}", "b": "<b>{}</b>", "i": "<i>{}</i>", "code": "<code>{}</code>"}


def _segment(kind: str, text: str) -> str:
    if kind == "mention":         # "<user id>:<name>": a link that notifies that person
        user_id, _, name = text.partition(":")
        if not user_id.isdigit():
            return html.escape(name, quote=False)
        return f'<a href="tg://user?id={user_id}">{html.escape(name, quote=False)}</a>'
    return _TAGS[kind].format(html.escape(text, quote=False))


def html_from_rich(rich: Rich) -> str:
    """Every segment escaped, then wrapped in its tag: user text can never inject markup."""
    return "".join(_segment(kind, text) for kind, text in rich.segments).strip()


def html_from_text(text: str) -> str:
    """A conversation reply: escaped, with WhatsApp-style *bold* turned into <b>."""
    return _BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))


def inline_keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    buttons = [[InlineKeyboardButton(label[:64], callback_data=action)
                for label, action in row if len(action.encode()) <= MAX_CALLBACK_BYTES]
               for row in rows]
    buttons = [row for row in buttons if row]
    return InlineKeyboardMarkup(buttons) if buttons else None


def reply_keyboard(choices: list[str]) -> ReplyKeyboardMarkup:
    """A question's choices as a one-time keyboard; the engine reads the label (or number)."""
    return ReplyKeyboardMarkup([[KeyboardButton(label)] for label in choices],
                               resize_keyboard=True, one_time_keyboard=True)


def render(body: str, payload: dict[str, Any]) -> dict[str, Any]:
    """sendMessage arguments (text, parse_mode, reply_markup) for an outbox message."""
    markup: Any = None
    if payload.get("segments"):
        rich = Rich.from_payload(payload)
        text = html_from_rich(rich)
        markup = inline_keyboard(rich.buttons)
        if rich.reply_hint is not None:      # ask for an answer: the reply box opens
            markup = ForceReply(selective=True, input_field_placeholder=rich.reply_hint[:64]
                                or None)
    else:
        text = html_from_text(body)
        if payload.get("choices"):
            markup = reply_keyboard(list(payload["choices"]))
        elif payload.get("remove_keyboard"):
            markup = ReplyKeyboardRemove()
    # a message naming a concealed complainant cannot be forwarded or saved
    protect = {"protect_content": True} if payload.get("protect") else {}
    if len(text) > MAX_TEXT:   # too long once marked up: plain text, cut, no parse mode
        return {"text": body[:MAX_TEXT - 1] + "…", "parse_mode": None, "reply_markup": markup,
                **protect}
    return {"text": text, "parse_mode": ParseMode.HTML, "reply_markup": markup, **protect}
