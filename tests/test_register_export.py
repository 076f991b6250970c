"""/rekap and /inventaris: the register and the monthly recap from the database, as files."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from storage.models import Complaint, StageEvent
from tests.conftest import WITA
from tests.support.telegram import KASI, SEKSI, TelegramUser, deliver
from tests.test_officers import app, officer, runtime  # noqa: F401

pytestmark = pytest.mark.timeout(120)


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=WITA)


# ticket, received, channel, type, section, stage, verdict, follow-up, rating, comment, ref,
# then the stages entered and when.
KNOWN = [
    ("TRK-AAAA-2222", at(11, 3, 9), "whatsapp", "paspor", "lantaskim", "archived", "benar",
     "pembinaan", 5, None, None,
     [("reported_to_kasi", at(11, 3, 9, 5)), ("reviewed", at(11, 3, 9, 12)),
      ("examined", at(11, 5, 9)), ("followed_up", at(11, 6, 9)),
      ("report_drafted", at(11, 9, 9)), ("initialed", at(11, 9, 10)),
      ("signed", at(11, 9, 11)), ("reported", at(11, 10, 10)), ("archived", at(11, 10, 11))]),
    ("TRK-BBBB-2222", at(11, 5, 10), "lapor", "pungli", "inteldakim", "reported",
     "tidak_benar", None, 2, "lambat sekali, telepon saya 0812 3456 7777", "LAP-4821937",
     [("reported_to_kasi", at(11, 5, 10, 20)), ("reviewed", at(11, 5, 10, 25)),
      ("examined", at(11, 12, 10)), ("report_drafted", at(11, 13, 10)),
      ("initialed", at(11, 13, 11)), ("signed", at(11, 16, 9)), ("reported", at(11, 16, 10))]),
    ("TRK-CCCC-2222", at(11, 30, 23, 30), "telepon", "informasi", None, "received", None,
     None, None, None, None, []),
    ("TRK-DDDD-2222", at(12, 1, 0, 30), "sms", "paspor", None, "received", None, None, None,
     None, None, []),
    ("TRK-EEEE-2222", at(10, 31, 23, 30), "email", "lainnya", None, "received", None, None,
     None, None, None, []),
]


def seed(runtime) -> None:  # type: ignore[no-untyped-def]
    with runtime.store.unit() as unit:
        for (ticket, received, channel, ctype, section, stage, verdict, follow_up, rating,
             comment, ref, moves) in KNOWN:
            complaint = Complaint(
                ticket=ticket, pin_hash="x", channel=channel, language="id", type=ctype,
                type_source="officer", description="uraian",
                # filed by name but the levy: a confidential or anonymous row is concealed in
                # the group's copy like a sensitive one (identity.held_for_slot)
                identity_mode="named" if ctype != "pungli" else "anonymous",
                reporter_name="Siti Aminah" if ctype != "pungli" else None,
                stage=stage, section=section, verdict=verdict,
                follow_up=follow_up, rating=rating, rating_comment=comment, external_id=ref,
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


def files_to(tg_server, chat: int) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    found = {}
    for call in tg_server.sent_messages(chat):
        for upload in call.files.values():
            found[upload.filename] = upload.content
    return found


def sheet(book, name: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [tuple(row) for row in book[name].iter_rows(values_only=True)]


def test_monthly_recap_matches_the_data(app, runtime, tg_server):
    seed(runtime)
    kasi = TelegramUser(app.test_client(), KASI)
    assert kasi.send("/rekap 2026-11") == "officer"
    deliver(runtime)
    files = files_to(tg_server, KASI)
    assert sorted(files) == ["Rekap_Pengaduan_2026-11.csv", "Rekap_Pengaduan_2026-11.png",
                             "Rekap_Pengaduan_2026-11.xlsx"]
    assert files["Rekap_Pengaduan_2026-11.png"].startswith(b"\x89PNG")
    assert [c.method for c in tg_server.sent_messages(KASI)] == [
        "sendMessage", "sendDocument", "sendDocument", "sendPhoto"]
    summary = tg_server.sent_texts(KASI)[0]
    assert "November 2026: 3 pengaduan, 2 selesai" in summary
    assert "selesai; penilaian rata-rata 3,50 dari 2 penilaian." in summary   # a decimal comma
    assert kasi.send("/rekap 2026-10") == "officer"          # a month nobody rated
    deliver(runtime)
    assert "📊 Rekap pengaduan Oktober 2026: 1 pengaduan, 0 selesai; belum ada penilaian." in \
        [text.split("\n")[0] for text in tg_server.sent_texts(KASI)]

    book = load_workbook(io.BytesIO(files["Rekap_Pengaduan_2026-11.xlsx"]))
    register = sheet(book, "Register")
    assert [r[1] for r in register[1:]] == ["TRK-AAAA-2222", "TRK-BBBB-2222", "TRK-CCCC-2222"]
    header = register[0]
    b = dict(zip(header, register[2]))
    assert (b["Saluran"], b["Sumber Eksternal"], b["ID Eksternal"], b["Penilaian"],
            b["Komentar Penilaian"], b["Hasil Pemeriksaan"]) == (
        "LAPOR!", "LAPOR!", None, 2,
        "(pengaduan sensitif: komentar penilaian tidak dicantumkan)",
        "Tidak benar")    # a levy report's rating comment stays with its story, out of the file;
    # nor does a file carry an anonymous complainant's LAPOR! tracking id (LAPOR! would tell
    # who reported); tests/test_privacy_exports.py: an ordinary comment, its number removed.
    # An anonymous complaint's moments the leaders' own file gives as dates too
    # (tests/test_privacy_s42b_leaders_files.py); its channel it keeps
    assert b["Tanggal Selesai (WITA)"] == dt.datetime(2026, 11, 16, 0, 0)
    recap = {(part, label): value for part, label, value in sheet(book, "Rekap")[1:]}
    assert recap[("Ringkasan", "Jumlah pengaduan")] == 3
    assert recap[("Ringkasan", "Selesai ditangani")] == 2
    assert recap[("Saluran", "LAPOR!")] == recap[("Saluran", "Telepon")] == 1
    assert ("Saluran", "SMS") not in recap and ("Saluran", "Pos-el") not in recap
    assert (recap[("Hasil pemeriksaan", "Benar")], recap[("Hasil pemeriksaan", "Tidak benar")],
            recap[("Hasil pemeriksaan", "Belum diputuskan")]) == (1, 1, 1)
    assert recap[("Penilaian", "Jumlah penilaian")] == 2
    assert recap[("Penilaian", "Rata-rata (1-5)")] == 3.5
    assert recap[("Penilaian", "Bintang 5")] == recap[("Penilaian", "Bintang 2")] == 1
    times = {row[0]: row for row in sheet(book, "Waktu")[1:]}
    # 5 minutes, and the anonymous levy's 20 measured from its 12.00 slot (the leaders too
    # read an anonymous one's figures from it: tests/test_privacy_s42b_leaders_files.py): two
    # within 10; the third, still not reported to Kasi weeks later, is an open step past its
    # standard, counted as a miss (lateness is never left out).
    assert times["Lapor Kasi"][1:4] == (10, 3, 2) and times["Lapor Kasi"][7] == 1
    assert times["Penelaahan"][1:4] == (10, 2, 2)

    lines = list(csv.reader(io.StringIO(files["Rekap_Pengaduan_2026-11.csv"].decode("utf-8-sig"))))
    as_csv = {(part, label): value for part, label, value in lines[1:]}
    assert as_csv[("Ringkasan", "Jumlah pengaduan")] == "3"
    assert as_csv[("Penilaian", "Rata-rata (1-5)")] == "3.5"


def test_the_register_lists_every_complaint_of_every_channel(app, runtime, tg_server):
    seed(runtime)
    assert officer(app, SEKSI["tu"]).send("/inventaris") == "refused"
    assert officer(app, KASI).send("/rekap 2026-13") == "refused"
    petugas = TelegramUser(app.test_client(), 100000001)
    assert petugas.send("/inventaris") == "officer"
    deliver(runtime)
    files = files_to(tg_server, 100000001)
    said = tg_server.sent_texts(100000001)
    # Said once, with the date as officers write it; each file's caption names only its format.
    assert said[0] == "📊 Inventaris pengaduan per 1 Desember 2026: 5 pengaduan."
    assert said[1:] == ["Inventaris pengaduan (XLSX)", "Inventaris pengaduan (CSV)"]
    [csv_name] = [n for n in files if n.endswith(".csv")]
    rows = list(csv.DictReader(io.StringIO(files[csv_name].decode("utf-8-sig"))))
    assert [r["Nomor Tiket"] for r in rows] == [
        "TRK-EEEE-2222", "TRK-AAAA-2222", "TRK-BBBB-2222", "TRK-CCCC-2222", "TRK-DDDD-2222"]
    # the levy complaint's channel narrows down who wrote: only the leaders' private copy has it
    assert [r["Saluran"] for r in rows] == ["Pos-el", "WhatsApp", "Dirahasiakan", "Telepon", "SMS"]
    assert rows[1]["Tanggal Diterima (WITA)"] == "2026-11-03 09:00"
    assert rows[1]["Masuk: Diinventarisasi (WITA)"] == "2026-11-10 11:00"
    assert rows[3]["Tanggal Diterima (WITA)"] == "2026-11-30 23:30"
    [xlsx_name] = [n for n in files if n.endswith(".xlsx")]
    book = load_workbook(io.BytesIO(files[xlsx_name]))
    assert len(sheet(book, "Register")) == 6
