"""Render a letter's blocks as PDF (reportlab, base fonts): text escaped and reduced to WinAnsi."""
from __future__ import annotations

import io
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
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

from bot.paperwork.blocks import Document, Fields, Grid, Letterhead, Para, xml_safe

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
MAX_CELL_HEIGHT = 360  # points; a table row taller than a page would not lay out
KEEP_WITH_NEXT_SPACE = 3 * cm  # a heading needs this much room below it, or a new page
TEXT_WIDTH = A4[0] - 5 * cm - 12  # the frame pads 6 pt on each side


def pdf_text(text: str) -> str:
    """`text` reduced to what the base fonts show: accents kept, emoji dropped, others '?'."""
    out = []
    for char in xml_safe(text):
        if char in "\n\t" or _encodable(char):
            out.append(" " if char == "\t" else char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if _encodable(c))
        if base.strip():
            out.append(base)
        elif unicodedata.category(char) in ("So", "Sk", "Cf", "Mn", "Me", "Co", "Cn"):
            continue  # emoji, joiners, variation selectors, private use: nothing to show
        else:
            out.append("?")
    return "".join(out)


def _encodable(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return unicodedata.category(char) != "Cc" or char == "\n"


def markup(text: str, limit: int | None = None) -> str:
    """Paragraph markup for untrusted text: reduced, escaped, line breaks kept."""
    clean = pdf_text(text)
    if limit and len(clean) > limit:
        clean = clean[:limit].rstrip() + " ... (dipotong; lihat versi DOCX)"
    return escape(clean).replace("\n", "<br/>")


def _style(size: float = 11, align: str = "left", bold: bool = False, italic: bool = False,
           indent: float = 0, space_before: float = 0) -> ParagraphStyle:
    font = "Helvetica-BoldOblique" if bold and italic else (
        "Helvetica-Bold" if bold else "Helvetica-Oblique" if italic else "Helvetica")
    return ParagraphStyle("p", fontName=font, fontSize=size, leading=size * 1.3,
                          alignment=ALIGN[align], firstLineIndent=indent,
                          spaceBefore=space_before, splitLongWords=1)


def _p(text: str, **style: object) -> Paragraph:
    limit = style.pop("limit", None)
    return Paragraph(markup(text, limit), _style(**style))  # type: ignore[arg-type]


def _cell(text: str, width: float, **style: object) -> Paragraph:
    """A table cell's paragraph, cut (with a note) so that it stays under MAX_CELL_HEIGHT."""
    para_style = _style(**style)  # type: ignore[arg-type]
    inner = width - 12  # default cell padding

    def height(limit: int | None) -> float:
        return Paragraph(markup(text, limit), para_style).wrap(inner, 1e6)[1]

    if height(None) <= MAX_CELL_HEIGHT:
        return Paragraph(markup(text), para_style)
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if height(middle) <= MAX_CELL_HEIGHT else (low, middle - 1)
    return Paragraph(markup(text, max(low, 1)), para_style)


def _letterhead(head: Letterhead) -> list[Flowable]:
    lines = [_p(line, size=12, bold=True, align="center") for line in head.lines]
    lines.append(_p(head.office, size=13, bold=True, align="center"))
    lines += [_p(text, size=9, align="center") for text in (head.address, *head.contacts)]
    rule = Table([[""]], colWidths=[TEXT_WIDTH], rowHeights=[4])
    rule.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 2, colors.black),
                              ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black)]))
    return [*lines, Spacer(1, 4), rule, Spacer(1, 8)]


def _fields(block: Fields) -> Table:
    label_width = TEXT_WIDTH * block.label_width
    value_width = TEXT_WIDTH - block.indent - label_width - 0.4 * cm
    rows = [[_cell(label, label_width), _p(":"), _cell(value, value_width)]
            for label, value in block.rows]
    table = Table(rows, colWidths=[label_width, 0.4 * cm, value_width], hAlign="RIGHT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _grid(block: Grid) -> Table:
    header = [_p(text, size=9, bold=True, align="center") for text in block.header]
    widths = [TEXT_WIDTH * w for w in block.widths]
    rows = [[_cell(text, width, size=9) for text, width in zip(row, widths)] for row in block.rows]
    table = Table([header, *rows], colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _approvals(letter: Document) -> Flowable:
    paraf, sign = letter.paraf, letter.sign
    paraf_box = Table([[_p("Paraf", size=8, bold=True), _p("Nama", size=8, bold=True),
                        _p("Keterangan", size=8, bold=True)],
                       [_p(paraf.position, size=8), _p(paraf.name, size=8, limit=100),
                        _p(paraf.status, size=8)]],
                      colWidths=[1.9 * cm, 2.6 * cm, 3.2 * cm])
    paraf_box.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    signature = [_p(sign.place_date) if sign.place_date else Spacer(1, 0), _p(sign.position),
                 Spacer(1, 10), _p(f"({sign.status})", size=9, italic=True), Spacer(1, 18),
                 Paragraph(f"<u>{markup(sign.name, 100)}</u>", _style(bold=True)),
                 _p(sign.nip, limit=60)]
    layout = Table([[paraf_box, signature]], colWidths=[TEXT_WIDTH - 7.5 * cm, 7.5 * cm])
    layout.setStyle(TableStyle([("VALIGN", (0, 0), (0, 0), "BOTTOM"),
                                ("VALIGN", (1, 0), (1, 0), "TOP"),
                                ("LEFTPADDING", (0, 0), (0, 0), 0),
                                ("LEFTPADDING", (1, 0), (1, 0), 14)]))
    return KeepTogether([Spacer(1, 16), layout])


def _footer(text: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm,
                                 f"{pdf_text(text)[:120]} - halaman {doc.page}")
        canvas.restoreState()
    return draw


def render_pdf(letter: Document) -> bytes:
    """The letter as PDF bytes (A4, Helvetica 11)."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                            topMargin=1.5 * cm, bottomMargin=2 * cm,
                            title=pdf_text(letter.title), author=pdf_text(letter.letterhead.office))
    story: list[Flowable] = _letterhead(letter.letterhead)
    for block in letter.body:
        if isinstance(block, Para):
            if block.keep_with_next:  # keepWithNext would push a long next block to a new page
                story.append(CondPageBreak(KEEP_WITH_NEXT_SPACE))
            story.append(_p(block.text, size=block.size, align=block.align, bold=block.bold,
                            indent=block.indent, space_before=block.space_before))
        elif isinstance(block, Fields):
            story.append(_fields(block))
        else:
            story.append(_grid(block))
    story.append(_approvals(letter))
    doc.build(story, onFirstPage=_footer(letter.footer), onLaterPages=_footer(letter.footer))
    return out.getvalue()
