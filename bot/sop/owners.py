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

from bot.dates import format_local, local_time
from bot.identity import anonymous_to_all, held_for_slot, is_sensitive, named_officers
from bot.sop.workflow import ROLE_LABEL, Role, due_after, next_transition

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from bot.sop.hours import ServiceHours
    from storage.models import Complaint, StageEvent
    from storage.repo import Unit

CAPACITY_LABEL = {"plh": "Plh.", "plt": "Plt.", "an": "a.n."}
UNREACHABLE = "unreachable:"      # sent_notices key prefix: an officer the bot cannot reach
# sent_notices key prefix: an officer answered (/pesan, /balas) or closed (/tutup) a person's
# talk, "served:<person id>:<officer id>:<UTC minute>" (`served`)
SERVED = "served:"
SERVED_FOR = dt.timedelta(hours=24)
SERVED_STEP = 2         # the step a sensitive complaint does not give such an officer


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


OFF_ROSTER = "tidak lagi di daftar petugas"


def holder(config: "OfficeConfig", assigned_to: str | None) -> str | None:
    """The officer holding a complaint (/ambil), when still on the roster: one taken off it
    (config.yml changed) holds nothing any more, and anyone may take it without 'alih'."""
    if assigned_to and any(o.name == assigned_to for o in config.roster):
        return assigned_to
    return None


def holder_text(config: "OfficeConfig", assigned_to: str, ticket: str) -> str:
    """'Andi' for the 'Ditangani' line; for a holder taken off the roster, that it is free:
    'Andi (tidak lagi di daftar petugas; /ambil TIKET)'."""
    if holder(config, assigned_to):
        return assigned_to
    return f"{assigned_to} ({OFF_ROSTER}; /ambil {ticket})"


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


def deputies(config: "OfficeConfig") -> list["Officer"]:
    """The roster's officers who may sign for the head of office (deputy_capacity)."""
    return [o for o in config.roster
            if o.deputy_capacity and o.role != Role.KEPALA_KANTOR]


