"""The documents walk (session 19), read as the office and the Kanwil read them: the signature
never alone on the report's last page, a register whose long cells can be read when opened, and
the recap and step 5 naming the follow-up as the documents do (no staff discipline where no staff
member is at fault)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import re

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from bot.config import load_office_config
from bot.paperwork.documents import CLOSING, AuditEntry, cover_letter_docx, cover_letter_pdf
from bot.paperwork.documents import report_docx, report_pdf
from bot.paperwork.exports import REGISTER_HEADER, recap_csv, recap_rows, recap_xlsx, register_xlsx
from bot.paperwork.recap import Labels, RegisterRow, monthly_recap
from bot.sop.hours import ServiceHours
from tests.support.telegram import KASI, OFFICER_CHAT, SEKSI, TelegramUser, file_on_telegram
from tests.test_desk_buttons import press
from tests.test_documents import at, flat
from tests.test_documents import dossier  # noqa: F401  (fixture)
from tests.test_documents import office  # noqa: F401  (fixture)
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(200)
CITIZEN = 555_190
WITA = dt.timezone(dt.timedelta(hours=8))
SERVICE = "Ditindaklanjuti oleh seksi terkait (perbaikan layanan)"
WNA_ACTION = "Tindakan administratif keimigrasian terhadap orang asing yang dilaporkan"
WNA_WARNING = "Pengawasan dan peringatan terhadap orang asing yang dilaporkan"


# --- 1: the signature block never alone on the last page ---------------------------------------
def _pages(data: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def _history(n: int) -> tuple[AuditEntry, ...]:
    return tuple(AuditEntry("reviewed", "Budi Santoso", "kasi_tikkim", at(3, 2, 9, i % 60),
                            f"Catatan ke-{i} tentang pemeriksaan lanjutan")
                 for i in range(n))


def test_the_reports_signature_stays_with_the_closing_text(dossier):
    """With 13 to 15 more history rows the report's signature block (Kepala Kantor, name, NIP,
    with the initials box) went alone onto a last page: nothing of the report above it."""
    signature = "NIP 19780409 200312 1 001"
    checked = 0
    for extra in range(8, 24):
        pages = _pages(report_pdf(dataclasses.replace(
            dossier, audit=dossier.audit + _history(extra))))
        signed = [text for text in pages if signature in text]
        assert len(signed) == 1, extra
        # the closing section's last words on the signature's page
        assert "sebagaimana mestinya." in signed[0], (extra, len(pages))
        checked += len(pages) > 2
    assert checked          # the sweep did reach long reports, over a page break


def test_the_cover_letters_signature_stays_with_its_closing_line(dossier):
    """The cover letter's last lines ("Demikian kami sampaikan …") go with its signature."""
    signature = "NIP 19780409 200312 1 001"
    for lines in range(1, 40, 2):
        addressee = "\n".join(f"Kepala Bagian {i} Kantor Wilayah" for i in range(lines))
        pages = _pages(cover_letter_pdf(dataclasses.replace(dossier, addressee=addressee)))
        signed = [text for text in pages if signature in text]
        assert len(signed) == 1 and "Demikian kami sampaikan" in signed[0], (lines, len(pages))


@pytest.mark.parametrize("render, last", [(report_docx, CLOSING), (
    cover_letter_docx, "Demikian kami sampaikan. Atas perhatian Bapak/Ibu, kami ucapkan "
                       "terima kasih.")])
def test_the_docx_keeps_its_last_paragraph_with_the_signature(render, last, dossier):
    """Word and LibreOffice lay the DOCX out themselves: the closing paragraph is kept in one
    piece and with the next (the space, then the signature table, whose row does not split)."""
    document = docx.Document(io.BytesIO(render(dossier)))
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == last)
    closing = paragraphs[index].paragraph_format
    assert closing.keep_with_next and closing.keep_together
    between = paragraphs[index + 1:]
    body = document.element.body
    table = document.tables[-1]._tbl     # the signature table
    assert all(p.paragraph_format.keep_with_next for p in between
               if body.index(p._p) < body.index(table))


