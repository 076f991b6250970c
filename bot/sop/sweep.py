"""The deadline sweep: reminders, escalations up to the Kepala Kantor, daily repeats while a step
stays overdue (each once, keyed in sent_notices), and the daily digest for leadership."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from bot import identity
from bot.dates import local_time
from bot.sop.slots import alert_slot
from bot.rich import Rich
from bot.sop import keyboard, owners, returns
from bot.sop.digest import Digest
from bot.sop.deadlines import (
    DeadlineInput,
    DeadlineRules,
    Notice,
    NoticeKind,
    due_notifications,
    service_minutes_between,
)
from bot.sop.workflow import ROLE_LABEL, Role, next_transition
from storage.notices import stage_entered_at

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from bot.notify import Notifier
    from storage.models import Complaint, StageEvent
    from storage.repo import Store, Unit

log = logging.getLogger(__name__)
HEADING = {NoticeKind.REMINDER: "⏰ Pengingat batas waktu",
           NoticeKind.ESCALATE_KASI: "⚠️ Terlambat: dilaporkan kepada Kasi Tikkim",
           NoticeKind.ESCALATE_KEPALA: "🚨 Terlambat: dilaporkan kepada Kepala Kantor",
           NoticeKind.OVERDUE: "⚠️ Masih terlambat"}
ESCALATIONS = (NoticeKind.ESCALATE_KASI, NoticeKind.ESCALATE_KEPALA)
# Which of the notices due at once is sent (`DeadlineSweep._one`): the highest level reached
RANK = (NoticeKind.REMINDER, NoticeKind.OVERDUE, NoticeKind.ESCALATE_KASI,
        NoticeKind.ESCALATE_KEPALA)


def deadline_input(complaint: "Complaint",
                   returned: "StageEvent | None" = None) -> DeadlineInput:
    """`returned`: the /kembalikan whose correction the draft waits for
    (returns.awaiting_correction): its notices chase the report compiler."""
    return DeadlineInput(ticket=complaint.ticket, stage=complaint.stage,
                         entered_at=stage_entered_at(complaint), section=complaint.section,
                         verdict=complaint.verdict,
                         returned_at=returned.at if returned is not None else None)


class DeadlineSweep:
    """Finds the notices due now and queues each exactly once (safe with concurrent sweeps)."""

    def __init__(self, config: "OfficeConfig", notifier: "Notifier",
                 rules: DeadlineRules | None = None):
        self.config = config
        self.notifier = notifier
        self.rules = rules or DeadlineRules.from_config(config, notifier.hours)

    def run(self, store: "Store", now: dt.datetime) -> int:
        """One pass over the open complaints, one short transaction each; notices queued; then
        the day's digest for leadership, once."""
        if not self.rules.hours.is_open(now):
            return 0                       # never at 3 a.m.: notices wait for service hours
        with store.unit() as unit:
            ids = unit.open_complaint_ids()
        Digest(self.config, self.notifier, self.rules).run(store, now)   # once a day
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
        # a draft sent back and not corrected yet: the compiler holds the next move (as /saya)
        returned = returns.awaiting_correction(unit, complaint)
        item = deadline_input(complaint, returned)
        notices = due_notifications(item, now, unit.sent_notice_keys(complaint_id), self.rules)
        claimed = [n for n in notices if unit.claim_notice(
            key=n.key, complaint_id=complaint_id, kind=n.kind.value, role=n.role,
            due_at=n.due_at, now=now)]
        if not claimed:
            return 0
        # A sweep after a gap (an outage, a deploy, the next morning) finds several levels due
        # at once: the highest goes, naming the escalations it folds in; the others stay
        # claimed, so none follows later. The same second's "Masih terlambat" says no more,
        # unless the escalation goes to the leaders only (`timed_by_receipt`): the day's
        # repeat is then the officers' only word that the step is late.
        top = max(claimed, key=lambda n: RANK.index(n.kind))
        passed = [n.role for n in claimed if n.kind in ESCALATIONS and n is not top]
        self.send(unit, complaint, top, now, returned, passed)
        repeat = [n for n in claimed if n.kind is NoticeKind.OVERDUE and n is not top
                  and self.timed_by_receipt(complaint, top)]
        for notice in repeat:
            self.send(unit, complaint, notice, now, returned)
        return 1 + len(repeat)

    def coarse_due(self, complaint: "Complaint", deadline: dt.datetime) -> dt.datetime:
        """A held complaint's deadline as of its slot (`owners.coarse_due`)."""
        slot = alert_slot(self.config, complaint.created_at)
        return owners.coarse_due(self.config, self.rules.hours, complaint, deadline,
                                 slot) or deadline

    def timed_by_receipt(self, complaint: "Complaint", notice: Notice) -> bool:
        """Whether the notice of a held complaint goes at a minute set by one the group may
        not know: a reminder or escalation due before the deadline its step would have had
        from the slot (`coarse_due`), i.e. counted from its receipt or a step done before the
        slot. Sent at 09.49 or 09.51, or seconds after its alert at the 10.00 slot, it dates
        the filing to 09.41 whatever it says; only the leaders, who read that minute, get it,
        and nobody an anonymous one's (`send`). A day's repeat (`NoticeKind.OVERDUE`) goes at
        the day's opening."""
        return (notice.kind is not NoticeKind.OVERDUE
                and identity.held_for_slot(complaint, self.config.sensitive_types)
                and notice.deadline < self.coarse_due(complaint, notice.deadline))

    def message(self, complaint: "Complaint", notice: Notice, now: dt.datetime,
                away: owners.Away | None = None, excluded: Collection[str] = (),
                neutral: bool = False, you: bool = False, closed: bool = False,
                returned: "StageEvent | None" = None, private: bool = True,
                held: bool = False, hushed: bool = False, notes: Sequence[str] = (),
                passed: Sequence[str] = ()) -> Rich:
        """The notice: which step, who is responsible (mentioned), the deadline, how late;
        never naming an officer the complaint keeps away (`excluded`, and those it names).
        `neutral` (every copy of a sensitive complaint's notice but a leader's: the group's,
        and a petugas', section's or drafter's private one): the role or section only, no
        names of whom it was reported to either, and the deadline without its minute. Who is
        named, or left out (a stand-in, nobody, two petugas of three), would show that someone
        is kept away from it, i.e. who is accused; the minute of step 2's deadline gives back
        the receipt minute. `you`: the neutral copy goes to one of the step's officers, who is
        told that it is theirs without learning who else's it is. `closed`: every officer
        of the step is kept away, and this copy goes to the leaders only, who are told why.
        `returned` (returns.awaiting_correction): the draft was sent back and waits for the
        report compiler's correction, so the compiler is responsible, since when is said, and
        no approval button goes with it (the approval is refused until then); the reasons
        given (`notes`: returns.return_notes, every one since the last correction) go into
        `private` copies only, never the group's. `held` (every copy of a held
        complaint's notice but a leader's, `identity.held_for_slot`): the deadline as of its
        slot and without its minute (`owners.coarse_due`), as every list reads it. `hushed`:
        the notice is timed by a moment the group may not know (`timed_by_receipt`), and goes to
        the leaders only, who are told why. `passed`: the lower escalation levels folded into
        this one (`_one`), named beside it."""
        kept = owners.kept_away(self.config, complaint, excluded)
        step = next_transition(complaint.stage, complaint.verdict)
        label = f"{step.step}. {step.label}" if step else notice.next_stage
        rich = Rich().b(f"{HEADING[notice.kind]} — ").code(complaint.ticket).nl()
        rich.line("Langkah", label)
        rich.line("Jenis", self.config.complaint_types[complaint.type].id)
        rich.b("Penanggung jawab: ")
        people = owners.holders(self.config, complaint, away, kept, returned)
        group = owners.holder_label(self.config, complaint, returned)
        if neutral:
            rich.t(f"{group} ({owners.SENSITIVE})" + (", termasuk Anda" if you else ""))
            people = []
        elif not people:
            rich.t(owners.nobody_holds(self.config, complaint, away, kept, returned))
        elif not (len(people) == 1 and people[0].name == group):
            rich.t(f"{group}: ")
        for index, officer in enumerate(people):
            rich.t(", " if index else "").mention(officer.telegram_id, officer.name)
        rich.nl()
        if returned is not None:
            since = local_time(self.config, returned.at)
            rich.line("Menunggu", f"perbaikan draf dari {group} (dikembalikan {since})")
            if private and not neutral:     # an officer's note may quote the complainant:
                # read as the least trusted of its readers would (a confidential name masked)
                said = [identity.complainant_text(note, complaint, complaint.complainant,
                                                  identity.GROUP) for note in notes]
                if len(said) == 1:
                    rich.line("Catatan pengembalian", said[0])
                else:
                    rich.b(f"Catatan pengembalian ({len(said)}, semuanya menunggu "
                           "perbaikan):").nl()
                    for note in said:
                        rich.t(f"• {note}").nl()
        deadline = self.coarse_due(complaint, notice.deadline) if held else notice.deadline
        late = service_minutes_between(self.rules.hours, deadline, now)
        rich.line("Batas waktu", owners.deadline_text(self.config, deadline, now, late,
                                                      coarse=neutral or held))
        if complaint.assigned_to:
            rich.line("Ditangani", owners.holder_text(self.config, complaint.assigned_to,
                                                      complaint.ticket))
        if returned is not None and notice.kind not in ESCALATIONS:
            # sent back, the draft waits at step 7 (the initials are withdrawn at step 8)
            rich.i("Draf dikembalikan untuk diperbaiki; paraf menunggu perbaikannya. Mohon "
                   "kirim DOCX atau PDF perbaikannya di chat pribadi dengan bot, dengan "
                   f"{complaint.ticket} di keterangannya.")
        elif notice.kind is NoticeKind.REMINDER:
            rich.i("Mohon diselesaikan sebelum batas waktu.")
        elif notice.kind is NoticeKind.OVERDUE:
            rich.i("Langkah ini masih terlambat; mohon diselesaikan hari ini.")
        else:
            waits = (f": draf menunggu perbaikan dari {group} sejak "
                     f"{local_time(self.config, returned.at)}" if returned is not None else "")
            reached = " dan ".join(self.reached(role, away, kept, neutral)
                                   for role in (*passed, notice.role))
            rich.i(f"Batas waktu terlewati{waits}; dilaporkan kepada {reached} untuk arahan.")
        if hushed:
            rich.i("\nPelapor dirahasiakan dan waktu pemberitahuan ini mengikuti menit "
                   "penerimaannya: pemberitahuan ini hanya dikirim kepada pimpinan secara "
                   "pribadi, tidak kepada petugas dan grup.")
        if closed:
            rich.i(f"\nSemua petugas {group} dikecualikan "
                   "dari pengaduan ini: pemberitahuan ini hanya dikirim kepada pimpinan secara "
                   "pribadi, tidak ke grup.")
        if complaint.type in self.config.sensitive_types:   # handled in private chats only
            return rich.i("\nPengaduan sensitif: tangani di chat pribadi dengan bot.")
        if returned is not None:        # no Paraf to press: it is refused until the correction
            return rich.button_row((keyboard.VIEW, keyboard.data("view", complaint.ticket)))
        return keyboard.attach(rich, complaint.ticket, complaint.stage, complaint.verdict,
                               take=False, kind=complaint.type)

    def reached(self, role: str, away: owners.Away | None, kept: Collection[str],
                neutral: bool) -> str:
        """'Kepala Kantor (Budi Santoso, Hendra Wijaya (Plh. Kepala Kantor))': an escalation's
        level and whom it told there (no names in a `neutral` copy, none kept away)."""
        told = self.level(role, away)
        told = [o for o in told if str(o.telegram_id) not in kept and not neutral]
        return ROLE_LABEL[Role(role)] + (f" ({owners.names(told, away, role)})" if told else "")

    def level(self, role: str, away: owners.Away | None) -> list["Officer"]:
        """The officers an escalation to `role` reaches: the Kepala Kantor's deputy too while
        the Kepala is away."""
        told = owners.of_role(self.config, role)
        stand_in = owners.deputy(self.config, away) if role == "kepala_kantor" else None
        return told + ([stand_in] if stand_in is not None and stand_in not in told else [])

    def send(self, unit: "Unit", complaint: "Complaint", notice: Notice,
             now: dt.datetime, returned: "StageEvent | None" = None,
             passed: Sequence[str] = ()) -> None:
        """Privately to the responsible officers (and, escalated, to the level reached: Kasi
        Tikkim, or the Kepala Kantor and their deputy while away); escalations, and notices
        nobody could get privately, also in the group with the names mentioned. When the
        complaint keeps away every officer of the step, the leaders get it privately and the
        group nothing (unless no leader can be reached privately: it must not sit silently).
        A sensitive complaint's notice names its officers to the leaders only
        (`owners.sees_names`): the group's copy and a non-leader's private copy are neutral
        (`message`). A draft sent back and not corrected yet (`returned`): the report
        compilers are the responsible officers, never the approver (owners.holders, as /saya).
        A held complaint's (`identity.held_for_slot`) copies but the leaders' read its deadline
        as of its slot (`message`'s `held`); a notice timed by its receipt's minute
        (`timed_by_receipt`) goes to the leaders only, privately. `passed`: the lower
        escalation levels due in the same sweep and folded into this one (`_one`), whose
        officers are told too. An anonymous complaint's (`identity.anonymous_to_all`) every
        copy, the leaders' too, reads its deadline as of its slot, and a notice timed by its
        receipt goes to nobody: the leaders read the group too, where the person's named trace
        came a minute before the receipt (the slot-timed notices and the day's repeat follow)."""
        away = owners.away_now(unit)
        kept = owners.kept_away(self.config, complaint, unit.excluded_officers(complaint.id))
        sensitive = self.notifier.sensitive(complaint)
        held = identity.held_for_slot(complaint, self.config.sensitive_types)
        hushed = self.timed_by_receipt(complaint, notice)
        if hushed and identity.anonymous_to_all(complaint):
            return
        behind_closed_doors = owners.all_kept_away(self.config, complaint, away, kept, returned)
        notes = returns.return_notes(unit, complaint, returned) if returned is not None else []
        rich = self.message(complaint, notice, now, away, kept, closed=behind_closed_doors,
                            returned=returned, hushed=hushed, notes=notes, passed=passed,
                            held=held and identity.anonymous_to_all(complaint))
        people = owners.holders(self.config, complaint, away, kept, returned)
        # step 2 of a sensitive complaint: not to an officer who served its complainant's talk
        # in the last 24 hours (owners.not_served), the leaders instead when none is left
        spared = owners.not_served(unit, self.config, complaint, people, now)
        if len(spared) < len(people):
            people = spared or owners.leaders(self.config, kept)
        owning = {str(o.telegram_id) for o in people}
        if notice.kind in ESCALATIONS:
            for role in (*passed, notice.role):
                people = people + [o for o in self.level(role, away) if o not in people]
        # Every officer of the step kept away (conflict of interest): nobody in the group may
        # act on it, and a group copy would tell the group (where the excluded officer sits)
        # that it is overdue. The leaders hear it privately instead; the group nothing.
        if behind_closed_doors or hushed:
            people = people + [o for o in owners.leaders(self.config, kept) if o not in people]
        if hushed:
            people = [o for o in people if owners.sees_names(self.config, o.telegram_id)]
        # Only those who may be told count: an officer kept away is no reason to post to the
        # group (it would carry the reminder there every time).
        people = [o for o in owners.recipients(unit, complaint, people)
                  if str(o.telegram_id) not in kept]
        silent = owners.unreachable(unit)
        targets = [o for o in people if str(o.telegram_id) not in silent]
        for officer in targets:
            told = rich
            if held and not owners.sees_names(self.config, officer.telegram_id):
                told = self.message(complaint, notice, now, away, kept, neutral=sensitive,
                                    you=str(officer.telegram_id) in owning, returned=returned,
                                    held=True, notes=notes, passed=passed)
            unit.enqueue(kind=notice.kind.value, channel="telegram",
                         address=str(officer.telegram_id), body=told.plain(),
                         payload=told.to_payload(), at=now, complaint_id=complaint.id)
        if (behind_closed_doors and targets) or hushed:     # hushed, no leader reachable: the
            return          # group would read the minute; the day's repeat and digest follow
        if notice.kind in ESCALATIONS or len(targets) < len(people) or not people:
            if held or behind_closed_doors or returned:   # the group's copy: no leaders'
                # words, nor the reason a draft was sent back
                rich = self.message(complaint, notice, now, away, kept, neutral=sensitive,
                                    returned=returned, private=False, held=held, passed=passed)
            self.notifier.to_officers(unit, rich, now, notice.kind.value, complaint)
