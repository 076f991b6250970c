"""The register and the monthly recap as CSV, XLSX (Register, Rekap, Waktu) and a PNG chart."""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from bot.channels import CHANNEL_LABELS
from bot.paperwork.blocks import BULAN
from bot.paperwork.cells import neutralise
from bot.paperwork.recap import (
    FOLLOW_UP_LABEL,
    STEP_LABEL,
    VERDICT_LABEL,
    Labels,
    MonthlyRecap,
    RegisterRow,
    entered,
    follow_up_key,
    stage_label,
    timeliness,
)
from bot.paperwork.sheets import write_sheet
from bot.sop.stages import ORDER

# Abbreviations of Indonesia's zones; another zone is named by its offset.
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA",
              "Asia/Jayapura": "WIT"}


def zone_name(zone: str) -> str:
    """'WITA' for Asia/Makassar: the zone the register's times are in, as its headers say."""
    if zone in ZONE_NAMES:
        return ZONE_NAMES[zone]
    offset = dt.datetime(2026, 1, 1, tzinfo=ZoneInfo(zone)).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def register_header(zone: str = "Asia/Makassar") -> tuple[str, ...]:
    """The register's columns; those holding a time name the office's zone ('(WITA)')."""
    z = zone_name(zone)
    return (
        "No", "Nomor Tiket", "Nomor Surat", f"Tanggal Diterima ({z})", "Saluran",
        "Jenis Pengaduan", "Uraian Singkat", "Seksi Terkait", "Tahap",
        f"Batas Langkah Berikutnya ({z})", "Penelaahan kepada Kepala Kantor (langkah 3)",
        f"Penelaahan Disampaikan kepada Kepala Kantor ({z})", "Hasil Pemeriksaan", "Nomor BAP", "Tanggal BAP",
        "Tindak Lanjut", f"Tanggal Selesai ({z})", f"Batas Penyelesaian ({z})",
        "Ketepatan Waktu", "Lapor Kanwil: Tanggal", "Lapor Kanwil: Sarana",
        "Lapor Kanwil: Referensi", "Pesan Hasil kepada Pelapor",
        "Kode Verifikasi (tercetak di laporan bertanda tangan)",
        "SHA-256 Berkas PDF Laporan Bertanda Tangan",
        "Penilaian", "Komentar Penilaian",
        "Sumber Eksternal", "ID Eksternal", "Pelapor",
        *(f"Masuk: {stage_label(stage.value)} ({z})" for stage in ORDER))


REGISTER_HEADER = register_header()
TIME_HEADER = ("Tahap", "Standar (menit layanan)", "Jumlah diukur", "Sesuai standar",
               "Persentase sesuai standar", "Median (menit)", "Maksimum (menit)",
               "Terlambat, masih terbuka")
# Under the Waktu table: what its figures count (a reader sees "5 pengaduan" and "n=4").
TIME_NOTES = (
    "Catatan:",
    "Jumlah diukur = langkah yang sudah selesai, ditambah langkah yang masih terbuka dan sudah "
    "lewat batas (dihitung terlambat); langkah terbuka yang belum jatuh tempo tidak dihitung.",
    "Menit = menit jam layanan kantor: waktu di luar jam layanan, akhir pekan dan hari libur "
    "tidak dihitung, sehingga langkah yang selesai dalam menit yang sama, atau di luar jam "
    "layanan, tercatat 0 menit.")


# A month with no complaint: the recap is still sent, as a nil report.
NIL_NOTE = "Nihil: tidak ada pengaduan yang diterima pada bulan ini"
# The channels a nil report lists at zero: all but the trial channel, no report's business.
NIL_CHANNELS = tuple(key for key in CHANNEL_LABELS if key != "terminal")

# Never why (the officer kept away may be reading: README, "Conflict of interest").
WITHHELD_LABEL = ("Tidak dirinci dalam berkas ini (rincian lengkap pada rekap Kasi Tikkim atau "
                  "Kepala Kantor di chat pribadi)")


