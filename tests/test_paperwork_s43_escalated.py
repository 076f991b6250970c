"""The register's "dieskalasi ke …" tells what the deadline sweep did, not what its rules would
have done: the leaders and the Kanwil read it as proof that the step's lateness was handled.
A step done late after the sweep told Kasi Tikkim only (it ran once, then not again until the
step was done), after it told the Kepala Kantor (under the policy of the day, since changed),
or while no sweep ran at all (no escalation words); and an anonymous complaint's escalation
the sweep claimed but sent to nobody (timed by its receipt) is not claimed either.

Through the real app (Telegram updates against the local stand-in), the real sweep on the test
clock, and the register as the leaders read it (/rekap, the register's CSV), on the test
databases."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from typing import Any

import pytest
from sqlalchemy import select

from bot import identity
from bot.desk import files
from bot.sop.deadlines import DeadlineRules, EscalationPolicy
from bot.sop.sweep import DeadlineSweep
from storage.models import SentNotice
from tests.support.telegram import KASI, KEPALA, PETUGAS, TelegramUser, deliver, file_on_telegram
from tests.test_desk_s26 import schedule_of, sweep_at
from tests.test_officers import app, complaint, officer, runtime, walk_to  # noqa: F401
from tests.test_privacy_s25b import FACILITY
from tests.test_privacy_s27 import ANONYMOUS
from tests.test_privacy_s40b_ping import FILED, _filed

pytestmark = pytest.mark.timeout(240)
CITIZEN = 555_431


def _late_line(app: Any, runtime: Any, tg_server: Any, ticket: str) -> str:
    """The /rekap message's "Terlambat" line, as Kasi Tikkim reads it in his private chat."""
    assert TelegramUser(app.test_client(), KASI).send("/rekap 2026-12") == "officer"
    deliver(runtime)
    [said] = [t for t in tg_server.sent_texts(KASI) if t.startswith("📊 Rekap pengaduan")]
    [line] = [s for s in said.split("\n") if s.startswith("Terlambat:")]
    assert ticket in line, line
    return line


def _register_said(runtime: Any, clock: Any, ticket: str) -> str:
    """The register CSV's "Ketepatan Waktu" of the complaint, as the Kepala Kantor's own file."""
    with runtime.store.unit() as unit:
        office = runtime.config.office_config
        kepala = identity.private_chat(office.officer(str(KEPALA)))
        render = files.register(unit, office, clock(), kepala, "2026-12")
    _, made = render()
    [sheet] = [f for f in made if f.name.endswith(".csv")]
    rows = csv.DictReader(io.StringIO(sheet.data.decode("utf-8-sig")))
    [row] = [r for r in rows if r["Nomor Tiket"] == ticket]
    return row["Ketepatan Waktu"]


