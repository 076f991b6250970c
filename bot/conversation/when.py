"""When it happened, in the person's words: 'kmrn pagi jam 10an', '12 Nov', '3 hari lalu'."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from bot.conversation.understand import said

SHORT_MONTHS = {"id": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                       "Nov", "Des"],
                "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                       "Nov", "Dec"]}
_MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "pebruari": 2,
    "february": 2, "maret": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7, "agustus": 8, "agu": 8,
    "agt": 8, "ags": 8, "aug": 8, "august": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10, "november": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
_WEEKDAYS = {"senin": 0, "monday": 0, "selasa": 1, "tuesday": 1, "rabu": 2, "wednesday": 2,
             "kamis": 3, "thursday": 3, "jumat": 4, "jum at": 4, "friday": 4, "sabtu": 5,
             "saturday": 5, "minggu": 6, "ahad": 6, "sunday": 6}
TODAY = {"hari ini", "today", "tadi", "td", "barusan", "baru saja", "tadi pagi", "td pagi",
         "tadi siang", "td siang", "tadi sore", "td sore", "pagi ini", "siang ini", "sore ini",
         "this morning", "this afternoon", "just now", "earlier today", "tonight", "malam ini",
         "pagi tadi", "petang tadi", "tadi petang", "hari ni"}      # Malay
YESTERDAY = {"kemarin", "kemaren", "kmrn", "kmren", "kmarin", "kmren", "kemarin pagi",
             "yesterday", "semalam", "tadi malam", "td malam", "last night",
             "kelmarin", "kelmarin petang", "malam tadi"}           # Malay, as Tawau writes
UNSURE = {"lupa", "tidak ingat", "ga ingat", "gak ingat", "gk ingat", "nggak ingat",
          "tak ingat", "tak tahu", "tak pasti",
          "tidak tahu", "gatau", "ga tau", "gak tau", "nggak tau", "ngga tau", "gk tau",
          "tdk tau", "tidak tau", "ndak tau", "gak tahu", "nggak tahu", "ga tahu", "entah",
          "lama", "sudah lama", "udah lama", "not sure",
          "don t remember", "i don t remember", "dont remember", "a while ago", "long ago"}
LAST_WEEK = {"minggu lalu", "minggu kemarin", "minggu kemaren", "minggu kmrn", "minggu yang lalu",
             "minggu yg lalu", "pekan lalu", "pekan kemarin", "last week",
             "minggu lepas"}                          # Malay (Tawau, Nunukan): "last week"
# Feasts, holidays and seasons: "kemarin" or "tadi" after them names the last one, not a day.
EVENTS = {"lebaran", "idul fitri", "idulfitri", "idul adha", "iduladha", "natal", "tahun baru",
          "imlek", "nyepi", "waisak", "liburan", "libur", "puasa", "bulan puasa", "ramadhan",
          "ramadan", "mudik", "pemilu", "pilkada", "christmas", "new year", "eid", "holiday",
          "holidays", "hari raya"}
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
# "2026-12-08", "2026/11/28": year, month, day (as forms and phones write dates)
_ISO = re.compile(r"\b(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})\b")
_NUMERIC = re.compile(r"(?<!\d[/.\-])\b(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([a-z]+)(?:\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(r"\b([a-z]+)\s+(\d{1,2})(?:\s+(\d{4}))?\b")
# A count of units: "3", "se" ("seminggu", "sebulan"), "dua", "a", "two".
_COUNTED = (r"(\d{1,2}|se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|"
            r"a|an|one|two|three|four|five|six|seven|eight|nine|ten)")
_UNIT = (r"(hari|hr|day|days|minggu|mgg|pekan|week|weeks|bulan|bln|month|months|tahun|thn|"
         r"year|years)")
# "3 hari lalu", "seminggu yang lalu", "2 bulan lalu", "a month ago": that far back.
_AGO = re.compile(rf"\b{_COUNTED}\s*{_UNIT}\s*(yang\s+|yg\s+)?(lalu|kemarin|ago)\b")
# "tgl 3 bln lalu", "tanggal 3 bulan kemarin", "tgl 3 bulan yang lalu": a day of last month
# (the number is the date, not a count of months).
_DAY_OF_LAST_MONTH = re.compile(r"\b(?:tgl|tanggal)\s*(\d{1,2})\s+(?:bulan|bln)\s+"
                                r"(?:(?:yang|yg)\s+)?(?:lalu|kemarin)\b")
# "udh sebulan", "sudah 3 minggu", "sejak 3 hari", "it's been a month", "for 2 weeks now": the
# time since it happened (or began), said without "lalu"; as far back as "… lalu".
_SINCE = re.compile(rf"\b(sudah|udah|udh|sdh|dah|telah|tlh|sejak|semenjak|dari|been|for|since)"
                    rf"\s+((sekitar|kira kira|kurang lebih|hampir|lebih dari|about|around|"
                    rf"almost|over|nearly|more than)\s+)?{_COUNTED}\s*{_UNIT}\b")
_COUNT = {"se": 1, "satu": 1, "a": 1, "an": 1, "one": 1, "dua": 2, "two": 2, "tiga": 3,
          "three": 3, "empat": 4, "four": 4, "lima": 5, "five": 5, "enam": 6, "six": 6,
          "tujuh": 7, "seven": 7, "delapan": 8, "eight": 8, "sembilan": 9, "nine": 9,
          "sepuluh": 10, "ten": 10}
_DAYS = {"hari": 1, "hr": 1, "day": 1, "days": 1, "minggu": 7, "mgg": 7, "pekan": 7, "week": 7,
         "weeks": 7}
_MONTHS_IN = {"bulan": 1, "bln": 1, "month": 1, "months": 1, "tahun": 12, "thn": 12,
              "year": 12, "years": 12}
# Further back than this, no date is reckoned (what was said is kept as written).
_FURTHEST = dt.timedelta(days=366 * 5)

# Words that say something about when, even without a date: "waktu antri", "pas mau berangkat",
# "awal bulan", "sore", "sejak lebaran", "after the holidays".
_TIME_WORDS = {"hari", "hr", "minggu", "mgg", "pekan", "bulan", "bln", "tahun", "thn", "th",
               "jam", "pukul", "pagi", "siang", "sore", "malam", "subuh", "dini", "petang",
               "lalu", "kemarin", "tadi", "sejak", "semenjak", "tanggal", "tgl", "awal", "akhir",
               "pertengahan", "waktu", "wkt", "saat", "ketika", "pas", "sewaktu", "sebelum",
               "sesudah", "setelah", "habis", "abis", "baru", "barusan", "sekarang", "skrg",
               "day", "days", "week", "weeks", "month", "months", "year", "years", "morning",
               "afternoon", "evening", "night", "noon", "hour", "hours", "ago", "last", "since",
               "when", "while", "during", "before", "after", "early", "late", "mid", "am", "pm",
               "now", "recently", "today", "yesterday", "tomorrow", "besok",
               # a count said with its unit: "udh sebulan", "sudah seminggu", "setahun"
               "sehari", "seminggu", "sepekan", "sebulan", "setahun"}


def names_time(text: str) -> bool:
    """Does the answer to "when did it happen?" say anything about when (a digit, a month, a
    day, a part of the day, a feast, "waktu antri")? "paspor segera diterbitkan" does not."""
    plain = said(text)
    if any(ch.isdigit() for ch in plain):
        return True
    tokens = set(plain.split())
    return bool(tokens & (_TIME_WORDS | set(_MONTHS) | set(_WEEKDAYS))) or any(
        _has(plain, phrases) for phrases in (TODAY, YESTERDAY, UNSURE, LAST_WEEK, EVENTS))


# Who or where, at "when did it happen?": "the man at counter 3", "petugas di loket 3".
_WHO_WHERE = {"loket", "counter", "desk", "meja", "pintu", "door", "gate", "window", "ruang",
              "ruangan", "room", "lantai", "floor", "bagian", "unit", "petugas", "pegawai",
              "staf", "staff", "satpam", "security", "guard", "officer", "officers", "bapak",
              "ibu", "pak", "bu", "mas", "mbak", "man", "woman", "lady", "guy", "orang",
              "kantor", "office", "bandara", "airport", "pelabuhan", "seaport", "parkir",
              "parkiran", "toilet", "cs", "calo", "broker"}
# The number that belongs to a counter, a door or a floor ("loket 3"), which is no time.
_NUMBERED_PLACE = re.compile(r"\b(loket|counter|desk|meja|pintu|door|gate|window|ruang|ruangan|"
                             r"room|lantai|floor|no|nomor|nomer|number)\s*\d+[a-z]?\b")


def names_who_or_where(text: str) -> bool:
    """The answer to "when?" says who or where and nothing of when ("the man at counter 3",
    "satpam di pintu depan"); "tadi pagi di loket 3" names a time."""
    plain = said(text)
    if not set(plain.split()) & _WHO_WHERE:
        return False
    return not names_time(_NUMBERED_PLACE.sub(" ", plain))


# Forms of address and small words said around a time ("tanggal 3 kemarin pak", "kmrn sih
# min"), which add nothing to it.
_AROUND_TIME = {"pak", "bu", "bpk", "bapak", "ibu", "min", "admin", "kak", "mas", "mbak", "ya",
                "sih", "deh", "dong", "kok", "lah", "kah", "nih", "tuh", "kayaknya", "kyknya",
                "sekitar", "kira", "kira2", "mungkin", "about", "around", "maybe", "on", "the",
                "yg", "yang", "itu"}      # "yg kemarin itu": the day of yesterday's


def only_time(text: str) -> bool:
    """Nothing but a time: "10 nov", "kemarin sore", "12/11", "last week", "tanggal 3 kemarin
    pak" (typed at the place question, it answers the question before)."""
    plain = said(text)
    tokens = [t for t in plain.split() if t not in _AROUND_TIME]
    if not tokens or len(tokens) > 4:
        return False
    vocabulary = _TIME_WORDS | set(_MONTHS) | set(_WEEKDAYS) | {
        w for phrases in (TODAY, YESTERDAY, LAST_WEEK) for p in phrases for w in p.split()}
    return all(token in vocabulary or any(ch.isdigit() for ch in token) for token in tokens) \
        and names_time(text)


