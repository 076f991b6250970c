"""The next person is told: each step's officers pinged privately and mentioned in the group.

When a complaint reaches a step, the officers responsible for it (the section's officers at
steps 4 and 5, the drafter at 6, Kasi Tikkim at 3 and 7, the head of office, or their deputy
while away, at 8, the front-line officers at 2, 9 and 10) get a private message with the
step's buttons, and the group's message names them with a mention and the deadline (never an
officer the complaint keeps away: a mention notifies their phone). An officer the bot cannot
reach privately (they never started it, or blocked it) is named once in the group with what to
do, and skipped until they write to the bot. A petugas's (any non-leader's) ping about a
complaint still hidden from the group waits for its alert slot (`held_until`), and goes then
only if it still stands (`still_stands`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, Sequence

from bot import identity
from bot.rich import Rich
from bot.sop import keyboard, owners
from bot.sop.holidays import office_hours
from bot.sop.slots import alert_slot
from bot.sop.workflow import Role, next_transition

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from storage.models import Complaint
    from storage.repo import Unit

UNREACHABLE = owners.UNREACHABLE     # sent_notices key prefix: an officer the bot cannot reach
CANNOT_REACH = ("forbidden", "can't initiate", "chat not found", "user not found",
                "user is deactivated", "peer_id_invalid")
HOW_TO = ("Mohon buka chat pribadi dengan bot ini (ketuk nama bot di grup, lalu Mulai/Start) "
          "agar tugas dan pengingat sampai kepada Anda secara pribadi.")
# The outbox kind of a ping held for its complaint's alert slot (`held_until`), and its
# payload key (the stage it was written for, `still_stands`): a kind the outbox lets wait
# without holding back the officer's other private messages (storage/outbox.py UNORDERED).
HELD_PING = "held_ping"
# Payload key of a leader's notice about an anonymous complaint held for its slot (the
# leaders' private notice, `needs_someone`), sent in the `HELD_PING` kind: the stage it was
# written for (None: any), `still_stands`. One kept away from the complaint since gets none.
HELD_NOTICE = "held_notice"
# The payload key of a "🔔 Giliran Anda" ping that keeps its step (`bot.desk.steps.ping_answer`:
# a reply to it may do the step): its buttons, bound to the stage, are retired once it is done.
PING_STEP = "ping_step"
away_now, unreachable, recipients = owners.away_now, owners.unreachable, owners.recipients
served = owners.served     # bot.desk.message keeps who served a talk (owners.not_served)


def mention_owners(rich: Rich, config: "OfficeConfig", complaint: "Complaint",
                   away: owners.Away | None = None, excluded: Collection[str] = ()) -> Rich:
    """'Seksi Lalu Lintas Keimigrasian: @Andi, @Budi' with each name a mention; never an
    officer the complaint keeps away (`owners.kept_away`): a mention notifies their phone."""
    people = owners.responsible(config, complaint, away, excluded)
    label = owners.group_label(config, complaint)
    if not people:
        return rich.t(owners.nobody_text(config, complaint, away))
    if not (len(people) == 1 and people[0].name == label):
        rich.t(f"{label}: ")
    role = owners.step_role(complaint)
    for index, officer in enumerate(people):
        if index:
            rich.t(", ")
        rich.mention(officer.telegram_id, officer.name)
        capacity = owners.as_deputy(officer, away, role)    # only on the head's work
        rich.t(f" ({capacity})" if capacity else "")
    # the deputy who initialled it left out, the absent head alone: when he may sign
    waiting = owners.awaiting_head(config, complaint, away, excluded, people)
    return rich.t(f" ({waiting})") if waiting else rich


def slot_due(config: "OfficeConfig", complaint: "Complaint") -> dt.datetime | None:
    """A held complaint's next deadline as anyone but a leader reads it: as of its slot
    (`owners.coarse_due`), with the office's service hours and holidays as the composition
    root builds them. Its own deadline's hour, 09.00-10.00 for a receipt at 09.41 where
    /lihat said 10.00-11.00, narrowed the receipt to a part of the slot's window."""
    year = complaint.created_at.year
    hours = office_hours(config, range(year - 1, year + 3))
    return owners.coarse_due(config, hours, complaint, complaint.due_at,
                             alert_slot(config, complaint.created_at))


