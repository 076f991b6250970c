"""Evidence copies that still carried the sender's GPS and name (privacy review, session 25).

1. A phone's JPEG with a second JPEG after the first one's end (a motion photo, a depth map, a
   multi-picture file) or a vendor trailer: the copy took everything from the first scan on,
   the second image's EXIF with it. The copy now ends at the first image's end; a JPEG that
   does not parse to its end is not cleanable (the leaders alone open the original).
2. A PDF whose page is the phone's JPEG stored unchanged (a scan app): the image kept its EXIF.
3. PNG and WebP: a vendor's chunk, or a chunk after the RIFF's end, was copied as it was.

The fixtures are built here with PIL and pypdf; the end-to-end test files them through the real
app (a signed Twilio webhook) and fetches them with /bukti as a petugas."""
from __future__ import annotations

import io
import re
import struct
import zlib
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from bot.desk.evidence import KEPT_ORIGINAL
from bot.paperwork.metadata import without_metadata
from tests.support.intake import TICKET, walk
from tests.support.telegram import PETUGAS, TelegramUser, deliver
from tests.support.twilio_chat import TwilioSender
from tests.test_kept_documents import fetch_all, sent_files
from tests.test_officers import app, complaint, runtime  # noqa: F401 - the fixtures

pytestmark = pytest.mark.timeout(300)

OWNER = "Yohanes Mangkubumi"
MODEL = "SM-A135F"
SIZE = (160, 90)
GPS_IFD = 0x8825


def _exif(orientation: int = 1) -> Image.Exif:
    """As a phone writes it: make, model, owner, where it was taken."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x013B] = "samsung", MODEL, OWNER
    exif[0x0112] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (3.0, 17.0, 54.0), "E", (117.0, 35.0, 12.0)
    return exif


def _jpeg(size: tuple[int, int] = SIZE, **options: Any) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (40, 120, 40))
    image.paste((200, 30, 30), (0, 0, size[0] // 4, size[1]))
    image.save(out, "JPEG", exif=_exif(), quality=90, **options)
    return out.getvalue()


def _motion_photo() -> bytes:
    """The picture, then a second JPEG with an EXIF of its own, then a vendor's trailer."""
    trailer = b"SEFH" + OWNER.encode() + b"\x00" + MODEL.encode() + b"SEFT"
    return _jpeg() + _jpeg((64, 48)) + trailer


def _with_comment_between_scans(data: bytes) -> bytes:
    """A comment naming the owner before the second scan of a progressive JPEG."""
    second = data.index(b"\xff\xda", data.index(b"\xff\xda") + 2)
    comment = OWNER.encode()
    return (data[:second] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
            + data[second:])


def _assert_no_owner(data: bytes) -> None:
    """Neither the owner, the phone nor a GPS position, in the bytes or in any JPEG inside."""
    assert OWNER.encode() not in data and MODEL.encode() not in data
    assert b"samsung" not in data and b"Exif" not in data
    for start in (m.start() for m in re.finditer(rb"\xff\xd8\xff", data)):
        try:
            exif = Image.open(io.BytesIO(data[start:])).getexif()
        except OSError:
            continue
        assert not exif.get_ifd(GPS_IFD) and 0x013B not in exif and 0x0110 not in exif


def _pixels(data: bytes) -> bytes:
    return Image.open(io.BytesIO(data)).convert("RGB").tobytes()


# --- 1. JPEG ----------------------------------------------------------------------------------
def test_a_motion_photo_s_copy_ends_with_the_first_picture():
    original = _motion_photo()
    copy = without_metadata(original, "image/jpeg")
    assert copy is not None
    _assert_no_owner(copy)
    assert copy.endswith(b"\xff\xd9") and copy.count(b"\xff\xd8") == 1
    shown = Image.open(io.BytesIO(copy))
    assert shown.size == SIZE and _pixels(copy) == _pixels(original)   # no pixel changed


@pytest.mark.parametrize("options", [{"progressive": True}, {"restart_marker_blocks": 2},
                                     {"progressive": True, "restart_marker_rows": 1}])