# What may stand around a bare number at "when?" without saying more: "sekitar 50", "around
# 50", "kira2 50an", "jam 50", "tgl 40", "at 10am".
_ROUGHLY = {"sekitar", "sktr", "skitar", "kira", "kira2", "kurang", "lebih", "kurleb", "kisaran",
            "mungkin", "about", "around", "approximately", "approx", "roughly", "maybe", "like",
            "circa", "an", "ya", "min", "kak", "pak", "bu", "deh", "sih", "kayaknya", "kyknya"}
_CLOCK = {"jam", "pukul", "pkl", "at", "hour", "o", "clock", "oclock"}
_DAY_OF = {"tgl", "tanggal", "tanggalnya", "date", "the", "on"}
_HALF_DAY = {"am", "pm"}
_DAY_PARTS = {"pagi", "siang", "sore", "malam", "morning", "afternoon", "evening", "night"}
_TOKENS = re.compile(r"\d+(?:[.:]\d+)?|[a-z]+")


def implausible_number(text: str, today: dt.date) -> bool:
    """A bare number that is no time, day or date ("around 50", "sekitar 50", "jam 50", "tgl
    40", "50"): to be asked again. "jam 10", "10.30", "around 10am", "5" (a day or an hour),
    "2019" (a year) are plausible; a number with more words ("50 hari lalu") is not bare."""
    tokens = _TOKENS.findall(text.lower())
    numbers = [t for t in tokens if t[0].isdigit()]
    rest = set(tokens) - set(numbers)
    if len(numbers) != 1 or rest - (_ROUGHLY | _CLOCK | _DAY_OF | _HALF_DAY | _DAY_PARTS):
        return False
    number = numbers[0]
    if ":" in number or "." in number:              # "10.30", "jam 9:15": hours and minutes
        hours, minutes = (int(part) for part in re.split(r"[.:]", number))
        return not (hours <= 24 and minutes <= 59) or bool(rest & _DAY_OF)
    value = int(number)
    if rest & _HALF_DAY:
        return not 1 <= value <= 12                 # "10am"; "50pm" is nothing
    if rest & (_CLOCK | _DAY_PARTS):
        return not 0 <= value <= 24                 # "jam 10", "jam 7 pagi"; "jam 50" is nothing
    if rest & _DAY_OF:
        return not 1 <= value <= 31                 # "tgl 3"; "tgl 40" is nothing
    if len(number) == 4:                            # a year ("2019"), or "1030" for 10.30
        return not (1950 <= value <= today.year or (value // 100 <= 24 and value % 100 <= 59))
    return not 1 <= value <= 31                     # a day or an hour; "50" is neither


def _has(text: str, phrases: set[str]) -> bool:
    padded = f" {text} "
    return any(f" {p} " in padded for p in phrases)


def _real(year: int, month: int, day: int, today: dt.date, year_given: bool) -> dt.date | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if date > today and not year_given:
        try:
            date = dt.date(year - 1, month, day)
        except ValueError:
            return None
    return date if date <= today else None


def _year(text: str | None, today: dt.date) -> tuple[int, bool]:
    if not text:
        return today.year, False
    value = int(text)
    return (value + 2000 if value < 100 else value), True


def _back(today: dt.date, count: int, unit: str) -> dt.date | None:
    """`count` units before today: "2 minggu" 14 days, "sebulan" the same day a month back
    (or that month's last day); None when that is implausibly far back."""
    if unit in _DAYS:
        date = today - dt.timedelta(days=count * _DAYS[unit])
    else:
        year, month = divmod(today.year * 12 + today.month - 1 - count * _MONTHS_IN[unit], 12)
        if year < 1:
            return None
        date = dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))
    return date if today - date <= _FURTHEST else None


