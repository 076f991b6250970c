"""Who does each step, by name: the roster's officers responsible for a complaint's next step.

Messages name the section or the person, never a role key: "Seksi Lalu Lintas Keimigrasian:
Andi Pratama", "Kasi Tikkim: Hendra Wijaya". While the head of office is away, the deputy the
roster allows (Plh./Plt./a.n.) is responsible for step 8 beside them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, Sequence

from bot.dates import local_time
from bot.identity import named_officers
from bot.sop.workflow import ROLE_LABEL, Role, next_transition

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from storage.repo import Unit

CAPACITY_LABEL = {"plh": "Plh.", "plt": "Plt.", "an": "a.n."}
UNREACHABLE = "unreachable:"      # sent_notices key prefix: an officer the bot cannot reach


class HasId(Protocol):
    id: int


class HasStep(Protocol):
    stage: str
    verdict: str | None
    section: str | None
    type: str
    reported_party: str | None


@dataclass(frozen=True)
class Away:
    """The head of office marked away, and who signs meanwhile."""

    officer_id: str
    deputy_id: str
    capacity: str


def section_of(config: "OfficeConfig", complaint: HasStep) -> str:
    """The section examining it: as forwarded, else the one its type belongs to."""
    return complaint.section or config.complaint_types[complaint.type].section


def of_role(config: "OfficeConfig", role: str, section: str | None = None) -> list["Officer"]:
    """The roster's officers of a role (for seksi: of that section)."""
    return [o for o in config.roster
            if o.role == role and (role != Role.SEKSI or o.section == section)]


def deputy(config: "OfficeConfig", away: Away | None) -> "Officer | None":
    return config.officer(away.deputy_id) if away is not None else None


def _step_officers(config: "OfficeConfig", complaint: HasStep,
                   away: Away | None = None) -> list["Officer"]:
    """The roster's officers of the next step's role, whoever the complaint keeps away."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return []
    role = transition.actor.value
    found = of_role(config, role, section_of(config, complaint) if role == Role.SEKSI else None)
    stand_in = deputy(config, away)
    if role == Role.KEPALA_KANTOR and stand_in is not None and stand_in not in found:
        found.append(stand_in)
    return found


def kept_away(config: "OfficeConfig", complaint: HasStep,
              excluded: Collection[str] = ()) -> set[str]:
    """Telegram ids of the officers kept away from the complaint: those it names (found again
    in its reported party, so known where no transaction is at hand, as in the group's alert)
    and the `excluded` recorded for it (Unit.excluded_officers: named, or by /kecualikan)."""
    named = named_officers(complaint.reported_party, config.roster)
    return {str(o.telegram_id) for o in named} | {str(i) for i in excluded}


def responsible(config: "OfficeConfig", complaint: HasStep, away: Away | None,
                excluded: Collection[str]) -> list["Officer"]:
    """The officers who must do the complaint's next step (empty when the SOP is done), never
    one it keeps away (`kept_away`): such an officer is told nothing of it, so is neither
    mentioned nor named as responsible for it. `excluded` has no default on purpose: every
    caller passes the complaint's recorded exclusions (Unit.excluded_officers), since an
    officer kept away by /kecualikan is not found in the complaint's own text."""
    kept = kept_away(config, complaint, excluded)
    return [o for o in _step_officers(config, complaint, away) if str(o.telegram_id) not in kept]


def nobody_text(config: "OfficeConfig", complaint: HasStep, away: Away | None = None) -> str:
    """The step's owner when no officer is named: '… (belum ada petugas di daftar)' when the
    roster has none; else only the section's or role's name (those the roster has are kept
    away from this complaint, which the group is not told)."""
    label = group_label(config, complaint)
    if _step_officers(config, complaint, away):
        return label
    return f"{label} (belum ada petugas di daftar)"


def group_label(config: "OfficeConfig", complaint: HasStep) -> str:
    """The step's owner as a group: the section's name, or the role's."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return "-"
    if transition.actor is Role.SEKSI:
        return config.sections[section_of(config, complaint)].name
    return ROLE_LABEL[transition.actor]


def names(officers: Sequence["Officer"], away: Away | None = None) -> str:
    """'Andi, Budi' (a deputy shown with their capacity: 'Hendra (Plh.)')."""
    out = []
    for officer in officers:
        label = officer.name
        if away is not None and str(officer.telegram_id) == away.deputy_id:
            label += f" ({CAPACITY_LABEL.get(away.capacity, away.capacity)})"
        out.append(label)
    return ", ".join(out)


def owner_text(config: "OfficeConfig", complaint: HasStep, away: Away | None,
               excluded: Collection[str]) -> str:
    """'Seksi Lalu Lintas Keimigrasian: Andi Pratama' / 'Kasi Tikkim: Hendra Wijaya' (never an
    officer the complaint keeps away)."""
    people = responsible(config, complaint, away, excluded)
    label = group_label(config, complaint)
    if not people:
        return nobody_text(config, complaint, away)
    listed = names(people, away)
    return listed if listed == label else f"{label}: {listed}"


def late_text(minutes: float) -> str:
    """Service time as people say it: '25 menit', '3 jam 10 menit', '2 hari kerja 1 jam'."""
    minutes = max(0, int(minutes))
    days, rest = divmod(minutes, 480)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} hari kerja")
    if hours:
        parts.append(f"{hours} jam")
    if mins and not days:
        parts.append(f"{mins} menit")
    return " ".join(parts) or "kurang dari 1 menit"


def deadline_text(config: "OfficeConfig", due_at: dt.datetime | None, now: dt.datetime,
                  late_by: float | None = None) -> str:
    """The deadline in local time, with '⚠️ TERLAMBAT …' once it has passed."""
    if due_at is None:
        return "-"
    text = local_time(config, due_at)
    if due_at < now:
        text += " ⚠️ TERLAMBAT" + (f" {late_text(late_by)}" if late_by is not None else "")
    return text


def away_now(unit: "Unit") -> Away | None:
    """The head of office's absence in force, as the owners' rules read it."""
    row = unit.current_absence()
    return Away(row.officer_id, row.deputy_id, row.capacity) if row is not None else None


def unreachable(unit: "Unit") -> set[str]:
    """Telegram ids of rostered officers the bot could not reach privately."""
    return {key.removeprefix(UNREACHABLE) for key in unit.marks(UNREACHABLE)}


def recipients(unit: "Unit", complaint: HasId,
               officers: Sequence["Officer"]) -> list["Officer"]:
    """The officers who may be told about this complaint: the one place every notice asks
    (an officer the complaint names, or Kasi Tikkim excluded, hears nothing of it)."""
    excluded = unit.excluded_officers(complaint.id)
    return [o for o in officers if str(o.telegram_id) not in excluded]
