"""The desk and the paperwork together: BAP captured at step 4, printed in the documents."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.support.telegram import KASI, PENYUSUN, PETUGAS, SEKSI, TelegramUser, deliver, \
    file_on_telegram
from tests.test_officers import app, complaint, officer, runtime  # noqa: F401
from tests.test_sop_end_to_end import documents_in

pytestmark = pytest.mark.timeout(120)
CITIZEN = 555_030


def test_bap_number_and_date_from_step_4_reach_the_report(app, runtime, tg_server):
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    for who, args in ((PETUGAS, ""), (KASI, "koordinasikan dengan Seksi Lantaskim"),
                      (SEKSI["lantaskim"], "benar BAP W18.IMI.IMI.3-PW.01.01-0042 2026-12-01 "
                                           "petugas loket 2 lalai"),
                      (SEKSI["lantaskim"], "pembinaan"), (PENYUSUN, "")):
        assert officer(app, who).send(f"/tahap {ticket} {args}".strip()) == "officer"
    filed = complaint(runtime, ticket)
    assert (filed.bap_number, filed.bap_date) == ("W18.IMI.IMI.3-PW.01.01-0042",
                                                  dt.date(2026, 12, 1))
    deliver(runtime)
    drafted = documents_in(tg_server, PENYUSUN)
    report = drafted[f"Laporan_Pengaduan_{ticket}.pdf"]
    assert "Nomor BAP : W18.IMI.IMI.3-PW.01.01-0042" in report
    assert "Tanggal BAP : 1 Desember 2026" in report
    assert "Kemarin" not in report and "VI. PENUTUP" in report
    cover = drafted[f"Surat_Pengantar_{ticket}.docx"]
    assert "Kepala Kantor Imigrasi Kelas II TPI Tarakan" in cover and "Tembusan:" in cover
