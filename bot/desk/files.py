"""Officer requests answered with files: a complaint's documents, the monthly recap, the register."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Callable

from bot import identity
from bot.dates import MONTHS, tanggal
from bot.desk.privacy import in_group
from bot.desk.privacy import in_view as officer_view
from bot.paperwork.outfiles import OutFile
from bot.paperwork.recap import (ESCALATIONS, STEP_LABEL, VERDICT_LABEL, Clock, Labels,
                                 MonthlyRecap, escalations, monthly_recap, register_row)
from bot.sop.holidays import office_hours
from bot.sop.hours import ServiceHours
from bot.sop.stages import ORDER, WITHDRAWN, WITHDRAWN_LABEL
from bot.sop.workflow import Refused

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from storage.models import Complaint
    from storage.repo import Unit

def _exports():  # type: ignore[no-untyped-def]
    """bot.paperwork.exports, imported on first use (matplotlib and openpyxl are heavy)."""
    from bot.paperwork import exports
    return exports


_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{4})$")                    # 03-2027, 3/2027
_NAMED = re.compile(r"^(?:bulan\s+)?([a-z]+)\.?(?:\s+(\d{4}))?$")     # Maret 2027, mar
_MONTH_NAMES = [(i.lower(), e.lower()) for i, e in zip(MONTHS["id"], MONTHS["en"])]
FIRST_YEAR = 2000   # no register before this; also keeps dates inside datetime's range


def documents(complaint: "Complaint") -> None:
    """Refused before step 6 has given the documents a number."""
    if not complaint.letter_number:
        raise Refused(f"Dokumen {complaint.ticket} belum ada: surat pengantar dan laporan "
                      "disusun pada langkah 6 (Penyusun Laporan).")


def _month_in_words(text: str, today: dt.date) -> tuple[int, int] | None:
    """'2026/11', '11-2026', 'November 2026', 'nov 2026', 'Nov' (the last November up to
    today), 'bulan lalu' -> (year, month), as officers write a month; None when unreadable."""
    folded = " ".join(text.lower().replace(",", " ").split())
    if folded in ("bulan lalu", "bulan kemarin", "last month"):
        return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    if folded in ("bulan ini", "this month"):
        return today.year, today.month
    numeric = _NUMERIC.match(folded)
    if numeric:
        return int(numeric.group(2)), int(numeric.group(1))
    named = _NAMED.match(folded)
    if named is None:
        return None
    word, year = named.group(1), named.group(2)
    month = next((i for i, names in enumerate(_MONTH_NAMES, 1)
                  if word in names or (len(word) >= 3 and any(n.startswith(word)
                                                               for n in names))), None)
    if month is None:
        return None
    if year:
        return int(year), month
    return (today.year, month) if month <= today.month else (today.year - 1, month)


def read_month(args: str, today: dt.date, command: str = "rekap") -> tuple[int, int]:
    """'2027-03' -> (2027, 3); empty -> this month; a month as officers write it ('03-2027',
    'Maret 2027', 'maret') read too; anything else refused with the usage of `command`."""
    text = args.strip().split()[0] if args.strip() else ""
    if not text:
        return today.year, today.month
    match = _MONTH.match(text)
    found = ((int(match.group(1)), int(match.group(2))) if match
             else _month_in_words(args.strip(), today))
    name = "Rekap" if command == "rekap" else "Inventaris"
    if found is None or not 1 <= found[1] <= 12:
        whole = "bulan ini" if command == "rekap" else "semua pengaduan"
        raise Refused(f"Bulan tidak terbaca. Cara pakai: /{command} [TTTT-BB], misalnya "
                      f"/{command} 2027-03 (juga /{command} Maret 2027 atau /{command} "
                      f"03-2027); tanpa bulan: {whole}.")
    year, month = found
    if year < FIRST_YEAR:
        raise Refused(f"{name} tersedia mulai {FIRST_YEAR}-01; {text} terlalu lama. "
                      f"Cara pakai: /{command} [TTTT-BB].")
    if (year, month) > (today.year, today.month):
        raise Refused(f"Bulan {year:04d}-{month:02d} belum berjalan; {name.lower()} tersedia "
                      f"sampai {today.year:04d}-{today.month:02d}.")
    return year, month


def month_range(year: int, month: int, config: "OfficeConfig") -> tuple[dt.datetime, dt.datetime]:
    """The month's start and end as aware datetimes in the office's time zone."""
    tz = config.office.tz
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
    return start, end


Export = Callable[[], tuple[str, list[OutFile]]]
_CHUNK = 900          # complaint ids per exclusions statement (SQLite's old variable limit)


def readable(unit: "Unit", complaints: list["Complaint"],
             reader: identity.Audience) -> tuple[list["Complaint"], int]:
    """The complaints whose rows this reader's file may carry, and how many are withheld.

    An officer kept away from a complaint (it is about him) is refused /lihat, so no file
    hands him its row: its complainant, channel, verdict and follow-up. A file posted to the
    group is read by every member, the officers kept away included, so there every complaint
    someone is kept away from is withheld; they stay in the private files of the others."""
    kept: dict[int, set[str]] = {}
    ids = [c.id for c in complaints]
    for at in range(0, len(ids), _CHUNK):
        kept.update(unit.excluded_officers_of(ids[at:at + _CHUNK]))
    if reader.private and reader.officer_id is not None:
        shown = [c for c in complaints if reader.officer_id not in kept[c.id]]
    else:
        shown = [c for c in complaints if not kept[c.id]]
    return shown, len(complaints) - len(shown)


def in_view(config: "OfficeConfig", complaints: list["Complaint"], reader: identity.Audience,
            now: dt.datetime) -> list["Complaint"]:
    """Only the complaints this reader's lists show now (`bot.desk.privacy.in_view`): in a
    file for the group those it may know of yet (`released`), a held one waiting for its
    alert's slot, neither a row nor counted (not even as withheld); in a private chat those
    and what the reader `sees_early`. A petugas's private /inventaris listed a held complaint
    the minute it was filed, and a leader's an anonymous one before its slot."""
    officer = config.officer(reader.officer_id) if reader.private and reader.officer_id else None
    if officer is None:
        return in_group(config, complaints, now)
    return officer_view(config, officer, True, complaints, now)


