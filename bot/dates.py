"""Moments as people read them: local dates and times in Indonesian or English."""
from __future__ import annotations

import datetime as dt
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