def stand_ins(config: "OfficeConfig", complaint: HasStep, away: Away | None,
              kept: Collection[str]) -> list["Officer"]:
    """Who does the next step when every officer of its role is kept away from the complaint
    (a levy complaint naming the Kasi Tikkim must still be initialled and signed):
    - steps 3 and 7 (Kasi Tikkim): the Kepala Kantor, his superior (or, while he is away, his
      deputy);
    - step 8 (Kepala Kantor): the deputy the roster allows (deputy_capacity plh/plt/an), signing
      in that capacity as when the head is away;
    - steps 2, 9 and 10 (Petugas): nobody is named; the leaders the SOP lets act in their
      place (`able`) may do it, and the group is told as before (bare label);
    - steps 4-6 (a section, the drafter): nobody; the leaders are told it is stuck (forward
      it with /teruskan, or add an officer to the roster).
    Never an officer the complaint keeps away either."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return []

    def free(officers: Sequence["Officer"]) -> list["Officer"]:
        return [o for o in officers if str(o.telegram_id) not in kept]

    if transition.actor is Role.KEPALA_KANTOR:
        return free(deputies(config))
    if transition.actor is Role.KASI_TIKKIM:
        found = free(of_role(config, Role.KEPALA_KANTOR))
        stand_in = deputy(config, away)
        if away is not None and stand_in is not None:    # the head away: his deputy
            found = [o for o in found if str(o.telegram_id) != away.officer_id]
            found += [o for o in free([stand_in]) if o not in found]
        return found
    return []


def consulted(config: "OfficeConfig", complaint: HasStep, away: Away | None,
              excluded: Collection[str]) -> list["Officer"]:
    """Whom step 3 consults (the SOP: Kasi Tikkim consults the head of office): the Kepala
    Kantor; while he is away, the deputy named for it (/plh); on a complaint that keeps him
    away (named in it, or /kecualikan), the deputies the roster allows, as at step 8. Never an
    officer the complaint keeps away; empty when nobody may be told."""
    kept = kept_away(config, complaint, excluded)

    def free(officers: Sequence["Officer"]) -> list["Officer"]:
        return [o for o in officers if str(o.telegram_id) not in kept]

    heads = free(of_role(config, Role.KEPALA_KANTOR))
    if away is not None:                  # the head away: his deputy (/plh) instead
        heads = [o for o in heads if str(o.telegram_id) != away.officer_id]
        stand_in = deputy(config, away)
        heads += [o for o in free([stand_in] if stand_in else []) if o not in heads]
    if heads:
        return heads
    return free(deputies(config))


def able(config: "OfficeConfig", complaint: HasStep, away: Away | None,
         excluded: Collection[str]) -> list["Officer"]:
    """Everyone who may still do the next step: those responsible, else the officers of the
    roles the SOP lets act in the actor's place (Transition.also: Kasi Tikkim or the Kepala
    Kantor for a petugas), never one the complaint keeps away."""
    found = responsible(config, complaint, away, excluded)
    transition = next_transition(complaint.stage, complaint.verdict)
    if found or transition is None:
        return found
    kept = kept_away(config, complaint, excluded)
    return [o for role in sorted(transition.also) for o in of_role(config, role)
            if str(o.telegram_id) not in kept]


def initialled_by(complaint: HasStep) -> str | None:
    """The Telegram id of whoever initialled (step 7) the draft now waiting for its signature:
    the latest move to "initialed" (a draft sent back and initialled again: the new paraf)."""
    if complaint.stage != "initialed":
        return None
    moves = [e for e in getattr(complaint, "events", None) or []
             if e.action == "stage" and e.to_stage == "initialed"
             and e.from_stage != "initialed"]
    if not moves:
        return None
    actor = str(max(moves, key=lambda e: (e.at, e.id or 0)).actor)
    return actor.removeprefix("telegram:").split(" ", 1)[0] if actor.startswith(
        "telegram:") else None


def own_initials(complaint: HasStep, officer: "Officer") -> bool:
    """Whether the officer initialled the report now waiting for his signature as the head's
    deputy: he may not sign it (bot.desk.approvals.check_two_hands), so he is never named,
    pinged or counted as its signer. The Kepala Kantor signs in his own right."""
    return officer.role != Role.KEPALA_KANTOR and \
        initialled_by(complaint) == str(officer.telegram_id)


def responsible(config: "OfficeConfig", complaint: HasStep, away: Away | None,
                excluded: Collection[str], signer_check: bool = False) -> list["Officer"]:
    """The officers who must do the complaint's next step (empty when the SOP is done), never
    one it keeps away (`kept_away`): such an officer is told nothing of it, so is neither
    mentioned nor named as responsible for it. When the complaint keeps away every officer of
    the step's role, those who stand in (`stand_ins`) are responsible instead, so they are
    pinged, counted in /saya and sent the documents. `excluded` has no default on purpose:
    every caller passes the complaint's recorded exclusions (Unit.excluded_officers), since an
    officer kept away by /kecualikan is not found in the complaint's own text.

    At step 8 the deputy who initialled the report (`own_initials`) is left out: he may not
    sign it. `signer_check` keeps him, for the one caller that must recognise him in order to
    refuse him with the reason (bot.desk.approvals.acting, then check_two_hands)."""
    kept = kept_away(config, complaint, excluded)
    found = [o for o in _step_officers(config, complaint, away) if str(o.telegram_id) not in kept]
    found = found or stand_ins(config, complaint, away, kept)
    if signer_check:
        return found
    return [o for o in found if not own_initials(complaint, o)]


# --- a draft sent back (/kembalikan): its correction holds the next move -------------------
# (`returned`: bot.sop.returns.awaiting_correction)


def drafters(config: "OfficeConfig", complaint: HasStep,
             excluded: Collection[str]) -> list["Officer"]:
    """The report compilers a draft sent back waits for, never one the complaint keeps away."""
    kept = kept_away(config, complaint, excluded)
    return [o for o in of_role(config, Role.PENYUSUN_LAPORAN) if str(o.telegram_id) not in kept]


def holders(config: "OfficeConfig", complaint: HasStep, away: Away | None,
            excluded: Collection[str], returned: "StageEvent | None") -> list["Officer"]:
    """Who holds the complaint's next move: the report compilers while a draft sent back
    waits for its correction (`returned`, from `returns.awaiting_correction`: the approver
    could not approve it), else the officers responsible for the step (`responsible`)."""
    if returned is not None:
        return drafters(config, complaint, excluded)
    return responsible(config, complaint, away, excluded)


def holder_label(config: "OfficeConfig", complaint: HasStep,
                 returned: "StageEvent | None") -> str:
    """`holders` as a group: 'Penyusun Laporan' while a correction is awaited, else the
    step's section or role (`group_label`)."""
    return ROLE_LABEL[Role.PENYUSUN_LAPORAN] if returned is not None else group_label(
        config, complaint)