def withheld_note(withheld: int, reader: identity.Audience) -> str:
    """The summary's word on rows left out (never why: the officer kept away may be reading)."""
    if not withheld:
        return ""
    if reader.private:
        return (f" {withheld} pengaduan tidak dirinci: Anda tidak memiliki akses ke "
                "pengaduan tersebut.")
    return (f" {withheld} pengaduan tidak dirinci di grup: rinciannya hanya di chat pribadi "
            "dengan bot.")


LISTED_LATE = 5      # late tickets named in the chat; more are counted, the register names all


def _counts(items: dict[str, int], label: Callable[[str], str]) -> str:
    """'SMS 2; Telegram 2' (labels may hold commas: semicolons between them)."""
    return "; ".join(f"{label(key)} {n}" for key, n in items.items() if n) or "-"


def breakdown(figures: MonthlyRecap, labels: Labels) -> list[str]:
    """The recap's counts as short chat lines for a phone: by type, channel, step reached,
    finding, and the late complaints (named when few; a concealed row's lateness is in whole
    hours, as in its register row)."""
    steps = {"received": "Diterima", **STEP_LABEL, WITHDRAWN: WITHDRAWN_LABEL}
    reached: dict[str, int] = {}
    for stage in ORDER:
        reached[stage.value] = sum(r.stage == stage.value for r in figures.rows)
    reached[WITHDRAWN] = figures.withdrawn
    # by ticket (random), never by filing: a concealed row's place among named rows with their
    # minute would bracket the minute it hides (exports.register_rows)
    late = sorted(figures.late, key=lambda r: r.ticket)
    named = "; ".join(f"{r.ticket} ({r.late})" for r in late[:LISTED_LATE])
    more = (f"; dan {len(late) - LISTED_LATE} lainnya (lihat kolom Ketepatan Waktu di sheet "
            "Register)" if len(late) > LISTED_LATE else "")
    return [
        f"Jenis: {_counts(figures.by_type, labels.type)}",
        f"Saluran: {_counts(figures.by_channel, labels.channel)}",
        f"Langkah terakhir: {_counts(reached, lambda k: steps.get(k, k))}",
        f"Hasil pemeriksaan: {_counts(figures.verdicts, lambda k: VERDICT_LABEL[k].lower())}",
        f"Terlambat: {len(late)}" + (f" - {named}{more}" if late else "")]


