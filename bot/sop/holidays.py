"""Office closing days: Indonesian public holidays and collective leave, from config and library."""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable

import holidays

from bot.config import Holiday, OfficeConfig
from bot.sop.hours import ServiceHours

# "public": national holidays (hari libur nasional); "government": collective leave (cuti bersama).
LIBRARY_CATEGORIES = ("public", "government")


def library_holidays(years: Iterable[int],
                     categories: Collection[str] = LIBRARY_CATEGORIES) -> dict[dt.date, str]:
    """Indonesian holidays from the `holidays` package, named in Indonesian."""
    found = holidays.country_holidays("ID", years=sorted(set(years)),
                                      categories=tuple(categories), language="id")
    return {day: str(name) for day, name in found.items()}


@functools.lru_cache(maxsize=8)
def _english_names(year: int) -> dict[dt.date, str]:
    found = holidays.country_holidays("ID", years=year, categories=LIBRARY_CATEGORIES,
                                      language="en_US")
    return {day: str(name) for day, name in found.items()}


def holiday_name(day: dt.date, name: str, lang: str) -> str:
    """A closing day's name in the reader's language. config.yml names its days in Indonesian;
    an English reader gets the library's English name for that date (the kept name when the
    library has none)."""
    if lang != "en":
        return name
    return _english_names(day.year).get(day, name)


def office_holidays(config: OfficeConfig, years: Iterable[int], *, use_library: bool = True,
                    not_closed: Collection[dt.date] = ()) -> dict[dt.date, str]:
    """Closing days in `years`: the library's holidays and cuti bersama plus config.yml's.

    config.yml wins on a shared date (its name is kept) and adds what the library lacks;
    `not_closed` removes dates the office stays open on despite the library.
    """
    wanted = set(years)
    merged = library_holidays(wanted) if use_library else {}
    merged.update({h.date: h.name for h in config.holidays if h.date.year in wanted})
    for day in not_closed:
        merged.pop(day, None)
    return dict(sorted(merged.items()))


def with_office_holidays(config: OfficeConfig, years: Iterable[int], *, use_library: bool = True,
                         not_closed: Collection[dt.date] = ()) -> OfficeConfig:
    """A copy of `config` whose `holidays` list is the merged one (feed it to ServiceHours)."""
    wanted = set(years)
    merged = office_holidays(config, wanted, use_library=use_library, not_closed=not_closed)
    listed = [Holiday(date=day, name=name) for day, name in merged.items()]
    kept = [h for h in config.holidays if h.date.year not in wanted]
    return config.model_copy(update={"holidays": sorted(kept + listed, key=lambda h: h.date)})


# (id(config), years) -> (config, hours): building them costs milliseconds (the library
# computes four years of holidays, each a validated model), and a filing read them once per
# held complaint inside the database's write transaction. The config is kept with its hours,
# so an id reused by another config after the first is gone never finds them.
_HOURS: dict[tuple[int, tuple[int, ...]], tuple[OfficeConfig, ServiceHours]] = {}


def office_hours(config: OfficeConfig, years: Iterable[int]) -> ServiceHours:
    """`ServiceHours` of `config` with its holidays merged for `years`, as the composition
    root builds them (`with_office_holidays`), built once per config and years."""
    key = (id(config), tuple(sorted(set(years))))
    found = _HOURS.get(key)
    if found is not None and found[0] is config:
        return found[1]
    hours = ServiceHours(with_office_holidays(config, key[1]))
    if len(_HOURS) >= 64:
        _HOURS.clear()
    _HOURS[key] = (config, hours)
    return hours
