"""Exports a spreadsheet cannot be tricked by: every CSV cell quoted, formulas neutralised at
the start of a cell and after a separator inside it (full-width forms too); XLSX cells strings."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from bot.config import load_office_config
from bot.paperwork.cells import neutralise
from bot.paperwork.exports import REGISTER_HEADER, register_csv, register_xlsx
from bot.paperwork.recap import Labels, RegisterRow

WITA = dt.timezone(dt.timedelta(hours=8))
HOSTILE = ["=1+1", "+62812", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "＋1", "－1", "＠A1",
           "  =HYPERLINK(\"http://x\")", "bagus;=1+1;", "ok,+cmd|' /C calc'!A0", "a|@b",
           "baris\n=1+1", "biasa saja", "", "'=sudah aman"]
# A cell that a spreadsheet would run: =, +, -, @ (or full-width), possibly after spaces.
DANGER = re.compile(r"^[ \u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20\t\r]")


@pytest.mark.parametrize(("text", "safe"), [
    ("=1+1", "'=1+1"), ("＝1+1", "'＝1+1"), ("  =1", "  '=1"), ("\t=1", "'\t'=1"),
    ("bagus;=1+1;", "bagus;'=1+1;"), ("a, -b", "a, '-b"), ("x|@y", "x|'@y"),
    ("baris\n+1", "baris\n'+1"), ("biasa - saja", "biasa - saja"), ("08:00-16:00", "08:00-16:00"),
])
def test_neutralise(text, safe):
    assert neutralise(text) == safe


def rows() -> list[RegisterRow]:
    received = dt.datetime(2027, 3, 1, 9, 0, tzinfo=WITA)
    return [RegisterRow(ticket=f"TRK-2222-33{i:02d}", received_at=received, channel="whatsapp",
                        type="paspor", section=None, stage="received", rating=3,
                        rating_comment=text, summary=text, external_id=text, reporter=text)
            for i, text in enumerate(HOSTILE)]


def cells_split_any_way(data: bytes, delimiter: str = ",") -> list[str]:
    """Every cell of the file read with the separator it was written with, and read again the
    way a spreadsheet of another locale might split those cells (on ; , | or a tab)."""
    text = data.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    pieces = [piece for cell in cells for piece in re.split(r"[;,|\t\r\n]", cell)]
    return cells + pieces


def every_field_quoted(text: str, delimiter: str) -> bool:
    """Each field opens and closes a quote, followed by the delimiter or a line end."""
    i, n = 0, len(text)
    while i < n:
        if text[i] != '"':
            return False
        i += 1
        while True:                         # to the closing quote ('""' is an escaped quote)
            j = text.index('"', i)
            if text[j + 1:j + 2] == '"':
                i = j + 2
                continue
            i = j + 1
            break
        if text[i:i + 1] == delimiter:
            i += 1
        elif text[i:i + 2] == "\r\n":
            i += 2
        elif i != n:
            return False
    return True


def test_every_csv_cell_is_quoted_and_no_piece_starts_a_formula():
    labels = Labels.from_config(load_office_config())
    data = register_csv(rows(), labels)
    text = data.decode("utf-8-sig")
    assert text.startswith('"No","Nomor Tiket"') and '\r\n"1","TRK-' in text
    assert every_field_quoted(text, ",")
    dangerous = [c for c in cells_split_any_way(data) if DANGER.match(c)]
    assert dangerous == []
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    reporter = parsed[0].index("Pelapor")
    assert [row[reporter] for row in parsed[1:4]] == ["'=1+1", "'+62812", "'-2+3"]
    assert parsed[1 + HOSTILE.index("biasa saja")][reporter] == "biasa saja"   # left alone


def test_a_semicolon_csv_is_safe_too():
    labels = Labels.from_config(load_office_config())
    data = register_csv(rows(), labels, delimiter=";")
    assert every_field_quoted(data.decode("utf-8-sig"), ";")
    assert [c for c in cells_split_any_way(data, ";") if DANGER.match(c)] == []


def test_xlsx_cells_are_strings_never_formulas():
    labels = Labels.from_config(load_office_config())
    book = load_workbook(io.BytesIO(register_xlsx(rows(), labels)))
    sheet = book["Register"]
    reporter = [c.value for c in sheet[1]].index("Pelapor") + 1
    cells = [sheet.cell(row=r, column=reporter) for r in range(2, sheet.max_row + 1)]
    assert all(c.data_type == "s" for c in cells if c.value)
    assert cells[0].value == "=1+1" and cells[6].value == "＝1+1"       # kept as typed, as text
    assert len(REGISTER_HEADER) == sheet.max_column