def month_title(recap: MonthlyRecap) -> str:
    return f"{BULAN[recap.month - 1]} {recap.year}"


def _clean(value: str) -> str:
    """Text without the control characters a workbook cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _text(value: str) -> str:
    """Untrusted text for CSV: clean, and an apostrophe wherever a spreadsheet could start a
    formula (bot/paperwork/cells.py)."""
    return neutralise(_clean(value))


def _local(moment: dt.datetime | None, zone: str) -> dt.datetime | None:
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None) if moment else None


def _day(moment: dt.datetime | None, zone: str) -> dt.date | None:
    """The local date alone: a concealed row's moments (the minute a complaint came in, or
    the step done just after it, points at who wrote)."""
    return moment.astimezone(ZoneInfo(zone)).date() if moment else None


def register_rows(rows: Iterable[RegisterRow], labels: Labels,
                  zone: str = "Asia/Makassar") -> list[list[Any]]:
    """The register as table rows (local naive datetimes, labels in Indonesian). In a file
    with a concealed row (its moments cut to the date) the rows go by day, then by ticket
    (random): in the order of filing, a concealed row between two named rows with their minute
    would bracket the minute its own date hides."""
    rows = list(rows)
    if any(row.concealed for row in rows):
        rows.sort(key=lambda row: (_day(row.received_at, zone) or dt.date.min, row.ticket))
    table = []
    for number, row in enumerate(rows, start=1):
        times = entered(row)
        at = _day if row.concealed else _local
        table.append([
            number, row.ticket, row.letter_number, at(row.received_at, zone),
            labels.channel(row.channel), labels.type(row.type), row.summary,
            labels.section(row.section), stage_label(row.stage), at(row.next_due, zone),
            row.head_told, at(row.head_told_at, zone), VERDICT_LABEL[row.verdict or "pending"], row.bap_number, row.bap_date,
            _follow_up(row),
            at(row.finished_at, zone), at(row.outcome_due, zone), timeliness(row),
            row.kanwil_reported_on, row.kanwil_means,
            row.kanwil_reference, row.outcome_message, row.verification_code,
            row.signed_sha256, row.rating,
            row.rating_comment,
            row.external_source, row.external_id, row.reporter,
            *(at(times.get(stage.value), zone) for stage in ORDER)])
    return table


def _follow_up(row: RegisterRow) -> str:
    """The register's follow-up: the SOP's words, or (a report about foreigners, a complaint
    no staff member is at fault in) what the documents and the complainant's message say; the
    recap counts the same categories."""
    return FOLLOW_UP_LABEL[follow_up_key(row.verdict, row.follow_up, row.type)]


def recap_rows(recap: MonthlyRecap, labels: Labels) -> list[tuple[str, str, str, Any]]:
    """The recap as (part, key, label, value) lines: one shape for CSV and the Rekap sheet,
    which carry the part, the label and the value (the key is for code, not for the Kanwil)."""
    lines: list[tuple[str, str, str, Any]] = [
        ("Ringkasan", "bulan", "Bulan", month_title(recap)),
        *([("Ringkasan", "nihil", "Keterangan", NIL_NOTE)] if recap.nil else []),
        ("Ringkasan", "total", "Jumlah pengaduan", recap.total),
        ("Ringkasan", "selesai", "Selesai ditangani", recap.finished),
        ("Ringkasan", "proses", "Masih diproses", recap.in_progress),
        ("Ringkasan", "terlambat", "Terlambat (lewat batas waktu)", len(recap.late))]
    if recap.withdrawn:     # closed at the complainant's request: not in progress, not late
        lines.append(("Ringkasan", "dicabut", "Dicabut atas permintaan pelapor",
                      recap.withdrawn))
    if recap.withheld:      # in the total only: honest, and nothing to tell them apart by
        lines.append(("Ringkasan", "tidak_dirinci", WITHHELD_LABEL, recap.withheld))
    lines += [("Jenis", k, labels.type(k), n) for k, n in _or_zeros(recap, recap.by_type,
                                                                     labels.types).items()]
    lines += [("Saluran", k, labels.channel(k), n)
              for k, n in _or_zeros(recap, recap.by_channel, NIL_CHANNELS).items()]
    lines += [("Seksi", k, labels.section(k), n) for k, n in _or_zeros(recap, recap.by_section,
                                                                       labels.sections).items()]
    lines += [("Hasil pemeriksaan", k, VERDICT_LABEL[k], n) for k, n in recap.verdicts.items()]
    lines += [("Tindak lanjut", k, FOLLOW_UP_LABEL[k], n) for k, n in recap.follow_ups.items()]
    lines += [("Standar waktu", "langkah", "Langkah sesuai standar (%)",
               _pct(recap.step_share_within)),
              ("Standar waktu", "pengaduan", "Pengaduan sesuai standar di semua langkah (%)",
               _pct(recap.complaint_share_within))]
    lines += [("Penilaian", "jumlah", "Jumlah penilaian", recap.rating_count),
              ("Penilaian", "rata_rata", "Rata-rata (1-5)",
               round(recap.rating_average, 2) if recap.rating_average is not None else None)]
    lines += [("Penilaian", str(n), f"Bintang {n}", c)
              for n, c in recap.rating_distribution.items()]
    return lines


def _or_zeros(recap: MonthlyRecap, counts: dict[str, int],
              keys: Iterable[str]) -> dict[str, int]:
    """A part's counts; in a nil report every type, channel or section at zero, so that the
    Kanwil reads the month in the same lines as any other."""
    return dict.fromkeys(keys, 0) if recap.nil else counts


def time_rows(recap: MonthlyRecap) -> list[list[Any]]:
    return [[STEP_LABEL.get(s.stage, s.stage), s.standard_minutes, s.count, s.within,
             _pct(s.share_within), _round(s.median_minutes), _round(s.max_minutes),
             s.overdue_open]
            for s in recap.steps]


def _pct(share: float | None) -> float | None:
    return round(share * 100, 1) if share is not None else None


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n",
                        quoting=csv.QUOTE_ALL)   # every cell quoted, numbers too
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _text(v) if isinstance(v, str)
                         else f"{v:%Y-%m-%d %H:%M}" if isinstance(v, dt.datetime)
                         else v.isoformat() if isinstance(v, dt.date) else v
                         for v in row])
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def register_csv(rows: Iterable[RegisterRow], labels: Labels, zone: str = "Asia/Makassar",
                 delimiter: str = ",") -> bytes:
    """The register (inventory) as CSV, UTF-8 with BOM."""
    return _csv(register_header(zone), register_rows(rows, labels, zone), delimiter)


RECAP_HEADER = ("Bagian", "Uraian", "Nilai")


def _recap_table(recap: MonthlyRecap, labels: Labels) -> list[tuple[str, str, Any]]:
    """The recap's lines as the files show them: part, label, value (no internal keys)."""
    return [(part, label, value) for part, _, label, value in recap_rows(recap, labels)]


