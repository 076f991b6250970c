"""A web chat visitor through the Flask test client, and the intake walked by its questions
(shared by the adapter's tests and the real-browser test)."""
from __future__ import annotations

import io
import re
import secrets
from pathlib import Path
from typing import Any, Callable, Protocol

TICKET = re.compile(r"\b([A-Z]{2,5}-[0-9A-Z]{4}-[0-9A-Z]{4})\b")
PIN = re.compile(r"PIN:?\s*\*?(\d{6})")


class Chat(Protocol):
    """What the intake walker needs: a browser page or a test-client visitor."""

    def bubbles(self, who: str = "bot") -> list[str]: ...
    def choices(self) -> list[str]: ...
    def choose(self, label: str) -> None: ...
    def say(self, text: str) -> Any: ...
    def attach(self, path: Path, caption: str = "") -> Any: ...


class WebVisitor:
    """One browser session talking to the JSON API, as the page's script does."""

    def __init__(self, client: Any, token_mode: bool = False, lang: str = "id"):
        self.client = client
        self.token: str | None = None
        self.token_mode = token_mode
        self.lang = lang
        self.cursor = 0
        self.said: list[dict[str, Any]] = []
        self.state = self.load()

    def load(self) -> dict[str, Any]:
        """The page's first call: session, CSRF token and transcript."""
        response = self.client.get("/chat/api/state" + ("?mode=token" if self.token_mode else ""),
                                   headers=self.headers())
        assert response.status_code == 200, response.get_data(as_text=True)
        state = response.get_json()
        self.token = state.get("session", self.token)
        self.csrf = state["csrf"]
        self.cursor = state["cursor"]
        self.said = list(state["messages"])
        return state

    def headers(self, **extra: str) -> dict[str, str]:
        out = {"X-Aduan-Lang": self.lang}
        if getattr(self, "csrf", None):
            out["X-CSRF-Token"] = self.csrf
        if self.token:
            out["X-Aduan-Session"] = self.token
        return {**out, **extra}

    def accept(self, response: Any) -> list[dict[str, Any]]:
        assert response.status_code == 200, (response.status_code, response.get_data(as_text=True))
        body = response.get_json()
        self.cursor = max(self.cursor, body["cursor"])
        known = {m["key"] for m in self.said}
        new = [m for m in body["messages"] if m["key"] not in known]
        self.said += new
        return new

    def post(self, text: str, client_id: str | None = None, **headers: str) -> Any:
        return self.client.post("/chat/api/messages", headers=self.headers(**headers),
                                json={"id": client_id or secrets.token_hex(8), "text": text,
                                      "after": self.cursor})

    def say(self, text: str, client_id: str | None = None) -> list[dict[str, Any]]:
        self.said.append({"key": "me", "by": "person", "text": text})
        return self.accept(self.post(text, client_id))

    def upload(self, data: bytes, name: str = "foto.jpg", caption: str = "",
               client_id: str | None = None, content_type: str = "image/jpeg") -> Any:
        return self.client.post(
            "/chat/api/upload", headers=self.headers(), content_type="multipart/form-data",
            data={"id": client_id or secrets.token_hex(8), "after": str(self.cursor),
                  "text": caption, "file": (io.BytesIO(data), name, content_type)})

    def attach(self, path: Path, caption: str = "") -> list[dict[str, Any]]:
        self.said.append({"key": "me", "by": "person", "text": caption})
        return self.accept(self.upload(path.read_bytes(), path.name, caption))

    def poll(self) -> list[dict[str, Any]]:
        return self.accept(self.client.get(f"/chat/api/messages?after={self.cursor}",
                                           headers=self.headers()))

    def bubbles(self, who: str = "bot") -> list[str]:
        by = "bot" if who == "bot" else "person"
        return [m["text"] for m in self.said if m["by"] == by]

    def choices(self) -> list[str]:
        bot = [m for m in self.said if m["by"] == "bot"]
        return list(bot[-1].get("choices", [])) if bot else []

    def choose(self, label: str) -> None:
        choice = next(c for c in self.choices() if label.lower() in c.lower())
        self.say(choice)


def file_complaint(chat: Chat, story: str, photo: Path | None = None,
                   before_filing: Callable[[], None] | None = None,
                   kind: str = "pungutan liar", name: str | None = None) -> tuple[str, str]:
    """Walk the intake by its questions, as a person would, attaching `photo` as evidence,
    choosing the type `kind`, named `name` (else anonymous); returns the ticket and PIN the bot
    gives. `before_filing` runs at the summary."""
    attached = photo is None
    told = False
    for _ in range(40):
        if not chat.bubbles("bot"):
            chat.say("halo")
        last = chat.bubbles("bot")[-1]
        found = TICKET.search(last) if "PIN" in last else None
        if found and PIN.search(last):
            return found.group(1), PIN.search(last).group(1)  # type: ignore[union-attr]
        choices = [c.lower() for c in chat.choices()]

        def asks(*words: str) -> bool:
            return any(re.search(r"\b" + re.escape(w) + r"\b", last, re.I) for w in words)

        if asks("ringkasan", "periksa pengaduan"):
            if before_filing is not None:
                before_filing()
            chat.choose("kirim pengaduan")
        elif asks("apa yang bisa kami bantu"):
            chat.choose("pengaduan")
        elif asks("ceritakan") and not told:
            chat.say(story)
            told = True
        elif asks("ceritakan", "sudah semua", "tambahkan cerita"):
            chat.say("lanjut")      # the story is told (its acknowledgement comes after a pause)
        elif asks("tentang apa"):
            chat.choose(kind)
        elif asks("tampaknya") and any(c.startswith("ya") for c in choices):
            chat.choose("ya")
        elif asks("kapan kejadiannya"):
            chat.choose("kemarin")
        elif asks("di mana kejadiannya"):
            chat.choose("kantor imigrasi")
        elif asks("siapa atau"):
            chat.say("Petugas loket 3, laki-laki berkacamata")
        elif asks("ada bukti") and not attached:
            assert photo is not None
            chat.attach(photo, caption="Foto kuitansi tanpa cap")
            attached = True
        elif asks("ingin dirahasiakan"):
            chat.choose("rahasiakan")
        elif asks("identitas anda dicatat"):
            chat.choose("tulis nama" if name else "tanpa nama")
        elif asks("tuliskan nama anda") and name:
            chat.say(name)
        elif "lewati" in choices:          # application number, wished outcome: optional
            chat.choose("lewati")
        elif any("lanjut" in c for c in choices):
            chat.choose("lanjut")
        else:
            raise AssertionError(f"an unexpected question: {last!r} {choices}")
    raise AssertionError("the intake did not end with a ticket")
