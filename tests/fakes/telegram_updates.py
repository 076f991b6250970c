"""Builders for realistic Telegram update payloads, as Telegram POSTs them to a webhook."""

from __future__ import annotations

import itertools
import time
from typing import Any

_file_seq = itertools.count(1)

DEFAULT_FIRST_NAME = "Budi"
DEFAULT_LANGUAGE = "id"


def fake_file_id(prefix: str = "AgACAgUAAxkBAAI") -> tuple[str, str]:
    """Return a (file_id, file_unique_id) pair shaped like Telegram's."""
    n = next(_file_seq)
    return f"{prefix}{n:06d}Zx9QmFakeFileId{n:04d}", f"AQAD{n:06d}Fk"


def make_user(
    user_id: int,
    first_name: str = DEFAULT_FIRST_NAME,
    *,
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = DEFAULT_LANGUAGE,
    is_bot: bool = False,
) -> dict[str, Any]:
    """A User object."""
    user: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def make_chat(
    chat_id: int, chat_type: str = "private", *, first_name: str = DEFAULT_FIRST_NAME,
    title: str | None = None, username: str | None = None, last_name: str | None = None,
) -> dict[str, Any]:
    """A Chat object (private chats carry the user's name, groups/channels a title)."""
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = first_name
        if last_name:
            chat["last_name"] = last_name
    else:
        chat["title"] = title or f"Test {chat_type} {abs(chat_id)}"
    if username:
        chat["username"] = username
    return chat


def make_message(
    chat_id: int,
    user_id: int,
    *,
    message_id: int = 1,
    first_name: str = DEFAULT_FIRST_NAME,
    language_code: str | None = DEFAULT_LANGUAGE,
    chat_type: str = "private",
    date: int | None = None,
    last_name: str | None = None,
    username: str | None = None,
    **content: Any,
) -> dict[str, Any]:
    """A Message sent by a user; `content` adds text/photo/document/... fields. A private
    chat carries the user's names and @username, as Telegram sends it."""
    private = chat_type == "private"
    message: dict[str, Any] = {
        "message_id": message_id,
        "from": make_user(user_id, first_name, last_name=last_name, username=username,
                          language_code=language_code),
        "chat": make_chat(chat_id, chat_type, first_name=first_name,
                          last_name=last_name if private else None,
                          username=username if private else None),
        "date": int(time.time()) if date is None else date,
    }
    text = content.get("text")
    if isinstance(text, str) and text.startswith("/") and "entities" not in content:
        command = text.split()[0]
        content["entities"] = [{"offset": 0, "length": len(command), "type": "bot_command"}]
    message.update(content)
    return message


def make_text_update(
    update_id: int,
    chat_id: int,
    user_id: int,
    text: str,
    *,
    first_name: str = DEFAULT_FIRST_NAME,
    language_code: str | None = DEFAULT_LANGUAGE,
    chat_type: str = "private",
    message_id: int | None = None,
    last_name: str | None = None,
    username: str | None = None,
) -> dict[str, Any]:
    """An update with a text message (bot_command entity added for '/...')."""
    return {
        "update_id": update_id,
        "message": make_message(
            chat_id, user_id, message_id=message_id or update_id, first_name=first_name,
            language_code=language_code, chat_type=chat_type, text=text,
            last_name=last_name, username=username,
        ),
    }


def photo_sizes(file_id: str | None = None, file_size: int = 48_213) -> list[dict[str, Any]]:
    """Three PhotoSize entries (thumb, medium, full) like Telegram sends; the last is largest."""
    if file_id is None:
        base_id, unique = fake_file_id()
    else:
        base_id, unique = file_id, "AQAD" + file_id[-8:]
    sizes = [(90, 67, 1_234), (320, 240, 15_870), (1280, 960, file_size)]
    return [
        {
            "file_id": base_id if i == 2 else f"{base_id}-s{i}",
            "file_unique_id": unique if i == 2 else f"{unique}-s{i}",
            "file_size": size,
            "width": w,
            "height": h,
        }
        for i, (w, h, size) in enumerate(sizes)
    ]


def make_photo_update(
    update_id: int, chat_id: int, user_id: int, *, file_id: str | None = None,
    caption: str | None = None, file_size: int = 48_213, **kwargs: Any,
) -> dict[str, Any]:
    """An update with a photo message (largest size's file_id is `file_id`)."""
    content: dict[str, Any] = {"photo": photo_sizes(file_id, file_size)}
    if caption is not None:
        content["caption"] = caption
    message = make_message(chat_id, user_id, message_id=kwargs.pop("message_id", update_id),
                           **kwargs, **content)
    return {"update_id": update_id, "message": message}