def nobody_holds(config: "OfficeConfig", complaint: HasStep, away: Away | None,
                 excluded: Collection[str], returned: "StageEvent | None") -> str:
    """`nobody_text` for `holders`: a correction awaited from no report compiler who may be
    told (none on the roster, or all kept away)."""
    if returned is None:
        return nobody_text(config, complaint, away, excluded)
    label = holder_label(config, complaint, returned)
    if not of_role(config, Role.PENYUSUN_LAPORAN):
        return f"{label} (belum ada petugas di daftar)"
    return f"{label} ({NOBODY_FREE})"


def holding_text(config: "OfficeConfig", complaint: HasStep, away: Away | None,
                 excluded: Collection[str], returned: "StageEvent | None") -> str:
    """`owner_text` for `holders`: 'Penyusun Laporan: Budi' while a draft sent back waits
    for its correction (`returned`), else the step's owners ('Kasi Tikkim: Hendra')."""
    if returned is None:
        return owner_text(config, complaint, away, excluded)
    people = holders(config, complaint, away, excluded, returned)
    if not people:
        return nobody_holds(config, complaint, away, excluded, returned)
    label, listed = holder_label(config, complaint, returned), names(people)
    return listed if listed == label else f"{label}: {listed}"


def awaiting_head(config: "OfficeConfig", complaint: HasStep, away: Away | None,
                  excluded: Collection[str], people: Sequence["Officer"]) -> str:
    """Step 8 when the deputy who initialled the report was left out (`own_initials`) and only
    the absent head of office is left: when he may sign ('setelah kembali bertugas: /kembali'),
    and any other deputy the roster allows ('atau wakil lain: /plh Rudi Hartono'); empty
    otherwise."""
    if away is None or not people or any(str(o.telegram_id) != away.officer_id
                                         for o in people):
        return ""
    everyone = responsible(config, complaint, away, excluded, signer_check=True)
    dropped = [o for o in everyone if o not in people]
    if not dropped:
        return ""
    kept = kept_away(config, complaint, excluded) | {str(o.telegram_id) for o in dropped}
    others = [o for o in deputies(config) if str(o.telegram_id) not in kept]
    text = "setelah kembali bertugas: /kembali"
    if others:
        text += "; atau wakil lain: " + ", ".join(f"/plh {o.name}" for o in others)
    return text


def all_kept_away(config: "OfficeConfig", complaint: HasStep, away: Away | None,
                  excluded: Collection[str], returned: "StageEvent | None" = None) -> bool:
    """Whether the roster has officers for the next step and the complaint keeps every one of
    them away (named in it, or /kecualikan): nobody of the step's own role may act on it.
    `returned` (a correction awaited, `returns.awaiting_correction`): the report compilers
    instead."""
    kept = kept_away(config, complaint, excluded)
    found = (of_role(config, Role.PENYUSUN_LAPORAN) if returned is not None
             else _step_officers(config, complaint, away))
    return bool(found) and all(str(o.telegram_id) in kept for o in found)