def next_step_line(rich: Rich, config: "OfficeConfig", complaint: "Complaint",
                   now: dt.datetime, away: owners.Away | None = None,
                   mention: bool = True, excluded: Collection[str] = (),
                   neutral: bool = False, coarse: bool = False) -> Rich:
    """'Langkah berikutnya: 4. … (Seksi …: @Andi), batas …' (mentions notify them). The
    officers the complaint names are left out always; pass `excluded`
    (Unit.excluded_officers) to leave out those Kasi Tikkim kept away too. `neutral`: the
    role or section only (a sensitive complaint where non-leaders read it: whom it leaves
    out would tell whom it accuses; the owners are pinged privately), and the deadline as
    `coarse` says. `coarse` (and `neutral`): a held complaint's deadline as of its slot and
    without its minute (`slot_due`; step 2's gives back the receipt minute)."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return rich.line("Langkah berikutnya", "tidak ada (selesai)")
    rich.b("Langkah berikutnya: ").t(f"{transition.step}. {transition.label} (")
    if neutral:
        rich.t(owners.neutral_inline(config, complaint))
    elif mention:
        mention_owners(rich, config, complaint, away, excluded)
    else:
        rich.t(owners.owner_text(config, complaint, away, excluded))
    rich.t(")")
    coarse = coarse or neutral
    due = slot_due(config, complaint) if coarse else complaint.due_at
    if due is not None:     # coarse: without the minute (owners.deadline_text)
        rich.t(f", batas {owners.deadline_text(config, due, now, coarse=coarse)}")
    return rich.nl()


def ping(unit: "Unit", config: "OfficeConfig", complaint: "Complaint", now: dt.datetime,
         actor_id: str | None = None, buttons: bool = True,
         handover: tuple[str, str] | None = None) -> list["Officer"]:
    """Privately to each officer responsible for the complaint's next step (not the one who
    just acted, nor one the bot cannot reach): the step, its deadline and its buttons.
    `handover`: (label, text) of what the step just done left them (Kasi Tikkim's direction
    for the section), shown as the complainant's words are to that officer. Step 2 of a
    held complaint (sensitive, confidential or anonymous) is not given to an officer who served
    its complainant's talk in the
    last 24 hours (`owners.not_served`); when nobody else may be pinged, the leaders are told
    (`needs_someone`). A non-leader's ping about a complaint still hidden from the group
    waits for its slot (`held_until`)."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return []
    away = away_now(unit)
    silent = unreachable(unit) | ({str(actor_id)} if actor_id else set())
    told = []
    due = _may_ping(unit, config, complaint, away, silent)
    others = owners.not_served(unit, config, complaint, due, now)
    if due and not others:
        needs_someone(unit, config, complaint, now)
    for officer in others:
        held = held_until(config, complaint, officer, now)
        if held is not None and held_already(unit, complaint, officer):
            told.append(officer)    # the one held goes at the slot (`still_stands`)
            continue
        rich = Rich().b("🔔 Giliran Anda: ").code(complaint.ticket).nl()
        rich.line(f"Langkah {transition.step}", transition.label)
        rich.line("Jenis", config.complaint_types[complaint.type].id)
        if handover is not None and handover[1]:
            said = identity.complainant_text(handover[1], complaint, complaint.complainant,
                                             identity.private_chat(officer))
            rich.line(handover[0], said[:600])
        capacity = owners.as_deputy(officer, away, transition.actor.value)
        if capacity:           # his own role's steps (a Kasi's 3 and 7) he does as himself
            rich.line("Sebagai", f"{capacity} (Kepala Kantor berhalangan)")
        # a held complaint's deadline (sensitive, confidential or anonymous: its alert hides
        # the receipt minute) without its minute, but for a leader of a complaint not
        # anonymous: step 2's gives back the receipt minute, which only they read
        # (owners.by_slot, owners.deadline_text)
        coarse = owners.by_slot(config, complaint, officer.telegram_id)
        due = slot_due(config, complaint) if coarse else complaint.due_at
        rich.line("Batas waktu", owners.deadline_text(config, due, held or now, coarse=coarse))
        if buttons:
            keyboard.attach(rich, complaint.ticket, complaint.stage, complaint.verdict,
                            take=False, kind=complaint.type)
        else:
            rich.button_row((keyboard.VIEW, keyboard.data("view", complaint.ticket)))
        fields = dict(channel="telegram", address=str(officer.telegram_id), body=rich.plain(),
                      complaint_id=complaint.id)
        payload = {**rich.to_payload(), PING_STEP: transition.step}
        if held is None:
            unit.enqueue(kind="ping", payload=payload, at=now, **fields)
        else:
            unit.schedule(kind=HELD_PING, payload={**payload, HELD_PING: complaint.stage},
                          at=now, due=held, **fields)
        told.append(officer)
    return told


def _may_ping(unit: "Unit", config: "OfficeConfig", complaint: "Complaint",
            away: owners.Away | None, silent: Collection[str]) -> list["Officer"]:
    """The officers responsible for the complaint's next step who may be told of it, but for
    those in `silent` (the bot cannot reach them, or they just acted)."""
    return [o for o in recipients(unit, complaint, owners.responsible(
        config, complaint, away, unit.excluded_officers(complaint.id)))
        if str(o.telegram_id) not in silent]


def held_until(config: "OfficeConfig", complaint: "Complaint", officer: "Officer",
               now: dt.datetime) -> dt.datetime | None:
    """When the officer's ping goes: at once (None), but to a non-leader (`owners.sees_names`)
    about a complaint still hidden from the group (`identity.held_for_slot`, before the
    `alert_slot` of its receipt), at that slot. A petugas sits in the group: "🔔 Giliran
    Anda: TRK-…" at the minute of filing, a minute after the same person's named alert or
    their talk with him, tied the two; at the slot it comes when the group learns of it. The
    leaders read the group too: theirs waits as well for an anonymous complaint
    (`owners.by_slot`, `identity.anonymous_to_all`)."""
    slot = alert_slot(config, complaint.created_at)
    moment = now if now.tzinfo is not None else now.replace(tzinfo=dt.timezone.utc)
    # the slot first: `held_for_slot` may read the trail (`identity.erased_from_name`)
    if moment >= slot or not owners.by_slot(config, complaint, officer.telegram_id):
        return None
    return slot


