"""The monthly recap against a hand-made month of twelve complaints, and its exports read back."""
from __future__ import annotations

import csv
import datetime as dt
import io
import struct

import openpyxl
import pytest

from bot.config import load_office_config
from bot.paperwork.exports import recap_chart_png, recap_csv, recap_xlsx, register_csv
from bot.sop.hours import ServiceHours
from bot.paperwork.recap import (FOLLOW_UP_LABEL, Labels, RegisterRow, month_rows, monthly_recap,
                                 step_minutes)

WITA = dt.timezone(dt.timedelta(hours=8))
INJECTION = '=HYPERLINK("http://contoh.invalid","klik")'


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, minute, tzinfo=WITA)


def row(ticket: str, received: dt.datetime, channel: str, ctype: str, section: str | None,
        times: list[tuple[str, dt.datetime]], **extra) -> RegisterRow:
    stage = times[-1][0] if times else "received"
    return RegisterRow(ticket=ticket, received_at=received, channel=channel, type=ctype,
                       section=section, stage=stage, stage_times=tuple(times), **extra)


# Service minutes per step in the comments (Mon-Thu 08:00-16:00, Fri 08:00-16:30;
# config holidays 9-11 March 2027). Standards: reported_to_kasi 10, reviewed 10, examined 2880.
MONTH = [
    row("T01", at(3, 1, 9), "whatsapp", "paspor", "lantaskim",
        [("received", at(3, 1, 9)), ("reported_to_kasi", at(3, 1, 9, 5)),   # 5
         ("reviewed", at(3, 1, 9, 12)), ("examined", at(3, 2, 9, 12))],      # 7, 408+72=480
        verdict="benar", follow_up="pembinaan", finished_at=at(3, 5, 10), rating=5),
    row("T02", at(3, 1, 15, 55), "whatsapp", "paspor", "lantaskim",
        [("reported_to_kasi", at(3, 2, 8, 10)), ("reviewed", at(3, 2, 8, 15))]),  # 5+10=15, 5
    row("T03", at(3, 2, 10), "sms", "pungli", "inteldakim",
        [("reported_to_kasi", at(3, 2, 10, 10)), ("reviewed", at(3, 2, 10, 30)),  # 10, 20
         ("examined", at(3, 3, 10, 30)), ("report_drafted", at(3, 3, 12, 30))],  # 330+150, 120
        verdict="tidak_benar", finished_at=at(3, 4, 12), rating=4,
        external_source="LAPOR!", external_id="LPR-123"),
    row("T04", at(3, 3, 11), "telegram", "sistem_online", "tikkim",
        [("reported_to_kasi", at(3, 3, 11, 2)), ("reviewed", at(3, 3, 11, 6)),   # 2, 4
         ("examined", at(3, 5, 11, 6))],                                         # 294+480+186
        verdict="benar", follow_up="hukuman", rating=2, rating_comment=INJECTION),
    row("T05", at(3, 5, 16, 25), "whatsapp", "informasi", "tikkim",
        [("reported_to_kasi", at(3, 8, 8, 3)), ("reviewed", at(3, 8, 8, 20))],   # 5+3=8, 17
        rating=3),
    row("T06", at(3, 6, 10), "whatsapp", "perilaku_petugas", "tu",               # Saturday
        [("reported_to_kasi", at(3, 8, 8, 30))]),                                # 30
    row("T07", at(3, 8, 15, 58), "lapor", "paspor", "lantaskim",
        [("reported_to_kasi", at(3, 12, 8, 4)), ("reviewed", at(3, 12, 8, 10))],  # 2+4=6, 6
        rating=5, external_source="LAPOR!", external_id="LPR-456"),
    row("T08", at(3, 15, 9), "email", "izin_tinggal", "intalkim",
        [("reported_to_kasi", at(3, 15, 9, 9)), ("reviewed", at(3, 15, 9, 19))],  # 9, 10
        verdict="benar", follow_up="pembinaan", finished_at=at(3, 19, 9), rating=4),
    row("T09", at(3, 16, 9), "whatsapp", "paspor", "lantaskim", []),
    row("T10", at(3, 22, 13), "langsung", "sarana_prasarana", "tu",
        [("reported_to_kasi", at(3, 22, 13, 30)), ("reviewed", at(3, 22, 13, 35))],  # 30, 5
        rating=1, rating_comment="Lama sekali 😡\x07"),
    row("T11", at(3, 31, 23, 30), "whatsapp", "pungli", "inteldakim",
        [("reported_to_kasi", at(4, 1, 8, 5))]),                                 # 5
    row("T12", at(3, 29, 10), "sipensikim", "perlintasan", "lantaskim",
        [("reported_to_kasi", at(3, 29, 10, 8)), ("reviewed", at(3, 29, 10, 16)),  # 8, 8
         ("examined", at(3, 30, 10, 16))],                                       # 344+136=480
        verdict="tidak_benar", finished_at=at(3, 31, 9),
        external_source="SIPENSIKIM", external_id="SPK-9"),
]
OUTSIDE = [
    row("X01", at(2, 28, 23, 30), "whatsapp", "paspor", "lantaskim", []),       # February
    row("X02", at(4, 1, 0, 30), "whatsapp", "paspor", "lantaskim", []),         # April in WITA,
]                                                                               # March in UTC


