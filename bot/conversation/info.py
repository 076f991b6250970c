"""Service information that answers: requirements, fees, M-Paspor, hours, how to reach us.

The texts live in config.yml (`informasi`); this module finds the topic a question names and
fills in what the office's configuration knows (hours, holidays, contacts)."""
from __future__ import annotations

import datetime as dt
import re

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


_CLOCK_TIME = re.compile(r" (jam|jm|pukul|pkl) \d+( \d+)?(?= )")


def _scores(turn: Turn, text: str) -> dict[str, tuple[int, int]]:
    """Each topic the text names: (its keywords' words, its hints' words). A keyword inside a
    longer keyword named for another topic does not count ("berapa" in "jam berapa")."""
    # A time of day ("tiap jam 12 malam", "pukul 8") names no topic: "jam" alone asks the hours
    padded = _CLOCK_TIME.sub(" ", f" {said(text)} ")
    found: list[tuple[str, str, bool]] = []
    for key, topic in turn.config.informasi.topics.items():
        for words_, hint in [(k, False) for k in topic.keywords] + [(h, True) for h in topic.hints]:
            n = normalise(words_)
            if n and f" {n} " in padded:
                found.append((key, n, hint))
    scores: dict[str, tuple[int, int]] = {}
    for key, n, hint in found:
        if any(other != key and len(m) > len(n) and f" {n} " in f" {m} "
               for other, m, _ in found):
            continue
        strong, weak = scores.get(key, (0, 0))
        size = len(n.split())
        scores[key] = (strong, weak + size) if hint else (strong + size, weak)
    for key, topic in turn.config.informasi.topics.items():
        both = topic.when_both
        if any(f" {normalise(w)} " in padded for w in topic.apart_if):
            continue
        if both and all(scores.get(k, (0, 0))[0] > 0 for k in both):
            # answered together by their own topic, in their place
            parts = [scores.pop(k) for k in both]
            scores[key] = (sum(p[0] for p in parts), sum(p[1] for p in parts))
    return scores


def topics_for(turn: Turn, text: str, most: int = 2) -> list[str]:
    """The topics a question names, best first: the best one, and another its keywords name
    too ("biaya perpanjang paspor brp?" is about renewing and about fees). Ties: the first
    listed in the configuration."""
    scores = _scores(turn, text)
    order = list(turn.config.informasi.topics)
    ranked = sorted(scores, key=lambda k: (-scores[k][0], -scores[k][1], order.index(k)))
    return ranked[:1] + [k for k in ranked[1:most] if scores[k][0] > 0]


def topic_for(turn: Turn, text: str) -> str | None:
    """The topic whose keywords the text names best (longer phrases weigh more)."""
    found = topics_for(turn, text, most=1)
    return found[0] if found else None


def _body(turn: Turn, key: str) -> str:
    topic: InfoTopic = turn.config.informasi.topics[key]
    text = topic.answer.get(turn.lang).format(**fields(turn)).strip()
    if key == "jam":
        text += "\n" + now_text(turn)
    return text


def answer(turn: Turn, *keys: str) -> Reply:
    """The answers of one or two topics, with the way on to an officer."""
    return Reply("\n\n".join(_body(turn, key) for key in keys) + "\n\n" + turn.t("info.more"))


def answer_for(turn: Turn, text: str) -> Reply | None:
    keys = topics_for(turn, text)
    return answer(turn, *keys) if keys else None