# Words of a day to come: "besok", "lusa", "Senin depan", "minggu depan", "next Monday", "3 hari
# lagi", "in 2 days". Not "di depan loket" (in front of), nor "besoknya" (the day after, then).
_WEEKDAY_NAMES = r"(senin|selasa|rabu|kamis|jumat|jum at|sabtu|minggu|ahad|monday|tuesday|" \
                 r"wednesday|thursday|friday|saturday|sunday)"
_AHEAD = re.compile(
    rf"\b(besok|bsk|esok|tomorrow|lusa)\b(?!\s*(nya|harinya))|"
    rf"\b({_WEEKDAY_NAMES[1:-1]}|hari|minggu|pekan|bulan|tahun)\s+(depan|mendatang)\b|"
    rf"\b(next|coming|upcoming)\s+({_WEEKDAY_NAMES[1:-1]}|week|month|year)\b|"
    rf"\b{_COUNTED}\s*{_UNIT}\s+(lagi|from now|ke depan)\b|\bin\s+{_COUNTED}\s*{_UNIT}\b")
# Words that put it in the past whatever else is said: "kemarin, disuruh balik besok"
_PAST = re.compile(r"\b(kemarin|kemaren|kmrn|kmarin|kmren|lalu|ago|last|yesterday|tadi|td|"
                   r"semalam|kelmarin)\b")