@pytest.fixture(scope="module")
def config():
    return load_office_config()


@pytest.fixture(scope="module")
def labels(config) -> Labels:
    return Labels.from_config(config)


@pytest.fixture(scope="module")
def recap(config):
    return monthly_recap(OUTSIDE + MONTH[::-1], 2027, 3, ServiceHours(config),
                         config.sop.time_standards_minutes)


def test_month_boundaries_are_local_time():
    chosen = month_rows(MONTH + OUTSIDE, 2027, 3)
    assert [r.ticket for r in chosen][:2] == ["T01", "T02"]
    assert {r.ticket for r in chosen} == {r.ticket for r in MONTH}
    assert [r.ticket for r in month_rows(MONTH + OUTSIDE, 2027, 4)] == ["X02"]
    assert [r.ticket for r in month_rows(MONTH + OUTSIDE, 2027, 3, zone="UTC")][-1] == "X02"


def test_counts(recap):
    assert recap.total == 12 and recap.finished == 4
    assert recap.by_type == {"paspor": 4, "pungli": 2, "informasi": 1, "izin_tinggal": 1,
                             "perilaku_petugas": 1, "perlintasan": 1, "sarana_prasarana": 1,
                             "sistem_online": 1}
    assert recap.by_channel == {"whatsapp": 6, "email": 1, "langsung": 1, "lapor": 1,
                                "sipensikim": 1, "sms": 1, "telegram": 1}
    assert recap.by_section == {"lantaskim": 5, "inteldakim": 2, "tikkim": 2, "tu": 2,
                                "intalkim": 1}
    assert recap.verdicts == {"benar": 3, "tidak_benar": 2, "dicabut": 0, "pending": 7}
    # T04 (sistem_online, step 5 "hukuman") in the documents' words, not staff discipline
    assert recap.follow_ups == {"pembinaan": 2, "hukuman": 0, "perbaikan_layanan": 1,
                                "tidak_diperlukan": 2, "belum": 7}


def test_step_times_in_service_minutes(config):
    hours = ServiceHours(config)
    assert step_minutes(MONTH[0], hours) == {"reported_to_kasi": 5, "reviewed": 7, "examined": 480}
    assert step_minutes(MONTH[6], hours) == {"reported_to_kasi": 6, "reviewed": 6}
    assert step_minutes(MONTH[2], hours)["report_drafted"] == 120   # followed_up skipped
    assert step_minutes(MONTH[8], hours) == {}


def test_step_stats_against_standards(recap):
    steps = {s.stage: s for s in recap.steps}
    assert list(steps) == ["reported_to_kasi", "reviewed", "examined", "followed_up",
                           "report_drafted", "initialed", "signed", "reported", "archived"]
    kasi, review, exam = steps["reported_to_kasi"], steps["reviewed"], steps["examined"]
    assert (kasi.count, kasi.within, kasi.median_minutes, kasi.max_minutes) == (11, 8, 8, 30)
    assert kasi.share_within == pytest.approx(8 / 11)
    assert (review.count, review.within, review.median_minutes, review.max_minutes) == (9, 7, 7, 20)
    assert (exam.count, exam.within, exam.median_minutes, exam.max_minutes) == (4, 4, 480, 960)
    assert (steps["report_drafted"].count, steps["report_drafted"].within) == (1, 1)
    assert steps["signed"].count == 0 and steps["signed"].share_within is None
    assert recap.step_share_within == pytest.approx(20 / 25)
    assert (recap.complaints_measured, recap.complaints_within) == (11, 6)
    assert recap.complaint_share_within == pytest.approx(6 / 11)


def test_ratings(recap):
    assert recap.rating_count == 7
    assert recap.rating_average == pytest.approx(24 / 7)
    assert recap.rating_distribution == {1: 1, 2: 1, 3: 1, 4: 2, 5: 2}


def test_rows_are_validated():
    with pytest.raises(ValueError):
        row("B1", at(3, 1, 9), "sms", "paspor", None, [], rating=6)
    with pytest.raises(ValueError):
        RegisterRow("B2", dt.datetime(2027, 3, 1, 9), "sms", "paspor", None, "received")