def test_every_scan_is_kept_and_nothing_between_them_names_the_owner(options):
    """A progressive JPEG has several scans (tables between them), restart markers sit inside
    a scan: the copy keeps them all, drops the comment, and shows every pixel as before."""
    first = _jpeg(**options)
    original = _with_comment_between_scans(first) if options.get("progressive") else first
    copy = without_metadata(original + _jpeg((64, 48)), "image/jpeg")
    assert copy is not None
    _assert_no_owner(copy)
    assert copy.count(b"\xff\xda") == first.count(b"\xff\xda")
    assert Image.open(io.BytesIO(copy)).size == SIZE and _pixels(copy) == _pixels(first)


def test_a_jpeg_that_does_not_reach_its_end_is_not_cleanable():
    photo = _jpeg()
    assert without_metadata(photo[:-2], "image/jpeg") is None
    assert without_metadata(photo[:len(photo) // 2], "image/jpeg") is None


# --- 2. PDF -----------------------------------------------------------------------------------
def _pdf_of(photo: bytes, image_filter: bytes = b"/DCTDecode") -> bytes:
    """A one-page PDF as a scan app writes it: the phone's JPEG stored unchanged as the page,
    the author in the document information."""
    width, height = SIZE
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /XObject << /Im0 5 0 R >> >> >>" % (width, height),
    ]
    content = b"q %d 0 0 %d 0 0 cm /Im0 Do Q" % (width, height)
    streams = {4: (b"<< /Length %d >>" % len(content), content),
               5: (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace "
                   b"/DeviceRGB /BitsPerComponent 8 /Filter %s /Length %d >>"
                   % (width, height, image_filter, len(photo)), photo)}
    objects += [head + b"\nstream\n" + body + b"\nendstream" for head, body in streams.values()]
    objects.append(b"<< /Author (%s) /Producer (CamScanner) >>" % OWNER.encode())
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, len(objects), xref))
    return bytes(out)


def _reportlab_pdf_of(photo: bytes) -> bytes:
    """The project's own PDF library's way: the JPEG as it is, under ASCII85 (its bytes read
    as text, so a search of the file finds nothing)."""
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setAuthor(OWNER)
    page.drawImage(ImageReader(io.BytesIO(photo)), 10, 10, *SIZE)
    page.showPage()
    page.save()
    return out.getvalue()


def _pdf_images(data: bytes) -> list[bytes]:
    """Every page image's JPEG, its other filters (ASCII85, Flate) undone."""
    reader = PdfReader(io.BytesIO(data))
    return [image.get_object().get_data() for page in reader.pages
            for image in page["/Resources"]["/XObject"].values()]


def _deflated_pdf_of(photo: bytes) -> bytes:
    return _pdf_of(zlib.compress(photo), b"[/FlateDecode /DCTDecode]")


@pytest.mark.parametrize("make", [_pdf_of, _deflated_pdf_of, _reportlab_pdf_of])
def test_a_scanned_pdf_s_page_image_loses_its_exif_and_keeps_its_pixels(make):
    photo = _motion_photo()
    original = make(photo)
    [embedded] = _pdf_images(original)
    assert MODEL.encode() in embedded                  # the fixture is what a scan app makes
    copy = without_metadata(original, "application/pdf")
    assert copy is not None
    _assert_no_owner(copy)
    assert OWNER not in str(PdfReader(io.BytesIO(copy)).metadata or {})
    [image] = _pdf_images(copy)
    _assert_no_owner(image)
    assert Image.open(io.BytesIO(image)).size == SIZE
    assert _pixels(image) == _pixels(photo)


def test_a_pdf_whose_jpeg_cannot_be_cleaned_is_not_cleanable():
    """A JPEG under a filter the stripper does not undo, or one that does not reach its end,
    cannot be rewritten as the page's JPEG is: the PDF goes to no reader who may not know its
    sender."""
    photo = _jpeg()
    assert without_metadata(_pdf_of(photo, b"[/LZWDecode /DCTDecode]"),
                            "application/pdf") is None
    assert without_metadata(_pdf_of(photo[:-2]), "application/pdf") is None


# --- 3. PNG and WebP --------------------------------------------------------------------------
def _chunk(kind: bytes, payload: bytes) -> bytes:
    return (len(payload).to_bytes(4, "big") + kind + payload
            + zlib.crc32(kind + payload).to_bytes(4, "big"))


