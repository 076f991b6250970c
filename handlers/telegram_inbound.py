"""One Telegram update in: complainant messages to the engine, officer commands to the desk.

Shared by the webhook and by long polling. Nothing here calls Telegram: every answer (replies,
officer answers, button acknowledgements) goes into the outbox for the worker.
"""
from __future__ import annotations

import dataclasses
import logging

from telegram import CallbackQuery, Message, Update

from bot.engine import utcnow
from bot.messages import Inbound, Media
from bot.officers import DeskAnswer, OfficerRequest, parse_button, parse_command
from bot.outfiles import enqueue_files
from handlers.wiring import Runtime
from storage.repo import DuplicateMessage

log = logging.getLogger(__name__)
MAX_INBOUND_CHARS = 10_000
# Commands a citizen may type that belong to the complaint conversation, not the officer desk.
CITIZEN_COMMANDS = {"list", "help"}


def officer_chats(runtime: Runtime) -> set[str]:
    """The officers' group id as configured, and as it is now after any migration."""
    chat = runtime.config.settings.telegram_officer_chat_id
    if chat is None:
        return set()
    with runtime.store.unit() as unit:
        return {str(chat), unit.current_chat(chat)}


def handle_update(runtime: Runtime, update: Update) -> str:
    """Route one update; returns what was done (for logs and tests)."""
    if update.callback_query is not None:
        return _button(runtime, update.update_id, update.callback_query)
    message = update.message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return "ignored"            # edited messages, channel posts, and the like
    text = (message.text or message.caption or "").strip()
    if message.chat.type != "private":
        request = parse_command(text, runtime.config.office.code)
        if request is None or str(message.chat.id) not in officer_chats(runtime):
            return "ignored"        # chatter in the group, or a group that is not ours
        return _officer(runtime, update.update_id, message, request, text)
    request = parse_command(text, runtime.config.office.code)
    on_roster = runtime.config.office_config.officer(message.from_user.id) is not None
    if request is not None and (on_roster or request.action not in CITIZEN_COMMANDS):
        return _officer(runtime, update.update_id, message, request, text)
    if on_roster and text and _in_dialog(runtime, message.from_user.id):
        request = OfficerRequest(actor_id="", chat_id="", private=True, action="dialog", args=text)
        return _officer(runtime, update.update_id, message, request, text)
    return _complainant(runtime, update.update_id, message, text)


def _in_dialog(runtime: Runtime, user_id: int) -> bool:
    assert runtime.desk is not None
    with runtime.store.unit() as unit:
        return runtime.desk.in_dialog(unit, str(user_id))


def _complainant(runtime: Runtime, update_id: int, message: Message, text: str) -> str:
    media: list[Media] = []
    kind = "text"
    if message.photo:
        media.append(Media(f"telegram-file:{message.photo[-1].file_id}", "image/jpeg"))
    elif message.document:
        media.append(Media(f"telegram-file:{message.document.file_id}",
                           message.document.mime_type or "application/octet-stream"))
    elif message.sticker:
        return "ignored"
    elif message.location and not text:
        loc = message.location
        text, kind = f"📍 ({loc.latitude}, {loc.longitude})", "location"
    elif not text:
        kind = "unsupported"        # voice, video, contact…: the engine asks for text
    if media:
        kind = "media"
    user = message.from_user
    inbound = Inbound(channel="telegram", address=str(message.chat.id),
                      text=text[:MAX_INBOUND_CHARS], provider="telegram",
                      provider_id=str(update_id), received_at=utcnow(), media=tuple(media),
                      profile_name=user.full_name if user else None, kind=kind)
    runtime.engine.handle_safely(inbound)   # replies are in the outbox already (or Unavailable)
    return "complainant"


def _officer(runtime: Runtime, update_id: int, message: Message, request: OfficerRequest,
             text: str) -> str:
    assert runtime.desk is not None and message.from_user is not None
    request = dataclasses.replace(
        request, actor_id=str(message.from_user.id), chat_id=str(message.chat.id),
        private=message.chat.type == "private", actor_name=message.from_user.full_name)
    try:
        with runtime.store.unit() as unit:
            unit.record_inbound(provider="telegram", provider_id=str(update_id),
                                channel="telegram", address=request.chat_id, body=text[:4000],
                                at=runtime.engine.clock())
            answer = runtime.desk.handle(unit, request)
            _answer_in_chat(unit, runtime, request.chat_id, answer)
    except DuplicateMessage:
        return "duplicate"
    return "officer" if answer.ok else "refused"


def _button(runtime: Runtime, update_id: int, query: CallbackQuery) -> str:
    request = parse_button(query.data or "", runtime.config.office.code)
    chat = query.message.chat if query.message is not None else None
    chat_id = str(chat.id) if chat else str(query.from_user.id)
    now = runtime.engine.clock()
    try:
        with runtime.store.unit() as unit:
            unit.record_inbound(provider="telegram", provider_id=str(update_id),
                                channel="telegram", address=chat_id,
                                body=f"[tombol] {query.data or ''}"[:4000], at=now)
            if request is None or runtime.desk is None:
                _acknowledge(unit, query, chat_id, DeskAnswer(True, None), now)
                return "ignored"
            request = dataclasses.replace(
                request, actor_id=str(query.from_user.id), chat_id=chat_id,
                private=bool(chat and chat.type == "private"),
                actor_name=query.from_user.full_name)
            answer = runtime.desk.handle(unit, request)
            _acknowledge(unit, query, chat_id, answer, now)
            if answer.ok and answer.message is not None and (answer.changed
                                                             or request.action == "view"):
                _answer_in_chat(unit, runtime, chat_id, answer)
    except DuplicateMessage:
        return "duplicate"
    return "officer" if answer.ok else "refused"


def _acknowledge(unit, query: CallbackQuery, chat_id: str, answer: DeskAnswer, now) -> None:  # type: ignore[no-untyped-def]
    """answerCallbackQuery, through the outbox: a toast, or an alert for a refusal."""
    unit.enqueue(kind="callback", channel="telegram", address=f"callback:{query.id}",
                 body=answer.toast, at=now,
                 payload={"callback_query_id": query.id, "alert": answer.alert,
                          "chat_id": chat_id})


def _answer_in_chat(unit, runtime: Runtime, chat_id: str, answer: DeskAnswer) -> None:  # type: ignore[no-untyped-def]
    if answer.message is None:
        return
    payload = answer.message.to_payload()
    if answer.choices is not None:   # a dialogue: plain text with a keyboard (or none)
        payload = {"choices": answer.choices} if answer.choices else {"remove_keyboard": True}
    now = runtime.engine.clock()
    unit.enqueue(kind="officer", channel="telegram", address=chat_id,
                 body=answer.message.plain(), payload=payload, at=now)
    enqueue_files(unit, answer.files, chat_id, now)