# --- 2: the register as a spreadsheet, readable when opened ------------------------------------
LONG_SUMMARY = ("Saya sudah tiga kali datang ke loket paspor untuk wawancara, setiap kali "
                "diminta kembali minggu depan karena sistem katanya sedang gangguan, padahal…")
OUTCOME = ("Yth. Pelapor, pengaduan Anda telah kami periksa dan terbukti benar. Petugas loket "
           "telah diberi pembinaan oleh Kepala Seksi Lalu Lintas Keimigrasian dan antrean "
           "wawancara kini diatur ulang. Terima kasih atas laporan Anda.")
SHA = "3f5a0c9e7b2d41f8a6c0e1d2b3a4958677f6e5d4c3b2a1908f7e6d5c4b3a2910"


def _register_rows() -> list[RegisterRow]:
    received = dt.datetime(2027, 3, 1, 9, 12, tzinfo=WITA)
    return [
        RegisterRow("TRK-2703-0001", received, "whatsapp", "pengawasan_wna", "inteldakim",
                    "archived", "benar", "hukuman", finished_at=received + dt.timedelta(days=9),
                    letter_number="W18.IMI.IMI.3-UM.01.01-0217", summary=LONG_SUMMARY,
                    bap_number="W18.IMI.IMI.3-PW.01.01-0042", bap_date=dt.date(2027, 3, 4),
                    kanwil_reported_on=dt.date(2027, 3, 10), kanwil_means="Surat",
                    kanwil_reference="W18.IMI.IMI.3-UM.01.01-0099", outcome_message=OUTCOME,
                    signed_sha256=SHA, reporter="Siti Rahmawati",
                    stage_times=(("reported_to_kasi", received + dt.timedelta(minutes=5)),)),
        RegisterRow("TRK-2703-0002", received + dt.timedelta(hours=2), "dirahasiakan", "pungli",
                    None, "received", summary="Pungli", concealed=True),
    ]


def _labels() -> Labels:
    return Labels.from_config(load_office_config())


def _check_readable(sheet) -> int:  # type: ignore[no-untyped-def]
    """Every text cell shows whole: its longest line fits the column, or it wraps and its row is
    tall enough for the lines it wraps into. Returns how many cells needed wrapping."""
    wrapped = 0
    for row in sheet.iter_rows(min_row=1):
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value:
                continue
            width = sheet.column_dimensions[cell.column_letter].width
            assert width <= 80, (cell.coordinate, width)            # capped
            longest = max(len(line) for line in cell.value.split("\n"))
            if longest + 1 <= width:
                continue
            wrapped += 1
            assert cell.alignment.wrap_text, (cell.coordinate, cell.value, width)
            lines = sum(math.ceil(max(len(line), 1) / (width - 1))
                        for line in cell.value.split("\n"))
            height = sheet.row_dimensions[cell.row].height
            assert height and height >= lines * 12, (cell.coordinate, lines, height)
            # a token never wider than its column (it would be cut at a random character)
            assert all(len(word) + 1 <= width for word in cell.value.split()), cell.coordinate
    return wrapped


