"""Spreadsheet-safe cells: text a spreadsheet could run as a formula is neutralised.

A cell is dangerous when it starts with = + - @ (or their full-width forms ＝ ＋ － ＠), a tab or
a carriage return, even after leading spaces; and, because a spreadsheet may split a cell on a
separator the file did not use (a ; locale opening a , file), also right after a separator
inside it. Such a place gets an apostrophe in front, which spreadsheets show as text.
"""
from __future__ import annotations

import re

FORMULA_CHARS = "=+-@\uff1d\uff0b\uff0d\uff20"
_LEADING = re.compile(rf"^([ \u3000]*)(?=[{re.escape(FORMULA_CHARS)}\t\r])")
_AFTER_SEPARATOR = re.compile(rf"([;,|\t\r\n][ \u3000]*)(?=[{re.escape(FORMULA_CHARS)}])")


def neutralise(text: str) -> str:
    """`text` with an apostrophe before every place a spreadsheet could start a formula."""
    text = _AFTER_SEPARATOR.sub(r"\1'", text)
    return _LEADING.sub(r"\1'", text)
