"""Render a letter's blocks as an editable Word document (python-docx); all text kept as given."""
from __future__ import annotations

import io

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

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

# Fonts every Windows and Office install has (LibreOffice maps Arial to the metric-compatible
# Liberation Sans): Arial for Latin, Cyrillic, Greek and, as the complex-script font, Arabic and
# Hebrew; SimSun for Chinese and Japanese (w:eastAsia), which Word uses for those characters.
FONT = "Arial"
EAST_ASIA_FONT = "SimSun"
_EAST_ASIA = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
              (0x20000, 0x2FA1F))
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
TEXT_WIDTH_CM = 16.0
# WordprocessingML fixes the order of properties: these must follow the ones we add.
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_TBLIND = ("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                 "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _para(container, text: str, *, align: str = "left", bold: bool = False, size: float = 11,
          space_before: float = 0, indent: float = 0, italic: bool = False,
          underline: bool = False, keep_with_next: bool = False,
          keep_together: bool = False) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = ALIGN[align]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(0)
    if indent:
        fmt.first_line_indent = Pt(indent)
    if keep_with_next:
        fmt.keep_with_next = True
    if keep_together:
        fmt.keep_together = True
    _style_run(paragraph.add_run(xml_safe(text)), size, bold, italic, underline)
    return paragraph


def _style_run(run, size: float, bold: bool = False, italic: bool = False,
               underline: bool = False) -> None:
    run.font.size = Pt(size)
    name_fonts(run._r.get_or_add_rPr(), east_asian=_has_east_asian(run.text))
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None


def _has_east_asian(text: str) -> bool:
    return any(low <= ord(c) <= high for c in text for low, high in _EAST_ASIA)


def name_fonts(rpr, east_asian: bool = False) -> None:
    """w:rFonts naming a font for every script; the eastAsia hint where the run has CJK."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(key), FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
    if east_asian:
        fonts.set(qn("w:hint"), "eastAsia")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Points `text` takes in the widest font a reader may see it in: DejaVu Sans (what
    LibreOffice falls back to without Arial) is wider than Arial, so what fits it fits both."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    fonts.register()
    return stringWidth(text, f"{fonts.MAIN}-Bold" if bold else fonts.MAIN, size)


def fit_size(text: str, size: float, width_cm: float, smallest: float = 8.5) -> float:
    """The largest size up to `size` at which bold `text` fits one line."""
    width = width_cm / 2.54 * 72
    while size > smallest and text_width(text, size, bold=True) > width:
        size -= 0.5
    return size


def _set_widths(table, widths) -> None:
    """Column widths for Word (cell widths) and for LibreOffice/Google Docs (the grid)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _bottom_rule(paragraph: Paragraph) -> None:
    """A thick-thin double line under the letterhead (garis kop)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "18"), ("w:space", "4"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


def _head_line(doc: DocxDocument, text: str, size: float) -> None:
    """A bold letterhead line on one line, smaller if need be; else two balanced lines."""
    fitted = fit_size(text, size, TEXT_WIDTH_CM - 0.2)
    if text_width(text, fitted, bold=True) > (TEXT_WIDTH_CM - 0.2) / 2.54 * 72:
        text = split_balanced(text)
    _para(doc, text, align="center", bold=True, size=fitted)


def _letterhead(doc: DocxDocument, head: Letterhead) -> None:
    for line in head.lines:
        _head_line(doc, line, 12)
    _head_line(doc, head.office, 13)
    lines = (head.address, *head.contacts)
    for line in lines[:-1]:
        _para(doc, line, align="center", size=9)
    _bottom_rule(_para(doc, lines[-1], align="center", size=9))
    _para(doc, "", size=6)


def _cell_text(cell, text: str, *, bold: bool = False, size: float = 11,
               align: str = "left") -> None:
    first = cell.paragraphs[0]
    first.alignment = ALIGN[align]
    _style_run(first.add_run(xml_safe(text)), size, bold)


def _fields(doc: DocxDocument, block: Fields) -> None:
    table = doc.add_table(rows=0, cols=3)
    if block.indent:
        indent = OxmlElement("w:tblInd")
        indent.set(qn("w:w"), str(int(block.indent * 20)))
        indent.set(qn("w:type"), "dxa")
        table._tbl.tblPr.insert_element_before(indent, *_AFTER_TBLIND)
    indent_cm = block.indent / 72 * 2.54
    widths = (Cm(TEXT_WIDTH_CM * block.label_width), Cm(0.5),
              Cm(TEXT_WIDTH_CM * (1 - block.label_width) - 0.5 - indent_cm))
    for label, value in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, (label, ":", value)):
            _cell_text(cell, text)
    _set_widths(table, widths)


def _grid(doc: DocxDocument, block: Grid) -> None:
    table = doc.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.header):
        _cell_text(cell, text, bold=True, size=9, align="center")
    for row in block.rows:
        for cell, text in zip(table.add_row().cells, row):
            _cell_text(cell, text, size=9)
    _set_widths(table, [Cm(TEXT_WIDTH_CM * share) for share in block.widths])


def _approvals(doc: DocxDocument, letter: Document) -> None:
    _para(doc, "", space_before=12, keep_with_next=True)   # with the signature table below
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    paraf, sign = letter.paraf, letter.sign
    _cell_text(left, "Paraf:", bold=True, size=9)
    for text in (f"{paraf.position}: {paraf.name}", paraf.status):
        _para(left, text, size=9)
    lines = [split_balanced(line) if text_width(line, 11) > 8.6 / 2.54 * 72 else line
             for line in sign.position.split("\n")]           # never one word alone on a line
    if sign.place_date:
        _cell_text(right, sign.place_date)
        _para(right, "\n".join(lines))
    else:
        _cell_text(right, "\n".join(lines))
    no_split = OxmlElement("w:cantSplit")                     # the block stays on one page
    table.rows[0]._tr.get_or_add_trPr().append(no_split)
    _para(right, f"({sign.status})", italic=True, size=9, space_before=10)
    _para(right, sign.name, bold=True, underline=True, space_before=14)
    _para(right, sign.nip)
    _set_widths(table, [Cm(7), Cm(9)])


def render_docx(letter: Document) -> bytes:
    """The letter as DOCX bytes (A4, Arial 11; SimSun for Chinese and Japanese)."""
    doc = new_docx()
    doc.core_properties.title = xml_safe(letter.title)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(0)     # the template's 8 pt would spread tables
    normal.paragraph_format.line_spacing = 1.0
    name_fonts(normal.element.get_or_add_rPr())
    _letterhead(doc, letter.letterhead)
    closing = closing_run(letter.body)
    for index, block in enumerate(letter.body):
        if isinstance(block, Para):
            # The closing run stays whole and with the signature: never a signature alone.
            _para(doc, block.text, align=block.align, bold=block.bold, size=block.size,
                  space_before=block.space_before, indent=block.indent,
                  keep_with_next=block.keep_with_next or index >= closing,
                  keep_together=index >= closing)
        elif isinstance(block, Fields):
            _fields(doc, block)
        else:
            _grid(doc, block)
    _approvals(doc, letter)
    for para in letter.tail:
        _para(doc, para.text, align=para.align, bold=para.bold, size=para.size,
              space_before=para.space_before, keep_with_next=para.keep_with_next)
    if letter.footer:
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _style_run(footer.add_run(xml_safe(letter.footer)), 7.5)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