def test_register_csv(recap, labels):
    data = register_csv(recap.rows, labels)
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == 12
    first = table[0]
    assert (first["No"], first["Nomor Tiket"], first["Tanggal Diterima (WITA)"]) == ("1", "T01", "2027-03-01 09:00")
    assert (first["Saluran"], first["Jenis Pengaduan"]) == ("WhatsApp", "Layanan paspor")
    assert first["Seksi Terkait"] == "Seksi Lalu Lintas Keimigrasian"
    assert (first["Hasil Pemeriksaan"], first["Penilaian"]) == ("Benar", "5")
    assert first["Masuk: Diperiksa seksi terkait (BAP) (WITA)"] == "2027-03-02 09:12"
    by_ticket = {r["Nomor Tiket"]: r for r in table}
    assert by_ticket["T04"]["Komentar Penilaian"] == "'" + INJECTION       # not a formula
    assert by_ticket["T10"]["Komentar Penilaian"] == "Lama sekali 😡"      # control char removed
    assert by_ticket["T03"]["Tindak Lanjut"] == "Tidak diperlukan (tidak benar)"
    assert (by_ticket["T07"]["Sumber Eksternal"], by_ticket["T07"]["ID Eksternal"]) == ("LAPOR!", "LPR-456")
    assert by_ticket["T11"]["Tanggal Diterima (WITA)"] == "2027-03-31 23:30"


def test_recap_csv(recap, labels):
    lines = list(csv.reader(io.StringIO(recap_csv(recap, labels).decode("utf-8-sig"))))
    assert lines[0] == ["Bagian", "Uraian", "Nilai"]        # no internal keys for the Kanwil
    values = {(part, label): value for part, label, value in lines[1:]}
    assert values[("Ringkasan", "Bulan")] == "Maret 2027"
    assert values[("Ringkasan", "Jumlah pengaduan")] == "12"
    assert values[("Jenis", "Layanan paspor")] == "4"
    assert values[("Saluran", "WhatsApp")] == "6"
    assert values[("Seksi", "Seksi Lalu Lintas Keimigrasian")] == "5"
    assert values[("Hasil pemeriksaan", "Belum diputuskan")] == "7"
    assert values[("Tindak lanjut", FOLLOW_UP_LABEL["perbaikan_layanan"])] == "1"
    assert values[("Standar waktu", "Langkah sesuai standar (%)")] == "80.0"
    assert values[("Standar waktu", "Pengaduan sesuai standar di semua langkah (%)")] == "54.5"
    assert values[("Penilaian", "Rata-rata (1-5)")] == "3.43"
    assert values[("Penilaian", "Bintang 4")] == "2"


def test_recap_xlsx(recap, labels):
    book = openpyxl.load_workbook(io.BytesIO(recap_xlsx(recap, labels)))
    assert book.sheetnames == ["Register", "Rekap", "Waktu"]
    register = book["Register"]
    assert register.max_row == 13
    assert register["B1"].value == "Nomor Tiket" and register["B2"].value == "T01"
    column = {cell.value: cell.column for cell in register[1]}
    assert register.cell(2, column["Tanggal Diterima (WITA)"]).value == dt.datetime(2027, 3, 1, 9, 0)
    comments = {register.cell(r, 2).value: register.cell(r, column["Komentar Penilaian"])
                for r in range(2, 14)}
    assert comments["T04"].value == INJECTION and comments["T04"].data_type == "s"
    rekap = {(r[0], r[1]): r[2] for r in book["Rekap"].iter_rows(min_row=2, values_only=True)}
    assert rekap[("Ringkasan", "Jumlah pengaduan")] == 12
    assert rekap[("Jenis", "Pungutan liar, calo, atau suap")] == 2
    assert rekap[("Penilaian", "Rata-rata (1-5)")] == 3.43
    waktu = {r[0]: r[1:] for r in book["Waktu"].iter_rows(min_row=2, max_row=10,
                                                           values_only=True)}
    assert waktu["Lapor Kasi"] == (10, 11, 8, 72.7, 8, 30, 0)
    assert waktu["Penelaahan"] == (10, 9, 7, 77.8, 7, 20, 0)
    assert waktu["Pemeriksaan (BAP)"] == (2880, 4, 4, 100.0, 480, 960, 0)
    assert waktu["Tanda tangan"] == (480, 0, 0, None, None, None, 0)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_chart_png(recap, labels):
    data = recap_chart_png(recap, labels, office="Kantor Imigrasi Kelas II TPI Tarakan")
    width, height = png_size(data)
    assert (width, height) == (1200, 550)
    assert 20_000 < len(data) < 1_000_000


def test_empty_month_still_exports(config, labels):
    empty = monthly_recap([], 2027, 2, ServiceHours(config), config.sop.time_standards_minutes)
    assert empty.total == 0 and empty.rating_average is None and empty.step_share_within is None
    assert png_size(recap_chart_png(empty, labels)) == (1200, 550)
    assert openpyxl.load_workbook(io.BytesIO(recap_xlsx(empty, labels)))["Register"].max_row == 1
    assert len(register_csv(empty.rows, labels).decode("utf-8-sig").splitlines()) == 1
