"""Channel-neutral inbound messages and replies: what adapters hand the engine and get back."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

PIN_MARK = "📍"
# A shared location as `location_text` writes it: the mark, any place name, then the
# coordinates in brackets.
PIN = re.compile(r"📍[^\n]*?\(\s*[-+]?\d{1,3}(?:\.\d+)?\s*,\s*[-+]?\d{1,3}(?:\.\d+)?\s*\)")


def location_text(latitude: object, longitude: object, place: str | None = None) -> str:
    """A location the person shared (a map pin) as the conversation keeps it:
    "📍 Jl. Mawar 12 (3.30123, 117.63543)". One line, whatever the channel sent as its name."""
    name = " ".join((place or "").split())
    return " ".join(p for p in (PIN_MARK, name, f"({latitude}, {longitude})") if p)


def pin_as_place(text: str) -> str:
    """A pin given as the answer to "where did it happen?": the incident's place, kept without
    the mark that makes a pin elsewhere in a complainant's words the person's own location."""
    return text.replace(PIN_MARK, "", 1).strip()


@dataclass(frozen=True)
class Media:
    """One attachment as the channel describes it (a URL or a provider file id)."""

    url: str
    content_type: str | None = None


@dataclass(frozen=True)
class Inbound:
    """A message from a complainant, already authenticated and parsed by its adapter."""

    channel: str          # whatsapp | sms | telegram | terminal
    address: str          # the identity on that channel: "+62811…", a Telegram chat id
    text: str
    provider: str         # twilio | telegram | terminal
    provider_id: str      # MessageSid, update id…: unique per provider
    received_at: dt.datetime
    media: tuple[Media, ...] = ()
    profile_name: str | None = None
    kind: str = "text"    # text | media | sticker | location | contact | unsupported | edited
    album: str | None = None   # files sent together as one album (Telegram's media group)
    # Files the channel said are over the evidence limit on arrival (Telegram's file_size):
    # left out of `media`, never kept nor counted, and the person told at once.
    oversized: int = 0
    # Who wrote a message the person forwarded (Telegram's forward_origin): their words are
    # evidence, not the person's own, and never the answer to a question. None: not forwarded.
    forwarded_from: str | None = None
    # The language the channel says the person reads, when it says one (the web page's; later
    # Telegram's language_code): the conversation's until the person's own words say another.
    language: str | None = None
    # A provider's opt-out keyword (Twilio's `OptOutType` on SMS): "stop" (the provider now
    # blocks every message to the person; it sends its own confirmation) or "start" (lifted).
    opt_out: str | None = None


@dataclass(frozen=True)
class Choice:
    """One option of a question; channels show it as a button or as "N. label"."""

    label: str


@dataclass(frozen=True)
class Reply:
    """One bubble the bot sends back; `choices` are numbered from 1.

    `numbered=False`: the text already names the choices (a compact reminder), so channels
    without buttons do not list them again. `delay`: said only after this many seconds of
    silence; the engine queues such a reply on channels its worker can deliver to, and hands
    it back to other adapters (the terminal waits itself)."""

    text: str
    choices: tuple[Choice, ...] = field(default_factory=tuple)
    # Values in `text` never to be stored or logged (a PIN): masked at rest, filled at send.
    secrets: tuple[str, ...] = field(default_factory=tuple, repr=False)
    numbered: bool = True
    delay: float = 0.0

    def as_plain_text(self) -> str:
        """The reply with its choices as a numbered list, for channels without buttons."""
        if not self.choices or not self.numbered:
            return self.text
        lines = [self.text, ""] + [f"{i}. {c.label}" for i, c in enumerate(self.choices, 1)]
        return "\n".join(lines)
