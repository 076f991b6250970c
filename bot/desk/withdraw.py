"""`/cabut TIKET alasan` (`/withdraw`): a complaint withdrawn at the complainant's request.

The leaders (Kasi Tikkim, the Kepala Kantor) decide, before the outcome is reported (step 9).
In one transaction the complaint is closed (stage ARCHIVED, moved there by a WITHDRAW event:
`bot.sop.stages.withdrawal`), its deadline ends, its step keyboards are retired, the trail
keeps who and why, the complainant is told on their channel that they may file again, and the
group (or, for a sensitive complaint, the other leaders) reads one line. `/cabut TIKET batal`
within a day puts it back where it was, its step due again from then.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bot import identity
from bot.dates import local_time
from bot.desk import acts, steps
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest, actor_label
from bot.notify import complainant_lang
from bot.rich import Rich
from bot.sop.stages import (
    PUBLIC_WITHDRAWN,
    PUBLIC_WITHDRAWN_NEXT,
    UNWITHDRAW,
    WITHDRAW,
    Stage,
    officer_label,
    public_label,
    public_next,
    withdrawal,
)
from bot.sop.workflow import ACTIONS, ROLE_LABEL, Refused, Role, check_action, due_after
from storage.models import StageEvent

if TYPE_CHECKING:
    from bot.config import Officer
    from storage.models import Complaint
    from storage.repo import Unit

USAGE = ("/cabut TIKET alasan (mis. /cabut TRK-7K3Q-9MXA atas permintaan pelapor lewat P-3: "
         "paspor sudah jadi); membatalkan dalam 24 jam: /cabut TIKET batal")
MIN_REASON_WORDS = 3
UNDO_WORDS = ("batal", "batalkan", "undo", "cancel")
UNDO_WITHIN = dt.timedelta(hours=24)
# What a withdrawn complaint no longer takes: every step, button and change of its handling.
# Reading it, its evidence and documents, and writing to the complainant still work.
CLOSED_TO = frozenset({"stage", "step", "choose", "answer", "unconfirm", "take", "retype",
                       "forward", "upload", "return_draft"})

TOLD = {
    "id": ("↩️ Pengaduan *{ticket}* telah *dicabut* atas permintaan Anda dan tidak diproses "
           "lagi. Terima kasih telah memberi tahu kami.\nBila Anda ingin mengadu lagi, silakan "
           "kirim pengaduan baru kapan saja (balas *menu*)."),
    "en": ("↩️ Complaint *{ticket}* has been *withdrawn* at your request and is no longer "
           "being handled. Thank you for letting us know.\nIf you wish to complain again, "
           "you may file a new complaint at any time (reply *menu*)."),
}
TOLD_BACK = {
    "id": ("📋 Pengaduan *{ticket}* diproses kembali: pencabutannya dibatalkan. Status: "
           "{status}. Langkah berikutnya: {next}"),
    "en": ("📋 Complaint *{ticket}* is being handled again: its withdrawal was cancelled. "
           "Status: {status}. Next step: {next}"),
}


def check_open(request: OfficerRequest, complaint: "Complaint") -> None:
    """Refused for a step, a button or a change of handling on a withdrawn complaint
    ("sudah dicabut"), before a stale button's own answer would call it archived."""
    if request.action not in CLOSED_TO:
        return
    event = withdrawal(complaint)
    if event is not None:
        raise Refused(f"{complaint.ticket} {_withdrawn_text(event)}: tidak ada langkah lagi, "
                      "dan tidak ada yang berubah.")