def test_a_png_keeps_only_the_chunks_that_draw_it():
    out = io.BytesIO()
    Image.new("RGB", SIZE, (40, 120, 40)).save(out, "PNG")
    plain = out.getvalue()
    iend = plain.index(b"IEND") - 4
    vendor = _chunk(b"vnDr", OWNER.encode() + MODEL.encode())
    original = plain[:iend] + vendor + plain[iend:] + _jpeg((64, 48))
    copy = without_metadata(original, "image/png")
    assert copy is not None
    _assert_no_owner(copy)
    assert copy == plain and _pixels(copy) == _pixels(plain)


def test_a_webp_ends_where_its_riff_says_and_keeps_no_vendor_chunk():
    out = io.BytesIO()
    Image.new("RGB", SIZE, (40, 120, 40)).save(out, "WEBP", exif=_exif(), lossless=True)
    riff = bytearray(out.getvalue())
    vendor = b"vnDr" + struct.pack("<I", len(OWNER)) + OWNER.encode()
    riff += vendor
    riff[4:8] = struct.pack("<I", len(riff) - 8)
    after = b"XMPX" + struct.pack("<I", len(MODEL) + 1) + MODEL.encode() + b"\x00\x00"
    copy = without_metadata(bytes(riff) + after, "image/webp")
    assert copy is not None
    _assert_no_owner(copy)
    assert int.from_bytes(copy[4:8], "little") == len(copy) - 8
    assert Image.open(io.BytesIO(copy)).size == SIZE and _pixels(copy) == _pixels(bytes(riff))


# --- end to end -------------------------------------------------------------------------------
def test_a_petugas_gets_clean_copies_or_the_kept_original_answer(app, runtime, tg_server,
                                                                 tw_server):
    """An anonymous WhatsApp complaint with a motion photo, a scanned PDF and a cut-off photo:
    a petugas's /bukti sends the first two without the owner, the phone or the place, and
    says the third stays with the leaders."""
    media = [(tw_server.add_media("ME" + "5a" * 16, _motion_photo(), "image/jpeg"), "image/jpeg"),
             (tw_server.add_media("ME" + "5b" * 16, _pdf_of(_motion_photo()), "application/pdf"),
              "application/pdf"),
             (tw_server.add_media("ME" + "5c" * 16, _jpeg()[:-40], "image/jpeg"), "image/jpeg")]
    phone = TwilioSender(app.test_client(), runtime.config.settings, number="+6281255525001",
                         profile_name=OWNER)
    phone.says("halo")
    phone.says("menu")
    phone.says("1")
    phone.say("Paspor saya sudah tiga minggu belum jadi padahal sudah bayar lunas", media=media)
    ticket = TICKET.search(walk(phone.says, phone.says("lanjut"),
                                {"Pengaduan Anda tentang apa": "1",
                                 "identitas Anda dicatat": "anonim"})).group(0)
    assert complaint(runtime, ticket).identity_mode == "anonymous"
    fetch_all(runtime, tg_server)
    deliver(runtime)
    petugas = TelegramUser(app.test_client(), PETUGAS)
    before = len(sent_files(tg_server, PETUGAS))
    assert petugas.send(f"/bukti {ticket}") == "officer"
    deliver(runtime)
    files = sent_files(tg_server, PETUGAS)[before:]
    assert [name.rsplit(".", 1)[1] for name, _, _ in files] == ["jpg", "pdf"]
    for _, content, caption in files:
        assert "tanpa metadata" in caption
        _assert_no_owner(content)
    photo, pdf = files[0][1], files[1][1]
    assert Image.open(io.BytesIO(photo)).size == SIZE
    [image] = _pdf_images(pdf)
    _assert_no_owner(image)
    assert Image.open(io.BytesIO(image)).size == SIZE
    [answer] = [re.sub(r"<[^>]+>", "", text) for text in tg_server.sent_texts(PETUGAS)
                if "dari 3 berkas" in text]
    assert "2 dari 3" in answer and f"Tidak dikirim kepada Anda: 3 ({KEPT_ORIGINAL})" in answer
