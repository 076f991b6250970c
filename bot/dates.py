"""Moments as people read them: local dates and times in Indonesian or English."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import OfficeConfig

DAYS = {"id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
        "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]}
MONTHS = {"id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                 "September", "Oktober", "November", "Desember"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"]}


def format_local(moment: dt.datetime, lang: str) -> str:
    """'Senin, 30 November 2026 08.00' (local time) in the complainant's language."""
    lang = "en" if lang == "en" else "id"
    day = DAYS[lang][moment.weekday()]
    month = MONTHS[lang][moment.month - 1]
    clock = moment.strftime("%H.%M" if lang == "id" else "%H:%M")
    return f"{day}, {moment.day} {month} {moment.year} {clock}"


def tanggal(day: dt.date) -> str:
    """A date the Indonesian way: 7 Maret 2027."""
    return f"{day.day} {MONTHS['id'][day.month - 1]} {day.year}"


def local_time(config: "OfficeConfig", moment: dt.datetime) -> str:
    return format_local(moment.astimezone(config.office.tz), "id") + " WITA"


# Bare relative words for a day, as complainants and officers type them, with how many days
# before the moment they were said they name. Complaints stored before /catat resolved them
# keep only these words; the date they meant is found again from the complaint's receipt.
_DAYS_BACK = {
    0: ("hari ini", "today", "tadi", "barusan", "baru saja", "tadi pagi", "tadi siang",
        "tadi sore", "tadi petang", "pagi ini", "siang ini", "sore ini", "malam ini",
        "pagi tadi", "siang tadi", "sore tadi", "this morning", "this afternoon",
        "this evening", "earlier today", "just now", "tonight"),
    1: ("kemarin", "kemaren", "kmrn", "kemarin pagi", "kemarin siang", "kemarin sore",
        "kemarin petang", "kemarin malam", "semalam", "tadi malam", "yesterday",
        "yesterday morning", "yesterday afternoon", "yesterday evening", "last night"),
    2: ("kemarin lusa", "lusa kemarin"),
}
RELATIVE_DAYS = {phrase: back for back, phrases in _DAYS_BACK.items() for phrase in phrases}
_COUNTS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
           "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_AGO = re.compile(r"^(\d{1,2}|[a-z]+) (?:hari (?:yang |yg )?lalu|days? ago)$")


def relative_day(text: str | None, said_on: dt.date) -> dt.date | None:
    """The day bare relative words name, counted from the day they were said: 'kemarin' →
    the day before, 'tadi pagi' → that day, '3 hari lalu' → three days before; None for
    anything else (a date, 'lebaran kemarin', 'Kamis pagi': not bare relative words)."""
    folded = " ".join((text or "").lower().replace(",", " ").replace(".", " ").split())
    if folded in RELATIVE_DAYS:
        return said_on - dt.timedelta(days=RELATIVE_DAYS[folded])
    match = _AGO.match(folded)
    if match:
        word = match.group(1)
        count = int(word) if word.isdigit() else _COUNTS.get(word)
        if count is not None and count <= 31:
            return said_on - dt.timedelta(days=count)
    return None