def held_already(unit: "Unit", complaint: "Complaint", officer: "Officer") -> bool:
    """Whether the officer has a held ping (`HELD_PING`) pending for the complaint at its
    stage: a complaint withdrawn and restored before its slot queued another, and he read
    "🔔 Giliran Anda" twice at the slot (the first still stood). Its deadline is as of the
    slot (`slot_due`), which the restore does not move."""
    return any(row.payload and row.payload.get(HELD_PING) == complaint.stage
               for row in unit.outbox_items(kind=HELD_PING, status="pending",
                                            address=str(officer.telegram_id),
                                            complaint_id=complaint.id))


def still_stands(unit: "Unit", config: "OfficeConfig", complaint_id: int | None,
                 address: str, queued: dict[str, Any], now: dt.datetime) -> bool:
    """Whether a held ping (`HELD_PING`, `held_until`) come due goes: its complaint is still at
    the step it was written for, and its officer would be pinged for that step now. Otherwise
    (a leader did the step before the slot, the complaint was withdrawn, the officer was kept
    away or served its complainant since, the step's owners changed) it is not sent: it would
    hand him a step that is not his, or tell one kept away of the complaint."""
    complaint = unit.complaint_by_id(complaint_id) if complaint_id is not None else None
    if complaint is not None and HELD_NOTICE in queued:
        return str(address) not in unit.excluded_officers(complaint.id) and (
            queued[HELD_NOTICE] is None or complaint.stage == queued[HELD_NOTICE])
    if complaint is None or complaint.stage != queued.get(HELD_PING):
        return False
    due = _may_ping(unit, config, complaint, away_now(unit), unreachable(unit))
    return any(str(o.telegram_id) == str(address)
               for o in owners.not_served(unit, config, complaint, due, now))


def unreachable_report(config: "OfficeConfig", group: str, address: str,
                       error: str) -> dict[str, Any] | None:
    """The group's one notice about a rostered officer the bot cannot message privately."""
    officer = config.officer(address)
    if officer is None or not any(sign in error.lower() for sign in CANNOT_REACH):
        return None
    rich = Rich().b("📵 Pesan pribadi tidak sampai\n").mention(officer.telegram_id, officer.name)
    rich.t(f" belum memulai chat pribadi dengan bot, jadi tugas dan pengingat hanya tampil di "
           f"grup ini. {HOW_TO}")
    return {"kind": "report", "channel": "telegram", "address": group, "body": rich.plain(),
            "payload": rich.to_payload(), "once": f"{UNREACHABLE}{officer.telegram_id}"}



def needs_someone(unit: "Unit", config: "OfficeConfig", complaint: "Complaint",
                  now: dt.datetime) -> list["Officer"]:
    """Privately to Kasi Tikkim and the Kepala Kantor (not one the complaint keeps away): the
    complaint's next step was pinged to nobody, so they do it (the SOP lets them act for a
    petugas) or hand it to someone. Why is not said: "the petugas served this person" would
    tie, for a leader who read P-1 beside a name in the group, that person to the complaint.
    An anonymous complaint's waits for its slot and reads its deadline as of it
    (`held_until`, `owners.by_slot`), as the leaders' pings do."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return []
    heads = [o for o in config.roster if o.role in (Role.KASI_TIKKIM, Role.KEPALA_KANTOR)]
    told = []
    for leader in recipients(unit, complaint, heads):
        held = held_until(config, complaint, leader, now)
        coarse = owners.by_slot(config, complaint, leader.telegram_id)
        due = slot_due(config, complaint) if coarse else complaint.due_at
        rich = Rich().b("⚠️ Langkah berikutnya belum ada petugasnya: ").code(complaint.ticket)
        rich.nl().line(f"Langkah {transition.step}", transition.label)
        rich.line("Jenis", config.complaint_types[complaint.type].id)
        rich.line("Batas waktu", owners.deadline_text(config, due, held or now, coarse=coarse))
        rich.i("Tidak ada petugas yang diberi tahu secara pribadi untuk langkah ini. Mohon "
               f"tunjuk petugas untuk menanganinya, atau lakukan sendiri: /tahap "
               f"{complaint.ticket}")
        keyboard.attach(rich, complaint.ticket, complaint.stage, complaint.verdict, take=False,
                        kind=complaint.type)
        fields = dict(channel="telegram", address=str(leader.telegram_id), body=rich.plain(),
                      complaint_id=complaint.id)
        if held is None:
            unit.enqueue(kind="ping", at=now, payload=rich.to_payload(), **fields)
        else:      # a kind that waits without holding back the leader's other messages
            unit.schedule(kind=HELD_PING, at=now, due=held, **fields, payload={
                **rich.to_payload(), HELD_NOTICE: complaint.stage})
        told.append(leader)
    return told
