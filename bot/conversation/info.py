"""Service information that answers: requirements, fees, M-Paspor, hours, how to reach us.

The texts live in config.yml (`informasi`); this module finds the topic a question names and
fills in what the office's configuration knows (hours, holidays, contacts)."""
from __future__ import annotations

import datetime as dt

from bot.config import InfoTopic
from bot.conversation.choices import normalise
from bot.conversation.turn import Turn
from bot.conversation.understand import said
from bot.conversation.when import short_date
from bot.dates import format_local
from bot.messages import Reply
from bot.sop.holidays import holiday_name

DAY_NAMES = {"mon": ("Senin", "Mon"), "tue": ("Selasa", "Tue"), "wed": ("Rabu", "Wed"),
             "thu": ("Kamis", "Thu"), "fri": ("Jumat", "Fri"), "sat": ("Sabtu", "Sat"),
             "sun": ("Minggu", "Sun")}
WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOLIDAYS_AHEAD = dt.timedelta(days=45)


def _day(turn: Turn, key: str) -> str:
    idn, en = DAY_NAMES[key]
    return en if turn.lang == "en" else idn


def hours_text(turn: Turn) -> str:
    """'Senin–Kamis 08.00–16.00, Jumat 08.00–16.30 WITA': runs of days with equal hours."""
    hours = turn.config.service_hours
    runs: list[list[str]] = []
    for day in WEEK:
        if day not in hours:
            continue
        if runs and hours[runs[-1][-1]] == hours[day] and \
                WEEK.index(runs[-1][-1]) + 1 == WEEK.index(day):
            runs[-1].append(day)
        else:
            runs.append([day])
    clock = "%H.%M" if turn.lang != "en" else "%H:%M"
    parts = []
    for run in runs:
        start, end = hours[run[0]]
        days = _day(turn, run[0]) + (f"–{_day(turn, run[-1])}" if len(run) > 1 else "")
        parts.append(f"{days} {start.strftime(clock)}–{end.strftime(clock)}")
    return ", ".join(parts) + " WITA"


def closed_text(turn: Turn) -> str:
    closed = [_day(turn, d) for d in WEEK if d not in turn.config.service_hours]
    return turn.t("info.closed", days=", ".join(closed)) if closed else turn.t("info.closed_none")


def holidays_text(turn: Turn) -> str:
    """The public holidays and collective leave of the coming weeks, one line."""
    today = turn.now.astimezone(turn.config.office.tz).date()
    coming = sorted((d, name) for d, name in turn.services.hours.holidays.items()
                    if today <= d <= today + HOLIDAYS_AHEAD)
    if not coming:
        return ""
    listed = ", ".join(f"{short_date(d, turn.lang)} ({holiday_name(d, name, turn.lang)})"
                       for d, name in coming[:4])
    return "\n" + turn.t("info.holidays", days=listed)


def now_text(turn: Turn) -> str:
    hours = turn.services.hours
    if hours.is_open(turn.now):
        return turn.t("info.open_now")
    opening = hours.next_opening(turn.now)
    return turn.t("info.closed_now", opening=format_local(opening, turn.lang))


def fields(turn: Turn) -> dict[str, str]:
    office = turn.config.office
    contacts = office.contacts
    return {"office": office.name, "address": office.address, "hours": hours_text(turn),
            "closed": closed_text(turn), "holidays": holidays_text(turn),
            "whatsapp": contacts.whatsapp, "phone": contacts.phone or contacts.whatsapp,
            "email": contacts.email or "-", "website": contacts.website or "-",
            "twitter": contacts.twitter or "-", "facebook": contacts.facebook or "-"}


def topic_for(turn: Turn, text: str) -> str | None:
    """The topic whose keywords the text names best (longer phrases weigh more)."""
    padded = f" {said(text)} "
    scores: dict[str, int] = {}
    for key, topic in turn.config.informasi.topics.items():
        score = sum(len(n.split()) for n in (normalise(k) for k in topic.keywords)
                    if n and f" {n} " in padded)
        if score:
            scores[key] = score
    if not scores:
        return None
    order = list(turn.config.informasi.topics)
    return max(scores, key=lambda k: (scores[k], -order.index(k)))   # ties: the first listed


def answer(turn: Turn, key: str) -> Reply:
    """One topic's answer, with the way on to an officer."""
    topic: InfoTopic = turn.config.informasi.topics[key]
    text = topic.answer.get(turn.lang).format(**fields(turn)).strip()
    if key == "jam":
        text += "\n" + now_text(turn)
    return Reply(text + "\n\n" + turn.t("info.more"))


def answer_for(turn: Turn, text: str) -> Reply | None:
    key = topic_for(turn, text)
    return answer(turn, key) if key else None
