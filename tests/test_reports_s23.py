"""The monthly recap and the register as the leadership and the Kanwil read them (walk W24b,
2026-12-05): which complaint is late, what the time figures count, a breakdown on the phone,
no internal keys, the printed verification code, the zone in the headers, an empty month."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from pypdf import PdfReader

from bot.config import load_office_config
from bot.paperwork.exports import (recap_csv, recap_xlsx, register_csv, register_header,
                                   zone_name)
from bot.paperwork.recap import Clock, Labels, RegisterRow, monthly_recap, register_row
from bot.sop.hours import ServiceHours
from storage.files import FileStore
from storage.models import Complaint, StageEvent, StoredDocument
from tests.conftest import WITA
from tests.support.telegram import (KASI, OFFICER_CHAT, PETUGAS, TelegramUser, deliver,
                                    file_on_telegram)
from tests.test_documents import flat
from tests.test_kept_documents import kept, sent_files
from tests.test_officers import app, officer, runtime, walk_to  # noqa: F401

pytestmark = pytest.mark.timeout(200)
CONFIG = load_office_config()
HOURS = ServiceHours(CONFIG)
LABELS = Labels.from_config(CONFIG)
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)        # the conftest clock: Tuesday, open
CLOCK = Clock(CONFIG, HOURS, NOW)


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=WITA)


def _complaint(ticket: str, received: dt.datetime, ctype: str = "paspor", stage: str = "received",
               due: dt.datetime | None = None, moves=(), channel: str = "telegram",
               verdict: str | None = None, **extra) -> Complaint:
    complaint = Complaint(ticket=ticket, pin_hash="x", channel=channel, language="id",
                          type=ctype, type_source="officer", description="uraian",
                          # named: a confidential or anonymous row is concealed like a
                          # sensitive one (identity.held_for_slot), its moments cut to dates
                          identity_mode="named", reporter_name="Siti Aminah", stage=stage,
                          verdict=verdict,
                          due_at=due, created_at=received, updated_at=received, **extra)
    complaint.events = [StageEvent(from_stage=None, to_stage="received", at=received),
                        *(StageEvent(from_stage="x", to_stage=s, at=m) for s, m in moves)]
    complaint.documents = []
    return complaint


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


# --- B4: the register names the late complaint -------------------------------------------------
def test_each_register_row_says_its_deadlines_and_whether_it_is_late():
    # open, its next step past the deadline /lihat marks "TERLAMBAT" (Monday 09:10)
    late_open = _complaint("TRK-LATE-0001", at(11, 30, 9), due=at(11, 30, 9, 10))
    # open, the next step due later today
    fresh = _complaint("TRK-OPEN-0002", at(12, 1, 9, 55), due=at(12, 1, 12))
    # finished (step 9) weeks after the outcome's deadline, and one finished in days
    slow = _complaint("TRK-SLOW-0003", at(10, 1, 9), stage="reported",
                      moves=[("reported", at(11, 30, 15))], verdict="benar")
    quick = _complaint("TRK-FAST-0004", at(11, 2, 9), stage="archived",
                       moves=[("reported_to_kasi", at(11, 2, 9, 5)), ("reviewed", at(11, 2, 9, 10)),
                              ("examined", at(11, 3, 9)), ("followed_up", at(11, 4, 9)),
                              ("report_drafted", at(11, 5, 9)), ("initialed", at(11, 5, 10)),
                              ("signed", at(11, 5, 11)), ("reported", at(11, 6, 9)),
                              ("archived", at(11, 6, 10))])
    rows = [register_row(c, clock=CLOCK) for c in (late_open, fresh, slow, quick)]
    got = {r["Nomor Tiket"]: r for r in _csv_rows(register_csv(rows, LABELS))}
    assert got["TRK-LATE-0001"]["Ketepatan Waktu"] == (
        "Terlambat: Lapor Kasi lewat batas 1 hari kerja")           # 410 + 120 service minutes
    assert got["TRK-LATE-0001"]["Batas Langkah Berikutnya (WITA)"] == "2026-11-30 09:10"
    assert got["TRK-OPEN-0002"]["Ketepatan Waktu"] == "Dalam proses, belum lewat batas"
    assert got["TRK-SLOW-0003"]["Ketepatan Waktu"].startswith("Terlambat: selesai ")
    assert " setelah batas penyelesaian" in got["TRK-SLOW-0003"]["Ketepatan Waktu"]
    assert got["TRK-FAST-0004"]["Ketepatan Waktu"] == (
        "Tepat waktu (selesai sebelum batas penyelesaian)")
    # the outcome's deadline is the one the ticket message promises (bot.deadlines)
    from bot.deadlines import outcome_due
    promised = outcome_due(CONFIG, HOURS, quick.created_at).astimezone(WITA)
    assert got["TRK-FAST-0004"]["Batas Penyelesaian (WITA)"] == f"{promised:%Y-%m-%d %H:%M}"
    november = monthly_recap(rows, 2026, 11, HOURS, CONFIG.sop.time_standards_minutes)
    assert [r.ticket for r in november.late] == ["TRK-LATE-0001"]    # received in November


def test_a_concealed_rows_deadlines_are_dates_and_its_lateness_whole_hours():
    """Filed at 08.07, step 2 due 08.17; the group reads it from its 10.00 slot (due 10.10,
    bot.sop.owners.coarse_due). At 12.00 it is 3 h 43 min late for the leaders, and 1 h 50
    min late, said "1 jam", for anyone else."""
    quiet = _complaint("TRK-QUIE-0005", at(12, 1, 8, 7), ctype="pungli",
                       due=at(12, 1, 8, 17))
    noon = Clock(CONFIG, HOURS, at(12, 1, 12))
    [row] = _csv_rows(register_csv([register_row(quiet, CONFIG.sensitive_types,
                                                 clock=noon)], LABELS))
    assert row["Pelapor"] == "Dirahasiakan"
    assert row["Ketepatan Waktu"] == "Terlambat: Lapor Kasi lewat batas 1 jam"
    for name in ("Tanggal Diterima (WITA)", "Batas Langkah Berikutnya (WITA)",
                 "Batas Penyelesaian (WITA)"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[name]), (name, row[name])
    [leaders] = _csv_rows(register_csv([register_row(quiet, CONFIG.sensitive_types,
                                                     leaders=True, clock=noon)], LABELS))
    assert leaders["Ketepatan Waktu"] == "Terlambat: Lapor Kasi lewat batas 3 jam 43 menit"


# --- B5: the Waktu sheet says what it counts; 0 minutes are real ---------------------------------
def test_the_time_sheet_explains_n_and_service_minutes_and_zero_is_real():
    monday = RegisterRow("TRK-MOND-0006", at(11, 30, 9), "sms", "paspor", None,
                         "reported_to_kasi", stage_times=(("reported_to_kasi", at(11, 30, 9, 3)),))
    saturday = RegisterRow("TRK-SATU-0007", at(11, 28, 15, 23), "sms", "paspor", None,
                           "reported_to_kasi",
                           stage_times=(("reported_to_kasi", at(11, 28, 15, 25)),))
    recap = monthly_recap([monday, saturday], 2026, 11, HOURS, CONFIG.sop.time_standards_minutes)
    kasi = {s.stage: s for s in recap.steps}["reported_to_kasi"]
    assert kasi.max_minutes == 3 and kasi.median_minutes == 1.5   # 3 min, and 0 on a Saturday
    book = openpyxl.load_workbook(io.BytesIO(recap_xlsx(recap, LABELS)))
    notes = " ".join(str(r[0]) for r in book["Waktu"].iter_rows(values_only=True)
                     if r[0] and str(r[0]).startswith(("Catatan", "Jumlah diukur", "Menit")))
    assert "Jumlah diukur = langkah yang sudah selesai" in notes
    assert "belum jatuh tempo tidak dihitung" in notes
    assert "menit jam layanan" in notes and "0 menit" in notes
    table = list(book["Waktu"].iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert table[:7] == ("Lapor Kasi", 10, 2, 2, 100.0, 1.5, 3)


# --- C1, C3, C4: no internal keys; the printed code; the zone in the headers ---------------------
def test_the_recap_carries_labels_only_and_the_times_name_the_zone():
    rows = [RegisterRow("TRK-KEYS-0008", at(11, 3, 9), "sms", "sarana_prasarana", None,
                        "received"),
            RegisterRow("TRK-KEYS-0009", at(11, 4, 9), "whatsapp", "paspor", "lantaskim",
                        "archived", verdict="tidak_benar", finished_at=at(11, 9, 9))]
    recap = monthly_recap(rows, 2026, 11, HOURS, CONFIG.sop.time_standards_minutes)
    text = recap_csv(recap, LABELS).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["Bagian", "Uraian", "Nilai"]
    for key in ("sarana_prasarana", "pending", "tidak_benar", "'-", "belum", "whatsapp"):
        assert key not in text, key
    assert ["Seksi", "Belum ditentukan", "1"] in lines
    assert ["Hasil pemeriksaan", "Belum diputuskan", "1"] in lines
    book = openpyxl.load_workbook(io.BytesIO(recap_xlsx(recap, LABELS)))
    assert [c.value for c in book["Rekap"][1]] == ["Bagian", "Uraian", "Nilai"]
    header = [c.value for c in book["Register"][1]]
    assert "Tanggal Diterima (WITA)" in header and "Tanggal Selesai (WITA)" in header
    assert "Masuk: Diinventarisasi (WITA)" in header
    assert "Tanggal Diterima" not in header
    assert zone_name("Asia/Jakarta") == "WIB" and zone_name("Asia/Jayapura") == "WIT"
    assert "Tanggal Diterima (WIB)" in register_header("Asia/Jakarta")


def test_the_register_carries_the_verification_code_printed_on_the_signed_report():
    complaint = _complaint("TRK-SIGN-0010", at(11, 2, 9), stage="signed",
                           moves=[("signed", at(11, 20, 9))])
    complaint.documents = [StoredDocument(
        kind="report", role="signed", name="Laporan_Pengaduan_TRK-SIGN-0010.pdf",
        sha256="f" * 64, content_sha256="c" * 64, content_type="application/pdf", size=1,
        stored_path="x", created_by="t", created_at=at(11, 20, 9))]
    [row] = _csv_rows(register_csv([register_row(complaint)], LABELS))
    assert row["Kode Verifikasi (tercetak di laporan bertanda tangan)"] == "c" * 64
    assert row["SHA-256 Berkas PDF Laporan Bertanda Tangan"] == "f" * 64


def test_the_code_in_the_register_is_the_one_printed_on_the_pdf(app, runtime, tg_server, clock):
    ticket = file_on_telegram(TelegramUser(app.test_client(), 555_230), runtime)
    walk_to(app, ticket, "signed")
    [report] = [d for d in kept(runtime, ticket)
                if d.role == "signed" and d.name.endswith(".pdf") and d.kind == "report"]
    pdf = FileStore(runtime.config.files_dir).read(report.stored_path, report.sha256)
    printed = re.search(r"Kode verifikasi isi yang ditandatangani \(SHA-256\): ([0-9a-f]{64})",
                        flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)))
    assert officer(app, PETUGAS, private=True).send("/inventaris") == "officer"
    deliver(runtime)
    [(_, data, _)] = [f for f in sent_files(tg_server, PETUGAS) if f[0].endswith(".csv")]
    [row] = _csv_rows(data)
    assert row["Kode Verifikasi (tercetak di laporan bertanda tangan)"] == printed.group(1)


# --- B4, B6, C8 over Telegram: the /rekap message -----------------------------------------------
SEEDED = [   # ticket, received, channel, type, stage, due, verdict, moves
    ("TRK-AAAA-2323", at(11, 30, 9), "telegram", "paspor", "received", at(11, 30, 9, 10),
     None, []),
    ("TRK-BBBB-2323", at(11, 30, 15, 55), "sms", "sarana_prasarana", "reported_to_kasi",
     at(12, 1, 12), None, [("reported_to_kasi", at(11, 30, 15, 58))]),
    ("TRK-CCCC-2323", at(11, 2, 9), "whatsapp", "paspor", "archived", None, "benar",
     [("reported_to_kasi", at(11, 2, 9, 5)), ("reviewed", at(11, 2, 9, 10)),
      ("examined", at(11, 3, 9)), ("followed_up", at(11, 4, 9)),
      ("report_drafted", at(11, 5, 9)), ("initialed", at(11, 5, 10)),
      ("signed", at(11, 5, 11)), ("reported", at(11, 6, 9)), ("archived", at(11, 6, 10))]),
    ("TRK-DDDD-2323", at(11, 30, 8, 30), "telegram", "pungli", "received", at(11, 30, 8, 40),
     None, []),
]


def seed(runtime, levy: str = "anonymous") -> None:  # type: ignore[no-untyped-def]
    """`levy`: the levy's identity mode (an anonymous one's figures the leaders read as of its
    slot too: tests/test_privacy_s42b_leaders_files.py)."""
    with runtime.store.unit() as unit:
        for ticket, received, channel, ctype, stage, due, verdict, moves in SEEDED:
            complaint = Complaint(
                ticket=ticket, pin_hash="x", channel=channel, language="id", type=ctype,
                type_source="officer", description="uraian",
                # named but the levy: only the sensitive row is concealed in the group's copy
                identity_mode="named" if ctype != "pungli" else levy,
                reporter_name="Siti Aminah" if ctype != "pungli" or levy != "anonymous"
                else None,
                stage=stage, section="lantaskim" if verdict else None, verdict=verdict,
                follow_up="pembinaan" if verdict else None, due_at=due,
                created_at=received, updated_at=received)
            unit.file_complaint(complaint, [], StageEvent(
                complaint_id=0, actor="test", actor_role="petugas", to_stage="received",
                at=received, action="filed"))
            previous = "received"
            for target, moment in moves:
                unit.add_stage_event(StageEvent(
                    complaint_id=complaint.id, actor="test", actor_role="petugas",
                    from_stage=previous, to_stage=target, at=moment, action="stage"))
                previous = target


def test_the_recap_message_breaks_the_month_down_and_names_the_late(app, runtime, tg_server):
    seed(runtime, levy="confidential")
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send("/rekap 2026-11") == "officer"
    deliver(runtime)
    said = tg_server.sent_texts(KASI)[0].split("\n")
    assert said[0] == ("📊 Rekap pengaduan November 2026: 4 pengaduan, 1 selesai; "
                       "belum ada penilaian.")
    assert said[1] == ("Jenis: Layanan paspor 2; Pungutan liar, calo, atau suap 1; "
                       "Sarana dan prasarana kantor 1")
    assert said[2] == "Saluran: Telegram 2; SMS 1; WhatsApp 1"
    assert said[3] == "Langkah terakhir: Diterima 2; Lapor Kasi 1; Inventarisasi 1"
    assert said[4] == "Hasil pemeriksaan: benar 1; belum diputuskan 3"
    assert said[5] == ("Terlambat: 2 - TRK-AAAA-2323 (Lapor Kasi lewat batas 1 hari kerja); "
                       "TRK-DDDD-2323 (Lapor Kasi lewat batas 1 hari kerja 1 jam)")
    files = {c.files["document"].filename: c.files["document"].content
             for c in tg_server.sent_messages(KASI) if c.method == "sendDocument"}
    book = openpyxl.load_workbook(io.BytesIO(files["Rekap_Pengaduan_2026-11.xlsx"]))
    rows = list(book["Register"].iter_rows(values_only=True))
    column = {name: i for i, name in enumerate(rows[0])}
    late = {r[1]: r[column["Ketepatan Waktu"]] for r in rows[1:]}
    assert late == {"TRK-AAAA-2323": "Terlambat: Lapor Kasi lewat batas 1 hari kerja",
                    "TRK-BBBB-2323": "Dalam proses, belum lewat batas",
                    "TRK-CCCC-2323": "Tepat waktu (selesai sebelum batas penyelesaian)",
                    "TRK-DDDD-2323": "Terlambat: Lapor Kasi lewat batas 1 hari kerja 1 jam"}
    summary = {r[1]: r[2] for r in book["Rekap"].iter_rows(min_row=2, values_only=True)}
    assert summary["Terlambat (lewat batas waktu)"] == 2


def test_the_groups_recap_message_keeps_a_concealed_row_concealed(app, runtime, tg_server):
    seed(runtime)
    group = officer(app, KASI)
    assert group.send("/rekap 2026-11") == "officer"
    deliver(runtime)
    [said] = [t for t in tg_server.sent_texts(OFFICER_CHAT) if t.startswith("📊")]
    assert "Saluran: Dirahasiakan 1; SMS 1; Telegram 1; WhatsApp 1" in said
    # the sensitive complaint's lateness in whole hours, as in its register row, and counted
    # from its 10.00 slot (due 10.10, not 08.40: bot.sop.owners.coarse_due)
    assert "TRK-DDDD-2323 (Lapor Kasi lewat batas 7 jam)" in said
    files = {c.files["document"].filename: c.files["document"].content
             for c in tg_server.sent_messages(OFFICER_CHAT) if c.method == "sendDocument"}
    book = openpyxl.load_workbook(io.BytesIO(files["Rekap_Pengaduan_2026-11.xlsx"]))
    table = list(book["Register"].iter_rows(values_only=True))
    column = {name: i for i, name in enumerate(table[0])}
    [quiet] = [r for r in table[1:] if r[1] == "TRK-DDDD-2323"]
    assert quiet[column["Pelapor"]] == "Dirahasiakan"
    assert quiet[column["Ketepatan Waktu"]] == "Terlambat: Lapor Kasi lewat batas 7 jam"
    for name in ("Tanggal Diterima (WITA)", "Batas Langkah Berikutnya (WITA)",
                 "Batas Penyelesaian (WITA)"):
        moment = quiet[column[name]]
        assert (moment.hour, moment.minute) == (0, 0), name       # a date, not the minute


def test_an_empty_month_is_a_nil_recap_and_an_empty_inventory_sends_no_files(app, runtime,
                                                                              tg_server):
    seed(runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send("/rekap 2026-10") == "officer"          # before the first complaint
    deliver(runtime)
    # a nil report, with its files, for the Kanwil (walker W42; tests/test_paperwork_s31.py)
    methods = [c.method for c in tg_server.sent_messages(KASI)]
    assert methods[0] == "sendMessage" and "sendDocument" in methods, methods
    assert tg_server.sent_texts(KASI)[0] == (
        "📊 Rekap pengaduan Oktober 2026: nihil, tidak ada pengaduan yang diterima pada bulan "
        "ini; berkas rekap nihil terlampir. Pengaduan pertama tercatat pada November 2026.")
    before = len(tg_server.sent_messages(KASI))
    assert kasi.send("/inventaris 2026-12") == "officer"      # after it: no such sentence
    deliver(runtime)
    assert [c.method for c in tg_server.sent_messages(KASI)[before:]] == ["sendMessage"]
    assert tg_server.sent_texts(KASI)[-1] == (
        "📊 Inventaris pengaduan diterima Desember 2026, per 1 Desember 2026: tidak ada "
        "pengaduan; tidak ada berkas yang dikirim.")
