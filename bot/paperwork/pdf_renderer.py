"""Render a letter's blocks as PDF (reportlab) with embedded TrueType fonts; text escaped."""
from __future__ import annotations

import io
import re
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from bot.paperwork import fonts
from bot.paperwork.blocks import (
    Document,
    Fields,
    Grid,
    Letterhead,
    Para,
    closing_run,
    split_balanced,
    xml_safe,
)

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
MAX_CELL_HEIGHT = 360  # points; a table row taller than a page would not lay out
KEEP_WITH_NEXT_SPACE = 3 * cm  # a heading needs this much room below it, or a new page
TEXT_WIDTH = A4[0] - 5 * cm - 12  # the frame pads 6 pt on each side


def pdf_text(text: str) -> str:
    """`text` as the embedded fonts show it: right-to-left runs shaped and ordered for display,
    emoji and joiners dropped, characters no font has reduced to their base letter or '?'."""
    return fonts.drop_invisible(fonts.visual_rtl(xml_safe(text)), fonts.register())


def markup(text: str, limit: int | None = None) -> str:
    """Paragraph markup for untrusted text: escaped, line breaks kept, CJK in its own font."""
    clean = pdf_text(text)
    if limit and len(clean) > limit:
        clean = clean[:limit].rstrip() + " ... (dipotong; lihat versi DOCX)"
    out = []
    for font, part in fonts.runs(clean, fonts.register()):
        part = escape(part).replace("\n", "<br/>")
        out.append(part if font == fonts.MAIN else f'<font name="{font}">{part}</font>')
    return "".join(out)


def _style(size: float = 11, align: str = "left", bold: bool = False, italic: bool = False,
           indent: float = 0, space_before: float = 0) -> ParagraphStyle:
    fonts.register()
    font = f"{fonts.MAIN}-BoldItalic" if bold and italic else (
        f"{fonts.MAIN}-Bold" if bold else f"{fonts.MAIN}-Italic" if italic else fonts.MAIN)
    return ParagraphStyle("p", fontName=font, fontSize=size, leading=size * 1.3,
                          alignment=ALIGN[align], firstLineIndent=indent,
                          spaceBefore=space_before, splitLongWords=1)


def _p(text: str, **style: object) -> Paragraph:
    limit = style.pop("limit", None)
    return Paragraph(markup(text, limit), _style(**style))  # type: ignore[arg-type]


# Where a token too long for its column (a BAP or letter number, a path) may break: after
# a dash or a slash, else after a dot or other separator, as a reader splits
# "W18.IMI.IMI.3-PW.01.01-0042/XII/2026"; never inside one of its parts if that part fits.
_BREAKS = (re.compile(r"(?<=[/\\\-])(?=.)"), re.compile(r"(?<=[.,:;_])(?=.)"))


def wrap_long_tokens(text: str, font: str, size: float, width: float) -> str:
    """`text` with line breaks where it has a token wider than `width`: lines filled word by
    word, such a token broken after its separators. ReportLab would cut it at whatever
    character reaches the edge (splitLongWords), which splits a number into two wrong ones.
    Text whose every token fits is returned as it is (ReportLab wraps it the same way)."""
    def wide(part: str) -> bool:
        return stringWidth(part, font, size) > width

    if not any(wide(token) for token in text.split()):
        return text
    lines: list[str] = []
    line = ""

    def add(piece: str, space: bool, level: int = 0) -> None:
        nonlocal line
        joined = line + (" " if line and space else "") + piece
        if not line or not wide(joined):
            if not wide(piece) or level == len(_BREAKS):
                line = joined
                return
        if wide(piece) and level < len(_BREAKS):     # too wide even alone: its finer parts
            for index, part in enumerate(_BREAKS[level].split(piece)):
                add(part, space and index == 0, level + 1)
            return
        lines.append(line)
        line = piece

    for paragraph in text.split("\n"):
        for word in paragraph.split():
            add(word, True)
        lines.append(line)
        line = ""
    return "\n".join(lines)


def _cell(text: str, width: float, **style: object) -> Paragraph:
    """A table cell's paragraph, cut (with a note) so that it stays under MAX_CELL_HEIGHT."""
    para_style = _style(**style)  # type: ignore[arg-type]
    inner = width - 12  # default cell padding
    text = wrap_long_tokens(text, para_style.fontName, para_style.fontSize, inner)

    def height(limit: int | None) -> float:
        return Paragraph(markup(text, limit), para_style).wrap(inner, 1e6)[1]

    if height(None) <= MAX_CELL_HEIGHT:
        return Paragraph(markup(text), para_style)
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if height(middle) <= MAX_CELL_HEIGHT else (low, middle - 1)
    return Paragraph(markup(text, max(low, 1)), para_style)


def _table_style(commands: list) -> TableStyle:  # type: ignore[type-arg]
    """A table style whose default font is ours (reportlab's default would add Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.MAIN), *commands])


def fit_size(text: str, font: str, size: float, width: float, smallest: float = 8.5) -> float:
    """The largest size up to `size` (half-point steps) at which `text` fits on one line."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _head_line(text: str, size: float, width: float) -> Paragraph:
    """A bold letterhead line on one line, smaller if need be; else two balanced lines."""
    font = f"{fonts.MAIN}-Bold"
    fitted = fit_size(text, font, size, width)
    if stringWidth(text, font, fitted) > width:
        text = split_balanced(text)
    return _p(text, size=fitted, bold=True, align="center")


