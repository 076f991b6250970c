"""Evidence without its metadata keeps the one tag that turns it the right way up."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageOps

from bot.paperwork.metadata import without_metadata

OWNER = "Yohanes Mangkubumi"


def _exif(orientation: int) -> Image.Exif:
    """As a phone writes it: make, model, owner, where it was taken, and how to turn it."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x013B] = "samsung", "SM-A135F", OWNER
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (3.0, 17.0, 54.0), "E", (117.0, 35.0, 12.0)
    return exif


def _photo(fmt: str, orientation: int) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (160, 90), (40, 120, 40))
    image.paste((200, 30, 30), (0, 0, 40, 90))               # a red band on the left
    image.save(out, fmt, exif=_exif(orientation), quality=90)
    return out.getvalue()


@pytest.mark.parametrize("fmt, mime", [("JPEG", "image/jpeg"), ("WEBP", "image/webp")])
def test_a_sideways_photo_stays_the_right_way_up_without_its_metadata(fmt, mime):
    """A phone held upright stores the picture sideways with orientation 6 ("turn 90°"): the
    copy an officer gets without the metadata must still say so, and say nothing else."""
    original = _photo(fmt, 6)
    copy = without_metadata(original, mime)
    assert copy is not None
    assert OWNER.encode() not in copy and b"SM-A135F" not in copy and b"samsung" not in copy
    shown = Image.open(io.BytesIO(copy))
    exif = shown.getexif()
    assert exif.get(0x0112) == 6 and not exif.get_ifd(0x8825) and 0x013B not in exif
    assert dict(exif) == {0x0112: 6}
    assert shown.size == (160, 90)
    upright = Image.open(io.BytesIO(original))
    assert shown.convert("RGB").tobytes() == upright.convert("RGB").tobytes()   # no pixel changed
    assert ImageOps.exif_transpose(shown).size == (90, 160)   # as a viewer shows it


@pytest.mark.parametrize("fmt, mime", [("JPEG", "image/jpeg"), ("WEBP", "image/webp")])
def test_an_upright_photo_gets_no_exif_at_all(fmt, mime):
    copy = without_metadata(_photo(fmt, 1), mime)
    assert copy is not None and b"Exif" not in copy and OWNER.encode() not in copy
    assert not Image.open(io.BytesIO(copy)).getexif()