def standing_in(config: "OfficeConfig", complaint: HasStep, away: Away | None,
                excluded: Collection[str]) -> bool:
    """Whether the next step's officers are all kept away and others stand in for them."""
    kept = kept_away(config, complaint, excluded)
    return all_kept_away(config, complaint, away, excluded) and bool(
        stand_ins(config, complaint, away, kept))


def leaders(config: "OfficeConfig", kept: Collection[str]) -> list["Officer"]:
    """The leaders (Kasi Tikkim, the Kepala Kantor, the head's deputies) not among `kept`
    (`kept_away`): those who can unblock or reassign a step nobody of its role may do."""
    return [o for o in config.roster
            if (o.role in (Role.KASI_TIKKIM, Role.KEPALA_KANTOR) or o.deputy_capacity)
            and str(o.telegram_id) not in kept]


def stuck(config: "OfficeConfig", complaint: HasStep, away: Away | None,
          excluded: Collection[str]) -> bool:
    """Whether nobody at all may do the complaint's next step (not done yet)."""
    return (next_transition(complaint.stage, complaint.verdict) is not None
            and not able(config, complaint, away, excluded))


def stuck_hint(config: "OfficeConfig", complaint: HasStep) -> str:
    """What a leader can do about a step nobody may do (Indonesian, for leaders only)."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return ""
    if transition.actor is Role.SEKSI and transition.step == 4:
        return (f"teruskan ke seksi lain (/teruskan {getattr(complaint, 'ticket', 'TIKET')} "
                "SEKSI), atau tambahkan petugas seksi ini di daftar petugas")
    if transition.actor is Role.SEKSI:
        return "tambahkan petugas seksi ini di daftar petugas (config.yml)"
    if transition.actor is Role.KEPALA_KANTOR:
        return ("tetapkan wakil Kepala Kantor (deputy_capacity di config.yml) yang tidak "
                "dikecualikan")
    return f"tambahkan {ROLE_LABEL[transition.actor]} lain di daftar petugas (config.yml)"


NOBODY_FREE = "tidak ada petugas yang dapat menangani"


def nobody_text(config: "OfficeConfig", complaint: HasStep, away: Away | None = None,
                excluded: Collection[str] = ()) -> str:
    """The step's owner when no officer is named: '… (belum ada petugas di daftar)' when the
    roster has none; '… (tidak ada petugas yang dapat menangani)' when they are on the roster
    but nobody at all may do it (kept away, and nobody stands in; the leaders are told
    privately why); else only the role's name (a leader may act in the petugas' place). The
    words say neither who nor that anyone was excluded."""
    label = group_label(config, complaint)
    if not _step_officers(config, complaint, away):
        return f"{label} (belum ada petugas di daftar)"
    if stuck(config, complaint, away, excluded):
        return f"{label} ({NOBODY_FREE})"
    return label


def group_label(config: "OfficeConfig", complaint: HasStep) -> str:
    """The step's owner as a group: the section's name, or the role's."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return "-"
    if transition.actor is Role.SEKSI:
        return config.sections[section_of(config, complaint)].name
    return ROLE_LABEL[transition.actor]


SENSITIVE = "pengaduan sensitif"


def neutral_text(config: "OfficeConfig", complaint: HasStep) -> str:
    """A sensitive complaint's step owner where non-leaders read it (the group, lists): the
    role or section only, the same whoever acts. Names would show that someone is kept away
    from it (a stand-in, or nobody), i.e. who is accused; the leaders hear it in private."""
    return f"{group_label(config, complaint)} ({SENSITIVE})"


def neutral_inline(config: "OfficeConfig", complaint: HasStep) -> str:
    """`neutral_text` for a place already in parentheses ('Langkah berikutnya: 3. …
    (Petugas, pengaduan sensitif)'): no parentheses inside parentheses. A complaint held only
    because its complainant is hidden (an anonymous passport complaint's alert at its slot) is
    no sensitive one: its role alone."""
    label = group_label(config, complaint)
    return f"{label}, {SENSITIVE}" if is_sensitive(complaint, config.sensitive_types) else label


