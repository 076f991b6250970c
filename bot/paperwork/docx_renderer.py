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

from bot.paperwork.blocks import Document, Fields, Grid, Letterhead, Para, xml_safe

FONT = "Arial"
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
          underline: bool = False, keep_with_next: bool = False) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = ALIGN[align]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(0)
    if indent:
        fmt.first_line_indent = Pt(indent)
    if keep_with_next:
        fmt.keep_with_next = True
    _style_run(paragraph.add_run(xml_safe(text)), size, bold, italic, underline)
    return paragraph


def _style_run(run, size: float, bold: bool = False, italic: bool = False,
               underline: bool = False) -> None:
    run.font.size, run.font.name = Pt(size), FONT
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None


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


def _letterhead(doc: DocxDocument, head: Letterhead) -> None:
    for line in head.lines:
        _para(doc, line, align="center", bold=True, size=12)
    _para(doc, head.office, align="center", bold=True, size=13)
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
    _para(doc, "", space_before=12)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    paraf, sign = letter.paraf, letter.sign
    _cell_text(left, "Paraf:", bold=True, size=9)
    for text in (f"{paraf.position}: {paraf.name}", paraf.status):
        _para(left, text, size=9)
    _cell_text(right, sign.place_date or "")
    _para(right, sign.position)
    _para(right, f"({sign.status})", italic=True, size=9, space_before=18)
    _para(right, sign.name, bold=True, underline=True, space_before=18)
    _para(right, sign.nip)
    _set_widths(table, [Cm(7), Cm(9)])


def render_docx(letter: Document) -> bytes:
    """The letter as DOCX bytes (A4, Arial 11)."""
    doc = new_docx()
    doc.core_properties.title = xml_safe(letter.title)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(2)
    doc.styles["Normal"].font.name = FONT
    doc.styles["Normal"].font.size = Pt(11)
    _letterhead(doc, letter.letterhead)
    for block in letter.body:
        if isinstance(block, Para):
            _para(doc, block.text, align=block.align, bold=block.bold, size=block.size,
                  space_before=block.space_before, indent=block.indent,
                  keep_with_next=block.keep_with_next)
        elif isinstance(block, Fields):
            _fields(doc, block)
        else:
            _grid(doc, block)
    _approvals(doc, letter)
    if letter.footer:
        footer = section.footer.paragraphs[0]
        footer.text = xml_safe(letter.footer)
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
