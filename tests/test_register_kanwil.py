"""The register's new columns, open late steps counted as misses, and a chart that reads."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from itertools import combinations

import pytest

from bot.config import load_office_config
from bot.paperwork.exports import recap_chart, register_csv, register_xlsx
from bot.paperwork.recap import (Labels, RegisterRow, monthly_recap, overdue_open_step,
                                 register_row, short_description)
from bot.sop.hours import ServiceHours
from storage.models import Complaint, StageEvent
from tests.test_recap import MONTH

WITA = dt.timezone(dt.timedelta(hours=8))
CONFIG = load_office_config()
HOURS = ServiceHours(CONFIG)
STANDARDS = CONFIG.sop.time_standards_minutes
LABELS = Labels.from_config(CONFIG)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=WITA)


def test_short_description_trims_at_a_word():
    story = "Paspor saya  sudah\n3 minggu belum jadi, " + "padahal sudah bayar lunas " * 20
    short = short_description(story)
    assert short.startswith("Paspor saya sudah 3 minggu belum jadi, padahal")
    assert len(short) <= 160 and short.endswith("…") and "\n" not in short
    assert not short[:-1].endswith(" ")
    assert short_description("Singkat saja.") == "Singkat saja."


def test_register_has_letter_number_summary_bap_and_kanwil_report():
    complaint = Complaint(
        ticket="TRK-7K3Q-9MXA", channel="whatsapp", type="pungli", section="inteldakim",
        stage="archived", verdict="benar", follow_up="hukuman", description="Diminta uang " * 40,
        letter_number="W18.IMI.IMI.3-UM.01.01-0007", bap_number="BAP-12",
        bap_date=dt.date(2026, 12, 3), kanwil_reported_on=dt.date(2026, 12, 9),
        kanwil_means="Surat dinas", kanwil_reference="W18.IMI.IMI.3-UM.01.01-0008",
        created_at=at(1, 9), rating=None, rating_comment=None, external_id=None)
    complaint.events = [StageEvent(from_stage=None, to_stage="received", at=at(1, 9)),
                        StageEvent(from_stage="signed", to_stage="reported", at=at(9, 10))]
    row = register_row(complaint)
    assert (row.letter_number, row.bap_number, row.kanwil_means) == (
        "W18.IMI.IMI.3-UM.01.01-0007", "BAP-12", "Surat dinas")
    data = register_csv([row], LABELS)
    [line] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert line["Nomor Surat"] == "W18.IMI.IMI.3-UM.01.01-0007"
    assert line["Uraian Singkat"].startswith("Diminta uang Diminta uang") and len(
        line["Uraian Singkat"]) <= 160
    assert (line["Nomor BAP"], line["Tanggal BAP"]) == ("BAP-12", "2026-12-03")
    assert (line["Lapor Kanwil: Tanggal"], line["Lapor Kanwil: Sarana"],
            line["Lapor Kanwil: Referensi"]) == ("2026-12-09", "Surat dinas",
                                                 "W18.IMI.IMI.3-UM.01.01-0008")
    from openpyxl import load_workbook
    sheet = load_workbook(io.BytesIO(register_xlsx([row], LABELS)))["Register"]
    values = {cell.value: sheet.cell(2, cell.column) for cell in sheet[1]}
    assert values["Lapor Kanwil: Tanggal"].value == dt.datetime(2026, 12, 9)
    assert values["Lapor Kanwil: Tanggal"].number_format == "dd/mm/yyyy"
    assert values["Uraian Singkat"].value == row.summary


def _row(ticket: str, received: dt.datetime, stage: str, moves=(), verdict=None) -> RegisterRow:
    return RegisterRow(ticket, received, "whatsapp", "paspor", "lantaskim", stage,
                       verdict=verdict, stage_times=tuple(moves))


def test_open_steps_past_their_standard_count_as_misses():
    on_time = _row("A", at(1, 9), "reported_to_kasi", [("reported_to_kasi", at(1, 9, 5))])
    late_done = _row("B", at(1, 9), "reported_to_kasi", [("reported_to_kasi", at(1, 9, 30))])
    never_done = _row("C", at(1, 9), "received")                        # 10-minute step, days ago
    still_fresh = _row("D", at(8, 15, 55), "received")                  # 5 minutes so far
    rows = [on_time, late_done, never_done, still_fresh]
    as_of = at(8, 16, 0)
    without = monthly_recap(rows, 2026, 12, HOURS, STANDARDS, "Asia/Makassar")
    lapor = {s.stage: s for s in without.steps}["reported_to_kasi"]
    assert (lapor.count, lapor.within) == (2, 1)                        # lateness rewarded
    recap = monthly_recap(rows, 2026, 12, HOURS, STANDARDS, "Asia/Makassar", as_of=as_of)
    lapor = {s.stage: s for s in recap.steps}["reported_to_kasi"]
    assert (lapor.count, lapor.within, lapor.overdue_open) == (3, 1, 1)  # C counted as a miss
    assert lapor.share_within == pytest.approx(1 / 3)
    reviewed = {s.stage: s for s in recap.steps}["reviewed"]            # A and B wait on Kasi
    assert (reviewed.count, reviewed.within, reviewed.overdue_open) == (2, 0, 2)
    assert recap.complaints_measured == 3 and recap.complaints_within == 0
    assert lapor.max_minutes > 10 * 60                                  # days of service time
    assert overdue_open_step(still_fresh, HOURS, STANDARDS, as_of) is None
    assert overdue_open_step(never_done, HOURS, STANDARDS, as_of)[0] == "reported_to_kasi"
    # An examined-as-true complaint waits for step 5 (follow-up), its own standard.
    examined = _row("E", at(1, 9), "examined", [("reported_to_kasi", at(1, 9, 5)),
                                                 ("reviewed", at(1, 9, 10)),
                                                 ("examined", at(1, 10))], verdict="benar")
    assert overdue_open_step(examined, HOURS, STANDARDS, at(2, 10)) is None   # 6 h of 80 h
    stage, minutes = overdue_open_step(examined, HOURS, STANDARDS, at(31, 10))
    assert stage == "followed_up" and minutes > STANDARDS["followed_up"]
    archived = _row("F", at(1, 9), "archived", [("archived", at(1, 11))])
    assert overdue_open_step(archived, HOURS, STANDARDS, at(31, 10)) is None


def _overlap(a, b) -> bool:   # type: ignore[no-untyped-def]
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_chart_labels_never_overlap_and_stay_on_the_picture():
    rows = [dataclasses.replace(r, received_at=r.received_at) for r in MONTH]
    recap = monthly_recap(rows, 2027, 3, HOURS, STANDARDS, "Asia/Makassar",
                          as_of=dt.datetime(2027, 4, 20, tzinfo=dt.timezone.utc))
    figure = recap_chart(recap, LABELS, CONFIG.office.short_name)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    whole = figure.bbox
    texts = [t for ax in figure.axes for t in (*ax.get_yticklabels(), *ax.get_xticklabels(),
                                                ax.xaxis.label, ax.title, *ax.texts)
             if t.get_text() and t.get_visible()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    assert len(boxes) > 20
    for (name_a, a), (name_b, b) in combinations(boxes, 2):
        assert not _overlap(a, b), (name_a, name_b)
    for name, box in boxes:
        assert box.x0 >= whole.x0 - 1 and box.x1 <= whole.x1 + 1, name
        assert box.y0 >= whole.y0 - 1 and box.y1 <= whole.y1 + 1, name
