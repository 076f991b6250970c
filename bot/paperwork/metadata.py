"""A copy of a piece of evidence without the metadata that can name or place its sender.

A photo taken with a phone carries EXIF (where it was taken, to a few metres; the phone's make,
model and serial; sometimes the owner's name), a PDF its author and the software that made it,
an annotation its author. For a complainant whose identity an officer may not see, the officer
gets a copy without them; the original stays in the file store under its SHA-256 (the chain of
custody).

The image's own bytes are never re-encoded: JPEG, PNG and WebP are rewritten segment by
segment, keeping the segments that draw the picture and every pixel as it was, and nothing after
the picture's end: a phone appends a second JPEG (a motion photo, a depth map, a multi-picture
file) with an EXIF of its own, or a vendor trailer, after the first one's end. A phone stores a
photo taken upright or sideways as the sensor saw it, with an EXIF orientation that says how to
turn it: that one tag is written back (a fresh EXIF of a single entry), so the officer sees the
photo the right way up. A PDF is rewritten page by page without its document information, XMP,
attached files and annotation authors, each JPEG image in it cleaned as a JPEG file is (a scan
app stores the phone's photo unchanged as the page). Anything else (video, audio, a file that
does not parse to its end) returns None: the caller must not send it to such a reader.
"""
from __future__ import annotations

import io
import re
import struct

JPEG_DROP = set(range(0xE1, 0xF0)) | {0xFE}           # APP1..APP15 (EXIF, XMP, …), comments
JPEG_BARE = {0x01} | set(range(0xD0, 0xD8))            # markers without a length (TEM, RSTn)
# the end of a scan's entropy-coded data: 0xFF followed by neither a stuffed 0x00, a restart
# marker (RST0..RST7, part of the scan) nor another 0xFF (a fill byte before the marker)
JPEG_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
JFIF = b"JFIF\x00"
# only the chunks that draw the picture: an unknown ancillary chunk (a vendor's, a C2PA
# manifest) is skipped by every decoder, so leaving it out changes no pixel
PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
            b"sBIT", b"bKGD", b"pHYs", b"hIST", b"cICP", b"mDCV", b"cLLI", b"acTL", b"fcTL",
            b"fdAT"}