def recap_csv(recap: MonthlyRecap, labels: Labels, delimiter: str = ",") -> bytes:
    """The recap as CSV lines: bagian, uraian, nilai."""
    return _csv(RECAP_HEADER, _recap_table(recap, labels), delimiter)


def _cleaned(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """Rows for a workbook: text without the control characters it cannot hold."""
    return [[_clean(v) if isinstance(v, str) else v for v in row] for row in rows]


def recap_xlsx(recap: MonthlyRecap, labels: Labels, zone: str = "Asia/Makassar") -> bytes:
    """The month as a workbook: Register, Rekap and Waktu sheets."""
    book = Workbook()
    write_sheet(book, "Register", register_header(zone),
                _cleaned(register_rows(recap.rows, labels, zone)), first=True)
    write_sheet(book, "Rekap", RECAP_HEADER, _cleaned(_recap_table(recap, labels)))
    write_sheet(book, "Waktu", TIME_HEADER, time_rows(recap), notes=TIME_NOTES)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def register_xlsx(rows: Iterable[RegisterRow], labels: Labels,
                  zone: str = "Asia/Makassar") -> bytes:
    """The register (inventory) alone as a workbook with one Register sheet."""
    book = Workbook()
    write_sheet(book, "Register", register_header(zone),
                _cleaned(register_rows(rows, labels, zone)), first=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def recap_chart_png(recap: MonthlyRecap, labels: Labels, office: str = "",
                    target: float = 0.8) -> bytes:
    """Bars of the month's complaints by type, and of each step's share within its standard."""
    out = io.BytesIO()
    recap_chart(recap, labels, office, target).savefig(out, format="png")
    return out.getvalue()


def recap_chart(recap: MonthlyRecap, labels: Labels, office: str = "",
                target: float = 0.8) -> Figure:
    """The recap chart as a matplotlib figure (both panels horizontal: labels never collide)."""
    figure = Figure(figsize=(12, 5.5), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    by_type, share = figure.subplots(1, 2, width_ratios=(1, 1))
    title = f"Rekap Pengaduan Masyarakat {month_title(recap)}"
    figure.suptitle(f"{title} - {office}" if office else title, fontsize=13, fontweight="bold")
    types = _or_zeros(recap, recap.by_type, labels.types)
    names = [labels.type(k) for k in types][::-1]
    counts = list(types.values())[::-1]
    by_type.barh(names or ["(tidak ada pengaduan)"], counts or [0], color="#1f4e79")
    for y, n in enumerate(counts):
        by_type.text(n, y, f" {n}", va="center", fontsize=9)
    hidden = f"; {recap.withheld} tidak dirinci" if recap.withheld else ""
    by_type.set_title(f"{NIL_NOTE} (total 0)" if recap.nil else
                      f"Jumlah pengaduan per jenis (total {recap.total}{hidden})", fontsize=11)
    by_type.set_xlabel("Jumlah pengaduan")
    by_type.xaxis.set_major_locator(MaxNLocator(integer=True))
    by_type.set_xlim(0, max(max(counts, default=0) * 1.12 + 0.5, 1))   # nil: whole ticks
    by_type.tick_params(axis="y", labelsize=9)
    # Steps as horizontal bars: their names sit on the y axis, one per row, never overlapping.
    measured = [s for s in recap.steps if s.count][::-1]
    steps = [STEP_LABEL.get(s.stage, s.stage) for s in measured]
    values = [(s.share_within or 0) * 100 for s in measured]
    share.barh(steps or ["(tidak ada pengaduan)" if recap.nil else "(belum ada data)"],
               values or [0],
               color=["#2e7d32" if v >= target * 100 else "#c62828" for v in values] or ["#999999"])
    for y, (v, s) in enumerate(zip(values, measured)):
        late = f"; {s.overdue_open} masih terbuka" if s.overdue_open else ""
        share.text(v + 1.5, y, f"{v:.0f}% (n={s.count}{late})", va="center", fontsize=8,
                   bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    share.axvline(target * 100, color="#555555", linewidth=0.8, linestyle="--",
                  label=f"target {target:.0%}")
    share.legend(loc="lower right", fontsize=8)
    share.set_xlim(0, 160)
    share.set_xticks(range(0, 101, 20))
    share.set_xlabel("% sesuai standar waktu (menit jam layanan)\nn = langkah selesai, atau "
                     "masih terbuka\ndan lewat batas (terlambat)", fontsize=9)
    share.set_title("Langkah SOP sesuai standar waktu (%)", fontsize=11)
    share.tick_params(axis="y", labelsize=9)
    return figure