# A day and month said without a year this many days ahead is this year's, not last year's:
# "8 Des" said on 1 Dec has not come yet (as the officers' desk reads it, bot.desk.incident).
SOON = dt.timedelta(days=31)


def _written(text: str, s: str, today: dt.date) -> tuple[dt.date, bool] | None:
    """(the date written, whether with its year), read as written (no year turned back)."""
    found: tuple[int, int, int, bool] | None = None
    iso, numeric = _ISO.search(text), _NUMERIC.search(text)
    if iso:
        found = (int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), True)
    elif numeric and not re.search(r"\b(jam|jm|pukul|pkl|at)\s*$", text[:numeric.start()],
                                   re.IGNORECASE):       # "jam 10.12" is a time
        year, given = _year(numeric.group(3), today)
        found = (year, int(numeric.group(2)), int(numeric.group(1)), given)
    else:
        for pattern, day_first in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
            for match in pattern.finditer(s):
                day, month = (match.group(1), match.group(2)) if day_first else \
                    (match.group(2), match.group(1))
                if found is None and month in _MONTHS:
                    year, given = _year(match.group(3), today)
                    found = (year, _MONTHS[month], int(day), given)
    if found is None:
        return None
    try:
        return dt.date(*found[:3]), found[3]
    except ValueError:
        return None