@pytest.mark.parametrize("make", ["register", "recap"])
def test_the_registers_long_cells_are_readable_and_its_dates_real_dates(make):
    """Column widths came from the headers only: "Uraian Singkat" was 16 characters wide for a
    160-character summary, the follow-up and the complainant's message cut at the next column,
    the signed report's hash shown as '#####'-like stubs."""
    rows, labels = _register_rows(), _labels()
    if make == "register":
        data = register_xlsx(rows, labels)
    else:
        config = load_office_config()
        data = recap_xlsx(monthly_recap(rows, 2027, 3, ServiceHours(config),
                                        config.sop.time_standards_minutes), labels)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Register"]
    column = {cell.value: cell.column_letter for cell in sheet[1]}
    assert _check_readable(sheet) >= 3              # summary, follow-up, message (and headers)
    for name in ("Uraian Singkat", "Pesan Hasil kepada Pelapor", "Tindak Lanjut"):
        assert sheet.column_dimensions[column[name]].width >= 30, name
    assert sheet.column_dimensions[column["SHA-256 Berkas PDF Laporan Bertanda Tangan"]].width >= 65
    # dates stay dates (sortable, filterable), shown as dates, wide enough not to show '####'
    for name, kind, fmt in (("Tanggal Diterima (WITA)", dt.datetime, "dd/mm/yyyy hh:mm"),
                            ("Tanggal BAP", dt.datetime, "dd/mm/yyyy"),
                            ("Lapor Kanwil: Tanggal", dt.datetime, "dd/mm/yyyy"),
                            ("Tanggal Selesai (WITA)", dt.datetime, "dd/mm/yyyy hh:mm")):
        cell = sheet[f"{column[name]}2"]
        assert isinstance(cell.value, kind) and cell.is_date, name
        assert cell.number_format == fmt, name
        assert sheet.column_dimensions[column[name]].width >= len(fmt) + 1, name
    concealed = sheet[f"{column['Tanggal Diterima (WITA)']}3"]
    assert concealed.is_date and concealed.number_format == "dd/mm/yyyy"
    assert sheet.freeze_panes == "A2"
    for other in book.sheetnames[1:]:
        _check_readable(book[other])


def _plain(html: str) -> str:
    """A Telegram message as the officer reads it (tags dropped, spaces flattened)."""
    return flat(re.sub(r"<[^>]+>", "", html))


# --- 3: the recap and step 5 name the follow-up as the documents do ----------------------------
def _recap_rows() -> list[RegisterRow]:
    received = dt.datetime(2027, 3, 1, 9, tzinfo=WITA)
    kinds = (("pengawasan_wna", "hukuman"), ("pengawasan_wna", "pembinaan"),
             ("sarana_prasarana", "hukuman"), ("sistem_online", "pembinaan"),
             ("pungli", "hukuman"), ("paspor", "pembinaan"))
    rows = [RegisterRow(f"TRK-2703-00{i}", received + dt.timedelta(hours=i), "whatsapp", kind,
                        None, "archived", "benar", follow_up)
            for i, (kind, follow_up) in enumerate(kinds)]
    rows.append(RegisterRow("TRK-2703-0099", received, "sms", "sarana_prasarana", None,
                            "archived", "tidak_benar"))
    return rows


def test_the_monthly_recap_counts_follow_ups_in_the_documents_words():
    """The recap counted a true report about foreigners and a broken facility under "Hukuman
    disiplin", as an officer's misconduct; the register beside it said otherwise."""
    config = load_office_config()
    recap = monthly_recap(_recap_rows(), 2027, 3, ServiceHours(config),
                          config.sop.time_standards_minutes)
    labels = _labels()
    shown = {label: n for part, _, label, n in recap_rows(recap, labels)
             if part == "Tindak lanjut"}
    assert shown["Hukuman disiplin"] == 1                     # pungli only
    assert shown["Pembinaan dan pendampingan"] == 1           # paspor only
    assert shown[WNA_ACTION] == 1 and shown[WNA_WARNING] == 1
    assert shown[SERVICE] == 2
    assert shown["Tidak diperlukan (tidak benar)"] == 1
    assert sum(shown.values()) == recap.total
    # the register in the same workbook says the same for each complaint
    book = openpyxl.load_workbook(io.BytesIO(recap_xlsx(recap, labels)))
    register = book["Register"]
    column = REGISTER_HEADER.index("Tindak Lanjut") + 1
    said = [register.cell(r, column).value for r in range(2, register.max_row + 1)]
    counted = {label: n for part, label, n in (r for r in book["Rekap"].iter_rows(
        min_row=2, values_only=True)) if part == "Tindak lanjut" and n}
    assert counted == {label: said.count(label) for label in set(said)}
    assert recap_csv(recap, labels).decode("utf-8-sig").count("Hukuman disiplin") == 1