def _nothing(unit: "Unit", config: "OfficeConfig", end: dt.datetime) -> str:
    """Why a month has no complaints to send: none that month, or none yet at all then."""
    first = unit.first_received()
    if first is None:
        return " Belum ada pengaduan yang tercatat sama sekali."
    if first >= end:
        local = first.astimezone(config.office.tz)
        return (f" Pengaduan pertama tercatat pada {MONTHS['id'][local.month - 1]} "
                f"{local.year}.")
    return ""


def _clock(config: "OfficeConfig", now: dt.datetime, hours: "ServiceHours | None",
           since: int) -> Clock:
    """The rows' deadlines read with the office's hours and holidays (built as the
    composition root builds them when the caller has none at hand)."""
    if hours is None:
        year = now.astimezone(config.office.tz).year
        hours = office_hours(config, range(min(since, year) - 1, year + 2))
    return Clock(config, hours, now)


def _escalated(unit: "Unit", shown: "list[Complaint]", start: dt.datetime | None,
               end: dt.datetime | None) -> dict[int, dict[str, str]]:
    """Per complaint, the highest escalation the deadline sweep told per stage it waited in
    (`recap.escalations`): what the rows' late steps say, read in one query for them all."""
    told: dict[int, list[tuple[str, str]]] = {}
    for complaint_id, key, kind in unit.notices_told(ESCALATIONS, start, end):
        told.setdefault(complaint_id, []).append((key, kind))
    return {c.id: escalations(c.ticket, told.get(c.id, ())) for c in shown}


def recap(unit: "Unit", config: "OfficeConfig", hours: "ServiceHours", args: str,
          now: dt.datetime, reader: identity.Audience = identity.GROUP) -> Export:
    """The month's recap as XLSX and CSV, and its chart as an image; with a short summary
    and its counts in a few lines (a month with no complaint: the same files, as the nil
    report the Kanwil still expects; one whose every complaint is withheld: no files).

    `reader`: where the files go (`identity.chat(officer, private)`); unknown, the group's,
    which withholds and conceals the most. Rows `readable` withholds are counted in the total
    and nowhere else; a sensitive complaint's row is concealed unless the leaders alone read it
    (`register_row`). The register's rows are read now, in the transaction; the figures and
    files are made by the returned function, after it."""
    year, month = read_month(args, now.astimezone(config.office.tz).date())
    start, end = month_range(year, month, config)
    shown, withheld = readable(unit, in_view(config, unit.complaints_received(start, end),
                                             reader, now), reader)
    clock = _clock(config, now, hours, year)
    escalated = _escalated(unit, shown, start, end)
    rows = [register_row(c, config.sensitive_types, leaders=reader.leader, clock=clock,
                         escalated=escalated[c.id]) for c in shown]
    title = f"{MONTHS['id'][month - 1]} {year}"
    if not rows and withheld:   # no row this reader may have: no file to send them
        said = (f"Rekap pengaduan {title}: {withheld} pengaduan; tidak ada berkas yang "
                f"dikirim.{withheld_note(withheld, reader)}")
        return lambda: (said, [])
    nothing = "" if rows else _nothing(unit, config, end)

    def render() -> tuple[str, list[OutFile]]:
        figures = monthly_recap(rows, year, month, hours, config.sop.time_standards_minutes,
                                config.office.timezone, as_of=now, withheld=withheld)
        labels = Labels.from_config(config)
        stem = f"Rekap_Pengaduan_{year}-{month:02d}"
        average = (f"penilaian rata-rata {figures.rating_average:.2f}".replace(".", ",") + " dari "
                   f"{figures.rating_count} penilaian"
                   if figures.rating_average is not None else "belum ada penilaian")
        summary = (f"Rekap pengaduan {title}: nihil, tidak ada pengaduan yang diterima pada "
                   f"bulan ini; berkas rekap nihil terlampir.{nothing}"
                   if figures.nil else "\n".join([
                       f"Rekap pengaduan {title}: {figures.total} pengaduan, "
                       f"{figures.finished} selesai; {average}."
                       f"{withheld_note(withheld, reader)}",
                       *breakdown(figures, labels)]))
        return summary, [
            OutFile(f"{stem}.xlsx", _exports().recap_xlsx(figures, labels, config.office.timezone),
                    f"Rekap {title} (Register, Rekap, Waktu)"),
            OutFile(f"{stem}.csv", _exports().recap_csv(figures, labels), f"Rekap {title} (CSV)"),
            OutFile(f"{stem}.png", _exports().recap_chart_png(figures, labels,
                                                              config.office.short_name),
                    f"Grafik pengaduan {title}", photo=True)]
    return render


