"""The declared SOP workflow: order, roles, inputs, and the not-true branch."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.config import Officer, load_office_config
from bot.sop.hours import ServiceHours
from bot.sop.workflow import (TRANSITIONS, Refused, Role, check_action, check_transition, due_after,
                     next_transition, read_inputs)
from bot.sop.stages import ORDER, Stage

WITA = dt.timezone(dt.timedelta(hours=8))


def who(role: str, section: str | None = None) -> Officer:
    return Officer(telegram_id=1, name="X", role=role, section=section)


def test_every_stage_but_the_last_has_a_way_forward_in_sop_order():
    for verdict in ("benar", "tidak_benar"):
        stage, path = Stage.RECEIVED, [Stage.RECEIVED]
        while (step := next_transition(stage, verdict)) is not None:
            assert ORDER.index(step.target) > ORDER.index(stage)
            stage = step.target
            path.append(stage)
        assert path[-1] is Stage.ARCHIVED
        assert (Stage.FOLLOWED_UP in path) == (verdict == "benar")
    assert [t.step for t in TRANSITIONS] == [2, 3, 4, 5, 6, 6, 7, 8, 9, 10]


@pytest.mark.parametrize(("stage", "role", "ok"), [
    ("received", "petugas", True), ("received", "kasi_tikkim", True),
    ("received", "seksi", False), ("reported_to_kasi", "petugas", False),
    ("reported_to_kasi", "kepala_kantor", True), ("report_drafted", "kepala_kantor", False),
    ("initialed", "kasi_tikkim", False), ("initialed", "kepala_kantor", True),
    ("signed", "petugas", True), ("followed_up", "penyusun_laporan", True),
])
def test_roles_per_step(stage, role, ok):
    section = "tu" if role == "seksi" else None
    if ok:
        assert check_transition(who(role, section), stage, "benar", "tu")
    else:
        with pytest.raises(Refused, match="dilakukan oleh"):
            check_transition(who(role, section), stage, "benar", "tu")


def test_the_section_examines_only_what_was_forwarded_to_it():
    assert check_transition(who("seksi", "tu"), "reviewed", None, "tu").target is Stage.EXAMINED
    with pytest.raises(Refused, match="bukan seksi Anda"):
        check_transition(who("seksi", "lantaskim"), "reviewed", None, "tu")


def test_inputs_are_required_and_read():
    examine = next_transition("reviewed", None)
    assert read_inputs(examine, "tidak_benar tidak ada bukti") == {
        "verdict": "tidak_benar", "note": "tidak ada bukti"}
    with pytest.raises(Refused, match="benar / tidak benar"):
        read_inputs(examine, "")
    for said, verdict, note in (("tidak benar, sesuai prosedur", "tidak_benar", "sesuai prosedur"),
                                ("Terbukti benar: lalai", "benar", "lalai"),
                                ("tidak terbukti", "tidak_benar", ""),
                                ("benar BAP W18-1 2026-12-01", "benar", "BAP W18-1 2026-12-01")):
        assert read_inputs(examine, said) == {"verdict": verdict, "note": note}, said
    with pytest.raises(Refused):
        read_inputs(examine, "benarkah ini")
    follow = next_transition("examined", "benar")
    assert read_inputs(follow, "hukuman teguran tertulis")["follow_up"] == "hukuman"
    with pytest.raises(Refused, match="catatan"):
        read_inputs(next_transition("reported_to_kasi", None), "  ")


def test_skipping_ahead_and_acting_after_archiving_are_refused():
    with pytest.raises(Refused, match="dilompati"):
        check_transition(who("petugas"), "received", None, None, target="reviewed")
    with pytest.raises(Refused, match="diarsipkan"):
        check_transition(who("petugas"), "archived", "benar", "tu")
    with pytest.raises(Refused, match="tahap"):
        check_action(who("petugas"), "retype", "examined")
    check_action(who(Role.KEPALA_KANTOR), "forward", "reviewed")


def test_deadlines_count_service_minutes_only():
    config = load_office_config()
    hours = ServiceHours(config)
    friday_late = dt.datetime(2026, 12, 4, 16, 25, tzinfo=WITA)   # closes at 16:30
    due = due_after(config, hours, "received", None, friday_late)
    assert due == dt.datetime(2026, 12, 7, 8, 5, tzinfo=WITA)     # Monday, 5 minutes in
    assert due_after(config, hours, "archived", "benar", friday_late) is None
