"""Where and when a complaint happened, in words an officer reads (never a key or "Kemarin")."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from bot.dates import MONTHS, relative_day, tanggal

if TYPE_CHECKING:
    from datetime import tzinfo

    from bot.config import OfficeConfig
    from storage.models import Complaint

PLACE_LABEL = {"seaport": "Pelabuhan Malundung (TPI laut)", "airport": "Bandara Juwata (TPI udara)",
               "online": "Online (aplikasi M-Paspor, situs, pembayaran)", "other": "Lainnya"}
# Relative answers the conversation stores as told; the complaint's date says what they meant.
RELATIVE_WHEN = {"hari ini", "kemarin", "today", "yesterday"}


def place_label(config: "OfficeConfig", complaint: "Complaint") -> str | None:
    """Where it happened in words: the choice's name with the complainant's own words ("Kantor
    Imigrasi … (depan kantor)", as their summary showed it), never a key."""
    name = config.office.name if complaint.place == "office" else \
        PLACE_LABEL.get(complaint.place or "", complaint.place)
    if complaint.place_detail:
        if complaint.place in ("office", "seaport", "airport"):
            return f"{name} ({complaint.place_detail})"
        return complaint.place_detail
    return name


def incident_label(complaint: "Complaint", tz: "tzinfo | None" = None) -> str | None:
    """When it happened: an absolute date where one is known, never "Kemarin". A complaint
    stored with bare relative words and no date (recorded by /catat before it resolved them:
    "kemarin", "tadi pagi") shows the date they meant, counted from the day it was received
    in the office's time zone `tz` ("3 Desember 2026 (kemarin sore)"); without `tz` that day
    is not known (a UTC date is a day early before 08.00 WITA), and bare words show nothing."""
    told = (complaint.incident_time_text or "").strip()
    incident = complaint.incident_date
    if incident is None and told and tz is not None and complaint.created_at is not None:
        received = complaint.created_at
        if received.tzinfo is None:          # stored in UTC (SQLite drops the zone)
            received = received.replace(tzinfo=dt.timezone.utc)
        incident = relative_day(told, received.astimezone(tz).date())
    if incident is not None:
        day = tanggal(incident)
        if not told or told.lower() in RELATIVE_WHEN:
            return day
        return day if same_day(told, incident) else f"{day} ({told})"
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
