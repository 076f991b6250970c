"""Telegram Bot API wire details for the fake server: error bodies, parameter decoding."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from werkzeug.wrappers import Request

from ._server import UploadedFile

DEFAULT_TOKEN = "123456:AAFakeTokenForAduanTests_0123456789"
SEND_METHODS = ("sendmessage", "senddocument", "sendphoto")
# Fields PTB sends as plain strings; everything else arrives JSON-encoded (ints, bools, dicts).
STRING_FIELDS = frozenset({
    "text", "caption", "callback_query_id", "file_id", "url", "secret_token", "parse_mode",
    "inline_message_id", "data", "description", "short_description", "name", "title",
    "query", "emoji", "ip_address", "language_code", "document", "photo", "sticker",
    "video", "audio", "voice", "animation", "thumbnail", "message_effect_id",
})
ERROR_TEXT = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
         "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ApiError(Exception):
    """A Bot API error answer: HTTP status plus Telegram's JSON error body."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters

    def body(self) -> bytes:
        """Serialise as {"ok": false, "error_code", "description"[, "parameters"]}."""
        payload: dict[str, Any] = {"ok": False, "error_code": self.status,
                                   "description": self.description}
        if self.parameters:
            payload["parameters"] = self.parameters
        return json.dumps(payload).encode()


@dataclass
class StoredFile:
    """A file the fake can hand out through getFile and /file/bot<TOKEN>/<path>."""

    file_id: str
    file_unique_id: str
    content: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None


def decode_param(name: str, value: Any) -> Any:
    """Decode a form value the way the Bot API does (JSON for non-string fields)."""
    if not isinstance(value, str) or name in STRING_FIELDS:
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return value if isinstance(decoded, str) else decoded


def parse_body(request: Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Read query, form-encoded, multipart or JSON parameters plus uploaded files."""
    raw: dict[str, Any] = dict(request.args.items())
    if request.is_json:
        raw.update(request.get_json(silent=True) or {})
    else:
        raw.update(request.form.items())
    files = {name: UploadedFile(f.filename, f.read(), f.mimetype or None)
             for name, f in request.files.items()}
    return {k: decode_param(k, v) for k, v in raw.items()}, files


def file_path_for(kind: str, n: int, filename: str | None) -> str:
    """A Telegram-style file_path such as 'documents/file_3.pdf'."""
    suffix = filename.rsplit(".", 1)[-1] if filename and "." in filename else "jpg"
    return f"{kind}s/file_{n}.{suffix}"
