"""TrueType fonts embedded in the PDFs, and text prepared for them (fallback runs, Arabic shaping).

The main family is DejaVu Sans (Latin, Cyrillic, Greek, Arabic, Hebrew, Armenian, Georgian),
shipped inside the matplotlib package this project already pins, or Debian's
fonts-dejavu-core. Chinese and Japanese names fall back to Droid Sans Fallback (Debian's
fonts-droid-fallback, installed by `make` and CI). Both are TrueType (glyf outlines), which
reportlab embeds as subsets. Nothing is downloaded at run time.
"""
from __future__ import annotations

import importlib.util
import logging
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

MAIN, FALLBACK = "Aduan", "AduanCJK"
STYLES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf",
          "italic": "DejaVuSans-Oblique.ttf", "bold_italic": "DejaVuSans-BoldOblique.ttf"}
SYSTEM_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FALLBACK_FILES = (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
                  Path("/usr/share/fonts/droid/DroidSansFallbackFull.ttf"))
FALLBACK_PACKAGE = "fonts-droid-fallback"
# Scripts written right to left, shaped and reordered before reportlab lays them out.
_RTL = ("ARABIC", "HEBREW", "SYRIAC", "THAANA", "NKO")


class FontMissing(RuntimeError):
    """A font file the documents need is not installed."""


def _matplotlib_fonts() -> Path | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"


def main_font_files() -> dict[str, Path]:
    """The four DejaVu Sans files (regular, bold, italic, bold italic)."""
    for folder in (_matplotlib_fonts(), *SYSTEM_DIRS):
        if folder is None:
            continue
        files = {style: folder / name for style, name in STYLES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    raise FontMissing("DejaVu Sans not found (it ships with matplotlib and fonts-dejavu-core)")


def fallback_font_file() -> Path | None:
    """Droid Sans Fallback (CJK), or None when the Debian package is not installed."""
    return next((path for path in FALLBACK_FILES if path.is_file()), None)


@dataclass(frozen=True)
class Faces:
    """Registered font names and which characters each can show."""

    main_chars: frozenset[int]
    fallback_chars: frozenset[int]

    def covers(self, char: str) -> str | None:
        """MAIN, FALLBACK, or None when no embedded font has a glyph for `char`."""
        code = ord(char)
        if code in self.main_chars:
            return MAIN
        if code in self.fallback_chars:
            return FALLBACK
        return None


@lru_cache(maxsize=1)
def register() -> Faces:
    """Register the fonts with reportlab once per process; returns their coverage."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    files = main_font_files()
    names = {"regular": MAIN, "bold": f"{MAIN}-Bold", "italic": f"{MAIN}-Italic",
             "bold_italic": f"{MAIN}-BoldItalic"}
    fonts = {style: TTFont(names[style], str(path)) for style, path in files.items()}
    for font in fonts.values():
        pdfmetrics.registerFont(font)
    for style, (bold, italic) in {"regular": (0, 0), "bold": (1, 0), "italic": (0, 1),
                                  "bold_italic": (1, 1)}.items():
        addMapping(MAIN, bold, italic, names[style])
    main_chars = frozenset(fonts["regular"].face.charToGlyph)
    fallback_chars: frozenset[int] = frozenset()
    path = fallback_font_file()
    if path is None:
        log.error("%s is not installed: Chinese and Japanese names will show as '?' in PDFs",
                  FALLBACK_PACKAGE)
    else:
        fallback = TTFont(FALLBACK, str(path))
        pdfmetrics.registerFont(fallback)
        for bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
            addMapping(FALLBACK, bold, italic, FALLBACK)
        fallback_chars = frozenset(fallback.face.charToGlyph) - main_chars
    return Faces(main_chars, fallback_chars)


def _is_rtl(char: str) -> bool:
    return any(unicodedata.name(char, "").startswith(script) for script in _RTL)


def visual_rtl(text: str) -> str:
    """Right-to-left runs shaped (Arabic joining forms) and put in display order."""
    if not any(_is_rtl(c) for c in text):
        return text
    from bidi import get_display

    return "\n".join(get_display(_reshaper().reshape(line), base_dir="L")
                     for line in text.split("\n"))


@lru_cache(maxsize=1)
def _reshaper():  # type: ignore[no-untyped-def]
    """Arabic joining forms; the Allah ligature off (DejaVu Sans has no glyph for U+FDF2)."""
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration={"ARABIC LIGATURE ALLAH": False})


def drop_invisible(text: str, faces: Faces) -> str:
    """Characters no font shows: emoji and joiners dropped, accents reduced, others '?'."""
    out = []
    for char in text.replace("\t", " "):
        if char != "\n" and unicodedata.category(char) in ("Cf", "Cc") or (
                0xFE00 <= ord(char) <= 0xFE0F):
            continue            # joiners, direction marks, variation selectors: invisible
        if char == "\n" or faces.covers(char):
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if faces.covers(c))
        if base.strip():
            out.append(base)
        elif unicodedata.category(char) in ("So", "Sk", "Cf", "Mn", "Me", "Co", "Cn", "Cc", "Cs"):
            continue
        else:
            out.append("?")
    return "".join(out)


def runs(text: str, faces: Faces) -> list[tuple[str, str]]:
    """(font, text) runs: consecutive characters shown by the same font."""
    found: list[tuple[str, str]] = []
    for char in text:
        font = faces.covers(char) or MAIN
        if char in " \n" and found:
            font = found[-1][0]     # spaces stay with the run they are in
        if found and found[-1][0] == font:
            found[-1] = (font, found[-1][1] + char)
        else:
            found.append((font, char))
    return found