def handle(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
           complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """`/cabut TIKET alasan`, or `/cabut TIKET batal` (undo within a day)."""
    roles, _ = ACTIONS["withdraw"]
    if Role(officer.role) not in roles:
        allowed = " atau ".join(ROLE_LABEL[r] for r in sorted(roles))
        raise Refused(f"Pencabutan pengaduan diputuskan oleh {allowed}; peran Anda "
                      f"{ROLE_LABEL[Role(officer.role)]}. Sampaikan permintaan pelapor kepada "
                      "mereka.")
    reason = " ".join(request.args.split())
    if reason.lower() in UNDO_WORDS:
        return _undo(desk, unit, officer, request, complaint, now)
    event = withdrawal(complaint)
    if event is not None:
        raise Refused(f"{complaint.ticket} {_withdrawn_text(event)}. Tidak ada yang berubah.")
    if complaint.stage in (Stage.REPORTED.value, Stage.ARCHIVED.value):
        raise Refused(f"{complaint.ticket} tidak dapat dicabut: hasilnya sudah dilaporkan "
                      "kepada pelapor (langkah 9). Bila pelapor tidak sependapat, keberatannya "
                      "dibalas lewat /pesan P-NOMOR atau /balas TIKET.")
    check_action(officer, "withdraw", complaint.stage)
    if len(reason.split()) < MIN_REASON_WORDS:
        raise Refused(f"Tulis alasannya (beberapa kata) setelah nomor tiket. Cara pakai: {USAGE}")
    before = complaint.stage
    complaint.stage, complaint.due_at, complaint.archived_at = Stage.ARCHIVED.value, None, now
    _event(unit, officer, complaint, WITHDRAW, before,
           f"Dicabut; alasan: {reason}", now)
    acts.retire_all(unit, complaint, now)
    told = _tell_complainant(desk, unit, complaint, now)
    _tell_officers(desk, unit, officer, request, complaint, reason, now)
    said = ("pelapor diberi tahu lewat kanalnya" if told
            else "pelapor tidak dapat dihubungi lewat kanal pengaduannya")
    rich = Rich().t("✅ ").code(complaint.ticket).t(
        f": dicabut atas permintaan pelapor (sebelumnya tahap \u201c{officer_label(before)}"
        f"\u201d); tenggat dan tombol langkahnya tidak berlaku lagi; {said}. Membatalkan "
        f"dalam 24 jam: /cabut {complaint.ticket} batal")
    return DeskAnswer(True, rich, toast="Dicabut", changed=True, complaint_id=complaint.id,
                      log_detail=identity.redact_numbers(f"dicabut dari tahap {before}: "
                                                         f"{reason}"))


def _undo(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
          complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """The withdrawal taken back within UNDO_WITHIN: the complaint is where it was, its next
    step due from now, its owners told again; the complainant hears it is handled again."""
    event = withdrawal(complaint)
    if event is None:
        raise Refused(f"{complaint.ticket} tidak sedang dicabut. Tidak ada yang berubah.")
    at = event.at if event.at.tzinfo is not None else event.at.replace(tzinfo=dt.timezone.utc)
    if now - at > UNDO_WITHIN:
        raise Refused(f"Pencabutan {complaint.ticket} sudah lebih dari 24 jam; tidak dapat "
                      "dibatalkan. Bila pelapor ingin melanjutkan, ia dapat mengirim pengaduan "
                      "baru.")
    back = event.from_stage or Stage.RECEIVED.value
    complaint.stage, complaint.archived_at = back, None
    complaint.due_at = due_after(desk.config, desk.notifier.hours, back, complaint.verdict, now)
    _event(unit, officer, complaint, UNWITHDRAW, Stage.ARCHIVED.value,
           f"Pencabutan dibatalkan oleh {officer.name}; diproses kembali", now)
    lang = complainant_lang(complaint)
    status, upcoming = _public(back, lang, complaint.verdict)
    desk.notifier.tell_complainant(
        unit, complaint, now, kind="update",
        body=TOLD_BACK[lang].format(ticket=complaint.ticket, status=status, next=upcoming),
        template="status_update",
        variables={"ticket": complaint.ticket, "status": status, "next": upcoming})
    result = steps.done(desk, unit, request, complaint, "pencabutan dibatalkan; diproses "
                        f"kembali pada tahap \u201c{officer_label(back)}\u201d", now, moved=True)
    desk.notifier.ping_owners(unit, complaint, now, actor_id=str(officer.telegram_id))
    return result


def _public(stage: str, lang: str, verdict: str | None) -> tuple[str, str]:
    return public_label(stage, lang, verdict), public_next(stage, lang, verdict)


def _event(unit: "Unit", officer: "Officer", complaint: "Complaint", action: str,
           from_stage: str, note: str, now: dt.datetime) -> None:
    event = unit.add_stage_event(StageEvent(
        complaint_id=complaint.id, actor=actor_label(officer), actor_role=officer.role,
        from_stage=from_stage, to_stage=complaint.stage, note=note[:4000], at=now,
        action=action))
    complaint.events.append(event)
    complaint.updated_at = now


def _withdrawn_text(event: object) -> str:
    who = (getattr(event, "actor", "") or "").split(" ", 1)[-1] or "pimpinan"
    return f"sudah dicabut atas permintaan pelapor (oleh {who})"


def _tell_complainant(desk: DeskContext, unit: "Unit", complaint: "Complaint",
                      now: dt.datetime) -> bool:
    """On their channel, in their language; on WhatsApp outside 24 hours the status_update
    template carries the same news (status: withdrawn; next: they may file again)."""
    lang = complainant_lang(complaint)
    pair = 1 if lang == "en" else 0
    return desk.notifier.tell_complainant(
        unit, complaint, now, kind="update", body=TOLD[lang].format(ticket=complaint.ticket),
        template="status_update",
        variables={"ticket": complaint.ticket, "status": PUBLIC_WITHDRAWN[pair],
                   "next": PUBLIC_WITHDRAWN_NEXT[pair]})


def _tell_officers(desk: DeskContext, unit: "Unit", officer: "Officer",
                   request: OfficerRequest, complaint: "Complaint", reason: str,
                   now: dt.datetime) -> None:
    """One line: to the group for an ordinary complaint (unless typed there: the answer is
    that line), to the other leaders privately for a sensitive one. The reason is read as
    the trail's notes are, by that audience (numbers and names masked)."""
    def line(audience: identity.Audience) -> Rich:
        said = identity.complainant_text(reason, complaint, complaint.complainant, audience)
        return Rich().t("↩️ ").code(complaint.ticket).t(
            f" dicabut atas permintaan pelapor oleh {officer.name} "
            f"({local_time(desk.config, now)}): {said[:500]}. Tidak ada langkah lagi.")

    if not desk.notifier.sensitive(complaint):
        if request.private:
            desk.notifier.to_officers(unit, line(identity.GROUP), now, "announce", complaint)
        return
    for leader in desk.notifier.leaders(unit, complaint):
        if leader.telegram_id == officer.telegram_id:
            continue
        rich = line(identity.private_chat(leader))
        unit.enqueue(kind="ping", channel="telegram", address=str(leader.telegram_id),
                     body=rich.plain(), payload=rich.to_payload(), at=now,
                     complaint_id=complaint.id)