def sees_names(config: "OfficeConfig", officer_id: str | int | None) -> bool:
    """Whether this reader may learn who does a sensitive complaint's step: Kasi Tikkim, the
    Kepala Kantor, or a deputy who may sign for him (deputy_capacity, the Plh.). Everyone else
    (the group, a petugas, a section, the drafter) may be the accused or work beside him, and
    reads the role or section only (`neutral_text`) and a deadline without its minute
    (`deadline_text(coarse=True)`)."""
    officer = config.officer(officer_id) if officer_id is not None else None
    return officer is not None and (
        officer.role in (Role.KASI_TIKKIM, Role.KEPALA_KANTOR) or bool(officer.deputy_capacity))


def by_slot(config: "OfficeConfig", complaint: "Complaint",
            officer_id: str | int | None) -> bool:
    """Whether this reader reads a held complaint's (`held_for_slot`) deadlines and lateness
    as of its slot and without the minute (`coarse_due`): everyone but a leader
    (`sees_names`), and the leaders too for an anonymous one (`anonymous_to_all`), whose
    minute of filing they may not tie to the person they saw in the group."""
    return held_for_slot(complaint, config.sensitive_types) and (
        anonymous_to_all(complaint) or not sees_names(config, officer_id))


def as_deputy(officer: "Officer", away: Away | None,
              role: str = Role.KEPALA_KANTOR) -> str:
    """'Plh. Kepala Kantor' when the officer does `role`'s work as the deputy of the absent
    head of office; empty for his own role's work: a Kasi Tikkim who is Plh. still reviews
    (step 3) and initials (step 7) as Kasi Tikkim, and only signs (step 8) as Plh."""
    if away is None or str(officer.telegram_id) != away.deputy_id or officer.role == role:
        return ""
    return f"{CAPACITY_LABEL.get(away.capacity, away.capacity)} Kepala Kantor"


def step_role(complaint: HasStep) -> str:
    """The role whose work the complaint's next step is (empty when the SOP is done)."""
    transition = next_transition(complaint.stage, complaint.verdict)
    return transition.actor.value if transition is not None else ""


def names(officers: Sequence["Officer"], away: Away | None = None,
          role: str = Role.KEPALA_KANTOR) -> str:
    """'Andi, Budi'; the deputy doing `role`'s work for the absent head shown with his
    capacity ('Hendra (Plh. Kepala Kantor)', `as_deputy`), never on his own role's work."""
    out = []
    for officer in officers:
        capacity = as_deputy(officer, away, role)
        out.append(f"{officer.name} ({capacity})" if capacity else officer.name)
    return ", ".join(out)


def owner_text(config: "OfficeConfig", complaint: HasStep, away: Away | None,
               excluded: Collection[str]) -> str:
    """'Seksi Lalu Lintas Keimigrasian: Andi Pratama' / 'Kasi Tikkim: Hendra Wijaya' (never an
    officer the complaint keeps away)."""
    people = responsible(config, complaint, away, excluded)
    label = group_label(config, complaint)
    if not people:
        return nobody_text(config, complaint, away, excluded)
    listed = names(people, away, step_role(complaint))
    waiting = awaiting_head(config, complaint, away, excluded, people)
    listed += f" ({waiting})" if waiting else ""
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


