"""The desk's privacy guards and commands: conflict of interest, sensitive complaints in
private chats, `/kecualikan` (exclude an officer) and `/pinbaru` (reissue a lost PIN)."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from bot import identity
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest
from bot.notify import complainant_lang
from bot.progress_texts import pt
from bot.rich import Rich
from bot.sop.workflow import ROLE_LABEL, Refused, Role
from bot.tickets import hash_pin, new_pin
from storage.models import StageEvent

if TYPE_CHECKING:
    from bot.config import Officer
    from storage.models import Complaint
    from storage.repo import Unit

CONFLICT = "konflik kepentingan (disebut dalam pengaduan atau dikecualikan pimpinan)"


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
    return DeskAnswer(True, Rich().t(f"✅ {target.name} ({role}) dikecualikan dari "
                                     f"{complaint.ticket}: tidak menerima pemberitahuannya dan "
                                     "tidak dapat melihat atau menanganinya."),
                      changed=True, log_detail=f"mengecualikan {target.telegram_id}: {reason}")


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
