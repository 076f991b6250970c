"""Documents fit for the Kanwil: full titles, a.n./Plh./Plt., Tembusan, BAP, closing, fonts."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import unicodedata

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from bot.config import load_office_config
from bot.paperwork import fonts
from bot.paperwork.documents import Approval, cover_letter_docx, cover_letter_pdf, report_docx, \
    report_pdf
from bot.paperwork.dossier import dossier as build_dossier
from bot.paperwork.docx_renderer import text_width
from bot.paperwork.dossier import read_bap
from storage.models import Complaint, StageEvent
from tests.test_documents import RENDERERS, docx_text, flat, pdf_text_of, read
from tests.test_documents import dossier  # noqa: F401  (fixture)
from tests.test_documents import office  # noqa: F401  (fixture)

HEAD = "Kepala Kantor Imigrasi Kelas II TPI Tarakan"
WITA = dt.timezone(dt.timedelta(hours=8))
CONFIG = load_office_config()
ARABIC = "محمد عبد الله الهاشمي"


@pytest.mark.parametrize("kind", list(RENDERERS))
@pytest.mark.parametrize("capacity, title", [
    (None, f"{HEAD},"), ("plh", f"Plh. {HEAD},"), ("plt", f"Plt. {HEAD},"),
    ("an", f"a.n. {HEAD} Kepala Seksi Teknologi Informasi dan Komunikasi Keimigrasian,")])
def test_signatory_title_in_full_with_the_capacity_signed_in(kind, capacity, title, dossier):
    signed = Approval("Budi Santoso", "198001012005011001", dt.datetime(2027, 3, 12, 10,
                                                                        tzinfo=WITA),
                      capacity=capacity,
                      position="Kepala Seksi Teknologi Informasi dan Komunikasi Keimigrasian")
    text = read(kind, dataclasses.replace(dossier, signed=signed))
    assert title in text
    assert "Kepala Kantor," not in text
    if capacity is None:
        assert "Plh." not in text and "a.n." not in text


@pytest.mark.parametrize("kind", ["cover-docx", "cover-pdf"])
def test_cover_letter_lists_the_tembusan_from_config(kind, dossier):
    text = read(kind, dossier)
    assert ("Tembusan: 1. Direktur Jenderal Imigrasi di Jakarta 2. Sekretaris Direktorat "
            "Jenderal Imigrasi di Jakarta 3. Arsip") in text
    assert list(CONFIG.office.letterhead.tembusan)[0] == "Direktur Jenderal Imigrasi di Jakarta"
    assert "Tembusan" not in read("cover-pdf", dataclasses.replace(
        dossier, office=dataclasses.replace(dossier.office, tembusan=())))


@pytest.mark.parametrize("kind", ["report-docx", "report-pdf"])
@pytest.mark.parametrize("verdict, words", [("benar", "pengaduan ini dinyatakan terbukti BENAR"),
                                            ("tidak_benar", "pengaduan ini dinyatakan TIDAK BENAR")])
def test_bare_verdict_prints_words_bap_and_a_closing(kind, verdict, words, dossier):
    bare = dataclasses.replace(dossier, verdict=verdict, examination_summary=None,
                               bap_number="W18.IMI.IMI.3-PW.01.01-0042",
                               bap_date=dt.date(2027, 3, 4))
    text = read(kind, bare)
    assert ("Setelah dilakukan pemeriksaan berdasarkan Berita Acara Pemeriksaan (BAP) Nomor "
            f"W18.IMI.IMI.3-PW.01.01-0042 tanggal 4 Maret 2027, {words}") in text
    assert "Nomor BAP : W18.IMI.IMI.3-PW.01.01-0042" in text
    assert "Tanggal BAP : 4 Maret 2027" in text
    section = text.split("III. HASIL PEMERIKSAAN (BAP)")[1].split("Nomor BAP")[0]
    assert section.strip() != "-"
    assert "VI. PENUTUP Demikian laporan penanganan pengaduan masyarakat ini dibuat" in text


@pytest.mark.parametrize("kind", ["cover-docx", "cover-pdf"])
def test_cover_letter_names_the_bap(kind, dossier):
    text = read(kind, dataclasses.replace(dossier, bap_number="BAP-7", bap_date=dt.date(2027, 3,
                                                                                        4)))
    assert "Berita Acara Pemeriksaan : Nomor BAP-7 tanggal 4 Maret 2027" in text


def test_pdf_embeds_truetype_fonts_that_show_chinese_arabic_and_cyrillic(dossier):
    data = report_pdf(dataclasses.replace(
        dossier, complainant_name="王小明", reported_party=f"{ARABIC} dan Сергей Петров"))
    reader = PdfReader(io.BytesIO(data))
    embedded = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                name = str(font["/BaseFont"])
                embedded[name] = descriptor is not None and "/FontFile2" in descriptor.get_object()
    assert embedded and all(embedded.values()), embedded               # every font embedded
    assert not any("Helvetica" in name for name in embedded)
    assert any("DejaVuSans" in name for name in embedded)
    assert any("DroidSansFallback" in name for name in embedded)       # the CJK fallback
    text = flat(pdf_text_of(data))
    assert "Pelapor : 王小明" in text and "Сергей Петров" in text
    shaped = [c for c in text if 0xFE70 <= ord(c) <= 0xFEFF]            # Arabic joining forms
    assert shaped and "?" not in text.split("Pihak/unit")[1][:60]


def test_arabic_is_shaped_and_put_in_display_order():
    shown = fonts.visual_rtl(f"saksi {ARABIC}, hadir")
    assert shown.startswith("saksi ") and shown.endswith(", hadir")
    arabic = shown[len("saksi "):-len(", hadir")]
    assert unicodedata.normalize("NFKC", arabic)[::-1] == ARABIC        # reversed for display
    assert all(fonts.register().covers(c) for c in arabic if c != " ")
    assert fonts.visual_rtl("Budi") == "Budi"


def test_docx_names_fonts_for_every_script(dossier):
    document = docx.Document(io.BytesIO(report_docx(dataclasses.replace(
        dossier, complainant_name="王小明"))))
    runs = [run for table in document.tables for row in table.rows for cell in row.cells
            for p in cell.paragraphs for run in p.runs]
    chinese = [r for r in runs if "王小明" in r.text]
    assert chinese
    for run in chinese:
        names = run._r.rPr.find(qn("w:rFonts"))
        assert names.get(qn("w:eastAsia")) == "SimSun" and names.get(qn("w:hint")) == "eastAsia"
        assert names.get(qn("w:ascii")) == "Arial" and names.get(qn("w:cs")) == "Arial"
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:ascii")) == "Arial" and normal.get(qn("w:eastAsia")) == "SimSun"


def test_letterhead_lines_fit_on_one_line_each(dossier):
    text = pdf_text_of(cover_letter_pdf(dossier))
    lines = [line.strip() for line in text.splitlines()]
    assert "KANTOR WILAYAH DIREKTORAT JENDERAL IMIGRASI KALIMANTAN TIMUR" in lines
    assert "TIMUR" not in lines
    document = docx.Document(io.BytesIO(cover_letter_docx(dossier)))
    regional = next(p for p in document.paragraphs if p.text.startswith("KANTOR WILAYAH"))
    size = regional.runs[0].font.size.pt        # fits in Arial and in a wider fallback font
    assert size < 12 and text_width(regional.text, size, bold=True) <= 16 / 2.54 * 72
    assert stringWidth(regional.text, "Helvetica-Bold", size) <= 16 / 2.54 * 72   # Arial
    longer = dataclasses.replace(dossier, office=dataclasses.replace(
        dossier.office, regional_office="Kantor Wilayah Direktorat Jenderal Imigrasi Provinsi "
                                        "Kalimantan Timur"))
    document = docx.Document(io.BytesIO(cover_letter_docx(longer)))
    regional = next(p for p in document.paragraphs if p.text.startswith("KANTOR WILAYAH"))
    size = regional.runs[0].font.size.pt
    assert size < 12 and text_width(regional.text, size, bold=True) <= 16 / 2.54 * 72
    lines = [line.strip() for line in pdf_text_of(cover_letter_pdf(longer)).splitlines()]
    assert regional.text in lines
    longest = dataclasses.replace(dossier, office=dataclasses.replace(
        dossier.office, regional_office="Kantor Wilayah Direktorat Jenderal Imigrasi Provinsi "
                                        "Kalimantan Timur dan Provinsi Kalimantan Utara"))
    lines = [line.strip() for line in pdf_text_of(cover_letter_pdf(longest)).splitlines()]
    assert "KANTOR WILAYAH DIREKTORAT JENDERAL IMIGRASI PROVINSI" in lines    # two halves,
    assert "KALIMANTAN TIMUR DAN PROVINSI KALIMANTAN UTARA" in lines         # not one orphan


def _complaint(**fields) -> Complaint:
    now = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.timezone.utc)
    values = dict(ticket="TRK-7K3Q-9MXA", pin_hash="x", channel="telegram", language="id",
                  type="paspor", type_source="nlu", description="Paspor belum jadi",
                  stage="examined", verdict="benar", section="lantaskim",
                  letter_number="W18.IMI.IMI.3-UM.01.01-0001", letter_at=now, created_at=now,
                  updated_at=now, identity_mode="named")
    values.update(fields)
    complaint = Complaint(**values)
    complaint.events = [
        StageEvent(actor="telegram:555", actor_role="complainant", from_stage=None,
                   to_stage="received", note="Pengaduan diterima melalui kanal telegram", at=now),
        StageEvent(actor="telegram:100000005 Seksi Lantaskim", actor_role="seksi",
                   from_stage="reviewed", to_stage="examined", action="stage",
                   note="Diperiksa (BAP), hasil pemeriksaan ditetapkan — benar", at=now),
        StageEvent(actor="telegram:100000003 Kasi Tikkim", actor_role="kasi_tikkim",
                   from_stage="initialed", to_stage="signed", action="stage", capacity="plh",
                   note="Laporan ditandatangani", at=now)]
    return complaint


def test_stored_complaint_prints_labels_and_absolute_dates_not_keys():
    d = build_dossier(CONFIG, _complaint(place="office", incident_time_text="Kemarin",
                                         incident_date=dt.date(2026, 11, 30)))
    assert d.place == "Kantor Imigrasi Kelas II TPI Tarakan"
    assert d.incident_time == "30 November 2026"
    assert d.audit[0].note == "Diterima melalui Telegram"
    text = flat(docx_text(report_docx(d))) + flat(pdf_text_of(report_pdf(d)))
    for internal in ("Kemarin", "office", "kanal telegram"):
        assert internal not in text
    assert "pengaduan ini dinyatakan terbukti BENAR" in text      # bare "benar": words, not "-"
    assert f"Plh. {HEAD}," in text and "Kasi Tikkim" in text       # step 8 signed as Plh.
    seaport = build_dossier(CONFIG, _complaint(place="seaport", incident_time_text="minggu lalu"))
    assert seaport.place == "Pelabuhan Malundung (TPI laut)"
    assert seaport.incident_time == "minggu lalu"


def test_signature_capacity_and_position_come_from_the_event_and_roster():
    d = build_dossier(CONFIG, _complaint())
    assert (d.signed.name, d.signed.capacity, d.signed.nip) == (
        "Kasi Tikkim", "plh", "198001012005011001")
    assert d.signed.position == "Kepala Seksi Teknologi Informasi dan Komunikasi Keimigrasian"
    assert d.audit[-1].note == f"Sebagai Plh. {HEAD}"                 # the trail says so too


def test_bap_number_and_date_from_a_step_4_note():
    assert read_bap("BAP W18.IMI.IMI.3-PW.01.01-0123 2026-12-01 petugas lalai") == (
        "W18.IMI.IMI.3-PW.01.01-0123", dt.date(2026, 12, 1))
    assert read_bap("bap nomor 12/BAP/XII/2026 tanggal 2026-12-02") == (
        "12/BAP/XII/2026", dt.date(2026, 12, 2))
    assert read_bap("BAP selesai, petugas lalai") is None
    assert read_bap("BAP X-1 2026-13-45") is None
    d = build_dossier(CONFIG, _complaint(bap_number="B-9", bap_date=dt.date(2026, 12, 2)))
    assert (d.bap_number, d.bap_date) == ("B-9", dt.date(2026, 12, 2))


def test_cover_letter_with_a_deputy_and_tembusan_stays_on_one_page(dossier):
    signed = Approval("Budi Santoso Wicaksono", "198001012005011001",
                      dt.datetime(2027, 3, 12, 10, tzinfo=WITA), capacity="an",
                      position="Kepala Seksi Teknologi Informasi dan Komunikasi Keimigrasian")
    data = cover_letter_pdf(dataclasses.replace(dossier, signed=signed,
                                                bap_number="W18.IMI.IMI.3-PW.01.01-0123",
                                                bap_date=dt.date(2027, 3, 4)))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    lines = [line.strip() for line in reader.pages[0].extract_text().splitlines()]
    assert "3. Arsip" in lines
    assert not {"Tarakan", "Tarakan,", "TIMUR"} & set(lines)           # no word left alone
