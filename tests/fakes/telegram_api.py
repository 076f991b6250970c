"""Fake Telegram Bot API server speaking the real wire protocol, for PTB-based tests."""

from __future__ import annotations

import json
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from werkzeug.wrappers import Request, Response

from ._server import Call, FakeHTTPServer, UploadedFile
from .telegram_updates import fake_file_id, photo_sizes
from .telegram_wire import (
    DEFAULT_TOKEN,
    ERROR_TEXT,
    SECRET_RE,
    SEND_METHODS,
    ApiError,
    StoredFile,
    file_path_for,
    parse_body,
)

__all__ = ["DEFAULT_TOKEN", "ApiError", "Call", "FakeTelegramServer", "StoredFile"]


class FakeTelegramServer(FakeHTTPServer):
    """Local Bot API: /bot<TOKEN>/<method> and /file/bot<TOKEN>/<path>, with failure rules."""

    def __init__(self, token: str = DEFAULT_TOKEN, *extra_tokens: str,
                 bot_username: str = "aduan_test_bot", bot_first_name: str = "Aduan Bot",
                 max_poll_timeout: float = 3.0) -> None:
        super().__init__()
        self.token = token
        self.max_poll_timeout = max_poll_timeout
        self._bots = {t: self._bot_user(t, bot_first_name, bot_username)
                      for t in (token, *extra_tokens)}
        self._updates: list[dict[str, Any]] = []
        self._last_update_id = 0
        self._message_ids: defaultdict[str, int] = defaultdict(int)
        self._messages: dict[tuple[str, int], dict[str, Any]] = {}
        self._files: dict[str, StoredFile] = {}
        self._blocked: dict[str, str] = {}     # chat id -> the 403 description
        self._migrated: dict[str, int] = {}
        self.webhook: dict[str, Any] = {}
        self.commands: list[dict[str, Any]] = []
        self.scoped_commands: dict[str, list[dict[str, Any]]] = {}   # scope (JSON) -> commands
        self._lock = threading.RLock()
        self._handlers: dict[str, Callable[[str, dict[str, Any], dict[str, UploadedFile]], Any]] = {
            "getme": lambda token, p, f: self._bots[token],
            "sendmessage": self._send_message, "senddocument": self._send_document,
            "sendphoto": self._send_photo, "editmessagetext": self._edit_text,
            "editmessagereplymarkup": self._edit_markup,
            "answercallbackquery": lambda t, p, f: True,
            "sendchataction": lambda t, p, f: bool(self._target_chat(p)),
            "deletemessage": lambda t, p, f: True, "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook, "getwebhookinfo": self._webhook_info,
            "getupdates": self._get_updates, "getfile": self._get_file, "getchat": self._get_chat,
            "setmycommands": self._set_commands, "getmycommands": lambda t, p, f: self.commands,
            "deletemycommands": lambda t, p, f: self._set_commands(t, {"commands": []}, f),
        }

    @staticmethod
    def _bot_user(token: str, first_name: str, username: str) -> dict[str, Any]:
        """The User object getMe returns for a token."""
        prefix = token.split(":", 1)[0]
        return {"id": int(prefix) if prefix.isdigit() else 123456, "is_bot": True,
                "first_name": first_name, "username": username, "can_join_groups": True,
                "can_read_all_group_messages": False, "supports_inline_queries": False,
                "can_connect_to_business": False, "has_main_web_app": False}

    # -- configuration for PTB ---------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """Pass as Bot(token, base_url=...): PTB appends the token, then '/<method>'."""
        return f"{self.root_url}/bot"

    @property
    def base_file_url(self) -> str:
        """Pass as Bot(token, base_file_url=...): downloads go to base + token + '/' + path."""
        return f"{self.root_url}/file/bot"

    def make_bot(self, token: str | None = None, *, read_timeout: float = 5.0,
                 connect_timeout: float = 5.0, **bot_kwargs: Any) -> Any:
        """A real telegram.Bot aimed at this server (not yet initialised)."""
        from telegram import Bot
        from telegram.request import HTTPXRequest

        def request() -> HTTPXRequest:
            return HTTPXRequest(read_timeout=read_timeout, connect_timeout=connect_timeout)

        return Bot(token or self.token, base_url=self.base_url, base_file_url=self.base_file_url,
                   request=request(), get_updates_request=request(), **bot_kwargs)

    # -- test controls -------------------------------------------------------------------------
    def fail_next(self, method: str | None, status: int = 429, *, retry_after: int = 2,
                  description: str | None = None, migrate_to_chat_id: int | None = None,
                  times: int = 1, raw_body: bytes | None = None) -> None:
        """Make the next `times` calls of `method` (None: any) fail like Telegram would."""
        parameters: dict[str, Any] | None = None
        if migrate_to_chat_id is not None:
            status, parameters = 400, {"migrate_to_chat_id": migrate_to_chat_id}
            description = description or ("Bad Request: group chat was upgraded to a "
                                          "supergroup chat")
        elif status == 429:
            parameters = {"retry_after": retry_after}
            description = description or f"Too Many Requests: retry after {retry_after}"
        error = ApiError(status, description or ERROR_TEXT.get(status, "Error"), parameters)
        self._add_rule(self._failures, method, (status, raw_body or error.body()), times)

    def hang_next(self, method: str | None, seconds: float, times: int = 1) -> None:
        """Delay the answer to the next `times` calls of `method` (processed, reply late)."""
        self._add_rule(self._hangs, method, seconds, times)

    def block(self, chat_id: int | str) -> None:
        """From now on sends to `chat_id` answer 403 'bot was blocked by the user'."""
        self._blocked[str(chat_id)] = ERROR_TEXT[403]

    def never_started(self, user_id: int | str) -> None:
        """A user who never opened a private chat with the bot: sends to them answer 403."""
        self._blocked[str(user_id)] = "Forbidden: bot can't initiate conversation with a user"

    def started(self, user_id: int | str) -> None:
        """The user opened a private chat with the bot (or unblocked it)."""
        self._blocked.pop(str(user_id), None)

    def migrate_chat(self, old_chat_id: int | str, new_chat_id: int) -> None:
        """From now on sends to `old_chat_id` answer 400 with migrate_to_chat_id."""
        self._migrated[str(old_chat_id)] = new_chat_id

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates (update_id assigned if missing); return its id."""
        with self._cond:
            if "update_id" not in update:
                update = {"update_id": self._last_update_id + 1, **update}
            self._last_update_id = max(self._last_update_id, int(update["update_id"]))
            self._updates.append(update)
            self._cond.notify_all()
            return int(update["update_id"])

    def add_file(self, file_id: str, content: bytes, file_path: str | None = None,
                 file_unique_id: str | None = None) -> str:
        """Register bytes served via getFile + download; return the file_path."""
        with self._lock:
            path = file_path or f"documents/file_{len(self._files) + 1}.bin"
            self._files[file_id] = StoredFile(file_id, file_unique_id or f"AQAD{file_id[-8:]}",
                                              content, path)
            return path

    def sent_messages(self, chat_id: int | str | None = None) -> list[Call]:
        """Successful sendMessage/sendDocument/sendPhoto calls, optionally for one chat."""
        return [c for c in self.calls if c.method.lower() in SEND_METHODS and c.status == 200
                and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))]

    def messages_in(self, chat_id: int | str) -> list[dict[str, Any]]:
        """The bot's messages in a chat as they stand now (edits applied), oldest first."""
        with self._lock:
            found = [m for (chat, _), m in self._messages.items() if chat == str(chat_id)]
        return sorted((dict(m) for m in found), key=lambda m: m["message_id"])

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """Texts (or captions) of successful sends, in order."""
        return [str(c.params.get("text", c.params.get("caption", "")))
                for c in self.sent_messages(chat_id)]

    # -- HTTP ------------------------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        """Route /bot<TOKEN>/<method> and /file/bot<TOKEN>/<path>."""
        if request.path.startswith("/file/bot"):
            return self._download(request)
        token, _, method = request.path.removeprefix("/bot").partition("/")
        params, files = parse_body(request)
        if not request.path.startswith("/bot") or token not in self._bots:
            status, body = 401, ApiError(401, "Unauthorized").body()
        else:
            failure = self._take_rule(self._failures, method)
            status, body = failure if failure else self._dispatch(token, method, params, files)
        hang = float(self._take_rule(self._hangs, method) or 0.0)
        self._record(Call(method, params, files, time.time(), status, f"/bot<TOKEN>/{method}",
                          hang))
        self._sleep(hang)
        return Response(body, status, mimetype="application/json")

    def _dispatch(self, token: str, method: str, params: dict[str, Any],
                  files: dict[str, UploadedFile]) -> tuple[int, bytes]:
        """Run one API method and encode Telegram's envelope."""
        handler = self._handlers.get(method.lower())
        if handler is None:
            return 404, ApiError(404, "Not Found").body()
        try:
            result = handler(token, params, files)
        except ApiError as error:
            return error.status, error.body()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _download(self, request: Request) -> Response:
        """Serve registered file bytes at /file/bot<TOKEN>/<file_path>."""
        token, _, path = request.path.removeprefix("/file/bot").partition("/")
        stored = next((f for f in self._files.values() if f.file_path == path), None)
        ok = token in self._bots and stored is not None
        self._record(Call("downloadFile", {"file_path": path}, {}, time.time(), 200 if ok else 404,
                          "/file/bot<TOKEN>/" + path))
        if not ok or stored is None:
            return Response(ApiError(404, "Not Found").body(), 404, mimetype="application/json")
        return Response(stored.content, 200, mimetype="application/octet-stream")

    # -- method implementations -----------------------------------------------------------------
    def _target_chat(self, params: dict[str, Any]) -> dict[str, Any]:
        """Validate chat_id (blocked/migrated/unknown) and build a Chat object."""
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        key = str(chat_id)
        if key in self._blocked:
            raise ApiError(403, self._blocked[key])
        if key in self._migrated:
            raise ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat",
                           {"migrate_to_chat_id": self._migrated[key]})
        if key.startswith("@"):
            return {"id": -1001000000000 - len(key), "type": "channel", "title": key[1:],
                    "username": key[1:]}
        if not re.fullmatch(r"-?\d+", key):
            raise ApiError(400, "Bad Request: chat not found")
        cid = int(key)
        if cid > 0:
            return {"id": cid, "type": "private", "first_name": "Budi"}
        kind = "supergroup" if key.startswith("-100") else "group"
        return {"id": cid, "type": kind, "title": f"Test {kind}"}

    def _store(self, token: str, chat: dict[str, Any], params: dict[str, Any],
               **content: Any) -> dict[str, Any]:
        """Create a bot-sent Message in `chat` with the next message_id for that chat."""
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            content["reply_markup"] = markup
        caption = params.get("caption")
        if caption is not None and "text" not in content:
            if len(str(caption)) > 1024:
                raise ApiError(400, "Bad Request: message caption is too long")
            content["caption"] = str(caption)
        with self._lock:
            self._message_ids[str(chat["id"])] += 1
            message = {"message_id": self._message_ids[str(chat["id"])],
                       "from": self._bots[token], "chat": chat, "date": int(time.time()),
                       **content}
            self._messages[(str(chat["id"]), message["message_id"])] = message
        return message

    def _send_message(self, token: str, params: dict[str, Any], _: Any) -> dict[str, Any]:
        chat = self._target_chat(params)
        text = params.get("text")
        if text is None or not str(text).strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(str(text)) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return self._store(token, chat, params, text=str(text))

    def _media(self, field: str, params: dict[str, Any], files: dict[str, UploadedFile],
               prefix: str) -> StoredFile:
        """Resolve an uploaded file, a known file_id or a URL for a send* method."""
        if field in files:
            upload = files[field]
            file_id, unique = fake_file_id(prefix)
            with self._lock:
                stored = StoredFile(file_id, unique, upload.content,
                                    file_path_for(field, len(self._files) + 1, upload.filename),
                                    upload.filename, upload.content_type)
                self._files[file_id] = stored
            return stored
        ref = params.get(field)
        if not ref:
            raise ApiError(400, f"Bad Request: there is no {field} in the request")
        if str(ref) in self._files:
            return self._files[str(ref)]
        if str(ref).startswith(("http://", "https://")):
            file_id, unique = fake_file_id(prefix)
            return StoredFile(file_id, unique, b"", "", str(ref).rsplit("/", 1)[-1])
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")

    def _send_document(self, token: str, params: dict[str, Any],
                       files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat = self._target_chat(params)
        f = self._media("document", params, files, "BQACAgUAAxkDAAI")
        document = {"file_name": f.file_name or "document", "mime_type": f.mime_type
                    or "application/octet-stream", "file_id": f.file_id,
                    "file_unique_id": f.file_unique_id, "file_size": len(f.content)}
        return self._store(token, chat, params, document=document)

    def _send_photo(self, token: str, params: dict[str, Any],
                    files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat = self._target_chat(params)
        f = self._media("photo", params, files, "AgACAgUAAxkDAAI")
        return self._store(token, chat, params, photo=photo_sizes(f.file_id, len(f.content)))

    def _existing(self, token: str, params: dict[str, Any]) -> dict[str, Any] | None:
        """The message an edit refers to (None for inline messages); synthesised if unknown."""
        if params.get("inline_message_id"):
            return None
        chat = self._target_chat(params)
        message_id = int(params.get("message_id") or 0)
        with self._lock:
            found = self._messages.get((str(chat["id"]), message_id))
            if found is None:
                found = {"message_id": message_id, "from": self._bots[token], "chat": chat,
                         "date": int(time.time()) - 60}
                self._messages[(str(chat["id"]), message_id)] = found
            return found

    def _edit(self, token: str, params: dict[str, Any], changes: dict[str, Any]) -> Any:
        """Apply an edit; Telegram rejects edits that change nothing."""
        message = self._existing(token, params)
        if message is None:
            return True
        markup = params.get("reply_markup")
        changes["reply_markup"] = markup if isinstance(markup, dict) else None
        if all(message.get(k) == v for k, v in changes.items()):
            raise ApiError(400, "Bad Request: message is not modified: specified new message "
                           "content and reply markup are exactly the same as a current content "
                           "and reply markup of the message")
        with self._lock:
            message.update({k: v for k, v in changes.items() if v is not None})
            if changes["reply_markup"] is None:
                message.pop("reply_markup", None)
            message["edit_date"] = int(time.time())
            return dict(message)

    def _edit_text(self, token: str, params: dict[str, Any], _: Any) -> Any:
        if not str(params.get("text") or "").strip():
            raise ApiError(400, "Bad Request: message text is empty")
        return self._edit(token, params, {"text": str(params["text"])})

    def _edit_markup(self, token: str, params: dict[str, Any], _: Any) -> Any:
        return self._edit(token, params, {})

    def _set_webhook(self, token: str, params: dict[str, Any], _: Any) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for "
                           "webhook")
        secret = params.get("secret_token")
        if secret is not None and not SECRET_RE.match(str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        self.webhook = {k: params[k] for k in params if k != "certificate"} if url else {}
        if params.get("drop_pending_updates"):
            self._drop_updates()
        return True

    def _delete_webhook(self, token: str, params: dict[str, Any], _: Any) -> bool:
        self.webhook = {}
        if params.get("drop_pending_updates"):
            self._drop_updates()
        return True

    def _drop_updates(self) -> None:
        with self._cond:
            self._updates.clear()

    def _webhook_info(self, token: str, params: dict[str, Any], _: Any) -> dict[str, Any]:
        info: dict[str, Any] = {"url": self.webhook.get("url", ""),
                                "has_custom_certificate": False,
                                "pending_update_count": len(self._updates)}
        if self.webhook:
            info["max_connections"] = self.webhook.get("max_connections", 40)
            if self.webhook.get("allowed_updates"):
                info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    def _get_updates(self, token: str, params: dict[str, Any], _: Any) -> list[dict[str, Any]]:
        """Long polling: confirm updates below `offset`, wait up to min(timeout, cap)."""
        if self.webhook.get("url"):
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                           "use deleteWebhook to delete the webhook first")
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), self.max_poll_timeout)
        with self._cond:
            while True:
                if offset < 0:
                    del self._updates[:offset]
                elif offset:
                    self._updates[:] = [u for u in self._updates if u["update_id"] >= offset]
                remaining = deadline - time.monotonic()
                if self._updates or remaining <= 0 or self._stopping.is_set():
                    return list(self._updates[:max(1, min(limit, 100))])
                self._cond.wait(remaining)

    def _get_file(self, token: str, params: dict[str, Any], _: Any) -> dict[str, Any]:
        stored = self._files.get(str(params.get("file_id")))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                "file_size": len(stored.content), "file_path": stored.file_path}

    def _get_chat(self, token: str, params: dict[str, Any], _: Any) -> dict[str, Any]:
        gifts = {"unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
                 "premium_subscription": False, "gifts_from_channels": False}
        return {**self._target_chat(params), "accent_color_id": 0, "max_reaction_count": 11,
                "accepted_gift_types": gifts}

    def _set_commands(self, token: str, params: dict[str, Any], _: Any) -> bool:
        commands = params.get("commands") or []
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        scope = params.get("scope") or {"type": "default"}
        if scope.get("type") in ("chat", "chat_member", "chat_administrators"):
            self._target_chat({"chat_id": scope.get("chat_id")})    # unknown chats refused
        for command in commands:
            name, text = str(command.get("command", "")), str(command.get("description", ""))
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name) or not 1 <= len(text) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        self.commands = commands
        self.scoped_commands[json.dumps(scope, sort_keys=True)] = commands
        return True

    def commands_for(self, scope: dict[str, Any]) -> list[str]:
        """The command names set for a scope ({"type": "chat", "chat_id": …} …)."""
        found = self.scoped_commands.get(json.dumps(scope, sort_keys=True), [])
        return [str(c["command"]) for c in found]