def make_document_update(
    update_id: int, chat_id: int, user_id: int, *, file_id: str | None = None,
    file_name: str = "bukti.pdf", mime_type: str = "application/pdf",
    file_size: int = 102_400, caption: str | None = None, **kwargs: Any,
) -> dict[str, Any]:
    """An update with a document message."""
    fid, unique = fake_file_id("BQACAgUAAxkBAAI") if file_id is None else (file_id, "AQADdoc")
    content: dict[str, Any] = {
        "document": {"file_name": file_name, "mime_type": mime_type, "file_id": fid,
                     "file_unique_id": unique, "file_size": file_size},
    }
    if caption is not None:
        content["caption"] = caption
    message = make_message(chat_id, user_id, message_id=kwargs.pop("message_id", update_id),
                           **kwargs, **content)
    return {"update_id": update_id, "message": message}


def make_sticker_update(
    update_id: int, chat_id: int, user_id: int, *, emoji: str = "\U0001F44D", **kwargs: Any,
) -> dict[str, Any]:
    """An update with a (regular, static) sticker message."""
    fid, unique = fake_file_id("CAACAgIAAxkBAAI")
    sticker = {"file_id": fid, "file_unique_id": unique, "type": "regular", "width": 512,
               "height": 512, "is_animated": False, "is_video": False, "emoji": emoji,
               "set_name": "HotCherry", "file_size": 27_648}
    message = make_message(chat_id, user_id, message_id=kwargs.pop("message_id", update_id),
                           **kwargs, sticker=sticker)
    return {"update_id": update_id, "message": message}


def make_edited_message_update(
    update_id: int, chat_id: int, user_id: int, text: str, *, message_id: int = 1,
    **kwargs: Any,
) -> dict[str, Any]:
    """An update for a user editing an earlier text message."""
    message = make_message(chat_id, user_id, message_id=message_id, text=text, **kwargs)
    message["date"] -= 60
    message["edit_date"] = int(time.time())
    return {"update_id": update_id, "edited_message": message}


def make_callback_update(
    update_id: int, chat_id: int, user_id: int, data: str, *, message_id: int = 1,
    message_text: str = "Pilih kategori:", first_name: str = DEFAULT_FIRST_NAME,
    bot_id: int = 123456, language_code: str | None = DEFAULT_LANGUAGE,
    last_name: str | None = None, username: str | None = None,
) -> dict[str, Any]:
    """An update for a user pressing an inline button under the bot's message `message_id`."""
    bot_message = {
        "message_id": message_id,
        "from": make_user(bot_id, "Aduan Bot", username="aduan_test_bot", language_code=None,
                          is_bot=True),
        "chat": make_chat(chat_id, first_name=first_name, last_name=last_name,
                          username=username),
        "date": int(time.time()) - 5,
        "text": message_text,
        "reply_markup": {"inline_keyboard": [[{"text": data, "callback_data": data}]]},
    }
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"{user_id}{update_id:08d}",
            "from": make_user(user_id, first_name, last_name=last_name, username=username,
                              language_code=language_code),
            "message": bot_message,
            "chat_instance": f"-{abs(chat_id) * 7919 % 10**12}",
            "data": data,
        },
    }


def make_channel_post_update(
    update_id: int, chat_id: int, text: str, *, message_id: int | None = None,
    title: str = "Kanal Pengumuman",
) -> dict[str, Any]:
    """An update for a post in a channel the bot administers (no `from`, has sender_chat)."""
    chat = make_chat(chat_id, "channel", title=title)
    return {
        "update_id": update_id,
        "channel_post": {"message_id": message_id or update_id, "sender_chat": chat, "chat": chat,
                         "date": int(time.time()), "text": text},
    }


def make_voice_update(
    update_id: int, chat_id: int, user_id: int, *, duration: int = 4, **kwargs: Any,
) -> dict[str, Any]:
    """An update with a voice note (for 'unsupported content' paths)."""
    fid, unique = fake_file_id("AwACAgUAAxkBAAI")
    voice = {"duration": duration, "mime_type": "audio/ogg", "file_id": fid,
             "file_unique_id": unique, "file_size": 9_876}
    message = make_message(chat_id, user_id, message_id=kwargs.pop("message_id", update_id),
                           **kwargs, voice=voice)
    return {"update_id": update_id, "message": message}
