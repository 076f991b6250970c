"""When it happened, as an officer recording a complaint (/catat) writes it: the day and the
time of day it names, the future included ("besok", "8 Des" said on 1 Dec, "hari ini jam
15.00"), which the chat's reading (bot.conversation.when) never returns, so that a time not
come yet is asked again (bot.desk.moments' rule)."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from bot.conversation import when as incident_when
from bot.desk import moments
from bot.desk.bap import date_at

_PARTS = r"(pagi|siang|sore|petang|malam|pm|am)"
# "jam 15", "pukul 15.30", "pkl 3 sore", "jam 10an"
_CLOCK = re.compile(rf"\b(?:jam|jm|pukul|pkl)\.?\s*(\d{{1,2}})(?:[.:](\d{{2}}))?(?:an)?\b"
                    rf"(?:\s*{_PARTS}\b)?")
# "15:30", "15.00", "09.30 WITA": a time without "jam" (never a date such as 10.11)
_BARE = re.compile(rf"(?<![\d./-])\b([01]?\d|2[0-3])([.:])([0-5]\d)\b(?![./-]\d)"
                   rf"(?:\s*(wita|wib|wit)\b)?(?:\s*{_PARTS}\b)?")
# When a part of the day begins (said without a time: "sore ini", "nanti malam")
_PART_STARTS = {"siang": dt.time(11), "sore": dt.time(15), "petang": dt.time(15),
                "malam": dt.time(18)}
_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5,
             "minggu": 6, "ahad": 6}
_COUNTS = {"se": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
           "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10}
_AHEAD = re.compile(r"\b(\d{1,2}|se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|"
                    r"sepuluh)\s*(hari|minggu|pekan|bulan)\s+(lagi|mendatang|ke depan)\b")
_TODAY_LATER = re.compile(r"\b(nanti|sebentar lagi|later today)\b")
_DAY_AND_MONTH = re.compile(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\b|\b\d{1,2}\s+[a-z]{3,9}\b|"
                            r"\b[a-z]{3,9}\s+\d{1,2}\b")
_YEAR = re.compile(r"\b\d{4}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")
SOON = dt.timedelta(days=31)     # "8 Des" said on 1 Dec is this December's, not last year's


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w:./-]+", " ", text.lower()).split())


def _hour(hour: int, minute: int, part: str | None) -> dt.time | None:
    if part in ("sore", "petang", "pm") and hour < 12:
        hour += 12
    elif part == "siang" and hour < 6:
        hour += 12
    elif part == "malam" and 6 <= hour < 12:
        hour += 12
    elif part in ("malam", "pagi", "am") and hour == 12:
        hour = 0
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def clock_time(text: str) -> tuple[dt.time | None, str]:
    """(the time of day the text names, the text without it): "jam 3 sore" is 15.00."""
    plain = _plain(text)
    match = _CLOCK.search(plain)
    if match:
        found = _hour(int(match.group(1)), int(match.group(2) or 0), match.group(3))
        return found, (plain[:match.start()] + " " + plain[match.end():]).strip()
    match = _BARE.search(plain)
    if match and (match.group(2) == ":" or match.group(4) or int(match.group(3)) == 0
                  or int(match.group(3)) > 12):
        found = _hour(int(match.group(1)), int(match.group(3)), match.group(5))
        return found, (plain[:match.start()] + " " + plain[match.end():]).strip()
    return None, plain


def _written_date(plain: str) -> dt.date | None:
    """A date written whole, with its year ("8 Desember 2026", "08/12/2026", "2026-12-08"),
    read as a BAP's date is (bot.desk.bap), wherever it stands."""
    for start in re.finditer(r"(?<![\w])(?=\d|tgl|tanggal)", plain):
        found = date_at(plain[start.start():])
        if found is not None:
            return found
    return None


