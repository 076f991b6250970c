"""Files sent to officers (documents, exports, charts), as outbox payloads any adapter can read."""
from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf", "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp",
        "mp4": "video/mp4", "ogg": "audio/ogg", "txt": "text/plain"}


@dataclass(frozen=True)
class OutFile:
    """One file with its caption; `photo` asks the channel to show it as an image."""

    name: str
    data: bytes
    caption: str = ""
    photo: bool = False
    kept: tuple[str, str] | None = None   # (absolute path, SHA-256) of a kept file, sent as is
    buttons: tuple[tuple[tuple[str, str], ...], ...] = ()   # under the file (e.g. approve)
    stage: str | None = None              # the complaint stage those buttons act on
    # evidence for a reader who may not know its sender: the sender sends a copy without the
    # metadata that can name or place them (bot/paperwork/metadata.py), as `clean` type
    clean: str | None = None
    # a file that names or can single out a concealed complainant, sent to a leader: Telegram
    # lets it be neither forwarded nor saved (protect_content)
    protect: bool = False

    def payload(self, **extra: Any) -> dict[str, Any]:
        """The outbox payload: the bytes inline, or (large kept files) where they are kept."""
        suffix = self.name.rsplit(".", 1)[-1].lower()
        spec: dict[str, Any] = {"name": self.name,
                                "mime": MIME.get(suffix, "application/octet-stream"),
                                "as": "photo" if self.photo else "document"}
        if self.kept is not None:
            spec["path"], spec["sha256"] = self.kept
        if self.clean:
            spec["clean"], spec["type"] = True, self.clean
        else:
            spec["data"] = base64.b64encode(self.data).decode("ascii")
        payload: dict[str, Any] = {"file": spec, **extra}
        if self.protect:
            payload["protect"] = True
        if self.buttons:
            payload["buttons"] = [[list(b) for b in row] for row in self.buttons]
            if self.stage is not None:
                payload["stage"] = self.stage
        return payload


def enqueue_files(unit: Any, files: list[OutFile], address: str, now: Any,
                  complaint_id: int | None = None, kind: str = "file") -> None:
    """Queue each file for an officer's chat (Telegram), in order, in the caller's transaction."""
    for f in files:
        unit.enqueue(kind=kind, channel="telegram", address=address, body=f.caption,
                     payload=f.payload(), at=now, complaint_id=complaint_id)
