"""Where and when a complaint happened, in words an officer reads (never a key or "Kemarin")."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from bot.dates import MONTHS, tanggal

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from storage.models import Complaint

PLACE_LABEL = {"seaport": "Pelabuhan Malundung (TPI laut)", "airport": "Bandara Juwata (TPI udara)",
               "other": "Lainnya"}
# Relative answers the conversation stores as told; the complaint's date says what they meant.
RELATIVE_WHEN = {"hari ini", "kemarin", "today", "yesterday"}


def place_label(config: "OfficeConfig", complaint: "Complaint") -> str | None:
    """Where it happened in words: the complainant's own, or the choice's name, never a key."""
    if complaint.place_detail:
        return complaint.place_detail
    if complaint.place == "office":
        return config.office.name
    return PLACE_LABEL.get(complaint.place or "", complaint.place)


def incident_label(complaint: "Complaint") -> str | None:
    """When it happened: an absolute date where one is known, never "Kemarin"."""
    told = (complaint.incident_time_text or "").strip()
    if complaint.incident_date is not None:
        day = tanggal(complaint.incident_date)
        if not told or told.lower() in RELATIVE_WHEN:
            return day
        return day if same_day(told, complaint.incident_date) else f"{day} ({told})"
    if told.lower() in RELATIVE_WHEN:
        return None
    return told or None


_NUMERIC_DAY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def same_day(told: str, day: dt.date) -> bool:
    """Whether the complainant's words only write this date ("5 Nov 2026", "05/11/2026",
    "5 November 2026", "28 nov", "tgl 28 Nov"): then the label says it once, not "5 November 2026 (5 Nov 2026)"."""
    folded = " ".join(told.lower().replace(",", " ").split())
    if tanggal(day).lower() in folded:
        return True
    numeric = _NUMERIC_DAY.match(folded)
    if numeric:
        return tuple(map(int, numeric.groups())) == (day.day, day.month, day.year)
    parts = folded.split()
    if parts and parts[0] in ("tgl", "tanggal", "tg", "on", "date"):
        parts = parts[1:]                      # "tgl 28 nov"
    if len(parts) == 2:                        # "28 nov": the year is the one it was read as
        parts = [*parts, str(day.year)]
    if len(parts) != 3 or not (parts[0].isdigit() and parts[2].isdigit()):
        return False
    names = {name.lower()[:3] for name in (MONTHS["id"][day.month - 1],
                                           MONTHS["en"][day.month - 1])}
    return (int(parts[0]), int(parts[2])) == (day.day, day.year) and parts[1][:3] in names
