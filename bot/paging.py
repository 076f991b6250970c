"""Long lists that never cut silently: pages under Telegram's 4,096 characters, or a file."""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.rich import Rich

LIMIT = 3600            # characters of marked-up text per message (Telegram allows 4,096)
MAX_MESSAGES = 3        # longer than this many messages: the first page and a file of all


@dataclass
class Paged:
    """The messages to send, and the whole list as a text file when it is too long for them."""

    messages: list[Rich]
    file_text: str | None = None
    pages_total: int = 1
    items: int = 0
    shown: int = 0
    notes: list[str] = field(default_factory=list)


def split(header: Rich, items: list[Rich], limit: int = LIMIT) -> list[Rich]:
    """The header, then every item, in as many messages as needed (each page numbered)."""
    pages: list[list[Rich]] = [[]]
    room = limit - header.size() - 40
    used = 0
    for item in items:
        cost = item.size()
        if pages[-1] and used + cost > room:
            pages.append([])
            used = 0
        pages[-1].append(item)
        used += cost
    out = []
    for number, page in enumerate(pages, 1):
        rich = Rich().extend(header) if number == 1 else Rich()
        if len(pages) > 1:
            rich.i(f"Halaman {number} dari {len(pages)}\n")
        for item in page:
            rich.extend(item)
        out.append(rich)
    return out


def paginate(header: Rich, items: list[Rich], limit: int = LIMIT,
             max_messages: int = MAX_MESSAGES) -> Paged:
    """Every item named: in up to `max_messages` messages, else the first page with a note and
    the whole list as a text file (the caller sends it)."""
    pages = split(header, items, limit)
    if len(pages) <= max_messages:
        return Paged(pages, None, len(pages), len(items), len(items))
    first = pages[0]
    shown = sum(1 for kind, text in first.segments if kind == "code")
    first.i(f"\n… dan seterusnya: daftar lengkap ({len(items)} butir) ada di berkas terlampir.")
    text = "\n".join([header.plain(), ""] + [item.plain() for item in items])
    return Paged([first], text, len(pages), len(items), shown)
