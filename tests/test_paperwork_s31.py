"""Documents for the leadership (walk W42, findings 5 and 6): a month with no complaint still
gives the Kepala the recap files to send the Kanwil, as a nil report; the signed PDFs number
their pages "halaman 2 dari 2" and print a NIP in its usual groups."""
from __future__ import annotations

import csv
import dataclasses
import io

import openpyxl
import pytest
from pypdf import PdfReader

from bot.config import load_office_config
from bot.paperwork.documents import (cover_letter_docx, cover_letter_pdf, report_docx,
                                     report_pdf)
from bot.paperwork.exports import recap_csv
from bot.paperwork.recap import Labels, monthly_recap
from bot.sop.hours import ServiceHours
from tests.support.telegram import KASI, TelegramUser, deliver
from tests.test_documents import docx_text, flat
from tests.test_documents import dossier  # noqa: F401  (fixture)
from tests.test_documents import office  # noqa: F401  (fixture)
from tests.test_documents_walk_s19 import _history
from tests.test_officers import app, runtime  # noqa: F401
from tests.test_reports_s23 import seed

pytestmark = pytest.mark.timeout(200)
CONFIG = load_office_config()
LABELS = Labels.from_config(CONFIG)


def _pages(data: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


# --- the page count in the footer ------------------------------------------------------------
def test_every_page_of_a_long_report_says_how_many_pages_there_are(dossier):
    pages = _pages(report_pdf(dataclasses.replace(dossier, audit=dossier.audit + _history(30))))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"halaman {number} dari {len(pages)}" in text, number


def test_a_one_page_cover_letter_says_page_1_of_1(dossier):
    [page] = _pages(cover_letter_pdf(dossier))
    assert "halaman 1 dari 1" in page


# --- the NIP in its groups -------------------------------------------------------------------
@pytest.mark.parametrize("render", [cover_letter_pdf, report_pdf, cover_letter_docx,
                                    report_docx])
def test_the_signatorys_nip_is_printed_in_its_usual_groups(render, dossier):
    digits = dossier.signed.nip
    assert len(digits) == 18 and digits.isdigit()
    data = render(dossier)
    text = (flat(" ".join(_pages(data))) if render in (cover_letter_pdf, report_pdf)
            else flat(docx_text(data)))
    grouped = f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    assert f"NIP {grouped}" in text
    assert digits not in text


def test_a_nip_of_another_length_is_printed_as_written(dossier):
    signed = dataclasses.replace(dossier.signed, nip="123456789")
    text = flat(" ".join(_pages(cover_letter_pdf(dataclasses.replace(dossier, signed=signed)))))
    assert "NIP 123456789" in text


# --- the nil recap ---------------------------------------------------------------------------
def test_an_empty_months_recap_lists_every_type_at_zero_under_a_nihil_line():
    figures = monthly_recap([], 2026, 10, ServiceHours(CONFIG),
                            CONFIG.sop.time_standards_minutes)
    lines = list(csv.reader(io.StringIO(recap_csv(figures, LABELS).decode("utf-8-sig"))))
    values = {(part, label): value for part, label, value in lines[1:]}
    assert values[("Ringkasan", "Keterangan")].startswith("Nihil")
    assert values[("Ringkasan", "Jumlah pengaduan")] == "0"
    for type_key in CONFIG.complaint_types:
        assert values[("Jenis", LABELS.type(type_key))] == "0"
    for section in CONFIG.sections:
        assert values[("Seksi", LABELS.section(section))] == "0"


def test_rekap_of_an_empty_month_sends_the_nil_reports_files(app, runtime, tg_server):
    seed(runtime)                                     # complaints from November 2026 on
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send("/rekap 2026-10") == "officer"
    deliver(runtime)
    said = tg_server.sent_texts(KASI)[0]                # then the files' captions
    assert said == ("📊 Rekap pengaduan Oktober 2026: nihil, tidak ada pengaduan yang diterima "
                    "pada bulan ini; berkas rekap nihil terlampir. Pengaduan pertama tercatat "
                    "pada November 2026.")
    sent = tg_server.sent_messages(KASI)
    files = {c.files["document"].filename: c.files["document"].content
             for c in sent if c.method == "sendDocument"}
    assert set(files) == {"Rekap_Pengaduan_2026-10.xlsx", "Rekap_Pengaduan_2026-10.csv"}
    assert [c.method for c in sent].count("sendPhoto") == 1          # the chart
    book = openpyxl.load_workbook(io.BytesIO(files["Rekap_Pengaduan_2026-10.xlsx"]))
    assert book.sheetnames == ["Register", "Rekap", "Waktu"]
    assert list(book["Register"].iter_rows(min_row=2, values_only=True)) == []
    summary = {r[1]: r[2] for r in book["Rekap"].iter_rows(min_row=2, values_only=True)}
    assert summary["Keterangan"].startswith("Nihil")
    assert summary["Jumlah pengaduan"] == 0
