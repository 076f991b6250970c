"""The BAP (Berita Acara Pemeriksaan) number and date, read from what a section officer types."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from bot import identity
from bot.dates import MONTHS, tanggal
from bot.desk import moments
from bot.paperwork.dossier import read_bap
from bot.sop import owners

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from storage.models import Complaint
    from storage.repo import Unit

_MONTH = {name.lower(): i for i, name in enumerate(MONTHS["en"], 1)}   # "1 December 2026"
_MONTH.update({name.lower(): i for i, name in enumerate(MONTHS["id"], 1)})
_MONTH.update({name.lower()[:3]: i for i, name in enumerate(MONTHS["id"], 1)})
_MONTH.update({"agu": 8, "agt": 8, "okt": 10, "nop": 11, "des": 12, "peb": 2, "mei": 5})
# "BAP", "BAP:", "BAP No.", "Nomor BAP:", "No. BAP" … before the number
_LEAD = re.compile(r"^\s*(?:(?:Nomor|No\.?)\s*:?\s*(?=BAP\b))?(?:BAP\b\s*:?\s*)?"
                   r"(?:(?:Nomor|No\.?)\s*:?\s*)?", re.IGNORECASE)
_NUMBER = re.compile(r"^(\S*\d\S*)\s+")
# "tanggal", "tgl.", "tanggal:", and a weekday ("Selasa, 1 Desember 2026") before a date
_ON = (r"^(?:(?:tanggal|tgl\.?)\s*:?\s*)?"
       r"(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad),?\s+)?")
_DATES = (
    re.compile(_ON + r"(\d{4})-(\d{1,2})-(\d{1,2})\b", re.IGNORECASE),
    re.compile(_ON + r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b", re.IGNORECASE),
    re.compile(_ON + r"(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})\b", re.IGNORECASE),
)


def read_strict(note: str | None) -> tuple[str, dt.date] | None:
    """'… BAP W18-… 2026-12-01 …' anywhere in a typed /tahap note (the documents' form)."""
    return read_bap(note)


def _date(text: str) -> tuple[dt.date, str] | None:
    for number, pattern in enumerate(_DATES):
        match = pattern.match(text)
        if not match:
            continue
        a, b, c = match.groups()
        try:
            if number == 0:
                day = dt.date(int(a), int(b), int(c))
            elif number == 1:         # "01-12-26": a two-digit year is this century's
                day = dt.date(int(c) + (2000 if len(c) == 2 else 0), int(b), int(a))
            else:
                month = _MONTH.get(b.lower()) or _MONTH.get(b.lower()[:3])
                if month is None:
                    return None
                day = dt.date(int(c), month, int(a))
        except ValueError:
            return None
        return day, text[match.end():]
    return None


def date_at(text: str) -> dt.date | None:
    """The date written at the start of `text` ("8 Desember 2026", "tgl 08-12-2026",
    "2026-12-08"), as a BAP's date is read, or None."""
    found = _date(text)
    return found[0] if found is not None else None


def read(text: str) -> tuple[str, dt.date, str] | None:
    """(number, date, the rest as the note) from 'W18…-0042 1 Desember 2026 catatan',
    'BAP No. 12/2026 tgl 01-12-2026, catatan' and the like; None when not both are there."""
    strict = read_bap(text)
    if strict is not None:
        rest = re.sub(r"\bBAP\s+\S+\s+(?:tanggal\s+)?\d{4}-\d{2}-\d{2}\b", "", text, count=1,
                      flags=re.IGNORECASE)
        return strict[0], strict[1], rest.strip(" ,.;:-")
    body = _LEAD.sub("", text, count=1)
    match = _NUMBER.match(body)
    if not match:
        return None
    number = match.group(1).rstrip(",;")
    found = _date(body[match.end():].lstrip(" ,;"))
    if found is None:
        return None
    day, rest = found
    return number, day, rest.strip(" ,.;:-\u2013\u2014")


def date_problem(day: dt.date, received: dt.date,
                 today: dt.date | None = None) -> str | None:
    """Why a BAP date cannot be right, or None. The examination (step 4) follows the complaint:
    a BAP dated before it was received (or, given `today`, not yet come) is a typo the report
    and the register would print as the record (as an impossible date such as 31-02-2026 is
    asked again)."""
    if today is not None:
        problem = moments.not_yet("Tanggal BAP", day, dt.datetime.combine(today, dt.time()))
        if problem:
            return problem
    if day < received:
        return (f"Tanggal BAP {tanggal(day)} sebelum pengaduan diterima "
                f"({tanggal(received)}); periksa tanggalnya.")
    return None


# Example BAP numbers for a usage or a question (the first unless it could be taken for the
# number just refused: `sample`).
SAMPLES = ("W18.IMI.IMI.3-PW.01.01-0042", "W18.IMI.IMI.3-PW.01.01-0317",
           "W18.IMI.IMI.3-PW.01.01-0586")


def sample(avoid: str | None = None) -> str:
    """A BAP number to show as an example, never one an officer could take for `avoid` (the
    number just refused as another complaint's): an example ending in the very number refused
    ("…-0042" after W18-0042) reads as "type it again". None of its number groups is one of
    `avoid`'s."""
    groups = {int(g) for g in re.findall(r"\d+", avoid or "")}
    folded = "".join((avoid or "").split()).lower()
    for number in SAMPLES:
        own = {int(g) for g in re.findall(r"\d+", number)} - {18, 3, 1}   # the office's code
        if not own & groups and number.lower() != folded:
            return number
    return SAMPLES[-1]


# Said in a step-4 note, a BAP number another complaint already holds is recorded: one BAP that
# really covers both complaints (one examination of both). Anything else is refused (`taken`).
JOINT = "BAP bersama"


def taken(unit: "Unit", config: "OfficeConfig", officer: "Officer", complaint: "Complaint",
          number: str, note: str) -> str | None:
    """Why a BAP number cannot be recorded for `complaint`, or None. A BAP number identifies
    one examination: the number already recorded for another complaint is a typo the register
    and both signed reports would carry, unless the note says it is one BAP for both
    (`JOINT`). The refusal names the ticket holding it only where this officer may read that
    complaint (not kept away from it; a sensitive one: the leaders only), else "another
    complaint"."""
    if JOINT.lower() in " ".join(note.split()).lower():
        return None
    holders = unit.bap_holders(number, complaint.id)
    if not holders:
        return None
    where = named(unit, config, officer, holders)
    return (f"Nomor BAP {number} sudah tercatat untuk {where}; satu BAP mencatat satu "
            "pemeriksaan. Periksa nomornya. Bila BAP itu memang mencakup kedua pengaduan, tulis "
            f"\u201c{JOINT}\u201d di catatannya, mis. \u2026 {number} TANGGAL-BAP {JOINT}, "
            "catatan.")


def named(unit: "Unit", config: "OfficeConfig", officer: "Officer",
          holders: "list[Complaint]") -> str:
    """Other complaints holding a record (a BAP number, a Kanwil reference) as this officer may
    read them: their tickets where he may read those complaints (not kept away from them; a
    sensitive one: the leaders only), else "pengaduan lain"."""
    shown = [h.ticket for h in holders
             if str(officer.telegram_id) not in unit.excluded_officers(h.id)
             and (not identity.is_sensitive(h, config.sensitive_types)
                  or owners.sees_names(config, officer.telegram_id))]
    return (", ".join(shown) + (" dan pengaduan lain" if len(shown) < len(holders) else "")
            if shown else "pengaduan lain")
