"""Files sent to officers (documents, exports, charts), as outbox payloads any adapter can read."""
from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf", "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "png": "image/png"}


@dataclass(frozen=True)
class OutFile:
    """One file with its caption; `photo` asks the channel to show it as an image."""

    name: str
    data: bytes
    caption: str = ""
    photo: bool = False

    def payload(self, **extra: Any) -> dict[str, Any]:
        suffix = self.name.rsplit(".", 1)[-1].lower()
        return {"file": {"name": self.name, "data": base64.b64encode(self.data).decode("ascii"),
                         "mime": MIME.get(suffix, "application/octet-stream"),
                         "as": "photo" if self.photo else "document"}, **extra}


def enqueue_files(unit: Any, files: list[OutFile], address: str, now: Any,
                  complaint_id: int | None = None, kind: str = "file") -> None:
    """Queue each file for an officer's chat (Telegram), in order, in the caller's transaction."""
    for f in files:
        unit.enqueue(kind=kind, channel="telegram", address=address, body=f.caption,
                     payload=f.payload(), at=now, complaint_id=complaint_id)
