"""SOP deadlines in service time, and who to remind or escalate to, and when (never at night)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from bot.config import WEEKDAYS, OfficeConfig
from bot.sop.hours import ServiceHours
from bot.sop.stages import ORDER, Stage
from bot.sop.workflow import TRANSITIONS, next_transition

# Who must bring a complaint INTO each stage: the actor of that SOP step, from bot.sop.workflow.
RESPONSIBLE_ROLE: dict[Stage, str] = {t.target: t.actor.value for t in TRANSITIONS}


class NoticeKind(StrEnum):
    """How serious a notice is, in escalation order; OVERDUE repeats daily while late."""

    REMINDER = "reminder"
    ESCALATE_KASI = "escalate_kasi"
    ESCALATE_KEPALA = "escalate_kepala"
    OVERDUE = "overdue"


KASI, KEPALA, DRAFTER = "kasi_tikkim", "kepala_kantor", "penyusun_laporan"


@dataclass(frozen=True)
class EscalationPolicy:
    """When to remind and escalate, in service minutes relative to a step's standard."""

    remind_fraction: float = 0.8                 # remind once this share of the standard elapsed
    remind_minutes_before: float | None = None   # or: this many service minutes before the deadline
    kepala_after_fraction: float = 1.0           # escalate to Kepala after another such share
    kepala_after_minutes: float | None = None    # or: this many service minutes after the deadline
    # ... but never later than one service day after the deadline: leadership hears early.
    kepala_within_minutes: float = 480

    def remind_offset(self, standard: float) -> float:
        if self.remind_minutes_before is not None:
            return max(0.0, standard - self.remind_minutes_before)
        return standard * self.remind_fraction

    def kepala_offset(self, standard: float) -> float:
        offset = (self.kepala_after_minutes if self.kepala_after_minutes is not None
                  else standard * self.kepala_after_fraction)
        return min(offset, self.kepala_within_minutes)


@dataclass(frozen=True)
class DeadlineRules:
    """The time standards (stage -> service minutes to reach it), service hours and policy."""

    hours: ServiceHours
    standards: Mapping[str, int]
    policy: EscalationPolicy = field(default_factory=EscalationPolicy)

    @classmethod
    def from_config(cls, config: OfficeConfig, hours: ServiceHours | None = None,
                    policy: EscalationPolicy | None = None) -> "DeadlineRules":
        hours = hours or ServiceHours(config)
        return cls(hours, dict(config.sop.time_standards_minutes),
                   policy or EscalationPolicy(kepala_within_minutes=service_day(config)))


def service_day(config: OfficeConfig) -> float:
    """One service day in minutes: the shortest opening day of the week (8 hours here)."""
    spans = [(dt.datetime.combine(dt.date(2026, 1, 1), end)
              - dt.datetime.combine(dt.date(2026, 1, 1), start)).total_seconds() / 60
             for start, end in config.service_hours.values()]
    return min(spans) if spans else 480.0


@dataclass(frozen=True)
class DeadlineInput:
    """A complaint as far as deadlines go: its stage and when it entered it (aware datetime)."""

    ticket: str
    stage: str
    entered_at: dt.datetime
    section: str | None = None
    verdict: str | None = None    # decides the branch after the examination (step 5 or 6)
    # A draft sent back (/kembalikan) at this moment and not corrected yet
    # (returns.awaiting_correction): the report compiler holds the next move, not the approver.
    returned_at: dt.datetime | None = None


@dataclass(frozen=True)
class Schedule:
    """The next step's deadline and the moments its notices become due (all aware, local)."""

    stage: str
    next_stage: str
    responsible_role: str
    standard_minutes: int
    deadline: dt.datetime
    remind_at: dt.datetime
    kasi_at: dt.datetime
    kepala_at: dt.datetime


@dataclass(frozen=True)
class Notice:
    """One reminder or escalation to send once; `key` is stable across runs."""

    kind: NoticeKind
    role: str
    section: str | None
    ticket: str
    stage: str
    next_stage: str
    responsible_role: str
    deadline: dt.datetime
    due_at: dt.datetime
    key: str


