"""A neutral layout of an official letter (blocks), rendered to DOCX and PDF alike."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.dates import MONTHS, tanggal  # noqa: F401  (tanggal: the letters' date, re-exported)

BULAN = tuple(MONTHS["id"])
ZONE_LABEL = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA",
              "Asia/Jayapura": "WIT"}
# The audit trail's wording of each SOP stage and role.
STAGE_LABEL = {
    "received": "Pengaduan diterima", "reported_to_kasi": "Dilaporkan kepada Kasi Tikkim",
    "reviewed": "Ditelaah, arahan diberikan", "examined": "Diperiksa seksi terkait (BAP)",
    "followed_up": "Hasil pemeriksaan ditindaklanjuti", "report_drafted": "Laporan disusun",
    "initialed": "Diparaf Kasi Tikkim", "signed": "Ditandatangani Kepala Kantor",
    "reported": "Dilaporkan kepada Kanwil dan pelapor", "archived": "Diinventarisasi",
}
ROLE_LABEL = {"petugas": "Petugas", "penyusun_laporan": "Penyusun Laporan",
              "kasi_tikkim": "Kasi Tikkim", "kepala_kantor": "Kepala Kantor",
              "seksi": "Seksi Terkait", "system": "Sistem", "complainant": "Pelapor"}
# Step 3 (SOP: Kasi Tikkim consults the head of office): the trail says who reviewed it and
# whether and when the head of office was told, never a joint review that left no trace. The
# step's note carries one of these parts (bot.desk.approvals.consult_head); `review_label`
# turns it into the audit trail's "Tahap".
REVIEW_TOLD = "Penelaahan disampaikan kepada"      # + " Kepala Kantor (Nama, pesan pribadi)"
REVIEW_UNTOLD = "Penelaahan belum dapat disampaikan kepada"   # + " Kepala Kantor: why"
REVIEW_PARTS = (REVIEW_TOLD, REVIEW_UNTOLD)


def review_parts(note: str | None) -> tuple[str | None, bool]:
    """(whom, told) from a step-3 note: ("Kepala Kantor", True) when the review was sent to
    him, ("Kepala Kantor", False) when it could not be; (None, False) for a note without it
    (recorded before step 3 told anyone)."""
    for part in (note or "").split(" \u2014 "):
        for prefix, told in ((REVIEW_TOLD, True), (REVIEW_UNTOLD, False)):
            if part.startswith(prefix + " "):
                whom = re.split(r"[(:]", part[len(prefix) + 1:], maxsplit=1)[0].strip()
                return whom, told
    return None, False


def review_label(role: str, note: str | None, told_at: str | None) -> str:
    """The audit trail's "Tahap" of step 3, as it happened: "Ditelaah Kasi Tikkim;
    disampaikan kepada Kepala Kantor pukul 10.12 WITA" (`told_at`: the time, or None where
    the file shows dates only); "Ditelaah Kasi Tikkim; belum disampaikan kepada Kepala
    Kantor"; "Ditelaah Kepala Kantor (menggantikan Kasi Tikkim)" when he did it himself."""
    if role != "kasi_tikkim":
        return f"Ditelaah {ROLE_LABEL.get(role, role)} (menggantikan Kasi Tikkim)"
    whom, told = review_parts(note)
    if whom is None:
        return "Ditelaah Kasi Tikkim"
    if not told:
        return f"Ditelaah Kasi Tikkim; belum disampaikan kepada {whom}"
    return f"Ditelaah Kasi Tikkim; disampaikan kepada {whom}" + (f" {told_at}" if told_at
                                                                   else "")


# Characters XML 1.0 (hence DOCX and reportlab) cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without characters XML cannot hold; line breaks normalised to \\n."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def split_balanced(text: str) -> str:
    """`text` in two lines of nearly equal length, broken at the space nearest the middle."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(len(text) - 2 * i))
    return text[:cut] + "\n" + text[cut + 1:]


def waktu(moment: dt.datetime, zone: str) -> str:
    """A moment in the office's zone: 7 Maret 2027 pukul 10.15 WITA."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{tanggal(local.date())} pukul {local:%H.%M} {ZONE_LABEL.get(zone, zone)}"


@dataclass(frozen=True)
class Letterhead:
    """The kop surat: the hierarchy lines, the office, its address and contacts."""

    lines: tuple[str, ...]
    office: str
    address: str
    contacts: tuple[str, ...]


@dataclass(frozen=True)
class Para:
    """A paragraph; `text` may hold line breaks."""

    text: str
    align: str = "justify"      # left | center | right | justify
    bold: bool = False
    size: float = 11
    space_before: float = 0
    indent: float = 0           # first-line indent in points
    keep_with_next: bool = False


@dataclass(frozen=True)
class Fields:
    """Label : value lines without borders (Nomor, Sifat, Hal; or the complaint's data)."""

    rows: tuple[tuple[str, str], ...]
    label_width: float = 0.3    # share of the text width
    indent: float = 0           # left indent in points


@dataclass(frozen=True)
class Grid:
    """A bordered table with a header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]   # shares of the text width, summing to 1


@dataclass(frozen=True)
class SignBlock:
    """The signature block: who signs, and whether and when they did (recorded, not drawn)."""

    place_date: str
    position: str               # may hold line breaks: "a.n. Kepala Kantor …\nKepala Seksi …,"
    status: str
    name: str
    nip: str


@dataclass(frozen=True)
class ParafBlock:
    """The initials box: the officer who initialled, and whether and when."""

    position: str
    name: str
    status: str


@dataclass(frozen=True)
class Document:
    """A whole letter: letterhead, body blocks, then initials and signature."""

    title: str
    letterhead: Letterhead
    body: tuple[Para | Fields | Grid, ...]
    sign: SignBlock
    paraf: ParafBlock
    footer: str = ""
    tail: tuple[Para, ...] = ()     # after the signature: Tembusan


def closing_run(body: tuple[Para | Fields | Grid, ...]) -> int:
    """Where the body's closing run starts: its last paragraph and the headings kept with it
    ("VI. PENUTUP"), which go onto the page of the signature (len(body): none, when the body
    ends in a table)."""
    if not body or not isinstance(body[-1], Para):
        return len(body)
    start = len(body) - 1
    while start > 0 and isinstance(body[start - 1], Para) and body[start - 1].keep_with_next:
        start -= 1
    return start
