"""`/cabut TIKET alasan` (`/withdraw`): a complaint withdrawn at the complainant's request.

The leaders (Kasi Tikkim, the Kepala Kantor) decide, before the outcome is reported (step 9),
and only on a request on record: the person's own, sent through the bot ("cabut laporan
saya", which leaves "Pelapor meminta pengaduan dicabut" on the trail), or one made by phone or
in person, which the leader states (`/cabut TIKET lewat telepon: alasan`, `/cabut TIKET
langsung: alasan`) and which is recorded, and told to the person, as such. Without either,
`/cabut` is refused and says how a request comes about.
In one transaction the complaint is closed (stage ARCHIVED, moved there by a WITHDRAW event:
`bot.sop.stages.withdrawal`), its deadline ends, its step keyboards are retired, the trail
keeps who and why, the complainant is told on their channel that they may file again, and the
group (or, for a sensitive complaint, the other leaders) reads one line; the person's talk
with the officers is closed, so their next message starts afresh ("mau lapor lagi" files a new
complaint). `/cabut TIKET batal` within a day puts it back where it was, its step due again
from then, and tells the person the office cancelled it and that they may still ask.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from bot import identity
from bot.dates import local_time
from bot.conversation import officer as officer_chat
from bot.desk import acts, steps
from bot.desk.requests import DeskAnswer, DeskContext, OfficerRequest, actor_label
from bot.notify import complainant_lang, unreleased
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

USAGE = ("/cabut TIKET alasan, bila pelapor memintanya lewat bot (mis. /cabut TRK-7K3Q-9MXA "
         "paspor sudah jadi, lewat P-3); bila ia memintanya lewat telepon atau di kantor: "
         "/cabut TIKET lewat telepon: alasan, atau /cabut TIKET langsung: alasan; membatalkan "
         "dalam 24 jam: /cabut TIKET batal")
# The person's own request through the bot, as `officer.follow_up` leaves it on the trail.
ASKED_NOTE = officer_chat.TRAIL_NOTES["withdraw"]
# A request the leader heard himself, stated first in the reason: by phone, or in person.
_ASKED_BY = re.compile(
    r"^(?:(?:lewat|via|melalui|per|by)\s+)?(?P<phone>telepon|telpon|telp|tlp|phone|telephone)"
    r"\b[\s:;,.-]*|^(?P<met>langsung|di kantor|tatap muka|in person)\b[\s:;,.-]*",
    re.IGNORECASE)
# How the request came, as the trail, the officers and the person read it.
ASKED_VIA = {
    "bot": ("atas permintaan pelapor", "atas permintaan Anda", "at your request"),
    "phone": ("atas permintaan pelapor melalui telepon",
              "sesuai permintaan Anda melalui telepon", "as you asked us by telephone"),
    "met": ("atas permintaan pelapor secara langsung di kantor",
            "sesuai permintaan yang Anda sampaikan langsung di kantor",
            "as you asked us in person at the office"),
}
MIN_REASON_WORDS = 3
UNDO_WORDS = ("batal", "batalkan", "undo", "cancel")
UNDO_WITHIN = dt.timedelta(hours=24)
# What a withdrawn complaint no longer takes: every step, button and change of its handling.
# Reading it, its evidence and documents, and writing to the complainant still work.
CLOSED_TO = frozenset({"stage", "step", "choose", "answer", "unconfirm", "take", "retype",
                       "forward", "upload", "return_draft"})

# "Langkah berikutnya" / "Next step" on a line of its own: a notice of where the complaint
# stands, which the status answer never repeats as an officer's message.
TOLD = {
    "id": ("↩️ Pengaduan *{ticket}* telah *dicabut* {how} dan tidak diproses lagi. Terima kasih "
           "telah memberi tahu kami.{check}\nLangkah berikutnya: bila Anda ingin mengadu lagi, "
           "silakan kirim pengaduan baru kapan saja (balas *menu*)."),
    "en": ("↩️ Complaint *{ticket}* has been *withdrawn* {how} and is no longer being handled. "
           "Thank you for letting us know.{check}\nNext step: if you wish to complain again, "
           "you may file a new complaint at any time (reply *menu*)."),
}
# Said when the request was heard by a leader, not sent through the bot.
TOLD_CHECK = {
    "id": " Bila Anda tidak pernah memintanya, segera beri tahu kami di chat ini.",
    "en": " If you never asked for this, please tell us at once in this chat.",
}
TOLD_BACK = {
    "id": ("📋 Pengaduan *{ticket}* diproses kembali: pencabutannya dibatalkan oleh kantor. "
           "Status: {status}.\nLangkah berikutnya: {next}\nBila Anda tetap ingin mencabutnya, "
           "kirim *cabut laporan saya* di chat ini."),
    "en": ("📋 Complaint *{ticket}* is being handled again: the office cancelled its "
           "withdrawal. Status: {status}.\nNext step: {next}\nIf you still wish to withdraw it, "
           "send *withdraw my complaint* in this chat."),
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
                      "dibalas lewat /balas TIKET (atau /pesan dengan kode di /permintaan).")
    check_action(officer, "withdraw", complaint.stage)
    via, reason = asked_via(reason)
    if via == "bot" and not asked_on_record(complaint):    # whatever the reason: no request
        raise Refused(_NOT_ASKED.format(ticket=complaint.ticket))
    if len(reason.split()) < MIN_REASON_WORDS:
        raise Refused(f"Alasannya terlalu singkat: tulis paling sedikit {MIN_REASON_WORDS} kata "
                      f"setelah nomor tiket. Cara pakai: {USAGE}")
    before = complaint.stage
    complaint.stage, complaint.due_at, complaint.archived_at = Stage.ARCHIVED.value, None, now
    how = ASKED_VIA[via][0]
    _event(unit, officer, complaint, WITHDRAW, before,
           f"Dicabut {how}; alasan: {reason}", now)
    acts.retire_all(unit, complaint, now)
    told = _tell_complainant(desk, unit, complaint, via, now)
    _end_talk(unit, complaint, now)
    _tell_officers(desk, unit, officer, request, complaint, f"{how}; {reason}", now)
    said = ("pelapor diberi tahu lewat kanalnya" if told
            else "pelapor tidak dapat dihubungi lewat kanal pengaduannya")
    rich = Rich().t("✅ ").code(complaint.ticket).t(
        f": dicabut {how} (sebelumnya tahap \u201c{officer_label(before)}"
        f"\u201d); tenggat dan tombol langkahnya tidak berlaku lagi; {said}. Membatalkan "
        f"dalam 24 jam: /cabut {complaint.ticket} batal")
    return DeskAnswer(True, rich, toast="Dicabut", changed=True, complaint_id=complaint.id,
                      log_detail=identity.redact_numbers(f"dicabut dari tahap {before}: "
                                                         f"{reason}"))


_NOT_ASKED = (
    "{ticket} tidak dicabut: belum ada permintaan pencabutan dari pelapor yang tercatat. "
    "Pengaduan dicabut hanya atas permintaan pelapor:\n"
    "• pelapor mengirim \u201ccabut laporan saya\u201d ke bot dari nomor atau akun yang "
    "mengirim pengaduan (tercatat di riwayatnya), lalu /cabut {ticket} alasan; atau\n"
    "• pelapor memintanya lewat telepon atau langsung di kantor: /cabut {ticket} lewat "
    "telepon: alasan, atau /cabut {ticket} langsung: alasan (dicatat demikian, dan pelapor "
    "diberi tahu bahwa pencabutan itu sesuai permintaannya lewat telepon atau di kantor).\n"
    "Tidak ada yang berubah.")


def asked_via(reason: str) -> tuple[str, str]:
    """How the request came ("bot", "phone", "met") and the reason without those words."""
    found = _ASKED_BY.match(reason)
    if found is None:
        return "bot", reason
    return ("phone" if found.group("phone") else "met"), reason[found.end():].strip()


def asked_on_record(complaint: "Complaint") -> bool:
    """Whether the person asked, through the bot, to withdraw this complaint since it was last
    put back (`/cabut … batal`): the trail line `officer.follow_up` leaves."""
    since = max((e.id for e in complaint.events if e.action in (WITHDRAW, UNWITHDRAW)),
                default=0)                    # the trail's order (several in one minute)
    return any(event.action == "follow_up" and (event.note or "").startswith(ASKED_NOTE)
               and event.id > since for event in complaint.events)


def _end_talk(unit: "Unit", complaint: "Complaint", now: dt.datetime) -> None:
    """The person's live talk with the officers (usually the one that asked for the
    withdrawal) is closed and they are back at the menu: their next message is a new
    conversation ("mau lapor lagi" files a complaint), not a line relayed to the officers."""
    person = complaint.complainant
    if person is None:
        return
    unit.close_contact_requests(person.id, now)
    officer_chat.closed_by_officer(unit, person, now)


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


def _tell_complainant(desk: DeskContext, unit: "Unit", complaint: "Complaint", via: str,
                      now: dt.datetime) -> bool:
    """On their channel, in their language, saying how they asked (by phone, in person: and
    to say so at once if they never did); on WhatsApp outside 24 hours the status_update
    template carries the same news (status: withdrawn; next: they may file again)."""
    lang = complainant_lang(complaint)
    pair = 1 if lang == "en" else 0
    how = ASKED_VIA[via][2 if lang == "en" else 1]
    body = TOLD[lang].format(ticket=complaint.ticket, how=how,
                             check="" if via == "bot" else TOLD_CHECK[lang])
    return desk.notifier.tell_complainant(
        unit, complaint, now, kind="update", body=body,
        template="status_update",
        variables={"ticket": complaint.ticket, "status": PUBLIC_WITHDRAWN[pair],
                   "next": PUBLIC_WITHDRAWN_NEXT[pair]})


def _tell_officers(desk: DeskContext, unit: "Unit", officer: "Officer",
                   request: OfficerRequest, complaint: "Complaint", reason: str,
                   now: dt.datetime) -> None:
    """One line: to the group for an ordinary complaint (unless typed there: the answer is
    that line), to the other leaders privately for a sensitive one. The reason is read as
    the trail's notes are, by that audience (numbers and names masked). Withdrawn before the
    slot of a complaint still hidden from the group (`unreleased`), the group reads the line
    after the held alert, without the minute: it told that the complaint was there before."""
    early = unreleased(desk.config, complaint, now)

    def line(audience: identity.Audience) -> Rich:
        said = identity.complainant_text(reason, complaint, complaint.complainant, audience)
        when = "" if early and audience == identity.GROUP else \
            f" ({local_time(desk.config, now)})"
        return Rich().t("↩️ ").code(complaint.ticket).t(
            f" dicabut oleh {officer.name}{when}: {said[:500]}. Tidak ada langkah lagi.")

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