# A journey to come and the day it is set for: "mau berangkat umroh tgl 18", "flight saya tanggal
# 20", "jadwal keberangkatan besok", "my flight is on 20 Dec". That day is no day of the incident
# (it stays in the story the officers read). A journey gone by ("mau berangkat kemarin tapi
# ditolak", "berangkat 3 hari lalu") may be the incident itself: not set aside.
_JOURNEY = (r"(berangkat|keberangkatan|brangkat|flight|penerbangan|terbang|pesawat|umroh|umrah|"
            r"haji|jadwal|schedule|depart|departs|departure|departing|leave|leaving|fly|flying|"
            r"travel|trip|perjalanan|mudik)")
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DEPARTURE = re.compile(
    rf"\b{_JOURNEY}\b(?P<between>(?:\s+[a-z]+){{0,4}}?)\s+(?:(?:pada|on|is|tgl|tanggal|"
    rf"tanggalnya|date|hari|day|nanti|rencana|rencananya|scheduled|for|the)\s+)*"
    rf"(?P<day>\d{{1,2}}[/.\-\s]\d{{1,2}}(?:[/.\-\s]\d{{2,4}})?|"
    rf"\d{{1,2}}(?:\s+(?:{_MONTH_NAMES}))?(?:\s+\d{{4}})?|(?:{_MONTH_NAMES})\s+\d{{1,2}}|"
    rf"besok|lusa|tomorrow|(?:minggu|bulan|pekan) depan|next (?:week|month)|"
    rf"{_WEEKDAY_NAMES}(?:\s+depan)?)\b")
# Words that put the journey ahead ("mau berangkat", "will fly"), or behind.
_GOING = re.compile(r"\b(mau|akan|mo|hendak|rencana|rencananya|ingin|pengen|will|going to|"
                    r"gonna|is|are|jadwal|jadwalnya)\s+(\w+\s+)?$")
_GONE = re.compile(r"\b(lalu|kemarin|kemaren|kmrn|tadi|td|ago|last|yesterday|sudah|udah|udh|"
                   r"sdh|telah|tlh|was|were)\b")


def _departures(s: str, today: dt.date) -> list[re.Match[str]]:
    """The journeys to come named in `s` (as `said` reads it), with their days."""
    found = []
    for match in _DEPARTURE.finditer(s):
        day = re.sub(r"(?<=\d)\s+(?=\d)", "/", match.group("day"))      # "20 12": 20/12
        if _GONE.search(match.group(0)):
            continue
        ahead = _AHEAD.search(day) is not None or coming(day, today) is not None or (
            day.isdigit() and today.day < int(day) <= 31)
        if ahead or _GOING.search(s[:match.start()]) or \
                _GOING.search(s[:match.start()] + match.group(1) + match.group("between")):
            found.append(match)
    return found


def without_departure(text: str, today: dt.date) -> str:
    """The words of an answer or a story without the day of a journey to come named in them
    ("kemarin, padahal flight saya tgl 20": "kemarin padahal"), as `said` reads them."""
    s = _ORDINAL.sub(r"\1", said(text))
    for match in reversed(_departures(s, today)):
        s = s[:match.start()] + " " + s[match.end():]
    return " ".join(s.split())


def names_departure(text: str, today: dt.date) -> bool:
    """Whether the words name the day of a journey to come ("mau berangkat umroh tgl 18")."""
    return bool(_departures(_ORDINAL.sub(r"\1", said(text)), today))


def coming(text: str, today: dt.date) -> str | None:
    """A day that has not come yet, which no incident already complained of can have: "day"
    ("besok", "Senin depan", "next week", "2026-12-08" said on 1 Dec 2026), "undated" (a day
    and month without a year, days ahead: "8 Des"); None for anything else."""
    s = _ORDINAL.sub(r"\1", said(text))
    s = re.sub(r"\b(\d{1,2}) of ([a-z]+)", r"\1 \2", s)
    if _PAST.search(s):
        return None
    if _AHEAD.search(s):
        return "day"
    written = _written(text, s, today)
    if written is None:
        return None
    date, year_given = written
    if year_given:
        return "day" if date > today else None
    return "undated" if today < date <= today + SOON else None


