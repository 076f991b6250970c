"""A workbook sheet laid out to be read when opened: widths from content, long text wrapped,
dates kept as dates, text never run as a formula."""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

# Column widths in characters, from what the column holds (a spreadsheet opens a file with the
# widths it was given; a long text runs into the next column or is cut).
WIDEST = 60         # a longer text wraps within this width, its row made taller
LONGEST_TOKEN = 70  # an unbroken token (a hash, a letter number) keeps its width up to this
HEADER_WIDTH = 24   # a longer header wraps rather than widening a narrow column
LINE_POINTS = 15    # the height of one line of the default font (Calibri 11)
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


def _shown(value: Any) -> str:
    """A cell's value as the spreadsheet shows it (dates in their number format)."""
    if isinstance(value, dt.datetime):
        return DATETIME_FORMAT
    if isinstance(value, dt.date):
        return DATE_FORMAT
    return "" if value is None else str(value)


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _width(header: str, values: list[Any]) -> int:
    """A column's width: its longest content (capped at WIDEST; a longer text wraps), never
    narrower than its longest unbroken token or header word, nor than a short header."""
    shown = [_shown(v) for v in values]
    content = max((_longest_line(text) for text in shown), default=0)
    token = max((_longest_word(text) for text in shown), default=0)
    return max(min(content, WIDEST), min(token, LONGEST_TOKEN), min(len(header), HEADER_WIDTH),
               _longest_word(header), 8) + 2


def _lines(text: str, width: int) -> int:
    """How many lines `text` takes wrapped in a column `width` characters wide (an estimate
    that errs on the tall side: whole words move to the next line)."""
    room = max(width - 2, 1)
    return sum(max(math.ceil(len(line) / room), 1) for line in text.split("\n"))


def write_sheet(book: Workbook, title: str, header: Sequence[str],
                rows: Iterable[Sequence[Any]], first: bool = False,
                notes: Sequence[str] = ()) -> None:
    """A sheet of `book` with a bold header row, frozen under it; strings are stored as text
    (never a formula), dates as dates, each column as wide as its content (capped), longer
    text wrapped in a row tall enough for it. `notes`: lines under the table, after an empty
    row, in the first column (wrapped like any long text), the first in italics."""
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    table = [list(row) for row in rows]
    notes_from = len(table) + 3 if notes else None     # the sheet row of the first note
    if notes:
        table += [[], *([note] for note in notes)]
    for row in table:
        sheet.append(row)
    widths = [_width(name, [row[i] for row in table if i < len(row)])
              for i, name in enumerate(header)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for cells in sheet.iter_rows():
        lines = 1
        for cell, width in zip(cells, widths):
            if isinstance(cell.value, dt.datetime):
                cell.number_format = DATETIME_FORMAT   # real dates: they sort and filter
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
                if _longest_line(cell.value) > width - 2:
                    cell.alignment = wrap
                    lines = max(lines, _lines(cell.value, width))
                    continue
            cell.alignment = top
        if lines > 1:
            sheet.row_dimensions[cells[0].row].height = lines * LINE_POINTS
    if notes_from is not None:
        sheet.cell(notes_from, 1).font = Font(italic=True)
    sheet.freeze_panes = "A2"
