"""Where and when a complaint happened, in words an officer reads (never a key or "Kemarin")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dates import tanggal

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
        return day if tanggal(complaint.incident_date) in told else f"{day} ({told})"
    if told.lower() in RELATIVE_WHEN:
        return None
    return told or None