def parse(text: str, today: dt.date) -> tuple[dt.date | None, str | None]:
    """(the date the text names or None, "today"/"yesterday"/"unsure" or None). A day to come
    ("Senin depan", "besok", a date after today) is no date."""
    # "3rd of November", "November 3rd", "the 21st of Oct": English ordinals, then as "3 nov"
    s = _ORDINAL.sub(r"\1", said(text))
    s = re.sub(r"\b(\d{1,2}) of ([a-z]+)", r"\1 \2", s)
    if _has(s, {"kemarin lusa", "lusa kemarin", "2 hari lalu", "dua hari lalu"}):
        return today - dt.timedelta(days=2), None
    if _AHEAD.search(s) and not _PAST.search(s):
        return None, None       # "Senin depan" is no Monday gone by
    iso = _ISO.search(text)
    if iso:             # "2026-11-08": year, month, day
        return _real(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), today, True), None
    match = _NUMERIC.search(text)
    if match:
        year, given = _year(match.group(3), today)
        return _real(year, int(match.group(2)), int(match.group(1)), today, given), None
    for pattern, day_first in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
        for found in pattern.finditer(s):
            day, month = (found.group(1), found.group(2)) if day_first else \
                (found.group(2), found.group(1))
            if month in _MONTHS:
                year, given = _year(found.group(3), today)
                return _real(year, _MONTHS[month], int(day), today, given), None
    of_last_month = _DAY_OF_LAST_MONTH.search(s)
    if of_last_month:   # "tgl 3 bln lalu": the 3rd of last month, not three months ago
        last = today.replace(day=1) - dt.timedelta(days=1)
        return _real(last.year, last.month, int(of_last_month.group(1)), today, True), None
    back = _AGO.search(s)
    since = None if back else _SINCE.search(s)
    if back or since:
        count, unit = (back.group(1), back.group(2)) if back else (since.group(4), since.group(5))
        return _back(today, int(count) if count.isdigit() else _COUNT[count], unit), None
    for name, weekday in _WEEKDAYS.items():
        # "minggu" is also "week" ("3 minggu"): only "hari minggu", or the word alone
        forms = {f"hari {name}", f"last {name}"} | ({name} if name != "minggu" or s == name
                                                   else set())
        if _has(s, forms):
            if _has(s, LAST_WEEK):      # "selasa minggu lalu": that day of last week
                monday = today - dt.timedelta(days=today.weekday())
                return monday - dt.timedelta(days=7 - weekday), None
            back = (today.weekday() - weekday) % 7
            if back == 0 and _has(s, {f"last {name}", f"{name} lalu", f"{name} kemarin"}):
                back = 7                # "last tuesday", said on a Tuesday
            return today - dt.timedelta(days=back), None
    tanggal = re.search(r"\b(?:tgl|tanggal|tanggalnya|date)\s*(\d{1,2})\b", s)
    if tanggal:     # "tgl 28 kemarin": the 28th, lately (not yesterday)
        day = int(tanggal.group(1))
        date = _real(today.year, today.month, day, today, True)
        if date is None:
            last = today.replace(day=1) - dt.timedelta(days=1)
            date = _real(last.year, last.month, day, today, True)
        return date, None
    if _has(s, EVENTS):     # "lebaran kemarin" is the last Eid, not yesterday: kept as said
        return None, None
    if _has(s, YESTERDAY):
        return today - dt.timedelta(days=1), "yesterday"
    if _has(s, TODAY):
        return today, "today"
    if _has(s, UNSURE):
        return None, "unsure"
    return None, None


def both_ways(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """'11/03': (11 March, 3 November) when both readings are real, past dates; else None.
    Indonesians and Malaysians write day/month, Filipinos and Americans month/day."""
    match = _NUMERIC.search(text)
    if not match or _ISO.search(text):
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first == second or first > 12 or second > 12:
        return None
    year, given = _year(match.group(3), today)
    day_month = _real(year, second, first, today, given)
    month_day = _real(year, first, second, today, given)
    return (day_month, month_day) if day_month and month_day else None


def short_date(date: dt.date, lang: str) -> str:
    """'1 Des 2026' / '1 Dec 2026': unambiguous for everyone."""
    months = SHORT_MONTHS["en" if lang == "en" else "id"]
    return f"{date.day} {months[date.month - 1]} {date.year}"