WEBP_KEEP = {b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
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
    """The first image of the file, segment by segment, up to its end of image (EOI) and no
    further; None when it does not parse to that EOI."""
    if data[:2] != b"\xff\xd8":
        return None
    out, i, scanned, turned = bytearray(data[:2]), 2, False, False
    while i + 1 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:                               # fill byte
            i += 1
            continue
        if marker == 0xD9:                               # end of image: nothing after it
            return bytes(out + b"\xff\xd9") if scanned else None
        if marker in JPEG_BARE:
            out += data[i:i + 2]
            i += 2
            continue
        if marker in (0x00, 0xD8) or i + 4 > len(data):
            return None
        length = int.from_bytes(data[i + 2:i + 4], "big")
        end = i + 2 + length
        if length < 2 or end > len(data):
            return None
        out += _jpeg_segment(marker, data[i:end], turned)
        turned = turned or (marker == 0xE1 and _is_exif(data[i:end]))
        i = end
        if marker == 0xDA:                               # start of scan: the image itself
            scan_end = JPEG_SCAN_END.search(data, i)
            if scan_end is None:
                return None
            out += data[i:scan_end.start()]
            scanned, i = True, scan_end.start()
    return None


def _jpeg_segment(marker: int, segment: bytes, turned: bool) -> bytes:
    """What of one marker segment the copy keeps: a colour profile and what draws the picture
    as they are, the JFIF header without its thumbnail (it may show the photo before it was
    cropped), the EXIF orientation alone (once), no other application segment or comment."""
    payload = segment[4:]
    if marker == 0xE0:
        if not payload.startswith(JFIF) or len(payload) < 14:
            return b""
        header = payload[:12] + b"\x00\x00"            # 0x0 thumbnail
        return b"\xff\xe0" + (len(header) + 2).to_bytes(2, "big") + header
    if marker not in JPEG_DROP or payload.startswith(b"ICC_PROFILE\x00"):
        return segment                                   # colour profiles stay
    if marker == 0xE1 and _is_exif(segment) and not turned:
        turn = _orientation(payload[6:])
        if turn is not None:                             # the photo's way up, nothing else
            exif = b"Exif\x00\x00" + _tiff_orientation(turn)
            return b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
    return b""


def _is_exif(segment: bytes) -> bool:
    return segment[4:10] == b"Exif\x00\x00"


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
        if kind in PNG_KEEP:
            out += data[i:end]
        i = end
        if kind == b"IEND":                              # nothing after the picture's end
            return bytes(out)
    return None


def _webp(data: bytes) -> bytes | None:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    riff_end = 8 + int.from_bytes(data[4:8], "little")   # anything after it is not the image
    if riff_end > len(data):
        return None
    body, i, exif_chunk = bytearray(), 12, b""
    while i + 8 <= riff_end:
        kind = data[i:i + 4]
        size = int.from_bytes(data[i + 4:i + 8], "little")
        end = i + 8 + size + (size & 1)
        if end > riff_end:
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
        elif kind in WEBP_KEEP:
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

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        return None
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    seen: set[int] = set()
    for page in writer.pages:
        if not _pdf_clean(page, seen):
            return None
    writer.add_metadata({"/Producer": "Aduan"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# XMP, the authoring app's private data, files attached to a page or an annotation
PDF_DROP = ("/Metadata", "/PieceInfo", "/AF", "/FS")
ANNOT_DROP = ("/T", "/RC", "/Contents", "/Popup")        # an annotation's author and its words
EMBEDDED = re.compile(rb"Exif\x00|<x:xmpmeta|<\?xpacket")


def _pdf_clean(node: object, seen: set[int]) -> bool:
    """Clean everything a page reaches (its images, the forms that draw them, its annotations):
    each JPEG image as a JPEG file is, no XMP, no attached file, no annotation author. False when
    an image or a content stream keeps metadata that cannot be taken out."""
    from pypdf.generic import (ArrayObject, DictionaryObject, IndirectObject, NameObject,
                               NumberObject, StreamObject)

    if isinstance(node, IndirectObject):
        if id(node.get_object()) in seen:
            return True
        node = node.get_object()
        seen.add(id(node))
    if isinstance(node, ArrayObject):
        return all(_pdf_clean(item, seen) for item in node)
    if not isinstance(node, DictionaryObject):
        return True
    for key in PDF_DROP:
        node.pop(NameObject(key), None)
    for annot in node.get("/Annots") or []:
        for key in ANNOT_DROP:
            annot.get_object().pop(NameObject(key), None)
    if isinstance(node, StreamObject):
        filters = node.get("/Filter")
        filters = list(filters) if isinstance(filters, ArrayObject) else [filters]
        if "/DCTDecode" in filters:
            image = _pdf_jpeg(node, filters)
            if image is None:
                return False
            StreamObject.set_data(node, image)           # as stored: no re-encoding
            node[NameObject("/Length")] = NumberObject(len(image))
            node[NameObject("/Filter")] = NameObject("/DCTDecode")
        elif node.get("/Subtype") == "/Image":
            if EMBEDDED.search(node._data):              # e.g. a JPEG 2000 image's EXIF box
                return False
        elif EMBEDDED.search(node.get_data()):           # e.g. an inline JPEG with its EXIF
            return False
    return all(_pdf_clean(value, seen) for key, value in node.items() if key != "/Parent")


def _pdf_jpeg(stream: object, filters: list[object]) -> bytes | None:
    """A PDF image's JPEG without its metadata; one a PDF writer wrapped in ASCII85 or Flate
    (reportlab does) is unwrapped first. None for any other chain of filters."""
    from pypdf.filters import ASCII85Decode, ASCIIHexDecode, FlateDecode

    unwrap = {"/ASCII85Decode": ASCII85Decode, "/A85": ASCII85Decode,
              "/ASCIIHexDecode": ASCIIHexDecode, "/AHx": ASCIIHexDecode,
              "/FlateDecode": FlateDecode, "/Fl": FlateDecode}
    if filters[-1] != "/DCTDecode" or (len(filters) > 1 and "/DecodeParms" in stream):
        return None
    data = stream._data
    for name in filters[:-1]:
        if name not in unwrap:
            return None
        data = unwrap[name].decode(data)
    return _jpeg(data)
