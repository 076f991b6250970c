"""A complainant's own deadline read from their words: a stay permit, visa or passport running
out ("izin tinggal saya habis tgl 10", "visa expires next week", "ITAS saya berlaku sampai 12
Desember"), or a journey ("berangkat umroh tgl 18", "my flight is on Friday").

Dates are read with `bot.conversation.when`'s vocabulary and its written-date reader, against
the moment the words were said in the office's time zone. Only a day still to come counts, and
only when the words tie it to the permit or the journey: no deadline is better than a wrong one
(`bot.deadlines` prints it for the officers)."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bot.conversation import when
from bot.conversation.info import hours_text
from bot.conversation.understand import said
from bot.deadlines import URGENT_DAYS, Deadline, DeadlineStated, NOUN, outcome_due, pleads, span
from bot.messages import Reply

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from bot.conversation.turn import Turn
    from storage.models import Complaint

# What runs out, as people write it (read on `said`: lower case, no punctuation).
_SUBJECTS = {"izin tinggal": "izin_tinggal", "ijin tinggal": "izin_tinggal",
             "kitas": "izin_tinggal", "kitap": "izin_tinggal", "itas": "izin_tinggal",
             "itap": "izin_tinggal", "stay permit": "izin_tinggal",
             "residence permit": "izin_tinggal", "permit": "izin_tinggal",
             "visa": "visa", "visanya": "visa", "voa": "visa",
             "paspor": "paspor", "paspornya": "paspor", "passport": "paspor"}
_SUBJECT = "|".join(sorted(_SUBJECTS, key=len, reverse=True))
_ENDS = (r"habis|abis|berakhir|berakhirnya|expire|expires|expiring|kadaluarsa|kedaluwarsa|"
         r"kadaluwarsa|kedaluarsa|mati|runs out|run out|ends|is up|"
         r"berlaku (?:sampai|sampe|smp|hingga|sd|s d|until|tinggal)|"
         r"valid (?:until|till|thru|through)|good until|tinggal")
_SUBJECT_AT = re.compile(rf"\b({_SUBJECT})\b")
# After the subject: a few words, the word of running out, and what follows it.
_RUNS_OUT = re.compile(rf"(?P<mid>(?: \w+){{0,4}}?) (?P<ends>{_ENDS})\b(?P<rest>.*)$")
# Where "paspor" is the office's stock, not one's own: "blanko paspor habis".
_STOCK = re.compile(r"\b(blanko|blangko|stok|stock|formulir|buku|kuota|quota|antrian|antrean|"
                    r"nomor antrian|slot)( \w+)?$")
# A journey to come (not "pulang" or "leave": "disuruh pulang, datang lagi besok").
_JOURNEY = re.compile(r"\b(berangkat|keberangkatan|brangkat|flight|flightnya|penerbangan|"
                      r"pesawat|pesawatnya|terbang|umroh|umrah|haji|depart|departs|departure|"
                      r"departing|leaving|fly|flying|travel|travelling|traveling|trip|"
                      r"perjalanan|mudik)\b")
# Said before the words: it is past ("sudah", "was"), or it names a span before them.
_DONE = {"sudah", "udah", "udh", "sdh", "dah", "telah", "tlh", "was", "had", "sempat",
         "already"}
_STILL_TO_COME = {"mau", "hampir", "akan", "almost", "about", "nearly", "segera", "soon"}
# A new clause: the window of words after the anchor ends there.
_CLAUSE = {"dan", "tapi", "tetapi", "tp", "but", "and", "karena", "karna", "krn", "because",
           "padahal", "sedangkan", "namun", "so", "sehingga", "jadi", "terus", "trus",
           "then", "while", "sementara"}
WINDOW_WORDS = 8
# Months read as a whole span: "bulan depan" is the 1st to the last day.
_NEXT_WEEK = re.compile(r"\b(minggu depan|pekan depan|minggu mendatang|pekan mendatang|"
                        r"next week|coming week)\b")
_NEXT_MONTH = re.compile(r"\b(bulan depan|bulan mendatang|next month|coming month)\b")
_COUNT_AHEAD = re.compile(rf"\b(?:dalam |in )?{when._COUNTED}\s*{when._UNIT}\s+"
                          rf"(?:lagi|ke depan|from now)\b|\bin {when._COUNTED}\s*{when._UNIT}\b")
_WEEKDAY = re.compile(r"\b(?P<before>hari |on |this |next |coming )?(?P<day>senin|selasa|rabu|"
                      r"kamis|jumat|jum at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|"
                      r"friday|saturday|sunday)(?P<after> depan| ini| mendatang)?\b")
_DAY_OF_MONTH = re.compile(r"\b(?:tgl|tanggal|tanggalnya|date|the)\s*(\d{1,2})\b(?! \d)")
_PAST_WORDS = re.compile(r"\b(lalu|kemarin|kemaren|kmrn|kmarin|ago|last|yesterday|tadi|td|"
                         r"semalam|kelmarin|sejak|since|semenjak)\b")
# A year-less date this far behind is last year's, said of a past day; further, next year's.
RECENT_PAST_DAYS = 90
FURTHEST = dt.timedelta(days=366 * 2)


def _today(at: dt.datetime, tz: Any) -> dt.date:
    return at.astimezone(tz).date()


def _clauses(text: str) -> list[str]:
    """The text's sentences and clauses, each as `said` reads it (dates in digits kept as
    "10/12" and "2026-12-10", which `said` would split into words)."""
    out = []
    for part in re.split(r"[;!?\n]+|[.,](?=\s|$)", text or ""):
        part = re.sub(r"\b(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})\b", r" ISO\1x\2x\3 ", part)
        part = re.sub(r"(?<!jam )(?<!pukul )(?<!pkl )(?<!at )\b(\d{1,2})[/.\-](\d{1,2})"
                      r"(?:[/.\-](\d{2,4}))?\b",
                      lambda m: f" NUM{m.group(1)}x{m.group(2)}" +
                      (f"x{m.group(3)}" if m.group(3) else "") + " ", part, flags=re.IGNORECASE)
        s = when._ORDINAL.sub(r"\1", said(part))
        out.append(re.sub(r"\b(\d{1,2}) of ([a-z]+)", r"\1 \2", s))
    return [s for s in out if s]


def _window(rest: str) -> str:
    ws = []
    for w in rest.split()[:WINDOW_WORDS]:
        if w in _CLAUSE:
            break
        ws.append(w)
    return " ".join(ws)


def _months_ahead(today: dt.date, count: int) -> dt.date:
    year, month = divmod(today.year * 12 + today.month - 1 + count, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def _written(window: str, today: dt.date, lang: str) -> dt.date | None:
    """A date written out ("12 desember", "dec 12", "10/12", "2026-12-10"), the next one it
    can be when no year is given; None when it is past, or a day and month that read both ways
    ("10/12") in English."""
    iso = re.search(r"\biso(\d{4})x(\d{1,2})x(\d{1,2})\b", window)
    numeric = re.search(r"\bnum(\d{1,2})x(\d{1,2})(?:x(\d{2,4}))?\b", window)
    if iso:
        text = f"{iso.group(1)}-{iso.group(2)}-{iso.group(3)}"
    elif numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if lang == "en" and first != second and first <= 12 and second <= 12:
            return None          # 10/12: October or December? Not guessed
        text = f"{first}/{second}" + (f"/{numeric.group(3)}" if numeric.group(3) else "")
    else:
        text = window
    found = when._written(text, window, today)
    if found is None:
        return None
    date, year_given = found
    if year_given:
        return date if date >= today else None
    if date >= today:
        return date
    if (today - date).days <= RECENT_PAST_DAYS:
        return None              # "habis 3 Des", said on 5 Dec: already gone
    try:
        return date.replace(year=date.year + 1)
    except ValueError:
        return None


def resolve(window: str, today: dt.date, lang: str = "id") -> tuple[dt.date, dt.date] | None:
    """The first and last day a few words name, when still to come: "tgl 10", "12 desember",
    "next week", "besok", "5 hari lagi", "friday"; None for anything past or unclear."""
    if not window or _PAST_WORDS.search(window):
        return None
    if re.search(r"\b(hari ini|today|tonight|malam ini)\b", window):
        return today, today
    if re.search(r"\b(besok|bsk|esok|tomorrow)\b(?!\s*(nya|harinya))", window):
        day = today + dt.timedelta(days=1)
        return day, day
    if re.search(r"\b(lusa|day after tomorrow)\b", window):
        day = today + dt.timedelta(days=2)
        return day, day
    counted = _COUNT_AHEAD.search(window)
    if counted:
        groups = [g for g in counted.groups() if g]
        number, unit = groups[0], groups[1]
        count = int(number) if number.isdigit() else when._COUNT.get(number)
        if count is None or count > 366:
            return None
        day = today + dt.timedelta(days=count * when._DAYS[unit]) if unit in when._DAYS else \
            _months_ahead(today, count * when._MONTHS_IN[unit])
        return day, day
    if _NEXT_WEEK.search(window):
        monday = today + dt.timedelta(days=7 - today.weekday())
        return monday, monday + dt.timedelta(days=6)
    if _NEXT_MONTH.search(window):
        first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    written = _written(window, today, lang)
    if written is not None:
        return written, written
    named = _WEEKDAY.search(window)
    if named and not (named.group("day") == "minggu" and (named.group("before") or "").strip()
                      not in ("hari",)):
        weekday = when._WEEKDAYS[named.group("day")]
        ahead = (weekday - today.weekday()) % 7
        if ahead == 0:
            if not ((named.group("after") or "").strip() in ("depan", "mendatang") or
                    (named.group("before") or "").strip() in ("next", "coming")):
                return None          # "on Friday", said on a Friday: today, or next week?
            ahead = 7
        day = today + dt.timedelta(days=ahead)
        return day, day
    numbered = _DAY_OF_MONTH.search(window)
    if numbered:
        day = int(numbered.group(1))
        if today.day <= day <= calendar.monthrange(today.year, today.month)[1]:
            found = today.replace(day=day)
            return found, found
    return None


def _expiries(s: str, today: dt.date, lang: str) -> list[Deadline]:
    found = []
    for subject, match in _runs_out(s):
        rest = match.group("rest")
        if match.group("ends") == "tinggal" and not _COUNT_AHEAD.match(rest.strip()):
            continue             # "ITAS saya tinggal 5 hari lagi", not "tinggal di Tarakan"
        days = resolve(_window(rest), today, lang)
        if days is not None:
            found.append(Deadline(_SUBJECTS[subject], *days))
    return found


def _runs_out(s: str) -> list[tuple[str, re.Match[str]]]:
    """Each permit, visa or passport said to run out ("visa saya habis …"), with the words
    after: not the office's stock ("blanko paspor habis"), not one gone by ("sudah habis"),
    and no other subject or clause between ("paspor saya, tapi visa habis": the visa)."""
    found = []
    for subject in _SUBJECT_AT.finditer(s):
        if _STOCK.search(s[:subject.start()].rstrip()):
            continue
        match = _RUNS_OUT.match(s, subject.end())
        if match is None:
            continue
        mid = match.group("mid").split()
        if set(mid) & _DONE and not set(mid) & _STILL_TO_COME or \
                set(mid) & _CLAUSE or _SUBJECT_AT.search(" ".join(mid)):
            continue
        found.append((subject.group(1), match))
    return found


def _journeys(s: str, today: dt.date, lang: str) -> list[Deadline]:
    found = []
    for match in _JOURNEY.finditer(s):
        before = s[:match.start()].split()[-2:]
        if set(before) & _DONE and not set(before) & _STILL_TO_COME:
            continue             # "sudah berangkat", "was flying"
        window = _window(s[match.end():])
        if when._GONE.search(window):
            continue
        days = resolve(window, today, lang)
        if days is not None:
            found.append(Deadline("berangkat", *days))
    return found


def read(text: str | None, at: dt.datetime, tz: Any, lang: str = "id") -> Deadline | None:
    """The earliest deadline of the person's own the text states, resolved against `at` in
    `tz`; None when it states none (or only ones gone by, or unclear)."""
    today = _today(at, tz)
    found = []
    for clause in _clauses(text or ""):
        found += _expiries(clause, today, lang) + _journeys(clause, today, lang)
    found = [d for d in found if d.first >= today and d.last - today <= FURTHEST]
    return min(found, key=lambda d: (d.first, d.last)) if found else None


def mentions(text: str | None) -> bool:
    """The words speak of a permit, visa or passport running out, or of a journey, dated or
    not ("visa saya habis", "my flight"): what an urgent plea after filing is about."""
    for clause in _clauses(text or ""):
        if _runs_out(clause):
            return True
        if _JOURNEY.search(clause):
            return True
    return False


def of_complaint(config: "OfficeConfig", complaint: "Complaint") -> Deadline | None:
    """The deadline the complaint's story states, as of its filing."""
    return read(complaint.description, complaint.created_at, config.office.tz,
                complaint.language or "id")