def _letterhead(head: Letterhead) -> list[Flowable]:
    fonts.register()
    width = TEXT_WIDTH - 2
    lines = [_head_line(line, 12, width) for line in head.lines]
    lines.append(_head_line(head.office, 13, width))
    lines += [_p(text, size=fit_size(text, fonts.MAIN, 9, width), align="center")
              for text in (head.address, *head.contacts)]
    rule = Table([[""]], colWidths=[TEXT_WIDTH], rowHeights=[4])
    rule.setStyle(_table_style([("LINEABOVE", (0, 0), (-1, 0), 2, colors.black),
                              ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black)]))
    return [*lines, Spacer(1, 4), rule, Spacer(1, 8)]


def _fields(block: Fields) -> Table:
    label_width = TEXT_WIDTH * block.label_width
    value_width = TEXT_WIDTH - block.indent - label_width - 0.4 * cm
    rows = [[_cell(label, label_width), _p(":"), _cell(value, value_width)]
            for label, value in block.rows]
    table = Table(rows, colWidths=[label_width, 0.4 * cm, value_width], hAlign="RIGHT")
    table.setStyle(_table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _grid(block: Grid) -> Table:
    header = [_p(text, size=9, bold=True, align="center") for text in block.header]
    widths = [TEXT_WIDTH * w for w in block.widths]
    rows = [[_cell(text, width, size=9) for text, width in zip(row, widths)] for row in block.rows]
    table = Table([header, *rows], colWidths=widths, repeatRows=1)
    table.setStyle(_table_style([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _approvals(letter: Document) -> Flowable:
    paraf, sign = letter.paraf, letter.sign
    paraf_box = Table([[_p("Paraf", size=8, bold=True), _p("Nama", size=8, bold=True),
                        _p("Keterangan", size=8, bold=True)],
                       [_p(paraf.position, size=8), _p(paraf.name, size=8, limit=100),
                        _p(paraf.status, size=8)]],
                      colWidths=[1.8 * cm, 2.4 * cm, 2.9 * cm])
    paraf_box.setStyle(_table_style([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    room = 8.3 * cm - 14 - 6
    position = "\n".join(
        split_balanced(line) if stringWidth(pdf_text(line), fonts.MAIN, 10.5) > room else line
        for line in sign.position.split("\n"))    # never one word alone on a line
    signature = [_p(sign.place_date) if sign.place_date else Spacer(1, 0),
                 _p(position, size=10.5), Spacer(1, 8),
                 _p(f"({sign.status})", size=9, italic=True), Spacer(1, 14),
                 Paragraph(f"<u>{markup(sign.name, 100)}</u>", _style(bold=True)),
                 _p(sign.nip, limit=60)]
    layout = Table([[paraf_box, signature]], colWidths=[TEXT_WIDTH - 8.3 * cm, 8.3 * cm])
    layout.setStyle(_table_style([("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                                ("VALIGN", (1, 0), (1, 0), "TOP"),
                                ("LEFTPADDING", (0, 0), (0, 0), 0),
                                ("LEFTPADDING", (1, 0), (1, 0), 14)]))
    return layout


def _para(block: Para) -> Paragraph:
    return _p(block.text, size=block.size, align=block.align, bold=block.bold,
              indent=block.indent, space_before=block.space_before)


def _draw_footer(canvas: Canvas, text: str, pages: int) -> None:
    """The footer's lines, the last ending "halaman 2 dari 2": the total shows at once that
    no page is missing from a signed copy."""
    canvas.saveState()
    canvas.setFont(fonts.MAIN, 7.5)
    lines = pdf_text(text).split("\n")[:2]
    lines[-1] = f"{lines[-1]} - halaman {canvas.getPageNumber()} dari {pages}"
    for i, line in enumerate(lines):
        canvas.drawCentredString(A4[0] / 2, (1.2 + 0.35 * (len(lines) - 1 - i)) * cm,
                                 line[:150])
    canvas.restoreState()


class _CountedCanvas(Canvas):
    """A canvas that holds its pages until the last is laid out, then draws each one's footer
    with the page count (`_draw_footer`)."""

    def __init__(self, *args: object, footer: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._footer = footer
        self._held: list[dict[str, object]] = []

    def showPage(self) -> None:  # noqa: N802  (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for page in self._held:
            self.__dict__.update(page)
            _draw_footer(self, self._footer, len(self._held))
            super().showPage()
        super().save()


def render_pdf(letter: Document) -> bytes:
    """The letter as PDF bytes (A4, DejaVu Sans 11, fonts embedded as subsets)."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                            topMargin=1.5 * cm, bottomMargin=2 * cm,
                            title=pdf_text(letter.title), author=pdf_text(letter.letterhead.office),
                            initialFontName=fonts.MAIN)   # no base-14 font referenced at all
    story: list[Flowable] = _letterhead(letter.letterhead)
    closing = closing_run(letter.body)
    for block in letter.body[:closing]:
        if isinstance(block, Para):
            if block.keep_with_next:  # keepWithNext would push a long next block to a new page
                story.append(CondPageBreak(KEEP_WITH_NEXT_SPACE))
            story.append(_para(block))
        elif isinstance(block, Fields):
            story.append(_fields(block))
        else:
            story.append(_grid(block))
    # The signature is never alone on a page: the closing run (the last paragraph, with its
    # heading) goes with it, and so does the Tembusan under it, in one piece.
    story.append(KeepTogether([*(_para(block) for block in letter.body[closing:]),
                               Spacer(1, 10), _approvals(letter),
                               *(_para(para) for para in letter.tail)]))
    doc.build(story, canvasmaker=partial(_CountedCanvas, footer=letter.footer))
    return out.getvalue()
