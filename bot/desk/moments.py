"""A date or time an officer gives that has not come yet: one rule for every date the desk is
told (a BAP, the report to the Kanwil, when a complaint recorded with /catat happened)."""
from __future__ import annotations

import datetime as dt

from bot.dates import tanggal

CHECK_DATE = "periksa tanggalnya."


def not_yet(what: str, day: dt.date, now: dt.datetime, at: dt.time | None = None,
            hint: str = CHECK_DATE) -> str | None:
    """Why `what` on `day` (at `at`, when a time was given) cannot be right because it has
    not come yet, or None. `now` is in the office's time zone: today is the office's date (a
    BAP signed this morning in Makassar is dated a day after the UTC date until 08.00 WITA),
    and a time later today has not come either."""
    today = now.date()
    if day > today:
        return f"{what} {tanggal(day)} belum tiba (hari ini {tanggal(today)}); {hint}"
    if day == today and at is not None and at > now.time().replace(second=0, microsecond=0):
        zone = now.tzname() or ""
        return (f"{what} hari ini pukul {at:%H.%M} belum tiba (sekarang pukul "
                f"{now:%H.%M} {zone}".rstrip() + f"); {hint}")
    return None