def _next_weekday(today: dt.date, weekday: int) -> dt.date:
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _ahead(plain: str, today: dt.date) -> dt.date | None:
    """The day a phrase about the future names: "besok", "lusa", "minggu depan", "Senin
    depan", "bulan depan", "3 hari lagi", "tomorrow", "next week"."""
    for name, weekday in _WEEKDAYS.items():
        if re.search(rf"\b{name} depan\b", plain) and (name != "minggu" or re.search(
                r"\bhari minggu depan\b", plain)):
            return _next_weekday(today, weekday)
    if re.search(r"\b(minggu|pekan) depan\b|\bnext week\b", plain):
        return today + dt.timedelta(days=7)
    if re.search(r"\bbulan depan\b|\bnext month\b", plain):
        year, month = divmod(today.year * 12 + today.month, 12)
        return dt.date(year, month + 1, 1)
    if re.search(r"\btahun depan\b|\bnext year\b", plain):
        return dt.date(today.year + 1, 1, 1)
    match = _AHEAD.search(plain)
    if match:
        count = int(match.group(1)) if match.group(1).isdigit() else _COUNTS[match.group(1)]
        days = {"hari": 1, "minggu": 7, "pekan": 7}.get(match.group(2))
        if days is not None:
            return today + dt.timedelta(days=count * days)
        year, month = divmod(today.year * 12 + today.month - 1 + count, 12)
        return dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))
    if re.search(r"\blusa\b", plain) and not re.search(r"\bkemarin lusa\b|\blusa kemarin\b",
                                                       plain):
        return today + dt.timedelta(days=2)
    if re.search(r"\b(besok|esok|tomorrow)\b", plain):
        return today + dt.timedelta(days=1)
    return None


def _coming(day: dt.date, plain: str, today: dt.date) -> dt.date | None:
    """A day and month said without a year ("8 Des", "8/12") that the chat's reading took for
    last year's (it never reads a future date) although this year's is only days away: the
    officer records a complaint received now, so it is the coming one, mistyped or misheard."""
    numbers = re.findall(r"\d+", plain)
    if _YEAR.search(plain) or not _DAY_AND_MONTH.search(plain):
        return None
    if str(day.day) not in numbers and f"{day.day:02d}" not in numbers:
        return None
    for year in (today.year, today.year + 1):
        try:
            coming = day.replace(year=year)
        except ValueError:                  # 29 February
            continue
        if today < coming <= today + SOON:
            return coming
    return None


def incident(text: str | None, now: dt.datetime) -> tuple[dt.date | None, dt.time | None]:
    """(the day, the time of day) when an officer's note of when it happened names them, read
    on `now` (the office's time): a date written whole, else a day to come ("besok"), else as
    the chat intake reads the complainant's (bot.conversation.when: "kemarin sore", "3 hari
    lalu", "12 Nov"). A time or a part of the day ("sore ini", "nanti malam") without another
    day is today's."""
    day, at, _ = _read(text, now)
    return day, at


def _read(text: str | None, now: dt.datetime) -> tuple[dt.date | None, dt.time | None, bool]:
    """`incident`, and whether the day is a day and month without a year read as coming."""
    if not text:
        return None, None, False
    today = now.date()
    at, rest = clock_time(text)
    day = _written_date(rest) or _ahead(rest, today)
    coming = None
    if day is None and rest:
        day, _ = incident_when.parse(rest, today)
        coming = _coming(day, rest, today) if day is not None else None
    later = _TODAY_LATER.search(rest)
    if day is None and (at is not None or later):
        day = today
    if day == today and at is None:
        parts = [p for p in _PART_STARTS if re.search(rf"\b{p}\b", rest)]
        if parts and (later or re.search(r"\b(ini|tadi|td|hari ini|today|tonight)\b", rest)):
            at = _PART_STARTS[parts[0]]
    return coming or day, at, coming is not None


def incident_problem(text: str | None, now: dt.datetime) -> str | None:
    """Why an incident's when cannot be right (it has not happened yet), or None: asked
    again, as a BAP dated after today is (bot.desk.moments)."""
    day, at, coming = _read(text, now)
    if day is None:
        return None
    hint = "tulis kapan kejadiannya (yang sudah lewat), atau *lewati*."
    if coming:
        hint = "bila yang dimaksud tahun lalu, tulis tahunnya; atau *lewati*."
    elif day == now.date():
        hint = "tulis jam yang sudah lewat, atau tanggalnya bila bukan hari ini; atau *lewati*."
    return moments.not_yet("Waktu kejadian", day, now, at, hint)