def coarse_late_text(minutes: float) -> str:
    """How late, in whole service hours ('kurang dari 1 jam', '2 jam', '1 hari kerja 3 jam'):
    the minutes would give back the deadline's minute."""
    minutes = max(0, int(minutes))
    return "kurang dari 1 jam" if minutes < 60 else late_text(minutes // 60 * 60)


def deadline_text(config: "OfficeConfig", due_at: dt.datetime | None, now: dt.datetime,
                  late_by: float | None = None, coarse: bool = False) -> str:
    """The deadline in local time, with '⚠️ TERLAMBAT …' once it has passed.

    `coarse` (a sensitive complaint read by anyone but a leader, `sees_names`): the hour the
    deadline falls in ('Jumat, 4 Desember 2026 10.00–11.00 WITA') and the lateness in whole
    hours. Step 2's deadline is the receipt plus fixed service time, so its minute gives back
    the minute the complaint came in, which the register and /lihat show them as a date only.
    Display only: reminders and escalations keep the exact deadline."""
    if due_at is None:
        return "-"
    if coarse:
        start = due_at.astimezone(config.office.tz).replace(minute=0, second=0, microsecond=0)
        end = start + dt.timedelta(hours=1)
        text = f"{format_local(start, 'id')}\u2013{end.strftime('%H.%M')} WITA"
    else:
        text = local_time(config, due_at)
    if due_at < now:
        shown = coarse_late_text if coarse else late_text
        text += " ⚠️ TERLAMBAT" + (f" {shown(late_by)}" if late_by is not None else "")
    return text


def coarse_due(config: "OfficeConfig", hours: "ServiceHours", complaint: "Complaint",
               due_at: dt.datetime | None, slot: dt.datetime) -> dt.datetime | None:
    """A held complaint's (`held_for_slot`) next deadline `due_at` as anyone but a leader is
    told it, shown, counted late and listed by: never before the deadline its step would have
    had had it come in at `slot`, the slot its alert went at (`bot.sop.slots.alert_slot` of its
    receipt), when the group learned of it. Step 2's deadline is the receipt plus fixed
    service time, and a step done before the slot is within minutes of it, so that deadline,
    its lateness or its place in a list would give back the minute the held alert hides; the
    deadline of a step entered after the slot is its own."""
    if due_at is None:
        return None
    floor = due_after(config, hours, complaint.stage, complaint.verdict, slot)
    return due_at if floor is None else max(due_at, floor)


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


def served(unit: "Unit", person_id: int, officer_id: str | int, now: dt.datetime) -> None:
    """Keep that the officer answered or closed the person's talk now (`not_served`)."""
    minute = now.astimezone(dt.timezone.utc).strftime("%Y%m%d%H%M")
    unit.claim_mark(f"{SERVED}{person_id}:{officer_id}:{minute}", "served", now)


def served_recently(unit: "Unit", person_id: int, now: dt.datetime) -> set[str]:
    """Telegram ids of the officers who answered or closed a talk of the person within
    `SERVED_FOR` before `now`."""
    prefix = f"{SERVED}{person_id}:"
    found = set()
    for key in unit.marks(prefix):
        officer, _, minute = key[len(prefix):].rpartition(":")
        try:
            at = dt.datetime.strptime(minute, "%Y%m%d%H%M").replace(tzinfo=dt.timezone.utc)
        except ValueError:
            continue
        if dt.timedelta(0) <= now - at < SERVED_FOR:
            found.add(officer)
    return found


def not_served(unit: "Unit", config: "OfficeConfig", complaint: "Complaint",
               officers: Sequence["Officer"], now: dt.datetime) -> list["Officer"]:
    """The officers to ping for the complaint's next step: all of `officers`, but for step 2
    of a complaint whose group alert is held (`held_for_slot`: sensitive, confidential or
    anonymous), those who served a talk of its complainant (answered it with /pesan or /balas,
    or closed it) in the last 24 hours. A non-leader's ping waits for the group alert's slot
    (`bot.pings.held_until`), but the slot does not hide what he did a day before: a petugas
    who answered Rina's named talk at 16.01 and was told "🔔 Giliran Anda … Pungutan liar" (or
    an anonymous passport complaint) at the next slot still linked the two. Empty when every
    one of `officers` did: the leaders are told instead (`bot.pings.needs_someone`, and the
    sweep's reminder goes to them)."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if (transition is None or transition.step != SERVED_STEP or complaint.complainant_id is None
            or not held_for_slot(complaint, config.sensitive_types)):
        return list(officers)
    recent = served_recently(unit, complaint.complainant_id, now)
    return [o for o in officers if str(o.telegram_id) not in recent]
