"""The cover letter and the complaint report, opened again as DOCX and PDF and read back."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from bot.config import load_office_config
from bot.paperwork.documents import (DEFAULT_NUMBER_PATTERN, Approval, AuditEntry, Dossier, OfficeInfo,
                           cover_letter_docx, cover_letter_pdf, letter_number, report_docx,
                           report_pdf)
from bot.paperwork.pdf_renderer import pdf_text

WITA = dt.timezone(dt.timedelta(hours=8))
CHRONOLOGY = ("Saya diminta membayar Rp500.000 di luar tarif PNBP oleh oknum di loket 3.\n"
              "Katanya supaya paspor cepat jadi.")


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, minute, tzinfo=WITA)


@pytest.fixture(scope="module")
def office() -> OfficeInfo:
    return OfficeInfo.from_config(load_office_config())


@pytest.fixture
def dossier(office) -> Dossier:
    return Dossier(
        office=office, letter_number=letter_number(217, on=dt.date(2027, 3, 12)),
        letter_date=dt.date(2027, 3, 12), ticket="TRK-2703-0042",
        complaint_type="Pungutan liar, calo, atau suap", channel="WhatsApp",
        received_at=at(3, 1, 9, 12), description=CHRONOLOGY, complainant_name="Siti Rahmawati",
        place="Kantor (loket paspor)", incident_time="Senin pagi, 1 Maret 2027",
        reported_party="Oknum petugas loket 3", section="Seksi Intelijen dan Penindakan Keimigrasian",
        external_ref="LAPOR! 4821937",
        examination_summary="BAP terhadap petugas loket 3 dan dua saksi membuktikan permintaan uang.",
        verdict="benar", examined_by="Rinaldi", examined_at=at(3, 4, 14),
        follow_up="pembinaan", follow_up_notes="Pembinaan langsung oleh Kepala Kantor.",
        initialed=Approval("Budi Santoso", "198001012005011001", at(3, 12, 9, 30)),
        signed=Approval("Andi Mario", "197804092003121001", at(3, 12, 10, 15)),
        audit=(AuditEntry("received", "Petugas Pengaduan", "petugas", at(3, 1, 9, 12), "Via WhatsApp"),
               AuditEntry("examined", "Rinaldi", "seksi", at(3, 4, 14), "BAP selesai"),
               AuditEntry("signed", "Andi Mario", "kepala_kantor", at(3, 12, 10, 15))),
    )


def docx_text(data: bytes) -> str:
    """All text of a DOCX: body paragraphs, table cells (nested paragraphs too), footer."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    parts += [p.text for p in document.sections[0].footer.paragraphs]
    return "\n".join(parts)


