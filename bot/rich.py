"""Channel-neutral formatted text: segments (plain, bold, italic, code) and buttons."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("t", "b", "i", "code", "mention")
# What each segment adds once marked up (tags, a mention's link): for keeping under a limit.
MARKUP_COST = {"t": 0, "b": 7, "i": 7, "code": 13, "mention": 32}


@dataclass
class Rich:
    """Formatted text built in the core; each channel adapter renders (and escapes) it."""

    segments: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)  # rows of (label, action)
    # The complaint stage the buttons act on: when it moves, the keyboard is retired.
    stage: str | None = None
    # Ask the reader to reply (Telegram ForceReply): the placeholder shown in the reply box.
    reply_hint: str | None = None

    def t(self, text: str) -> "Rich":
        self.segments.append(("t", text))
        return self

    def b(self, text: str) -> "Rich":
        self.segments.append(("b", text))
        return self

    def i(self, text: str) -> "Rich":
        self.segments.append(("i", text))
        return self

    def code(self, text: str) -> "Rich":
        self.segments.append(("code", text))
        return self

    def mention(self, user_id: int | str, name: str) -> "Rich":
        """A person named so that their phone notifies them (Telegram: a tg://user link)."""
        self.segments.append(("mention", f"{user_id}:{name}"))
        return self

    def line(self, label: str, value: str) -> "Rich":
        """'label: value' on its own line, label in bold."""
        return self.b(f"{label}: ").t(f"{value}\n")

    def nl(self) -> "Rich":
        return self.t("\n")

    def button_row(self, *buttons: tuple[str, str]) -> "Rich":
        self.buttons.append(list(buttons))
        return self

    def plain(self) -> str:
        """The text without formatting, for logs and channels without markup."""
        return "".join(text.partition(":")[2] if kind == "mention" else text
                       for kind, text in self.segments).strip()

    def size(self) -> int:
        """How long the text is at most once marked up: tags, and Telegram HTML's escapes
        ("&" is "&amp;", "<" and ">" are "&lt;" and "&gt;"), so a page of them stays a page."""
        return sum(len(text) + 4 * text.count("&") + 3 * (text.count("<") + text.count(">"))
                   + MARKUP_COST.get(kind, 0) for kind, text in self.segments)

    def extend(self, other: "Rich") -> "Rich":
        """Append another text's segments (not its buttons)."""
        self.segments.extend(other.segments)
        return self

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"segments": [list(s) for s in self.segments]}
        if self.buttons:
            payload["buttons"] = [[list(b) for b in row] for row in self.buttons]
            if self.stage is not None:
                payload["stage"] = self.stage
        if self.reply_hint is not None:
            payload["reply_hint"] = self.reply_hint
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> "Rich":
        segments = [(str(k), str(v)) for k, v in payload.get("segments", []) if k in KINDS]
        buttons = [[(str(label), str(action)) for label, action in row]
                   for row in payload.get("buttons", [])]
        return cls(segments, buttons, payload.get("stage"), payload.get("reply_hint"))
