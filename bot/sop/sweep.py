"""The deadline sweep: reminders, then escalation to Kasi Tikkim, then to Kepala Kantor, once each."""
from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from bot.dates import local_time
from bot.rich import Rich
from bot.sop.deadlines import DeadlineInput, DeadlineRules, Notice, NoticeKind, due_notifications
from bot.sop.workflow import ROLE_LABEL, Role, next_transition
from storage.notices import stage_entered_at

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from bot.notify import Notifier
    from storage.models import Complaint
    from storage.repo import Store, Unit

log = logging.getLogger(__name__)
HEADING = {NoticeKind.REMINDER: "⏰ Pengingat batas waktu",
           NoticeKind.ESCALATE_KASI: "⚠️ Terlambat: eskalasi kepada Kasi Tikkim",
           NoticeKind.ESCALATE_KEPALA: "🚨 Terlambat: eskalasi kepada Kepala Kantor"}


def deadline_input(complaint: "Complaint") -> DeadlineInput:
    return DeadlineInput(ticket=complaint.ticket, stage=complaint.stage,
                         entered_at=stage_entered_at(complaint), section=complaint.section,
                         verdict=complaint.verdict)


def officers_for(config: "OfficeConfig", role: str, section: str | None) -> list["Officer"]:
    """The roster's officers of a role (for seksi: of that section)."""
    return [o for o in config.roster
            if o.role == role and (role != Role.SEKSI or o.section == section)]


class DeadlineSweep:
    """Finds the notices due now and queues each exactly once (safe with concurrent sweeps)."""

    def __init__(self, config: "OfficeConfig", notifier: "Notifier",
                 rules: DeadlineRules | None = None):
        self.config = config
        self.notifier = notifier
        self.rules = rules or DeadlineRules.from_config(config, notifier.hours)

    def run(self, store: "Store", now: dt.datetime) -> int:
        """One pass over the open complaints, one short transaction each; notices queued."""
        if not self.rules.hours.is_open(now):
            return 0                       # never at 3 a.m.: notices wait for service hours
        with store.unit() as unit:
            ids = unit.open_complaint_ids()
        queued = 0
        for complaint_id in ids:
            with store.unit() as unit:
                queued += self._one(unit, complaint_id, now)
        if queued:
            log.info("deadline sweep queued %d notice(s)", queued)
        return queued

    def _one(self, unit: "Unit", complaint_id: int, now: dt.datetime) -> int:
        complaint = unit.complaint_by_id(complaint_id)
        if complaint is None or complaint.stage == "archived":
            return 0
        item = deadline_input(complaint)
        notices = due_notifications(item, now, unit.sent_notice_keys(complaint_id), self.rules)
        queued = 0
        for notice in notices:
            if unit.claim_notice(key=notice.key, complaint_id=complaint_id,
                                 kind=notice.kind.value, role=notice.role,
                                 due_at=notice.due_at, now=now):
                self.send(unit, complaint, notice, now)
                queued += 1
        return queued

    def message(self, complaint: "Complaint", notice: Notice) -> Rich:
        step = next_transition(complaint.stage, complaint.verdict)
        label = f"{step.step}. {step.label}" if step else notice.next_stage
        responsible = officers_for(self.config, notice.responsible_role, complaint.section)
        names = ", ".join(o.name for o in responsible) or "(belum ada di daftar petugas)"
        rich = Rich().b(f"{HEADING[notice.kind]}\n")
        rich.line("Tiket", complaint.ticket)
        rich.line("Langkah", label)
        rich.line("Penanggung jawab",
                  f"{ROLE_LABEL[Role(notice.responsible_role)]}: {names}")
        rich.line("Batas waktu", local_time(self.config, notice.deadline))
        if complaint.assigned_to:
            rich.line("Ditangani", complaint.assigned_to)
        if notice.kind is NoticeKind.REMINDER:
            rich.i("Mohon diselesaikan sebelum batas waktu.")
        else:
            rich.i(f"Batas waktu terlewati; mohon arahan {ROLE_LABEL[Role(notice.role)]}.")
        if complaint.type in self.config.sensitive_types:
            return rich.i("\nPengaduan sensitif: tangani di chat pribadi dengan bot.")
        return rich.button_row(("📄 Lihat", f"view:{complaint.ticket}"))

    def send(self, unit: "Unit", complaint: "Complaint", notice: Notice,
             now: dt.datetime) -> None:
        """Privately to the officers of the notice's role; escalations also to the group."""
        rich = self.message(complaint, notice)
        # An officer the complaint names (or Kasi Tikkim excluded) gets none of its notices.
        excluded = unit.excluded_officers(complaint.id)
        targets = [o for o in officers_for(self.config, notice.role, notice.section)
                   if str(o.telegram_id) not in excluded]
        for officer in targets:
            unit.enqueue(kind=notice.kind.value, channel="telegram",
                         address=str(officer.telegram_id), body=rich.plain(),
                         payload=rich.to_payload(), at=now, complaint_id=complaint.id)
        if notice.kind is not NoticeKind.REMINDER or not targets:
            self.notifier.to_officers(unit, rich, now, notice.kind.value, complaint)
