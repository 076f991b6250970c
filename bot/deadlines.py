"""A complainant's own deadline (a stay permit, visa or passport running out; a journey) as the
officers read it, and the event that carries it from the conversation to them.

The conversation reads the date from the person's words (`bot.conversation.deadline`, with the
date reading of `bot.conversation.when`); the notifier, which may not import the conversation,
gets it with the turn's events (`DeadlineStated`) and prints `officers_line`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.sop.holidays import office_hours
from bot.sop.hours import ServiceHours
from bot.sop.stages import ORDER, Stage

if TYPE_CHECKING:
    from bot.config import OfficeConfig

# What runs out or is due, by key: (Indonesian for the officers and the complainant, English).
WHAT = {"izin_tinggal": ("izin tinggal berakhir", "stay permit expires"),
        "visa": ("visa berakhir", "visa expires"),
        "paspor": ("paspor habis masa berlakunya", "passport expires"),
        "berangkat": ("jadwal keberangkatan", "departure")}
# The noun alone, for "your {what}" in a reply.
NOUN = {"izin_tinggal": ("izin tinggal", "stay permit"), "visa": ("visa", "visa"),
        "paspor": ("paspor", "passport"), "berangkat": ("keberangkatan", "journey")}
SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov",
                "Des"]
SHORT_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                   "Dec"]
# A deadline this close (a week) is urgent in itself, whatever words it is said in; one further
# off ("anak sy mau berangkat umroh tgl 20", said on the 1st) is asked about like any message.
URGENT_DAYS = 7
# Pleading urgency: "URGENT", "darurat", "tolong segera pak", "secepatnya", "asap", "emergency".
_PLEA = re.compile(r"\b(urgent|urgently|urgen|urgensi|asap|emergency|darurat|mendesak|segera|"
                   r"secepatnya|secepat mungkin|cepat2|immediately|right away|as soon as possible)"
                   r"\b", re.IGNORECASE)


@dataclass(frozen=True)
class Deadline:
    """What is due (a key of `WHAT`) and when: one day, or the first and last day of a span
    said as such ("next week": Monday to Sunday)."""

    what: str
    first: dt.date
    last: dt.date

    @property
    def exact(self) -> bool:
        return self.first == self.last


@dataclass(frozen=True)
class DeadlineStated:
    """A turn's event: the person's words state a deadline of theirs (`deadline`, None when
    they plead urgency without a date), for complaint `complaint_id`. `message_id`: the
    follow-up message relayed with it (None: the complaint's own story, at filing)."""

    complaint_id: int
    deadline: Deadline | None
    message_id: int | None = None
    urgent: bool = False


def pleads(text: str | None) -> bool:
    """The words plead urgency ("URGENT", "tolong segera pak")."""
    return bool(text) and _PLEA.search(text) is not None


def short(day: dt.date, lang: str = "id") -> str:
    """'10 Des 2026' / '10 Dec 2026'."""
    months = SHORT_MONTHS_EN if lang == "en" else SHORT_MONTHS
    return f"{day.day} {months[day.month - 1]} {day.year}"


def span(deadline: Deadline, lang: str = "id") -> str:
    """'10 Des 2026', or '7–13 Des 2026' for a span said as such."""
    if deadline.exact:
        return short(deadline.first, lang)
    if (deadline.first.year, deadline.first.month) == (deadline.last.year, deadline.last.month):
        return f"{deadline.first.day}–{short(deadline.last, lang)}"
    return f"{short(deadline.first, lang)} – {short(deadline.last, lang)}"


def days_left(deadline: Deadline, today: dt.date, lang: str = "id") -> str:
    """'5 hari lagi', 'hari ini', 'besok', '2–8 hari lagi'."""
    first, last = (deadline.first - today).days, (deadline.last - today).days
    if first == last:
        if first <= 0:
            return "today" if lang == "en" else "hari ini"
        if first == 1:
            return "tomorrow" if lang == "en" else "besok"
    count = str(first) if first == last else f"{max(first, 0)}–{last}"
    return f"in {count} days" if lang == "en" else f"{count} hari lagi"


def outcome_due(config: "OfficeConfig", hours: "ServiceHours",
                since: dt.datetime) -> dt.datetime:
    """When the SOP's time standards say the outcome of a complaint filed at `since` reaches
    the complainant (step 9), in service time: the date the ticket message promises."""
    standards = config.sop.time_standards_minutes
    minutes = sum(standards.get(stage.value, 0)
                  for stage in ORDER[ORDER.index(Stage.RECEIVED) + 1:
                                     ORDER.index(Stage.REPORTED) + 1])
    return hours.add_service_minutes(since, minutes)


def outcome_day(config: "OfficeConfig", since: dt.datetime) -> dt.date:
    """The local day of `outcome_due`, with the office's service hours and holidays as the
    composition root builds them (for readers that have no `ServiceHours` at hand)."""
    year = since.year
    hours = office_hours(config, range(year - 1, year + 3))
    return outcome_due(config, hours, since).astimezone(config.office.tz).date()


def before_outcome(deadline: Deadline, outcome: dt.date) -> bool:
    """The deadline may come before the promised outcome (its first day does)."""
    return deadline.first < outcome


def officers_line(deadline: Deadline, today: dt.date, outcome: dt.date | None) -> str:
    """'izin tinggal berakhir 10 Des 2026 (5 hari lagi), sebelum batas penyelesaian 8 Jan
    2027': what the officers read after "⏰ Batas waktu pelapor"."""
    text = f"{WHAT[deadline.what][0]} {span(deadline)} ({days_left(deadline, today)})"
    if outcome is not None:
        text += (", sebelum batas penyelesaian " if before_outcome(deadline, outcome)
                 else "; batas penyelesaian ") + short(outcome)
    return text


LABEL = "⏰ Batas waktu pelapor"
