"""One Telegram update in: officers' updates to the desk, complainants' messages to the engine.

Shared by the webhook and by long polling. This module only translates: a Telegram update
becomes a neutral `OfficerUpdate` for the desk or an `Inbound` for the engine, each of which
owns its transaction. Nothing here calls Telegram: every answer (replies, officer answers,
button acknowledgements) goes into the outbox for the worker.
"""
from __future__ import annotations

import logging
import re

from telegram import (Message, MessageOriginChannel, MessageOriginChat, MessageOriginHiddenUser,
                      MessageOriginUser, Update)

from bot.conversation.engine import Unavailable, utcnow
from bot.desk.desk import DeskUnavailable
from bot.desk.requests import OfficerDocument, OfficerUpdate
from bot.identity import log_address
from bot.messages import Inbound, Media, location_text
from handlers.wiring import Runtime

log = logging.getLogger(__name__)
MAX_INBOUND_CHARS = 10_000
# Raised when nothing of an update could be stored (the database is down): the only errors
# after which an update should be delivered again. Anything else is answered and acknowledged.
RETRY_LATER = (Unavailable, DeskUnavailable)
# The Bot API serves no file over 20 MB, whatever the office's evidence limit.
BOT_API_FILE_LIMIT = 20 * 1024 * 1024
# A command picked from the menu in a group names the bot it is for ("/start@AduanTarakanBot").
_ADDRESSED = re.compile(r"^/\w+@(\w*bot)\b", re.IGNORECASE)


def handle_update(runtime: Runtime, update: Update) -> str:
    """Route one update; returns what was done (for logs and tests)."""
    assert runtime.desk is not None
    query = update.callback_query
    if query is not None:
        chat = query.message.chat if query.message is not None else None
        if chat is not None and not _same_person(chat, query.from_user.id):
            return "refused"
        return runtime.desk.receive(OfficerUpdate(
            provider_id=str(update.update_id),
            chat_id=str(chat.id) if chat else str(query.from_user.id),
            private=bool(chat and chat.type == "private"), actor_id=str(query.from_user.id),
            actor_name=query.from_user.full_name, button=query.data or "",
            callback_id=query.id,
            message_id=str(query.message.message_id) if query.message is not None else None))
    if update.edited_message is not None:
        return _edited(runtime, update.update_id, update.edited_message)
    message = update.message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return "ignored"            # channel posts, and the like
    if not _same_person(message.chat, message.from_user.id):
        return "refused"
    text = (message.text or message.caption or "").strip()
    document = message.document
    replied = message.reply_to_message     # an answer to one of the bot's own messages
    if replied is not None and not (replied.from_user and replied.from_user.is_bot):
        replied = None
    done = runtime.desk.receive(OfficerUpdate(
        provider_id=str(update.update_id), chat_id=str(message.chat.id),
        private=message.chat.type == "private", actor_id=str(message.from_user.id),
        actor_name=message.from_user.full_name, text=text[:MAX_INBOUND_CHARS],
        document=OfficerDocument(document.file_id, document.file_name or "",
                                 document.mime_type, document.file_size)
        if document is not None else None,
        reply_to_id=str(replied.message_id) if replied is not None else None,
        reply_to_text=(replied.text or replied.caption or "")[:4096] if replied else ""))
    if done == "ignored" and message.chat.type in ("group", "supergroup"):
        return _elsewhere(runtime, message, text)
    if done != "complainant":
        return done
    return _complainant(runtime, update.update_id, message, text)


def _elsewhere(runtime: Runtime, message: Message, text: str) -> str:
    """A message in a group that is not the officers' (a citizen added the bot to their own):
    pointed once to the private chat, and kept nowhere."""
    officers = runtime.config.settings.telegram_officer_chat_id
    if officers is not None and message.chat.id == int(officers):
        return "ignored"            # the officers' chatter
    named = _ADDRESSED.match(text)
    runtime.engine.point_to_private(
        "telegram", str(message.chat.id), text,
        str(officers) if officers is not None else None,
        link=f"https://t.me/{named.group(1)}" if named else "")
    return "ignored"


