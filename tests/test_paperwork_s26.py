"""What the register, /rekap and the report tell leadership and the Kanwil (walk W34, 2026-12-06):
a step finished late stays on the complaint's row and in the late count, with how late and how
far the deadline sweep escalated it; the report's history is numbered by SOP step, a skipped
step 5 said so."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io

import docx
import openpyxl
import pytest

from bot.config import load_office_config
from bot.paperwork.dossier import dossier
from bot.paperwork.documents import AuditEntry, report_docx, report_pdf
from bot.paperwork.exports import recap_csv, recap_xlsx, register_csv, register_xlsx
from bot.paperwork.recap import (Clock, Labels, monthly_recap, register_row, step_minutes,
                                 timeliness)
from bot.sop.hours import ServiceHours
from bot.sop.slots import alert_slot
from bot.sop.sweep import DeadlineSweep
from storage.models import Complaint, StageEvent
from tests.conftest import WITA
from tests.support.telegram import KASI, TelegramUser, deliver
from tests.test_documents import dossier as report_dossier  # noqa: F401  (a fixture)
from tests.test_documents import at as doc_at
from tests.test_documents import flat, office, pdf_text_of  # noqa: F401  (office: a fixture)
from tests.test_officers import app, runtime  # noqa: F401
from tests.test_reports_s23 import _csv_rows

pytestmark = pytest.mark.timeout(200)
CONFIG = load_office_config()
HOURS = ServiceHours(CONFIG)
LABELS = Labels.from_config(CONFIG)
STANDARDS = CONFIG.sop.time_standards_minutes
ADD = HOURS.add_service_minutes


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=WITA)


def _examined_late(ticket: str, received: dt.datetime, late_by: int) -> Complaint:
    """A complaint filed by name (no alert slot to read it from: `bot.sop.owners.coarse_due`)
    whose BAP (step 4) came `late_by` service minutes after its deadline, now waiting for
    step 5 (not yet due)."""
    told = received + dt.timedelta(minutes=5)
    reviewed = told + dt.timedelta(minutes=5)
    examined = ADD(ADD(reviewed, STANDARDS["examined"]), late_by)
    complaint = Complaint(
        ticket=ticket, pin_hash="x", channel="telegram", language="id", type="paspor",
        type_source="officer", description="uraian", identity_mode="named",
        stage="examined", section="lantaskim", verdict="benar",
        due_at=ADD(examined, STANDARDS["followed_up"]), created_at=received,
        updated_at=examined)
    complaint.events = [StageEvent(from_stage=None, to_stage="received", at=received),
                        *(StageEvent(from_stage=a, to_stage=b, at=m, action="stage")
                          for a, b, m in (("received", "reported_to_kasi", told),
                                          ("reported_to_kasi", "reviewed", reviewed),
                                          ("reviewed", "examined", examined)))]
    complaint.documents = []
    return complaint


# --- Finding 3: a step finished late is not forgotten once it is done ---------------------------
def test_a_step_done_late_stays_late_on_the_row_with_its_escalation():
    escalated = _examined_late("TRK-6P9Y-V7JD", at(11, 16, 9), late_by=540)   # 1 day 1 hour
    mild = _examined_late("TRK-MILD-0002", at(11, 16, 9, 30), late_by=60)      # 1 hour
    prompt = _examined_late("TRK-PROM-0003", at(11, 16, 10), late_by=-60)      # an hour early
    done = max(c.updated_at for c in (escalated, mild, prompt))
    clock = Clock(CONFIG, HOURS, done + dt.timedelta(hours=1))
    # what the sweep recorded for the stage each waited in (tests/test_paperwork_s43_*.py
    # records it through the real sweep): the Kepala Kantor told of the first, Kasi Tikkim of
    # the second
    told = {"TRK-6P9Y-V7JD": {"reviewed": "escalate_kepala"},
            "TRK-MILD-0002": {"reviewed": "escalate_kasi"}}
    rows = [register_row(c, clock=clock, escalated=told.get(c.ticket))
            for c in (escalated, mild, prompt)]
    said = {r.ticket: timeliness(r) for r in rows}
    assert said["TRK-6P9Y-V7JD"] == ("Terlambat: Pemeriksaan (BAP) selesai 1 hari kerja 1 jam "
                                     "setelah batas waktunya, dieskalasi ke Kepala Kantor")
    assert said["TRK-MILD-0002"] == ("Terlambat: Pemeriksaan (BAP) selesai 1 jam setelah batas "
                                     "waktunya, dieskalasi ke Kasi Tikkim")
    assert said["TRK-PROM-0003"] == "Dalam proses, belum lewat batas"
    # no escalation recorded (no sweep ran): how late, and no claim that anyone was told
    assert timeliness(register_row(mild, clock=clock)) == (
        "Terlambat: Pemeriksaan (BAP) selesai 1 jam setelah batas waktunya")
    # the Waktu sheet's measure: the one step over its standard is the one the row names
    over = {s: m - STANDARDS[s] for s, m in step_minutes(rows[0], HOURS).items()
            if m > STANDARDS[s]}
    assert list(over) == ["examined"] and round(over["examined"]) == 540
    csv_said = {r["Nomor Tiket"]: r["Ketepatan Waktu"]
                for r in _csv_rows(register_csv(rows, LABELS))}
    assert csv_said == said
    # the recap counts them among the late, in the sheet and the CSV alike
    recap = monthly_recap(rows, 2026, 11, HOURS, STANDARDS, as_of=clock.now)
    assert sorted(r.ticket for r in recap.late) == ["TRK-6P9Y-V7JD", "TRK-MILD-0002"]
    book = openpyxl.load_workbook(io.BytesIO(recap_xlsx(recap, LABELS)))
    summary = {r[1]: r[2] for r in book["Rekap"].iter_rows(min_row=2, values_only=True)}
    assert summary["Terlambat (lewat batas waktu)"] == 2
    assert '"Ringkasan","Terlambat (lewat batas waktu)","2"' in recap_csv(recap, LABELS).decode(
        "utf-8-sig")


def test_kasi_tikkim_late_goes_to_the_head_at_once_and_a_concealed_row_says_whole_hours():
    """Filed anonymously at 09.55, released at the 10.00 slot, step 2 done in time at 10.03:
    step 3, entered after the slot, keeps its own deadline, which reads nothing back to the
    minute of filing; only how late it was is coarsened for the group."""
    received = at(11, 17, 9, 55)
    told = alert_slot(CONFIG, received) + dt.timedelta(minutes=3)
    reviewed = ADD(told, STANDARDS["reviewed"] + 37)
    complaint = Complaint(
        ticket="TRK-KASI-0004", pin_hash="x", channel="whatsapp", language="id", type="pungli",
        type_source="officer", description="uraian", identity_mode="anonymous",
        stage="reviewed", due_at=ADD(reviewed, STANDARDS["examined"]), created_at=received,
        updated_at=reviewed)
    complaint.events = [
        StageEvent(from_stage=None, to_stage="received", at=received),
        StageEvent(from_stage="received", to_stage="reported_to_kasi", at=told,
                   action="stage"),
        StageEvent(from_stage="reported_to_kasi", to_stage="reviewed", at=reviewed,
                   action="stage")]
    complaint.documents = []
    clock = Clock(CONFIG, HOURS, reviewed + dt.timedelta(hours=1))
    # the sweep told the Kepala Kantor while step 3 waited (Kasi Tikkim the one late)
    told = {"reported_to_kasi": "escalate_kepala"}
    group = register_row(complaint, CONFIG.sensitive_types, clock=clock, escalated=told)
    assert group.late == ("Penelaahan selesai kurang dari 1 jam setelah batas waktunya, "
                          "dieskalasi ke Kepala Kantor")
    # the leaders read an anonymous one's as everyone does (tests/test_privacy_s42b_*.py), a
    # confidential one's to the minute
    leaders = register_row(complaint, CONFIG.sensitive_types, leaders=True, clock=clock,
                           escalated=told)
    assert leaders.late == group.late
    complaint.identity_mode = "confidential"
    leaders = register_row(complaint, CONFIG.sensitive_types, leaders=True, clock=clock,
                           escalated=told)
    assert leaders.late == ("Penelaahan selesai 37 menit setelah batas waktunya, dieskalasi ke "
                            "Kepala Kantor")


def test_the_recap_message_names_a_complaint_whose_step_was_done_late(app, runtime, tg_server):
    """Stored as it happened: waiting for its BAP past the Kepala Kantor's escalation, the
    real sweep told him; the BAP came later. The /rekap message names the step and the
    escalation the sweep recorded."""
    complaint = _examined_late("TRK-6P9Y-V7JD", at(11, 16, 9), late_by=540)
    *before, bap = complaint.events
    examined_at, due_at = bap.at, complaint.due_at
    complaint.stage, complaint.due_at = "reviewed", None
    with runtime.store.unit() as unit:
        complaint.events = []
        unit.file_complaint(complaint, [], StageEvent(
            complaint_id=0, actor="test", actor_role="petugas", to_stage="received",
            at=before[0].at, action="filed"))
        for event in before[1:]:
            unit.add_stage_event(StageEvent(
                complaint_id=complaint.id, actor="test", actor_role="seksi",
                from_stage=event.from_stage, to_stage=event.to_stage, at=event.at,
                action="stage"))
    sweep = DeadlineSweep(CONFIG, runtime.notifier)
    told = ADD(before[-1].at, STANDARDS["examined"] + 500)   # past the Kepala's, 480 after
    sweep.run(runtime.store, told)
    with runtime.store.unit() as unit:
        stored = unit.complaint_by_ticket(complaint.ticket)
        stored.stage, stored.due_at = "examined", due_at
        unit.add_stage_event(StageEvent(
            complaint_id=stored.id, actor="test", actor_role="seksi", from_stage="reviewed",
            to_stage="examined", at=examined_at, action="stage"))
    assert TelegramUser(app.test_client(), KASI).send("/rekap 2026-11") == "officer"
    deliver(runtime)
    [said] = [t for t in tg_server.sent_texts(KASI) if t.startswith("📊 Rekap pengaduan")]
    assert said.split("\n")[-1] == (
        "Terlambat: 1 - TRK-6P9Y-V7JD (Pemeriksaan (BAP) selesai 1 hari kerja 1 jam setelah "
        "batas waktunya, dieskalasi ke Kepala Kantor)")


# --- Finding 5: the report's history goes by SOP step -------------------------------------------
def _history(data: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(data))
    [table] = [t for t in document.tables if t.rows[0].cells[0].text == "No"]
    return [[c.text for c in row.cells] for row in table.rows[1:]]


STEPS = ("received", "reported_to_kasi", "reviewed", "examined", "followed_up",
         "report_drafted", "initialed", "signed")


def test_a_not_true_reports_history_keeps_the_sop_numbers_and_says_step_5_was_not_needed(
        report_dossier):
    trail = tuple(AuditEntry(stage, "Petugas", "petugas", doc_at(3, 2 + i, 9))
                  for i, stage in enumerate(STEPS) if stage != "followed_up")
    d = dataclasses.replace(report_dossier, verdict="tidak_benar", follow_up=None, audit=trail)
    rows = _history(report_docx(d))
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert rows[4] == ["5", "Tindak lanjut", "-", "-", "Tidak diperlukan (pengaduan tidak benar)"]
    assert rows[5][1] == "Laporan disusun" and rows[7][1] == "Ditandatangani Kepala Kantor"
    text = flat(pdf_text_of(report_pdf(d)))
    assert "5 Tindak lanjut - - Tidak diperlukan (pengaduan tidak benar) 6 Laporan disusun" in text
    # a true complaint's history has its own step 5, and no such row
    true = dataclasses.replace(report_dossier, audit=tuple(
        AuditEntry(stage, "Petugas", "petugas", doc_at(3, 2 + i, 9))
        for i, stage in enumerate(STEPS)))
    assert [r[0] for r in _history(report_docx(true))] == [str(n) for n in range(1, 9)]
    assert "Tidak diperlukan" not in " ".join(" ".join(r) for r in _history(report_docx(true)))


def test_a_draft_sent_back_or_a_withdrawal_has_no_step_number_and_says_what_it_was():
    received = at(11, 16, 9)
    moments = [received + dt.timedelta(hours=i) for i in range(11)]
    complaint = Complaint(
        ticket="TRK-BACK-0005", pin_hash="x", channel="telegram", language="id", type="paspor",
        type_source="officer", description="uraian", identity_mode="anonymous",
        stage="initialed", section="lantaskim", verdict="benar", follow_up="pembinaan",
        created_at=received, updated_at=moments[-1])
    moves = [(None, "received", None), ("received", "reported_to_kasi", "stage"),
             ("reported_to_kasi", "reviewed", "stage"), ("reviewed", "examined", "stage"),
             ("examined", "followed_up", "stage"), ("followed_up", "report_drafted", "stage"),
             ("report_drafted", "initialed", "stage"), ("initialed", "report_drafted", "return"),
             ("report_drafted", "initialed", "stage"), ("initialed", "archived", "withdraw"),
             ("archived", "initialed", "unwithdraw")]
    complaint.events = [StageEvent(actor="test", actor_role="kasi_tikkim", from_stage=a,
                                   to_stage=b, at=m, action=kind,
                                   note="Paraf dibatalkan; draf dikembalikan" if kind == "return"
                                   else None)
                        for (a, b, kind), m in zip(moves, moments)]
    complaint.documents = []
    rows = _history(report_docx(dossier(CONFIG, complaint)))
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6", "7", "-", "7", "-", "-"]
    assert [rows[i][1] for i in (7, 9, 10)] == ["Draf dikembalikan kepada penyusun",
                                                "Dicabut atas permintaan pelapor",
                                                "Pencabutan dibatalkan"]
    assert rows[7][4] == "Paraf dibatalkan; draf dikembalikan"       # the note kept


# --- Finding 6 (no change needed): the date columns are dates, not midnights --------------------
def test_the_bap_and_kanwil_dates_are_whole_days_with_a_date_format():
    """openpyxl reads any date cell back as a datetime at 00:00 (what the walker saw); the
    file itself holds a whole-day serial with a date-only format, and the CSV the date alone."""
    complaint = _examined_late("TRK-DATE-0006", at(11, 16, 9), late_by=0)
    complaint.bap_number, complaint.bap_date = "W18-0042", dt.date(2026, 12, 1)
    complaint.kanwil_reported_on = dt.date(2026, 12, 2)
    row = register_row(complaint)
    sheet = openpyxl.load_workbook(io.BytesIO(register_xlsx([row], LABELS)))["Register"]
    header = [c.value for c in sheet[1]]
    for name in ("Tanggal BAP", "Lapor Kanwil: Tanggal"):
        cell = sheet.cell(2, header.index(name) + 1)
        assert cell.number_format == "dd/mm/yyyy" and cell.value.time() == dt.time(0), name
    [line] = _csv_rows(register_csv([row], LABELS))
    assert (line["Tanggal BAP"], line["Lapor Kanwil: Tanggal"]) == ("2026-12-01", "2026-12-02")