@pytest.mark.parametrize("kind, press_key, words", [
    ("sarana_prasarana", "p", SERVICE), ("pengawasan_wna", "h", WNA_ACTION),
    ("pengawasan_wna", "p", WNA_WARNING)])
def test_step_five_names_the_follow_up_as_the_documents_do(kind, press_key, words, app, runtime,
                                                          tg_server):
    """Step 5's question and its confirmation said "Tindak lanjut: Hukuman disiplin" for a
    broken facility or a report about foreigners, where the documents and the complainant's
    message say otherwise; so did /lihat."""
    from tests.support.telegram import deliver

    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    walk_to(app, ticket, "reviewed")
    assert officer(app, KASI, private=True).send(f"/jenis {ticket} {kind}") == "officer"
    assert complaint(runtime, ticket).type == kind
    section = officer(app, SEKSI["lantaskim"])
    assert section.send(f"/tahap {ticket} benar BAP W18-0042 2026-12-01 selesai") == "officer"
    deliver(runtime)
    assert press(app, tg_server, SEKSI["lantaskim"],
                 f"fu:{ticket}:examined:{press_key}") == "officer"
    deliver(runtime)
    prompt = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert f"Tindak lanjut: {words}" in _plain(prompt["text"])
    assert section.reply("sudah ditangani bersama seksi terkait", to=prompt) == "officer"
    assert complaint(runtime, ticket).stage == "followed_up"
    deliver(runtime)
    done = [m["text"] for m in tg_server.messages_in(OFFICER_CHAT)
            if "langkah 5 selesai" in m.get("text", "")]
    assert done and words in _plain(done[-1])
    assert section.send(f"/lihat {ticket}") == "officer"
    deliver(runtime)
    view = _plain(tg_server.messages_in(OFFICER_CHAT)[-1]["text"])
    assert f"Tindak lanjut: {words}" in view
    for text in (prompt["text"], done[-1], view):
        assert "Hukuman disiplin" not in text and "Pembinaan dan pendampingan" not in text


def test_step_five_keeps_the_sops_words_for_staff(app, runtime, tg_server):
    """A complaint about the office's people keeps "Hukuman disiplin" (the control)."""
    from tests.support.telegram import deliver

    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN + 1), runtime)
    walk_to(app, ticket, "examined")
    deliver(runtime)
    assert press(app, tg_server, SEKSI["lantaskim"], f"fu:{ticket}:examined:h") == "officer"
    deliver(runtime)
    prompt = tg_server.messages_in(OFFICER_CHAT)[-1]
    assert "Tindak lanjut: Hukuman disiplin" in _plain(prompt["text"])


# --- 4: a secret letter's enclosure is marked secret too ---------------------------------------
@pytest.mark.parametrize("flags", [{"confidential": True}, {"channel": "Dirahasiakan"}])
def test_every_page_of_a_secret_letter_and_its_report_is_marked_secret(flags, dossier):
    """The cover letter of a confidential complainant (or a sensitive type) says "Sifat:
    Rahasia", but the report enclosed with it, which holds the whole story, said nothing: once
    taken out of the envelope it read as an ordinary document."""
    secret = dataclasses.replace(dossier, audit=dossier.audit + _history(14), **flags)
    for render in (cover_letter_pdf, report_pdf):
        pages = _pages(render(secret))
        assert all("RAHASIA" in page for page in pages), render.__name__
    report = _pages(report_pdf(secret))
    assert report[0].index("RAHASIA") < report[0].index("LAPORAN PENANGANAN")  # at the top too
    for render in (cover_letter_docx, report_docx):
        document = docx.Document(io.BytesIO(render(secret)))
        assert "RAHASIA" in document.sections[0].footer.paragraphs[0].text, render.__name__
    for render in (cover_letter_pdf, report_pdf):            # an ordinary letter: no marking
        assert not any("RAHASIA" in page for page in _pages(render(dossier)))