def _edited(runtime: Runtime, update_id: int, message: Message) -> str:
    """A complainant's edited message goes to the engine, which keeps it and says what became
    of it; an officer's edit is not a second command, and one in a group is no one's."""
    user = message.from_user
    if user is None or user.is_bot or message.chat.type != "private":
        return "ignored"
    if not _same_person(message.chat, user.id):
        return "refused"
    if runtime.config.office_config.officer(user.id) is not None:
        return "ignored"
    text = (message.text or message.caption or "").strip()
    runtime.engine.handle_safely(Inbound(
        channel="telegram", address=str(message.chat.id), text=text[:MAX_INBOUND_CHARS],
        provider="telegram", provider_id=str(update_id), received_at=utcnow(),
        profile_name=user.full_name, kind="edited"))
    return "complainant"


def _same_person(chat: object, user_id: int) -> bool:
    """In a private chat the chat is the person: authority comes from `from.id` and answers go
    to `chat.id`, so an update where they differ is forged or broken and is refused."""
    if getattr(chat, "type", None) != "private" or getattr(chat, "id", None) == user_id:
        return True
    log.warning("refused a Telegram update: private chat %s is not its sender %s",
                log_address("telegram", str(getattr(chat, "id", "?"))),
                log_address("telegram", str(user_id)))
    return False


def _complainant(runtime: Runtime, update_id: int, message: Message, text: str) -> str:
    media: list[Media] = []
    kind = "text"
    clip = _recording(message)
    size = _file(message)
    oversized = size is not None and size > _limit(runtime)
    if oversized:
        kind = "media"              # over the limit: never kept, and the person told at once
    elif message.photo:
        media.append(Media(f"telegram-file:{message.photo[-1].file_id}", "image/jpeg"))
    elif message.document:
        media.append(Media(f"telegram-file:{message.document.file_id}",
                           message.document.mime_type or "application/octet-stream"))
    elif clip is not None:          # a voice note or a video may be the evidence itself
        media.append(clip)
    elif message.contact:
        kind = "contact"            # someone's name and number: asked what it is, in words
    elif message.sticker:
        kind = "sticker"            # as on WhatsApp: kept, answered, never silence
    elif message.location and not text:
        loc = message.location
        venue = message.venue          # a place chosen on the map carries its name
        place = f"{venue.title}, {venue.address}" if venue is not None else None
        text, kind = location_text(loc.latitude, loc.longitude, place), "location"
    elif not text:
        kind = "unsupported"        # a poll, a dice…: the engine asks for text
    if media:
        kind = "media"
    user = message.from_user
    inbound = Inbound(channel="telegram", address=str(message.chat.id),
                      text=text[:MAX_INBOUND_CHARS], provider="telegram",
                      provider_id=str(update_id), received_at=utcnow(), media=tuple(media),
                      profile_name=user.full_name if user else None, kind=kind,
                      album=message.media_group_id,
                      oversized=int(oversized),
                      forwarded_from=_origin(message))
    runtime.engine.handle_safely(inbound)   # replies are in the outbox already (or Unavailable)
    return "complainant"


# Recordings kept as evidence like WhatsApp's media (Telegram gives no type for some).
_RECORDINGS = (("voice", "audio/ogg"), ("audio", "audio/mpeg"), ("video", "video/mp4"),
               ("video_note", "video/mp4"), ("animation", "video/mp4"))


def _recording(message: Message) -> Media | None:
    """A voice note, an audio file, a video or a round video message, as evidence."""
    for field, default in _RECORDINGS:
        found = getattr(message, field, None)
        if found is not None:
            return Media(f"telegram-file:{found.file_id}",
                         getattr(found, "mime_type", None) or default)
    return None


def _file(message: Message) -> int | None:
    """The size Telegram gives for the message's file (None: no file, or no size given)."""
    found = message.photo[-1] if message.photo else message.document or next(
        (getattr(message, f) for f, _ in _RECORDINGS if getattr(message, f, None)), None)
    return getattr(found, "file_size", None) if found is not None else None


def _limit(runtime: Runtime) -> int:
    """The largest file kept: the office's evidence limit, within what the Bot API serves."""
    office = int(runtime.config.office_config.files.max_evidence_mb * 1024 * 1024)
    return min(office, BOT_API_FILE_LIMIT)


def _origin(message: Message) -> str | None:
    """Who wrote a forwarded message, as Telegram names them (None: the person's own)."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginUser):
        return origin.sender_user.full_name
    if isinstance(origin, MessageOriginHiddenUser):
        return origin.sender_user_name
    if isinstance(origin, MessageOriginChat):
        return origin.sender_chat.title or origin.author_signature or ""
    if isinstance(origin, MessageOriginChannel):
        return origin.chat.title or ""
    return "" if origin is not None else None