def test_a_step_done_after_only_kasi_tikkim_was_told_says_kasi_tikkim(
        app, runtime, tg_server, clock):
    """Step 2's deadline at 10.10; the sweep told Kasi Tikkim at 10.11 and did not run again
    (an outage) before the step was done at 10.25, past the moment the ladder would have told
    the Kepala Kantor (10.20): only Kasi Tikkim was told, and only he is named."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    plan = schedule_of(runtime, sweep, ticket)
    sweep_at(runtime, sweep, clock, plan.deadline + dt.timedelta(minutes=1))
    assert plan.kepala_at < plan.deadline + dt.timedelta(minutes=15)
    clock.now = plan.deadline + dt.timedelta(minutes=15)
    walk_to(app, ticket, "reported_to_kasi")
    deliver(runtime)
    told = ("Lapor Kasi selesai 15 menit setelah batas waktunya, dieskalasi ke Kasi Tikkim")
    assert _late_line(app, runtime, tg_server, ticket).endswith(f"({told})")
    assert _register_said(runtime, clock, ticket) == f"Terlambat: {told}"


def test_a_step_done_after_the_kepala_was_told_says_the_kepala(app, runtime, tg_server, clock):
    """The office then told the Kepala Kantor 2 service minutes after a deadline (a policy since
    changed back to the config's 10): the sweep did at 10.12, the step was done at 10.15; the
    register says what was done, not what today's rule would have done (Kasi Tikkim only)."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    office = runtime.config.office_config
    then = dataclasses.replace(DeadlineRules.from_config(office, runtime.notifier.hours),
                               policy=EscalationPolicy(kepala_after_minutes=2))
    sweep = DeadlineSweep(office, runtime.notifier, rules=then)
    plan = schedule_of(runtime, sweep, ticket)
    sweep_at(runtime, sweep, clock, plan.deadline + dt.timedelta(minutes=2))
    clock.now = plan.deadline + dt.timedelta(minutes=5)
    walk_to(app, ticket, "reported_to_kasi")
    deliver(runtime)
    told = "Lapor Kasi selesai 5 menit setelah batas waktunya, dieskalasi ke Kepala Kantor"
    assert _late_line(app, runtime, tg_server, ticket).endswith(f"({told})")
    assert _register_said(runtime, clock, ticket) == f"Terlambat: {told}"


def test_the_same_lateness_with_no_sweep_claims_no_escalation(app, runtime, tg_server, clock):
    """Step 2 done 15 minutes late while no sweep ran: nobody was told, and the register
    says only how late it was."""
    ticket = file_on_telegram(TelegramUser(app.test_client(), CITIZEN), runtime)
    plan = schedule_of(runtime, DeadlineSweep(runtime.config.office_config, runtime.notifier),
                       ticket)
    clock.now = plan.deadline + dt.timedelta(minutes=15)
    walk_to(app, ticket, "reported_to_kasi")
    deliver(runtime)
    line = _late_line(app, runtime, tg_server, ticket)
    assert line.endswith("(Lapor Kasi selesai 15 menit setelah batas waktunya)"), line
    assert "dieskalasi" not in line
    said = _register_said(runtime, clock, ticket)
    assert said == "Terlambat: Lapor Kasi selesai 15 menit setelah batas waktunya"


def test_an_escalation_the_sweep_sent_to_nobody_is_not_claimed(app, runtime, tg_server, clock):
    """Filed anonymously at 09.41 (its alert held for the 10.00 slot): step 2's deadline, 09.51,
    comes from its receipt, so the sweep's escalations at 09.55 (Kasi Tikkim) and 10.02 (the
    Kepala Kantor) are claimed and sent to nobody (bot.sop.sweep: timed by its receipt, and
    the leaders read the group too); the step done at 10.25 was escalated to no one."""
    hidden = _filed(app, runtime, clock, "+6281377743101", FACILITY, ANONYMOUS)
    assert complaint(runtime, hidden).identity_mode == "anonymous"
    sweep = DeadlineSweep(runtime.config.office_config, runtime.notifier)
    for minutes in (14, 21):
        sweep_at(runtime, sweep, clock, FILED + dt.timedelta(minutes=minutes))
    with runtime.store.unit() as unit:
        claimed = {n.kind for n in unit.session.scalars(select(SentNotice).where(
            SentNotice.key.startswith(f"{hidden}:")))}
        queued = [i.kind for i in unit.outbox_items() if i.complaint_id is not None
                  and i.kind.startswith("escalate")]
    assert {"escalate_kasi", "escalate_kepala"} <= claimed and queued == []
    clock.now = FILED + dt.timedelta(minutes=44)
    assert officer(app, PETUGAS, private=True).send(f"/tahap {hidden}") == "officer"
    assert complaint(runtime, hidden).stage == "reported_to_kasi"
    deliver(runtime)
    line = _late_line(app, runtime, tg_server, hidden)
    assert "Lapor Kasi selesai" in line and "dieskalasi" not in line, line
    said = _register_said(runtime, clock, hidden)
    assert said.startswith("Terlambat: Lapor Kasi selesai") and "dieskalasi" not in said, said
