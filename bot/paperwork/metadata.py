"""A copy of a piece of evidence without the metadata that can name or place its sender.

A photo taken with a phone carries EXIF (where it was taken, to a few metres; the phone's make,
model and serial; sometimes the owner's name), a PDF its author and the software that made it,
an annotation its author. For a complainant whose identity an officer may not see, the officer
gets a copy without them; the original stays in the file store under its SHA-256 (the chain of
custody).

The image's own bytes are never re-encoded: JPEG, PNG and WebP are rewritten segment by
segment, dropping the metadata segments and keeping every pixel as it was. A phone stores a
photo taken upright or sideways as the sensor saw it, with an EXIF orientation that says how to
turn it: that one tag is written back (a fresh EXIF of a single entry), so the officer sees the
photo the right way up. A PDF is rewritten page by page without its document information, XMP and
annotation authors. Anything else (video, audio, a file that does not parse) returns None: the
caller must not send it to such a reader.
"""
from __future__ import annotations

import io
import struct

JPEG_DROP = set(range(0xE1, 0xF0)) | {0xFE}           # APP1..APP15 (EXIF, XMP, …), comments
PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
WEBP_DROP = {b"EXIF", b"XMP "}
PLAIN = {"text/plain", "image/gif"}                    # no metadata that places or names anyone


def without_metadata(data: bytes, mime: str | None) -> bytes | None:
    """The bytes without identifying metadata, or None when that cannot be done safely."""
    try:
        if mime in PLAIN:
            return data
        if mime == "image/jpeg":
            return _jpeg(data)
        if mime == "image/png":
            return _png(data)
        if mime == "image/webp":
            return _webp(data)
        if mime == "application/pdf":
            return _pdf(data)
    except Exception:  # noqa: BLE001 - a file that does not parse is not sent to such a reader
        return None
    return None


def _jpeg(data: bytes) -> bytes | None:
    if data[:2] != b"\xff\xd8":
        return None
    out, i = bytearray(data[:2]), 2
    while i + 1 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:                               # fill byte
            i += 1
            continue
        if marker == 0xDA:                               # start of scan: the image itself
            out += data[i:]
            return bytes(out)
        if marker == 0x01 or 0xD0 <= marker <= 0xD9:     # markers without a length
            out += data[i:i + 2]
            i += 2
            continue
        if i + 4 > len(data):
            return None
        length = int.from_bytes(data[i + 2:i + 4], "big")
        end = i + 2 + length
        if length < 2 or end > len(data):
            return None
        if marker not in JPEG_DROP or data[i + 4:i + 16] == b"ICC_PROFILE\x00":
            out += data[i:end]                           # colour profiles stay
        elif marker == 0xE1 and data[i + 4:i + 10] == b"Exif\x00\x00":
            turn = _orientation(data[i + 10:end])
            if turn is not None:                         # the photo's way up, nothing else
                exif = b"Exif\x00\x00" + _tiff_orientation(turn)
                out += b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
        i = end
    return None


def _png(data: bytes) -> bytes | None:
    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        return None
    out, i = bytearray(signature), len(signature)
    while i + 8 <= len(data):
        length = int.from_bytes(data[i:i + 4], "big")
        kind = data[i + 4:i + 8]
        end = i + 12 + length
        if end > len(data):
            return None
        if kind not in PNG_DROP:
            out += data[i:end]
        i = end
        if kind == b"IEND":
            return bytes(out)
    return None


def _webp(data: bytes) -> bytes | None:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    body, i, exif_chunk = bytearray(), 12, b""
    while i + 8 <= len(data):
        kind = data[i:i + 4]
        size = int.from_bytes(data[i + 4:i + 8], "little")
        end = i + 8 + size + (size & 1)
        if end > len(data):
            return None
        chunk = bytearray(data[i:end])
        if kind == b"VP8X" and size >= 1:
            chunk[8] &= ~0x0C & 0xFF                     # no EXIF, no XMP flags
        if kind == b"EXIF":
            payload = bytes(data[i + 8:i + 8 + size])
            turn = _orientation(payload.removeprefix(b"Exif\x00\x00"))
            if turn is not None:                         # the photo's way up, nothing else
                tiff = _tiff_orientation(turn)
                exif_chunk = b"EXIF" + struct.pack("<I", len(tiff)) + tiff
        elif kind not in WEBP_DROP:
            body += chunk
        i = end
    if exif_chunk and body[:4] == b"VP8X":
        body[8] |= 0x08                                  # the EXIF flag, for that one tag
        body += exif_chunk
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + bytes(body)


ORIENTATION = 0x0112


def _orientation(tiff: bytes) -> int | None:
    """The EXIF orientation (2..8) in IFD0 of a TIFF structure; None when upright or absent."""
    order = {b"II": "little", b"MM": "big"}.get(tiff[:2])
    if order is None or len(tiff) < 8:
        return None
    ifd = int.from_bytes(tiff[4:8], order)
    if ifd + 2 > len(tiff):
        return None
    for n in range(int.from_bytes(tiff[ifd:ifd + 2], order)):
        entry = tiff[ifd + 2 + 12 * n:ifd + 14 + 12 * n]
        if len(entry) < 12:
            return None
        if int.from_bytes(entry[0:2], order) == ORIENTATION:
            value = int.from_bytes(entry[8:10], order)
            return value if 2 <= value <= 8 else None
    return None


def _tiff_orientation(value: int) -> bytes:
    """A TIFF structure whose IFD0 holds only the orientation (big-endian, one SHORT)."""
    return (b"MM\x00\x2a" + (8).to_bytes(4, "big") + (1).to_bytes(2, "big")
            + ORIENTATION.to_bytes(2, "big") + (3).to_bytes(2, "big") + (1).to_bytes(4, "big")
            + value.to_bytes(2, "big") + b"\x00\x00" + (0).to_bytes(4, "big"))


def _pdf(data: bytes) -> bytes | None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return None
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    for page in writer.pages:
        page.pop(NameObject("/Metadata"), None)
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            for key in ("/T", "/RC", "/Contents", "/Popup"):
                annot.pop(NameObject(key), None)
    writer.add_metadata({"/Producer": "Aduan"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