def soon(deadline: Deadline | None, at: dt.datetime, tz: Any) -> bool:
    """A deadline close enough to be urgent in itself."""
    return deadline is not None and (deadline.first - _today(at, tz)).days <= URGENT_DAYS


def urgent(turn: "Turn", text: str) -> bool:
    """Pleaded urgency ("URGENT", "tolong segera"), or a deadline of one's own close at hand."""
    return pleads(text) or soon(read(text, turn.now, turn.config.office.tz, turn.lang),
                                turn.now, turn.config.office.tz)


# --- what the complainant is told ----------------------------------------------------------
def said_as(turn: "Turn", deadline: Deadline) -> str:
    """'izin tinggal Anda berakhir pada 10 Des 2026', 'your visa expires around 7–13 Dec
    2026'."""
    when_ = turn.t("deadline.on" if deadline.exact else "deadline.around",
                   date=span(deadline, turn.lang))
    return turn.t(f"deadline.what.{deadline.what}", when=when_)


def contact(turn: "Turn") -> str:
    contacts = turn.config.office.contacts
    return contacts.phone or contacts.whatsapp


def at_filing(turn: "Turn", complaint: "Complaint", reply: Reply) -> Reply:
    """The ticket message, and, when the story states a deadline of the person's own: that the
    officers have been told of it and, when the outcome may come after it, what to do meanwhile
    (the office in its hours, its number, or an officer here). The officers read it in the
    alert (`DeadlineStated`)."""
    stated = of_complaint(turn.config, complaint)
    if stated is None:
        return reply
    turn.events.append(DeadlineStated(complaint.id, stated))
    note = turn.t("deadline.filed", deadline=said_as(turn, stated))
    by = outcome_due(turn.config, turn.services.hours, complaint.created_at)
    outcome = by.astimezone(turn.config.office.tz).date()
    if stated.first < outcome:
        note += "\n" + turn.t("deadline.filed.before", noun=NOUN[stated.what][turn.lang == "en"],
                              hours=hours_text(turn), contact=contact(turn))
    # before the last paragraph ("Cek status kapan saja"), which stays the last word
    head, gap, last = reply.text.rpartition("\n\n")
    text = f"{head}\n\n{note}\n\n{last}" if gap else f"{reply.text}\n\n{note}"
    return replace(reply, text=text)