def pdf_text_of(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


RENDERERS = {
    "cover-docx": (cover_letter_docx, docx_text), "cover-pdf": (cover_letter_pdf, pdf_text_of),
    "report-docx": (report_docx, docx_text), "report-pdf": (report_pdf, pdf_text_of),
}


def read(kind: str, d: Dossier) -> str:
    render, reader = RENDERERS[kind]
    return flat(reader(render(d)))


@pytest.mark.parametrize("kind", list(RENDERERS))
def test_letterhead_number_ticket_and_approvals(kind, dossier):
    text = read(kind, dossier)
    for expected in ("KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA",
                     "DIREKTORAT JENDERAL IMIGRASI",
                     "KANTOR WILAYAH DIREKTORAT JENDERAL IMIGRASI KALIMANTAN TIMUR",
                     "KANTOR IMIGRASI KELAS II TPI TARAKAN", "Jl. Yos Sudarso No. 1",
                     "08115773337", "infoimigrasitarakan@gmail.com",
                     "W18.IMI.IMI.3-UM.01.01-0217", "TRK-2703-0042", "12 Maret 2027",
                     "BENAR (pengaduan terbukti)", "Pembinaan dan pendampingan",
                     "Kepala Kantor Imigrasi Kelas II TPI Tarakan,", "Andi Mario", "NIP 19780409 200312 1 001",
                     "Ditandatangani 12 Maret 2027 pukul 10.15 WITA",
                     "Budi Santoso", "Diparaf 12 Maret 2027 pukul 09.30 WITA"):
        assert expected in text, (kind, expected)
    assert "Belum" not in text


@pytest.mark.parametrize("kind", ["cover-docx", "cover-pdf"])
def test_cover_letter_is_addressed_to_the_regional_office(kind, dossier):
    text = read(kind, dossier)
    assert ("Yth. Kepala Kantor Wilayah Direktorat Jenderal Imigrasi Kalimantan Timur di Tempat"
            in text)
    assert "Sifat : Biasa" in text and "Lampiran : 1 (satu) berkas" in text
    assert "melalui WhatsApp pada tanggal 1 Maret 2027" in text
    assert "Tarakan, 12 Maret 2027" in text


@pytest.mark.parametrize("kind", ["report-docx", "report-pdf"])
def test_report_holds_the_whole_case(kind, dossier):
    text = read(kind, dossier)
    for expected in ("LAPORAN PENANGANAN PENGADUAN MASYARAKAT", flat(CHRONOLOGY),
                     "Tanggal diterima : 1 Maret 2027 pukul 09.12 WITA", "LAPOR! 4821937",
                     "Pelapor : Siti Rahmawati", "Kantor (loket paspor)", "Oknum petugas loket 3",
                     "Seksi Intelijen dan Penindakan Keimigrasian",
                     "BAP terhadap petugas loket 3 dan dua saksi membuktikan permintaan uang.",
                     "Pembinaan langsung oleh Kepala Kantor.",
                     "Pengaduan diterima", "Via WhatsApp", "Diperiksa seksi terkait (BAP)",
                     "Rinaldi (Seksi Terkait)", "4 Maret 2027 pukul 14.00 WITA", "BAP selesai",
                     "Ditandatangani Kepala Kantor", "Andi Mario (Kepala Kantor)"):
        assert expected in text, (kind, expected)


@pytest.mark.parametrize("kind", ["report-docx", "report-pdf"])
def test_the_trail_names_the_complainant_once(kind, dossier):
    """The complainant's row reads "Pelapor", not "Pelapor (Pelapor)"; officers keep their role."""
    first = AuditEntry("received", "Pelapor", "complainant", at(3, 1, 9, 12), "Diterima melalui WhatsApp")
    text = read(kind, dataclasses.replace(dossier, audit=(first, *dossier.audit)))
    assert "Pelapor (Pelapor)" not in text and "Rinaldi (Seksi Terkait)" in text


@pytest.mark.parametrize("kind", list(RENDERERS))
def test_pending_case_shows_blocks_not_yet_approved(kind, dossier):
    pending = dataclasses.replace(dossier, verdict=None, follow_up=None, examined_at=None,
                                  initialed=Approval(), signed=Approval(name="Andi Mario"))
    text = read(kind, pending)
    assert "Belum diparaf" in text and "Belum ditandatangani" in text
    assert "Belum ada hasil pemeriksaan" in text and "Belum ditindaklanjuti" in text
    assert "Andi Mario" in text and "Budi Santoso" not in text
    assert "Diparaf " not in text and "Ditandatangani 1" not in text


@pytest.mark.parametrize("kind", ["report-docx", "report-pdf"])
def test_not_true_needs_no_follow_up(kind, dossier):
    text = read(kind, dataclasses.replace(dossier, verdict="tidak_benar", follow_up=None))
    assert "TIDAK BENAR (pengaduan tidak terbukti)" in text
    assert "Tidak diperlukan (pengaduan tidak benar)" in text


@pytest.mark.parametrize("kind", ["report-docx", "report-pdf", "cover-pdf"])
@pytest.mark.parametrize("flags, shown", [({"confidential": True}, "Dirahasiakan"),
                                          ({"anonymous": True}, "Anonim")])
def test_complainant_identity_is_protected(kind, flags, shown, dossier):
    text = read(kind, dataclasses.replace(dossier, **flags))
    assert "Siti Rahmawati" not in text
    if kind.startswith("report"):
        assert f"Pelapor : {shown}" in text
    if flags.get("confidential"):
        assert "Sifat : Rahasia" in read("cover-docx", dataclasses.replace(dossier, **flags))


HOSTILE = ("Petugas <b>bilang</b> & \"minta\" uang 😡🙏🏽 </para> ]]> \x00\x07\x1b\r\n"
           "Nama: Şükrü Çelik, 王小明, محمد\u200d\n" + "sangat panjang " * 1500 + "A" * 3000)


def test_hostile_text_survives_both_formats(dossier):
    hostile = dataclasses.replace(
        dossier, description=HOSTILE, complainant_name="<Siti & Co> 👩‍👧",
        reported_party="x" * 400, examination_summary="Hasil <ok> & \x0c selesai",
        audit=dossier.audit + (AuditEntry("reviewed", "Kasi <Tikkim>", "kasi_tikkim",
                                          at(3, 1, 10), "catatan " * 600),))
    in_docx = docx_text(report_docx(hostile))
    assert "Petugas <b>bilang</b> & \"minta\" uang 😡🙏🏽" in in_docx          # kept as typed
    assert "王小明" in in_docx and "<Siti & Co> 👩‍👧" in in_docx
    assert "\x00" not in in_docx and "\x07" not in in_docx
    pdf = report_pdf(hostile)
    in_pdf = flat(pdf_text_of(pdf))
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 3
    assert "Petugas <b>bilang</b> & \"minta\" uang </para> ]]>" in in_pdf      # escaped, not markup
    assert "Şükrü Çelik" in in_pdf and "王小明" in in_pdf                     # embedded fonts
    assert "\u200d" not in in_pdf                                            # joiner gone
    assert "<Siti & Co>" in in_pdf and "Hasil <ok> & selesai" in in_pdf
    assert "dipotong; lihat versi DOCX" in in_pdf                             # overlong cell cut
    assert in_pdf.count("sangat") == 1500 and in_pdf.count("panjang") == 1500   # nothing lost
    for kind in ("cover-docx", "cover-pdf"):
        assert "TRK-2703-0042" in read(kind, hostile)


def test_pdf_text_reduction():
    assert pdf_text("café – “ok” €5") == "café – “ok” €5"
    assert pdf_text("Şükrü Ёлкина 王小明") == "Şükrü Ёлкина 王小明"   # the fonts have them
    assert pdf_text("a\u200db\u200fc\ufe0f") == "abc"               # joiners, marks: dropped
    assert pdf_text("a\U0001F3FDb") == "ab"                          # no glyph, no '?'
    assert "?" not in pdf_text("😡🙏🏽")
    assert pdf_text("ᚠ x") == "? x"                                 # no font has runes
    assert pdf_text("baris\r\nbaru\tlagi\x00") == "baris\nbaru lagi"


def test_letter_number_pattern():
    assert letter_number(7, on=dt.date(2027, 3, 1)) == "W18.IMI.IMI.3-UM.01.01-0007"
    assert DEFAULT_NUMBER_PATTERN.endswith("{seq:04d}")
    custom = "IMI.3-UM.01.01/{seq:03d}/{month:02d}/{year}"
    assert letter_number(42, custom, dt.date(2027, 3, 1)) == "IMI.3-UM.01.01/042/03/2027"


def test_office_info_from_config(office):
    assert office.name == "Kantor Imigrasi Kelas II TPI Tarakan"
    assert office.contacts == ("Telepon/SMS/WhatsApp 08115773337",
                               "Laman kanimtarakan.kemenkumham.go.id, Pos-el infoimigrasitarakan@gmail.com")
    other = OfficeInfo.from_config(load_office_config(), regional_office="Kantor Wilayah Kalimantan Utara")
    assert other.regional_office == "Kantor Wilayah Kalimantan Utara"


@pytest.mark.parametrize("kind", list(RENDERERS))
@pytest.mark.parametrize("follow_up, words", [("pembinaan", "Pembinaan dan pendampingan"),
                                               ("hukuman", "Hukuman disiplin")])
def test_follow_up_is_written_in_indonesian_only(kind, follow_up, words, dossier):
    text = read(kind, dataclasses.replace(dossier, follow_up=follow_up))
    assert words in text, (kind, words)
    for english in ("punishment", "coaching", "mentoring"):
        assert english not in text.lower(), (kind, english)


def test_a_long_number_in_the_history_breaks_at_its_separators(dossier):
    """A BAP number is wider than the report's "Catatan" column: it wraps after a dash, slash
    or dot, never mid-part ("W18.IMI.IMI.3-PW.0" / "1.01-0042…" reads as two wrong numbers)."""
    number = "W18.IMI.IMI.3-PW.01.01-0042/XII/2026"
    entry = AuditEntry("examined", "Seksi Lantaskim", "seksi", at(3, 4, 14),
                       f"BAP {number} tanggal 2 Desember 2026 — berkas tertahan di loket")
    lines = [line.strip() for line in pdf_text_of(report_pdf(
        dataclasses.replace(dossier, audit=(entry,)))).splitlines()]
    start = next(i for i, line in enumerate(lines) if "BAP W18." in line)
    pieces = [lines[start][lines[start].index("W18."):]]
    while len("".join(pieces)) < len(number):
        pieces.append(lines[start + len(pieces)].split()[0])
    assert "".join(pieces).startswith(number) and len(pieces) > 1, pieces
    for piece in pieces[:-1]:
        assert piece[-1] in "-/.", pieces