def register(unit: "Unit", config: "OfficeConfig", now: dt.datetime,
             reader: identity.Audience = identity.GROUP, args: str = "",
             hours: "ServiceHours | None" = None) -> Export:
    """The register (inventory) of complaints, every channel, as XLSX and CSV: all of it, or
    with a month (`args`, read as /rekap reads one) the complaints received in that month,
    named in the summary, the captions and the file names (rows read now; the files made by
    the returned function, after the transaction). `reader` as for `recap`: withheld rows are
    only counted in the summary. Each row carries its deadlines and whether it is late
    (`hours`: the office's, built from the config when not given); none to list: no files."""
    today = now.astimezone(config.office.tz).date()
    start = end = None
    if args.strip():
        year, month = read_month(args, today, command="inventaris")
        start, end = month_range(year, month, config)
        received = unit.complaints_received(start, end)
        title = f"{MONTHS['id'][month - 1]} {year}"
        scope = f"diterima {title}, per {tanggal(today)}"
        stem = f"Register_Pengaduan_{year}-{month:02d}"
    else:
        received = unit.complaints_received()
        title = ""
        scope = f"per {tanggal(today)}"
        stem = f"Register_Pengaduan_{today.isoformat()}"       # sorts by date
    shown, withheld = readable(unit, in_view(config, received, reader, now), reader)
    since = min((c.created_at.astimezone(config.office.tz).year for c in shown),
                default=today.year)
    clock = _clock(config, now, hours, since)
    escalated = _escalated(unit, shown, start, end)
    rows = [register_row(c, config.sensitive_types, leaders=reader.leader, clock=clock,
                         escalated=escalated[c.id]) for c in shown]
    labels = Labels.from_config(config)
    caption = f"Inventaris pengaduan {title}".rstrip()
    if not rows:            # nothing to put in a file: say so, send none
        said = (f"Inventaris pengaduan {scope}: {withheld} pengaduan; tidak ada berkas yang "
                f"dikirim.{withheld_note(withheld, reader)}" if withheld else
                f"Inventaris pengaduan {scope}: tidak ada pengaduan; tidak ada berkas yang "
                f"dikirim.{_nothing(unit, config, end) if end else ''}")
        return lambda: (said, [])

    def render() -> tuple[str, list[OutFile]]:
        summary = (f"Inventaris pengaduan {scope}: {len(rows) + withheld} "
                   f"pengaduan.{withheld_note(withheld, reader)}")
        return summary, [
            OutFile(f"{stem}.xlsx",
                    _exports().register_xlsx(rows, labels, config.office.timezone),
                    f"{caption} (XLSX)"),
            OutFile(f"{stem}.csv",
                    _exports().register_csv(rows, labels, config.office.timezone),
                    f"{caption} (CSV)")]
    return render
