"""The desk's privacy guards and commands: conflict of interest, sensitive complaints in
private chats, `/kecualikan` (exclude an officer) and `/pinbaru` (reissue a lost PIN)."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from bot import identity
from bot.desk import approvals
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest, actor_label
from bot.notify import complainant_lang, unreleased
from bot.paperwork import archive
from bot.progress_texts import pt
from bot.rich import Rich
from bot.sop import keyboard, owners
from bot.sop.stages import Stage
from bot.sop.workflow import ROLE_LABEL, Refused, Role, next_transition
from bot.tickets import hash_pin, new_pin
from storage.models import StageEvent

if TYPE_CHECKING:
    from typing import Sequence

    from bot.config import OfficeConfig, Officer
    from storage.models import Complaint
    from storage.repo import Unit

APPROVALS = (Stage.REPORT_DRAFTED, Stage.INITIALED)   # approved with the document in hand
CONFLICT = "konflik kepentingan (disebut dalam pengaduan atau dikecualikan pimpinan)"


def released(config: "OfficeConfig", complaint: "Complaint", now: dt.datetime) -> bool:
    """Whether the officers' group may know the complaint exists: always, but for one whose
    group alert is held (`identity.held_for_slot`: sensitive, confidential or anonymous) not
    before the slot it is held for (`bot.notify.alert_slot` of its receipt). Until then every
    group view (/aduan and its counts, /saya, /lihat and every command naming its ticket)
    answers as if it did not exist, or the first petugas to type /aduan would read the minute
    the alert hides. Read from the complaint alone (its type, mode and receipt), never from
    the outbox. The rule is `bot.notify.unreleased`, which the person's talks read too
    (`bot.notify.held_talk`); who sees such a complaint before its slot is `sees_early`."""
    return not unreleased(config, complaint, now)


def sees_early(config: "OfficeConfig", officer: "Officer", private: bool,
               complaint: "Complaint | None" = None) -> bool:
    """Whether this reader's lists show a held complaint before its slot: the leaders' (and a
    Plh.'s, `owners.sees_names`) in their private chats, who are told of it at once, but not
    of an anonymous one (`identity.anonymous_to_all`: they hear of it at its slot, as
    everyone does), and those of the officer who recorded or acted on it (he knows it
    already). Not a petugas's or a section's: his step's ping waits for the slot
    (`bot.pings.held_until`), and his /saya or /aduan listing the new ticket a minute after
    he served the person's named talk tied the two, as the ping did."""
    if not private:
        return False
    if owners.sees_names(config, officer.telegram_id) and not (
            complaint is not None and identity.anonymous_to_all(complaint)):
        return True
    mark = f"telegram:{officer.telegram_id} "
    return complaint is not None and any(e.actor.startswith(mark) for e in complaint.events)


def in_group(config: "OfficeConfig", complaints: "Sequence[Complaint]",
             now: dt.datetime) -> list["Complaint"]:
    """The complaints the group may list and count now (`released`)."""
    return [c for c in complaints if released(config, c, now)]


def in_view(config: "OfficeConfig", officer: "Officer", private: bool,
            complaints: "Sequence[Complaint]", now: dt.datetime) -> list["Complaint"]:
    """The complaints this reader's /aduan and /saya list and count now: all of them for one
    who `sees_early`, else only those `released`."""
    return [c for c in complaints if released(config, c, now)
            or sees_early(config, officer, private, c)]


def unreleased_in_group(config: "OfficeConfig", request: OfficerRequest,
                        complaint: "Complaint", now: dt.datetime) -> None:
    """Refused as for a ticket that does not exist (`bot.desk.desk`'s words), for a command
    naming a complaint the group may not know of yet (`released`), typed or pressed in the
    group: before the access checks, whose own refusals ("sensitif", "tidak memiliki akses")
    would say it exists. (A private chat may name it: its ticket reached nobody there before
    the slot but the leaders, told at once of one not anonymous, and the officer who recorded
    it.)"""
    if not request.private and not released(config, complaint, now):
        raise Refused(f"Tiket {request.ticket or complaint.ticket} tidak ditemukan.",
                      detail=f"{complaint.ticket}: sensitif atau pelapor dirahasiakan, "
                             "belum diumumkan ke grup (slot pemberitahuan)")


def loggable(request: OfficerRequest, text: str) -> str:
    """What the message log keeps of an officer's update: dialogue answers (a complainant's
    name, number, story) stay only on the complaint, and numbers are masked."""
    if request.action == "dialog":
        return "[jawaban dialog /catat: disimpan pada pengaduan bila disimpan]"
    if request.action == "record" and request.args.strip():
        # A correction ("/catat TIKET nama …") carries a name or a story: the field, not it.
        words = request.args.split()
        return f"/catat {' '.join(words[:2])} [nilai koreksi: disimpan pada pengaduan]"
    return identity.redact_numbers(text)[:4000]


def check_access(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
                 complaint: "Complaint") -> None:
    """Refused for an officer the complaint keeps away, and for a sensitive complaint anywhere
    but a private chat."""
    if str(officer.telegram_id) in unit.excluded_officers(complaint.id):
        # The officer is not told why: that would tell them the complaint is about them.
        raise Refused(f"Anda tidak memiliki akses ke {complaint.ticket}. Percobaan ini dicatat.",
                      detail=f"{complaint.ticket}: {CONFLICT}")
    if not request.private and identity.is_sensitive(complaint, desk.config.sensitive_types):
        raise Refused(f"{complaint.ticket} adalah pengaduan sensitif: tangani di chat pribadi "
                      "dengan bot (cerita dan identitas tidak dibahas di grup).")


def _event(unit: "Unit", officer: "Officer", complaint: "Complaint", action: str, note: str,
           now: dt.datetime) -> None:
    event = unit.add_stage_event(StageEvent(
        complaint_id=complaint.id, actor=f"telegram:{officer.telegram_id} {officer.name}",
        actor_role=officer.role, from_stage=complaint.stage, to_stage=complaint.stage,
        note=note[:4000], at=now, action=action))
    complaint.events.append(event)
    complaint.updated_at = now


def _find_officer(desk: DeskContext, args: str) -> tuple["Officer", str]:
    """The roster officer named first in `args` (Telegram id or full name), and the rest."""
    first, _, rest = args.strip().partition(" ")
    if re.fullmatch(r"\d{3,15}", first):
        found = desk.config.officer(first)
        if found is None:
            raise Refused(f"Tidak ada petugas dengan id Telegram {first} di daftar petugas.")
        return found, rest.strip()
    folded = " ".join(re.sub(r"[^\w]+", " ", args.lower()).split())
    for officer in sorted(desk.config.roster, key=lambda o: -len(o.name)):
        name = " ".join(re.sub(r"[^\w]+", " ", officer.name.lower()).split())
        if folded == name or folded.startswith(name + " "):
            return officer, args.strip()[len(officer.name):].strip(" :-—")
    raise Refused("Cara pakai: /kecualikan TIKET ID_TELEGRAM_ATAU_NAMA alasan")


def exclude(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
            complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """`/kecualikan TIKET petugas alasan`: keep an officer away from the complaint (logged);
    without a name, list who is kept away."""
    if not request.args.strip():
        lines = []
        for row in unit.exclusions(complaint.id):
            known = desk.config.officer(row.officer_id)
            why = "disebut dalam pengaduan" if row.reason == "named" else f"dikecualikan: {row.note}"
            lines.append(f"• {known.name if known else row.officer_id} ({why})")
        return DeskAnswer(True, Rich().b(f"Petugas yang dikecualikan dari {complaint.ticket}\n")
                          .t("\n".join(lines) or "(tidak ada)"), log_detail="daftar pengecualian")
    target, reason = _find_officer(desk, request.args)
    if not reason:
        raise Refused("Sebutkan alasannya: /kecualikan TIKET ID_TELEGRAM_ATAU_NAMA alasan")
    added = unit.exclude_officer(complaint.id, str(target.telegram_id), "excluded", now,
                                 note=reason[:1000], by=str(officer.telegram_id))
    if not added:
        return DeskAnswer(True, Rich().t(f"{target.name} sudah dikecualikan dari "
                                         f"{complaint.ticket}."), log_detail="sudah dikecualikan")
    if complaint.assigned_to == target.name:
        complaint.assigned_to = None
    role = ROLE_LABEL[Role(target.role)]
    # The trail is read in the group (/lihat) and in the report: the reason, which may say how
    # the officer knows the complainant ("saudara pelapor"), stays with the exclusion, which
    # only the leaders list, in private (/kecualikan TIKET).
    _event(unit, officer, complaint, "exclude",
           f"{target.name} ({role}) dikecualikan karena konflik kepentingan (alasan: "
           f"/kecualikan {complaint.ticket} di chat pribadi)", now)
    rich = Rich().t(f"✅ {target.name} ({role}) dikecualikan dari {complaint.ticket}: tidak "
                    "menerima pemberitahuannya dan tidak dapat melihat atau menanganinya.")
    answer = DeskAnswer(True, rich, changed=True,
                        log_detail=f"mengecualikan {target.telegram_id}: {reason}")
    _next_step_after(desk, unit, officer, complaint, target, answer, now)
    return answer


def _next_step_after(desk: DeskContext, unit: "Unit", officer: "Officer",
                     complaint: "Complaint", target: "Officer", answer: DeskAnswer,
                     now: dt.datetime) -> None:
    """When the excluded officer was one of those due to do the next step, say at once who
    does it now: the others of that role; those who stand in (owners.stand_ins), who are
    pinged and, at steps 7 and 8, sent the documents; or nobody, which the leaders hear
    privately with what to do (forward it, name a deputy) instead of a silent dead end."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return
    away = owners.away_now(unit)
    excluded = unit.excluded_officers(complaint.id) | {str(target.telegram_id)}
    before = owners.responsible(desk.config, complaint, away,
                                excluded - {str(target.telegram_id)})
    if target.telegram_id not in {o.telegram_id for o in before}:
        return
    after = owners.responsible(desk.config, complaint, away, excluded)
    rich = answer.message
    assert rich is not None
    step = f"langkah {transition.step} ({transition.label})"
    if not after and owners.stuck(desk.config, complaint, away, excluded):
        rich.t(f"\n⚠️ {stuck_text(desk, complaint)}")
        warn_stuck(desk, unit, complaint, now, skip=str(officer.telegram_id))
        return
    if not after:                     # a petugas step: the leaders the SOP allows may do it
        leaders = owners.able(desk.config, complaint, away, excluded)
        rich.t(f"\nℹ️ Tidak ada lagi {owners.group_label(desk.config, complaint)} yang dapat "
               f"melakukan {step}; {owners.names(leaders, away, owners.step_role(complaint))} dapat melakukannya "
               f"(/tahap {complaint.ticket}).")
        return
    names = owners.names(after, away, owners.step_role(complaint))
    if not owners.standing_in(desk.config, complaint, away, excluded):
        rich.t(f"\nℹ️ {step} tetap dapat dilakukan oleh {names}.")
        return
    if transition.actor is Role.KEPALA_KANTOR:     # a deputy signs in their capacity
        names = ", ".join(
            f"{o.name} sebagai {owners.CAPACITY_LABEL.get(o.deputy_capacity or '', 'Plh.')} "
            "Kepala Kantor" for o in after)
    rich.t(f"\nℹ️ Tidak ada lagi {owners.group_label(desk.config, complaint)} yang dapat "
           f"melakukan {step}; kini dilakukan oleh {names} (menggantikan), dan sudah diberi "
           "tahu.")
    stage = Stage(complaint.stage)
    desk.notifier.ping_owners(unit, complaint, now, actor_id=str(officer.telegram_id),
                              buttons=stage not in APPROVALS)
    if stage in APPROVALS:      # the stand-in approves with the document in hand
        render, _keep = archive.plan_current_files(unit, desk.files, desk.config, complaint,
                                                   actor_label(officer), now)
        answer.later += approvals.send_for_approval(
            desk, unit, complaint, approvals.memo(render))


def leaders_told(desk: DeskContext, unit: "Unit", complaint: "Complaint") -> list["Officer"]:
    """The leaders (Kasi Tikkim, Kepala Kantor, the head's deputies) the complaint does not
    keep away: those who can unblock a step nobody may do."""
    return owners.leaders(desk.config, owners.kept_away(desk.config, complaint,
                                                        unit.excluded_officers(complaint.id)))


def warn_stuck(desk: DeskContext, unit: "Unit", complaint: "Complaint", now: dt.datetime,
               skip: str | None = None) -> list["Officer"]:
    """Privately to the leaders when nobody may do the complaint's next step (every officer
    of its role kept away, and nobody stands in): a complaint must never sit silently. Only
    leaders read why (the group's owner texts stay neutral). `skip`: the leader whose own
    answer already says it."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None or not owners.stuck(desk.config, complaint, owners.away_now(unit),
                                              unit.excluded_officers(complaint.id)):
        return []
    told = []
    for leader in leaders_told(desk, unit, complaint):
        if str(leader.telegram_id) == skip:
            continue
        rich = Rich().b("⚠️ Pengaduan tertahan: ").code(complaint.ticket).nl()
        rich.line(f"Langkah {transition.step}", transition.label)
        rich.t(stuck_text(desk, complaint))
        rich.button_row((keyboard.VIEW, keyboard.data("view", complaint.ticket)))
        unit.enqueue(kind="ping", channel="telegram", address=str(leader.telegram_id),
                     body=rich.plain(), payload=rich.to_payload(), at=now,
                     complaint_id=complaint.id)
        told.append(leader)
    return told


def stuck_text(desk: DeskContext, complaint: "Complaint") -> str:
    """'Tidak ada petugas yang dapat melakukan langkah 4: semua petugas Seksi … dikecualikan
    dari pengaduan ini. Mohon teruskan …' (for leaders only: it says an exclusion happened)."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return ""
    return (f"Tidak ada petugas yang dapat melakukan langkah {transition.step}: semua petugas "
            f"{owners.group_label(desk.config, complaint)} dikecualikan dari pengaduan ini "
            f"dan tidak ada yang dapat menggantikan. Mohon "
            f"{owners.stuck_hint(desk.config, complaint)}.")


def reissue_pin(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
                complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """`/pinbaru TIKET`, after the officer verified the person: a new PIN to the complainant's
    own channel (or, without one, to this private chat to read out); the ticket's look-up
    lock is lifted."""
    pin = new_pin()
    complaint.pin_hash = hash_pin(pin)
    unit.clear_lookup("ticket", complaint.ticket)
    person = complaint.complainant
    lang = complainant_lang(complaint)
    office = desk.config.office
    sent = desk.notifier.tell_complainant(
        unit, complaint, now, kind="pin", template="ticket_issued", secrets=[pin],
        body=pt(lang, "pin_reissued", ticket=complaint.ticket, pin=pin, office=office.name),
        variables={"ticket": complaint.ticket, "pin": pin, "office": office.short(lang)})
    # The officer reads the address only if they may see the identity (never for an
    # anonymous complainant); the trail, which every officer and the report read, only the
    # channel.
    where = identity.reach(complaint, person, identity.private_chat(officer))
    _event(unit, officer, complaint, "pin_reissued",
           f"PIN diterbitkan ulang oleh {officer.name} setelah verifikasi identitas pelapor "
           f"({'dikirim lewat ' + identity.channel_of(person) if sent else 'disampaikan petugas'})",
           now)
    if sent:
        return DeskAnswer(True, Rich().t(f"✅ PIN baru untuk {complaint.ticket} dikirim kepada "
                                         f"pelapor lewat {where}. PIN lama tidak berlaku lagi."),
                          changed=True, log_detail="PIN diterbitkan ulang (dikirim ke pelapor)",
                          protect=where != identity.channel_of(person))   # a (masked) number
    return DeskAnswer(True, Rich().t(f"✅ PIN baru untuk {complaint.ticket}: {pin}\n"
                                     "Pelapor tidak punya kanal obrolan: sampaikan PIN ini "
                                     "langsung kepadanya. PIN lama tidak berlaku lagi."),
                      changed=True, secrets=[pin], protect=True,       # a PIN to read out
                      log_detail="PIN diterbitkan ulang (disampaikan petugas)")