def next_stage(stage: str) -> Stage | None:
    """The stage after `stage` in SOP order, or None at the end."""
    index = ORDER.index(Stage(stage))
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def schedule(complaint: DeadlineInput, rules: DeadlineRules) -> Schedule | None:
    """The next step's deadline and notice times, or None when the next step has no standard."""
    if complaint.entered_at.tzinfo is None:
        raise ValueError("entered_at must be timezone-aware")
    step = next_transition(complaint.stage, complaint.verdict)
    following = step.target if step else None
    if following is None or following.value not in rules.standards:
        return None
    standard = rules.standards[following.value]
    add = rules.hours.add_service_minutes
    deadline = add(complaint.entered_at, standard)
    # a draft sent back waits for its correction: the compiler is late, not the approver
    responsible = DRAFTER if complaint.returned_at is not None else RESPONSIBLE_ROLE[following]
    # Kasi Tikkim late (steps 3 and 7): no level of its own; the Kepala hears at the deadline.
    kepala_at = deadline if responsible == KASI else add(deadline,
                                                         rules.policy.kepala_offset(standard))
    return Schedule(
        stage=complaint.stage, next_stage=following.value,
        responsible_role=responsible, standard_minutes=standard,
        deadline=deadline,
        remind_at=add(complaint.entered_at, rules.policy.remind_offset(standard)),
        kasi_at=deadline,
        kepala_at=kepala_at,
    )


def deadline(complaint: DeadlineInput, rules: DeadlineRules) -> dt.datetime | None:
    """When the next step must be done (Complaint.due_at), or None."""
    found = schedule(complaint, rules)
    return found.deadline if found else None


def is_overdue(complaint: DeadlineInput, now: dt.datetime, rules: DeadlineRules) -> bool:
    """Whether the next step's deadline has passed at `now`."""
    found = schedule(complaint, rules)
    return found is not None and now >= found.deadline


def notice_key(complaint: DeadlineInput, kind: NoticeKind) -> str:
    """A key unique per complaint, stage entry and kind: re-entering a stage gives new keys.
    A draft sent back has its own keys (per /kembalikan): the compiler's reminder does not use
    up the approver's, who is reminded again once the correction comes."""
    def utc(moment: dt.datetime) -> str:
        return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    returned = complaint.returned_at
    entry = utc(complaint.entered_at) + (f":returned@{utc(returned)}" if returned else "")
    return f"{complaint.ticket}:{complaint.stage}@{entry}:{kind.value}"


def due_notifications(complaint: DeadlineInput, now: dt.datetime, already_sent: Collection[str],
                      rules: DeadlineRules) -> list[Notice]:
    """Notices to send now, mildest first; none outside service hours, none already sent.

    The ladder: a reminder to the responsible officers (the report compiler while a draft
    sent back waits for its correction) before the deadline; at the deadline,
    Kasi Tikkim (unless Kasi Tikkim is the one late); the Kepala Kantor within one service day
    of it (at once when Kasi Tikkim is late; never when the Kepala is). While the step stays
    overdue, the responsible officers are reminded again on every later service day. A
    reminder is dropped once the deadline has passed (the escalation says more).
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    found = schedule(complaint, rules)
    if found is None or not rules.hours.is_open(now):
        return []
    opening = rules.hours.next_opening
    plan = [(NoticeKind.REMINDER, found.responsible_role, found.remind_at, "")]
    if found.responsible_role != KASI:
        plan.append((NoticeKind.ESCALATE_KASI, KASI, found.kasi_at, ""))
    if found.responsible_role != KEPALA:
        plan.append((NoticeKind.ESCALATE_KEPALA, KEPALA, found.kepala_at, ""))
    today = now.astimezone(rules.hours.tz).date()
    first_told = opening(found.deadline).astimezone(rules.hours.tz).date()
    if now >= found.deadline and today > first_told:   # from the service day after
        start_of_day = opening(dt.datetime.combine(today, dt.time(0), rules.hours.tz))
        plan.append((NoticeKind.OVERDUE, found.responsible_role, start_of_day,
                     f":{today.isoformat()}"))
    notices = []
    for kind, role, trigger, suffix in plan:
        due_at = opening(trigger)
        key = notice_key(complaint, kind) + suffix
        if now < due_at or key in already_sent:
            continue
        if kind is NoticeKind.REMINDER and now >= found.deadline:
            continue
        notices.append(Notice(
            kind=kind, role=role, section=complaint.section if role == "seksi" else None,
            ticket=complaint.ticket, stage=complaint.stage, next_stage=found.next_stage,
            responsible_role=found.responsible_role, deadline=found.deadline, due_at=due_at,
            key=key))
    return notices


def service_minutes_between(hours: ServiceHours, start: dt.datetime, end: dt.datetime) -> float:
    """Service minutes elapsed from `start` to `end` (0 when `end` is not after `start`)."""
    total = dt.timedelta()
    cursor = hours.next_opening(start)
    while cursor < end:
        closing = hours.week[WEEKDAYS[cursor.weekday()]][1]
        close = dt.datetime.combine(cursor.date(), closing, hours.tz)
        total += min(close, end) - cursor
        cursor = hours.next_opening(close)
    return total.total_seconds() / 60
