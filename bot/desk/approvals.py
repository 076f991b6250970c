"""Approvals with the document in hand, and a deputy signing for an absent head of office.

At step 6 the drafts go to the drafter (all four files, to check and edit) and to Kasi Tikkim
(the PDFs, "✍️ Paraf" under the report); at step 7 the initialled PDFs go to the head of
office, or their deputy while they are away ("🖋️ Tanda tangani" under the report). A drafter's
replacement upload goes to Kasi Tikkim the same way. The files are rendered once, after the
step's transaction (bot.paperwork.archive's plans), and kept as drafts.

`/plh NAMA` (or `/cuti NAMA`) marks the head of office away and names the deputy the roster
allows (deputy_capacity plh/plt/an); the head or Kasi Tikkim may do it, and it is announced.
NAMA is always the deputy: the answer spells out who is away and who signs, and an officer who
is no deputy is refused (the bot keeps nobody else's leave).
While away, the deputy may do step 8, recorded with its capacity (StageEvent.capacity), which
the documents print ("Plh. Kepala Kantor …"). `/kembali` ends it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from typing import TYPE_CHECKING, Any, Callable, Sequence

from bot import identity, pings
from bot.desk.requests import DeskAnswer, DeskContext, Later, OfficerRequest, actor_label
from bot.paperwork import archive
from bot.paperwork.blocks import REVIEW_TOLD, REVIEW_UNTOLD
from bot.paperwork.outfiles import OutFile
from bot.rich import Rich
from bot.sop import keyboard, owners, returns
from bot.sop.stages import Stage
from bot.sop.workflow import ROLE_LABEL, Refused, Role, next_transition

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from storage.models import Complaint
    from storage.repo import Unit

ASK = {Stage.REPORT_DRAFTED: "✍️ Mohon periksa laporan ini, lalu tekan Paraf di bawahnya. "
                             "Perlu diperbaiki? /kembalikan {ticket} catatan.",
       Stage.INITIALED: "🖋️ Mohon periksa laporan yang sudah diparaf, lalu tekan Tanda tangani "
                        "di bawahnya. Perlu diperbaiki? /kembalikan {ticket} catatan (paraf "
                        "dibatalkan)."}
WHO_MAY_SET = (Role.KEPALA_KANTOR, Role.KASI_TIKKIM)


def ask(complaint: "Complaint") -> str:
    """The request under a document to approve, with how to send it back instead."""
    return ASK[Stage(complaint.stage)].format(ticket=complaint.ticket)


def acting(config: "OfficeConfig", unit: "Unit", officer: "Officer",
           complaint: "Complaint") -> tuple["Officer", str | None]:
    """The officer as the SOP sees them for this step: the deputy of an absent head of office
    acts as Kepala Kantor at step 8, in their capacity; an officer standing in for a role the
    complaint keeps away entirely (owners.stand_ins: the Kepala Kantor at steps 3 and 7 for an
    excluded Kasi Tikkim, the deputy at step 8 for an excluded Kepala Kantor) acts in that
    role; anyone else as themselves."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None or Role(officer.role) in transition.roles():
        return officer, None
    away = pings.away_now(unit)
    # the deputy who initialled it is still recognised here, to be refused with the reason
    people = owners.responsible(config, complaint, away, unit.excluded_officers(complaint.id),
                                signer_check=True)
    if officer.telegram_id not in {o.telegram_id for o in people}:
        return officer, None
    capacity = None
    if transition.actor is Role.KEPALA_KANTOR:
        capacity = (away.capacity if away is not None
                    and away.deputy_id == str(officer.telegram_id)
                    else officer.deputy_capacity or "plh")
    return officer.model_copy(update={"role": transition.actor.value}), capacity


# --- one person, one approval per document -------------------------------------------------------
initialled_by = owners.initialled_by


def check_two_hands(config: "OfficeConfig", unit: "Unit", officer: "Officer",
                    complaint: "Complaint") -> None:
    """Refuse step 8 to the officer who initialled the same report at step 7 and would now
    sign it for the head of office (a Kasi Tikkim who is also the Plh./Plt.: one person would
    check and approve the draft of his own section), naming who else may sign; nothing is
    recorded. The Kepala Kantor himself signs in his own right, also after initialling in the
    Kasi Tikkim's place (a complaint that keeps the Kasi away): the signature is his office's,
    and nobody else could give it."""
    if Role(officer.role) is Role.KEPALA_KANTOR or \
            initialled_by(complaint) != str(officer.telegram_id):
        return
    who = other_signers(config, unit, officer, complaint)
    raise Refused(f"Anda sudah memaraf laporan {complaint.ticket} (langkah 7): paraf dan tanda "
                  "tangan pada satu laporan tidak boleh oleh orang yang sama. Yang dapat "
                  f"menandatanganinya (langkah 8): {who}. Tidak ada yang dicatat.")


def other_signers(config: "OfficeConfig", unit: "Unit", officer: "Officer",
                  complaint: "Complaint") -> str:
    """Who may sign a report `officer` initialled (the head of office, after /kembali while
    away; another deputy, with the /plh that names him), in words: said to the deputy refused
    (`check_two_hands`) and to the leader naming him Plh. while such a report waits."""
    away = pings.away_now(unit)
    kept = owners.kept_away(config, complaint, unit.excluded_officers(complaint.id))
    others = []
    for head in owners.of_role(config, Role.KEPALA_KANTOR):
        if str(head.telegram_id) in kept:
            continue
        if away is not None and away.officer_id == str(head.telegram_id):
            others.append(f"{head.name} (Kepala Kantor) setelah kembali bertugas: /kembali")
        else:
            others.append(f"{head.name} (Kepala Kantor)")
    for deputy in owners.deputies(config):
        if deputy.telegram_id == officer.telegram_id or str(deputy.telegram_id) in kept:
            continue
        label = owners.CAPACITY_LABEL.get(deputy.deputy_capacity or "plh", "Plh.")
        others.append(f"{deputy.name} sebagai {label} Kepala Kantor: /plh {deputy.name}")
    return ("; atau ".join(others) if others else
            "tidak ada orang lain di daftar petugas; tanda tangan menunggu Kepala Kantor kembali "
            "bertugas (/kembali), atau tambahkan wakil lain (deputy_capacity di config.yml)")


def memo(render: Callable[[], list[OutFile]]) -> Callable[[], list[OutFile]]:
    """Render once, however many recipients the same files go to."""
    made: list[list[OutFile]] = []

    def once() -> list[OutFile]:
        if not made:
            made.append(render())
        return made[0]
    return once


def for_approval(files: list[OutFile], complaint: "Complaint") -> list[OutFile]:
    """The PDFs, the report last with the step's button under it (bound to the stage)."""
    pdfs = [f for f in files if f.name.lower().endswith(".pdf")]
    pdfs.sort(key=lambda f: f.name.startswith(archive.STEM["report"]))
    rows = tuple(tuple(row) for row in [keyboard.step_row(complaint.ticket, complaint.stage,
                                                          complaint.verdict)])
    out = pdfs[:-1]
    if pdfs:
        last = pdfs[-1]
        out.append(dataclasses.replace(last, caption=f"{last.caption}\n{ask(complaint)}",
                                       buttons=rows, stage=complaint.stage))
    return out


def approvers(unit: "Unit", config: "OfficeConfig", complaint: "Complaint") -> list["Officer"]:
    """Who approves next (Kasi Tikkim at 7; the head, or the deputy while away, at 8), minus
    those the bot cannot reach privately."""
    silent = pings.unreachable(unit)
    found = owners.responsible(config, complaint, pings.away_now(unit),
                               unit.excluded_officers(complaint.id))
    # never one who initialled it himself (owners.own_initials, `check_two_hands`)
    return [o for o in pings.recipients(unit, complaint, found)
            if str(o.telegram_id) not in silent]


def send_for_approval(desk: DeskContext, unit: "Unit", complaint: "Complaint",
                      render: Callable[[], list[OutFile]]) -> list[Later]:
    """Later jobs sending the rendered PDFs to each approver's private chat."""
    ticket_id = complaint.id
    jobs = []
    for officer in approvers(unit, desk.config, complaint):
        jobs.append(Later(lambda: (None, for_approval(render(), complaint)),
                          address=str(officer.telegram_id), complaint_id=ticket_id,
                          kind="document"))
    return jobs


def after_move(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
               complaint: "Complaint", now: dt.datetime) -> tuple[list[Later], str]:
    """The documents a step sends (drafts at 6, initialled copies at 7), and what to say."""
    if complaint.stage not in (Stage.REPORT_DRAFTED, Stage.INITIALED):
        return [], ""
    render, keep = archive.plan_drafts(unit, desk.files, desk.config, complaint,
                                       actor_label(officer), now)
    shared = memo(render)
    jobs = []
    text = ""
    if complaint.stage == Stage.REPORT_DRAFTED:
        # The drafter gets all four files in their private chat, to check and edit them.
        text = f"; nomor surat {complaint.letter_number}, dokumen dikirim ke {officer.name}"
        jobs.append(Later(lambda: (None, shared()), complaint_id=complaint.id, keep=keep,
                          address=None if request.private else str(officer.telegram_id),
                          kind="file" if request.private else "document"))
    else:
        jobs.append(Later(lambda: (None, shared()), complaint_id=complaint.id, keep=keep,
                          send=False))    # the initialled copies kept as the current drafts
    approving = approvers(unit, desk.config, complaint)
    if approving:
        text += "; PDF dikirim untuk " + ("diparaf" if complaint.stage == Stage.REPORT_DRAFTED
                                          else "ditandatangani") + " kepada " + \
            ", ".join(o.name for o in approving)
    return jobs + send_for_approval(desk, unit, complaint, shared), text


def upload_to_approver(unit: "Unit", config: "OfficeConfig", complaint: "Complaint",
                       upload: OutFile, now: dt.datetime) -> list["Officer"]:
    """A replacement draft (edited DOCX, scan) goes to Kasi Tikkim with Paraf under it."""
    rows = (tuple(keyboard.step_row(complaint.ticket, complaint.stage, complaint.verdict)),)
    note = ""
    if upload.name.lower().endswith(".docx"):
        # The PDFs (sent for signature, frozen at step 8) are rendered from the complaint's
        # data: an edited DOCX is not in them, which the approver must know.
        note = ("\n⚠️ PDF laporan dibuat dari data pengaduan dan tidak memuat perubahan DOCX "
                "ini; untuk perubahan isi, unggah PDF pindaian yang sudah diperbaiki.")
    made = dataclasses.replace(upload, caption=f"{upload.caption}{note}\n{ask(complaint)}",
                               buttons=rows, stage=complaint.stage)
    told = approvers(unit, config, complaint)
    for officer in told:
        unit.enqueue(kind="document", channel="telegram", address=str(officer.telegram_id),
                     body=made.caption, payload=made.payload(), at=now,
                     complaint_id=complaint.id)
    return told


# --- a draft sent back (/kembalikan) and corrected ---------------------------------------------
def current_documents(unit: "Unit", complaint: "Complaint") -> dict[str, Any]:
    """The newest kept version of the cover letter and of the report (an upload replaces a
    draft; the newest of a kind wins), as the approval would cover them."""
    newest: dict[str, Any] = {}
    for doc in unit.documents_of(complaint.id):      # oldest first
        # A generated draft is read as its PDF (its DOCX twin is the editable copy).
        if doc.kind in archive.TITLE and doc.role != "signed" and (
                doc.role == "upload" or doc.name.lower().endswith(".pdf")):
            newest[doc.kind] = doc
    return {kind: newest[kind] for kind in archive.TITLE if kind in newest}


# the rule lives with the SOP (bot.sop.returns): the sweep's reminders ask it too
pending_return = returns.pending_return
corrected_since = returns.corrected_since
awaiting_correction = returns.awaiting_correction


class AwaitingCorrection(Refused):
    """An approval of a draft sent back (/kembalikan) before its correction came."""

    def __init__(self, message: str, toast: str):
        super().__init__(message)
        self.toast = toast


def check_corrected(unit: "Unit", complaint: "Complaint", step: int) -> None:
    """Refuse an approval (step 7 or 8: button, confirmation or typed) of a draft sent back
    until its correction is kept: the unchanged draft is what was found wrong. Nothing is
    recorded; the same button works once the correction has come."""
    if awaiting_correction(unit, complaint) is None:
        return
    what = "Paraf" if step == 7 else "Tanda tangan"
    ticket = complaint.ticket
    raise AwaitingCorrection(
        f"{what} belum dapat dicatat: draf {ticket} dikembalikan kepada penyusun untuk "
        "diperbaiki, dan perbaikannya belum diterima. Tunggu penyusun mengirim perbaikannya "
        f"(DOCX/PDF dengan {ticket} di keterangannya): draf perbaikan dikirim kepada "
        f"pemaraf dengan tombol Paraf. Catatan pengembaliannya: /lihat {ticket}. Tidak ada yang "
        "dicatat.",
        toast=f"{what} ditolak: draf {ticket} dikembalikan dan belum diperbaiki. Tunggu "
              "perbaikan dari penyusun; tidak ada yang dicatat.")


# --- the head of office away -------------------------------------------------------------------
def _deputies(desk: DeskContext) -> list["Officer"]:
    return owners.deputies(desk.config)


def _pick(desk: DeskContext, name: str) -> "Officer":
    deputies = _deputies(desk)
    if not deputies:
        raise Refused("Tidak ada petugas di daftar yang boleh menandatangani sebagai Plh./Plt./"
                      "a.n. (deputy_capacity di config.yml).")
    listed = "; ".join(f"{o.name} ({owners.CAPACITY_LABEL[o.deputy_capacity or '']})"
                       for o in deputies)
    if not name:
        if len(deputies) == 1:
            return deputies[0]
        raise Refused(f"Sebutkan wakilnya: /plh NAMA. Pilihan: {listed}.")
    folded = {o.name.lower(): o for o in deputies}
    exact = [o for o in deputies if name.lower() in o.name.lower()]
    if len(exact) == 1:
        return exact[0]
    close = difflib.get_close_matches(name.lower(), list(folded), n=1, cutoff=0.6)
    if close:
        return folded[close[0]]
    raise Refused(f"{name} tidak ada di daftar wakil Kepala Kantor. Pilihan: {listed}.")


def _whom(desk: DeskContext) -> str:
    """The question for a /plh or /cuti without a name from anyone but the head of office."""
    listed = "; ".join(f"{o.name} ({owners.CAPACITY_LABEL[o.deputy_capacity or '']})"
                       for o in _deputies(desk)) or "belum ada (deputy_capacity di config.yml)"
    return ("Siapa yang berhalangan? /plh dan /cuti hanya mencatat Kepala Kantor berhalangan "
            "dan menunjuk wakil penanda tangan (langkah 8); cuti petugas lain tidak dicatat di "
            "sini. Bila Kepala Kantor berhalangan, sebutkan wakilnya: /plh NAMA (pilihan: "
            f"{listed}). Tidak ada yang dicatat.")


def _roster_named(desk: DeskContext, name: str) -> "Officer | None":
    """The one roster officer `name` stands for (in their name, any case), if exactly one."""
    found = [o for o in desk.config.roster if name.lower() in o.name.lower()]
    return found[0] if len(found) == 1 else None


def _not_a_deputy(desk: DeskContext, named: "Officer") -> str:
    """The refusal of /plh or /cuti naming an officer who may not sign for the head of
    office: read in Indonesian, "/cuti Andi" means Andi's leave, which the bot does not keep;
    the exact usage, and nothing recorded."""
    listed = "; ".join(f"{o.name} ({owners.CAPACITY_LABEL[o.deputy_capacity or '']})"
                       for o in _deputies(desk)) or "belum ada (deputy_capacity di config.yml)"
    return (f"{named.name} bukan wakil Kepala Kantor. /plh dan /cuti hanya mencatat Kepala "
            "Kantor berhalangan dan menunjuk wakil penanda tangan (langkah 8); cuti petugas "
            "lain tidak dicatat di sini. Bila Kepala Kantor berhalangan: /plh NAMA_WAKIL "
            f"(pilihan: {listed}). Tidak ada yang dicatat.")


def set_away(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
             now: dt.datetime) -> DeskAnswer:
    """/plh NAMA or /cuti NAMA: the head of office is away; NAMA, a deputy, signs meanwhile.
    NAMA is always the deputy, so the confirmation spells out who is away and who stands in
    ("/cuti Kasi Tikkim" reads as the Kasi's leave). The Kepala naming himself means himself
    away (as without a name); an officer who is no deputy is refused with the usage (the
    bot keeps no other officer's leave), never matched to a deputy by a similar name. Said
    in the group, the announcement is the answer (one message); reports the deputy initialled
    himself, which he may not sign, are named, and who may sign them told to the leader. A
    deputy who initials reports (Kasi Tikkim, the shipped roster's only one) is never said to
    sign them: their signature waits for the head's return or another deputy
    (`own_initials_text`)."""
    if officer.role not in WHO_MAY_SET:
        raise Refused("Hanya Kepala Kantor atau Kasi Tikkim yang dapat mencatat Kepala Kantor "
                      "berhalangan.")
    heads = owners.of_role(desk.config, Role.KEPALA_KANTOR)
    if not heads:
        raise Refused("Kepala Kantor belum ada di daftar petugas.")
    named = request.args.strip()
    if not named and officer.role != Role.KEPALA_KANTOR:
        # Without a name the command concerns the sender: the head of office saying they are
        # away. Anyone else ("/cuti" meaning their own leave) is asked, never taken to mean
        # the head of office.
        raise Refused(_whom(desk))
    person = _roster_named(desk, named) if named else None
    if person is not None and person.telegram_id == officer.telegram_id and \
            officer.role == Role.KEPALA_KANTOR:
        named = ""           # "/cuti Budi" by Budi, the head of office: he is away
    elif person is not None and person not in _deputies(desk):
        raise Refused(_not_a_deputy(desk, person))
    deputy = _pick(desk, named)
    capacity = deputy.deputy_capacity or "plh"
    label = owners.CAPACITY_LABEL[capacity]
    current = unit.current_absence()
    if current is not None and (current.deputy_id, current.capacity) == (
            str(deputy.telegram_id), capacity):
        # The same deputy in the same capacity: nothing changes, so nothing is announced.
        acts = "menjadi" if own_initials_text(desk, heads[0], deputy) else \
            "menandatangani sebagai"
        return DeskAnswer(True, Rich().t(
            f"ℹ️ Sudah berlaku: {heads[0].name} tercatat berhalangan dan {deputy.name} "
            f"{acts} {label} Kepala Kantor sampai /kembali. Tidak ada yang diubah."),
            log_detail=f"Kepala Kantor berhalangan (sudah berlaku); {label} {deputy.name}")
    unit.start_absence(officer_id=str(heads[0].telegram_id), deputy_id=str(deputy.telegram_id),
                       capacity=capacity, by=actor_label(officer), now=now)
    waiting = unit.open_complaints(stage=Stage.INITIALED.value)
    later = []
    sent = 0
    for complaint in waiting:        # reports already waiting for a signature go to the deputy
        desk.notifier.ping_owners(unit, complaint, now, actor_id=str(officer.telegram_id),
                                  buttons=False)
        jobs = to_deputy(desk, unit, officer, complaint, deputy, now)
        sent += bool(jobs)
        later += jobs
    own = [c for c in waiting if initialled_by(c) == str(deputy.telegram_id)]
    unsigned = own_initials_text(desk, heads[0], deputy, [c.ticket for c in own])
    rich = Rich().b("🏖️ Kepala Kantor berhalangan\n")
    rich.t(f"{heads[0].name} dicatat berhalangan oleh {officer.name}. ")
    if unsigned:             # never "signs the reports": he may not sign those he initialled
        rich.mention(deputy.telegram_id, deputy.name)
        rich.t(f" menjadi {label} Kepala Kantor sampai /kembali.\n⚠️ {unsigned}")
    else:
        rich.t("Penandatanganan laporan (langkah 8) dilakukan oleh ").mention(
            deputy.telegram_id, deputy.name)
        rich.t(f" sebagai {label} Kepala Kantor sampai /kembali.")
    if own and not unsigned:    # the group reads the tickets, not who else may sign (that
        # may tell who is kept away from a complaint): the leader who named him is told that
        rich.t(f"\n⚠️ {deputy.name} sudah memaraf {', '.join(c.ticket for c in own)} (langkah "
               "7): paraf dan tanda tangan pada satu laporan tidak boleh oleh orang yang sama, "
               f"jadi {deputy.name} tidak dapat menandatanganinya.")
    note = f"; {sent} laporan yang menunggu tanda tangan diteruskan kepadanya" if sent else ""
    # who is away and who stands in, spelled out: "/cuti NAMA" names the deputy, not the
    # one on leave, and reads the other way in Indonesian
    signs = "" if unsigned else ", yang menandatangani laporan (langkah 8)"
    said = Rich().t(
        f"✅ Dicatat: {heads[0].name}{_role_of(heads[0])} tercatat cuti/berhalangan; "
        f"{label}: {deputy.name}{_role_of(deputy)}{signs} sampai /kembali{note}. Salah? "
        "/kembali membatalkannya." + (f"\n⚠️ {unsigned}" if unsigned else ""))
    for complaint in own:    # under the warning naming them, or a warning of their own
        said.t(f" Yang dapat menandatangani {complaint.ticket} (langkah 8): " if unsigned else
               f"\n⚠️ {deputy.name} sudah memaraf {complaint.ticket} (langkah 7) dan tidak "
               "dapat menandatanganinya. Yang dapat menandatanganinya (langkah 8): ")
        said.t(f"{other_signers(desk.config, unit, deputy, complaint)}.")
    log_detail = f"Kepala Kantor berhalangan; {label} {deputy.name}"
    if request.private:
        desk.notifier.to_officers(unit, rich, now, "announce")
        return DeskAnswer(True, said, log_detail=log_detail, later=later)
    # in the group: one message, the announcement; what only the leader should read, privately
    if own:
        unit.enqueue(kind="officer", channel="telegram", address=str(officer.telegram_id),
                     body=said.plain(), payload=said.to_payload(), at=now)
    if sent:
        rich.t(f"\n{sent} laporan yang menunggu tanda tangan diteruskan kepadanya.")
    return DeskAnswer(True, rich, log_detail=log_detail, later=later)


def own_initials_text(desk: DeskContext, head: "Officer", deputy: "Officer",
                      initialled: Sequence[str] = ()) -> str:
    """For a deputy who initials reports himself (a Kasi Tikkim: step 7), what /cuti must say
    instead of "he signs": he may not sign a report he initialled (`check_two_hands`), so its
    signature waits for the head's return or another deputy; naming the reports waiting with
    his initials already (`initialled`, tickets), in the same one warning (a second one for
    them said it all again). Empty for any other deputy."""
    if deputy.role != Role.KASI_TIKKIM:
        return ""
    others = [o for o in owners.deputies(desk.config) if o.telegram_id != deputy.telegram_id]
    instead = (", atau wakil lain: " + ", ".join(f"/plh {o.name}" for o in others)
               if others else "")
    cannot = (f"{deputy.name} sudah memaraf {', '.join(initialled)} (langkah 7) dan tidak dapat "
              "menandatanganinya, seperti setiap laporan yang diparafnya" if initialled else
              f"{deputy.name} memaraf laporan (langkah 7) dan tidak dapat menandatangani laporan "
              "yang diparafnya sendiri")
    return (f"{cannot}: paraf dan tanda tangan pada satu laporan tidak boleh oleh orang yang "
            f"sama. Tanda tangan laporan itu (langkah 8) menunggu {head.name} kembali bertugas "
            f"(/kembali){instead}.")


def _role_of(officer: "Officer") -> str:
    """' (Kasi Tikkim)': the officer's own post, unless his name already says it."""
    role = ROLE_LABEL.get(Role(officer.role), "")
    return f" ({role})" if role and role.lower() not in officer.name.lower() else ""


def to_deputy(desk: DeskContext, unit: "Unit", officer: "Officer", complaint: "Complaint",
              deputy: "Officer", now: dt.datetime) -> list[Later]:
    """The initialled PDFs of a report waiting for a signature, with 'Tanda tangani' under
    the report, to the deputy who now signs (as the Kepala got them at step 7); nothing when
    the deputy is kept away from this complaint (named in it, or excluded)."""
    if not pings.recipients(unit, complaint, [deputy]) or \
            initialled_by(complaint) == str(deputy.telegram_id):
        return []          # kept away, or he initialled it: not his to sign (check_two_hands)
    render, _keep = archive.plan_current_files(unit, desk.files, desk.config, complaint,
                                               actor_label(officer), now)
    return [Later(lambda render=render, complaint=complaint: (
        None, for_approval(render(), complaint)), address=str(deputy.telegram_id),
        complaint_id=complaint.id, kind="document")]


def back(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
         now: dt.datetime) -> DeskAnswer:
    """/kembali: the head of office is back; the deputy no longer signs."""
    if officer.role not in WHO_MAY_SET:
        raise Refused("Hanya Kepala Kantor atau Kasi Tikkim yang dapat mencatat ini.")
    ended = unit.end_absence(by=actor_label(officer), now=now)
    if ended is None:
        raise Refused("Kepala Kantor tidak sedang dicatat berhalangan.")
    announced = Rich().t(f"🏢 Kepala Kantor kembali bertugas (dicatat oleh {officer.name}); "
                         "langkah 8 kembali oleh Kepala Kantor.")
    if not request.private:         # in the group: the announcement is the answer
        return DeskAnswer(True, announced, log_detail="Kepala Kantor kembali")
    desk.notifier.to_officers(unit, announced, now, "announce")
    return DeskAnswer(True, Rich().t("✅ Dicatat: Kepala Kantor kembali bertugas."),
                      log_detail="Kepala Kantor kembali")


# --- step 3: the head of office consulted -------------------------------------------------------
def head_label(officer: "Officer", away: "owners.Away | None") -> str:
    """'Kepala Kantor', or the capacity a deputy stands in with ('Plh. Kepala Kantor')."""
    if officer.role == Role.KEPALA_KANTOR:
        return "Kepala Kantor"
    capacity = (away.capacity if away is not None and away.deputy_id == str(officer.telegram_id)
                else officer.deputy_capacity or "plh")
    return f"{owners.CAPACITY_LABEL.get(capacity, 'Plh.')} Kepala Kantor"


def consult_head(desk: DeskContext, unit: "Unit", officer: "Officer", complaint: "Complaint",
                 direction: str, now: dt.datetime) -> tuple[str, str]:
    """SOP step 3 is Kasi Tikkim consulting the head of office: when it is recorded, the head
    (his deputy while away; on a complaint that keeps him away, the deputy the roster allows:
    owners.consulted) is sent the complaint and the direction privately at once, so that the
    record of the review is true. Returns (the part of the step's note that says whether and
    to whom it went, what the officer is told), both empty when the officer doing step 3 is
    himself the one consulted or stands in for Kasi Tikkim (the trail then names him as the
    reviewer). A sensitive complaint's story goes only to these leaders, who may read it."""
    if officer.role != Role.KASI_TIKKIM:
        return "", ""
    away = pings.away_now(unit)
    heads = [o for o in pings.recipients(unit, complaint, owners.consulted(
        desk.config, complaint, away, unit.excluded_officers(complaint.id)))
        if o.telegram_id != officer.telegram_id]
    sensitive = desk.notifier.sensitive(complaint)
    silent = pings.unreachable(unit)
    reachable = [o for o in heads if str(o.telegram_id) not in silent]
    if not reachable:
        # Said without why: that nobody else may be told would show who is kept away from it.
        whom = head_label(heads[0], away) if heads else "Kepala Kantor"
        return (f"{REVIEW_UNTOLD} {whom} lewat bot",
                f"; \u26a0\ufe0f penelaahan belum dapat disampaikan kepada {whom} lewat bot: "
                "sampaikan langsung")
    for head in reachable:          # "do not forward", enforced, as the leaders' copies are
        review = _review(desk, unit, officer, head, complaint, direction, now)
        unit.enqueue(kind="consult", channel="telegram", address=str(head.telegram_id),
                     body=review.plain(), payload={**review.to_payload(), "protect": True},
                     at=now, complaint_id=complaint.id)
    whom = head_label(reachable[0], away)
    listed = ", ".join(o.name for o in reachable)
    # a sensitive complaint's trail names roles only (/lihat by a non-leader, its files)
    part = (f"{REVIEW_TOLD} {whom} (pesan pribadi)" if sensitive
            else f"{REVIEW_TOLD} {whom} ({listed}, pesan pribadi)")
    return part, f"; penelaahan dan arahan disampaikan kepada {whom} ({listed})"


def _review(desk: DeskContext, unit: "Unit", officer: "Officer", head: "Officer",
            complaint: "Complaint", direction: str, now: dt.datetime) -> Rich:
    """What the head of office reads of step 3: the complaint as a leader may read it, the
    direction given, and what comes next."""
    from bot.labels import incident_label, place_label

    audience = identity.private_chat(head)

    def said(text: str | None) -> str:
        return identity.complainant_text(text, complaint, complaint.complainant, audience)
    config = desk.config
    rich = Rich().b("\U0001f4cb Penelaahan pengaduan ").code(complaint.ticket).b(
        " (langkah 3)\n")
    rich.t(f"{officer.name} (Kasi Tikkim) menelaah pengaduan ini dan memberi arahan; "
           f"disampaikan kepada Anda sebagai {head_label(head, pings.away_now(unit))}.\n")
    rich.line("Jenis", config.complaint_types[complaint.type].id)
    rich.line("Cerita", said(complaint.description)[:1500])
    for label, value in (("Waktu kejadian", incident_label(complaint, config.office.tz)),
                         ("Tempat", place_label(config, complaint)),
                         ("Pihak diadukan", complaint.reported_party),
                         ("Harapan pelapor", complaint.desired_outcome)):
        if value:
            rich.line(label, said(value)[:600])
    rich.line("Pelapor", identity.reporter(complaint, complaint.complainant, audience))
    if complaint.section:
        rich.line("Seksi terkait", config.sections[complaint.section].name)
    rich.line("Arahan Kasi Tikkim", said(direction)[:1500])
    desk.notifier.next_step(rich, complaint, now, unit, mention=False,
                            reader=str(head.telegram_id))
    rich.i(f"Arahan Bapak/Ibu berbeda? Sampaikan kepada Kasi Tikkim. Lengkapnya: "
           f"/lihat {complaint.ticket}.")
    return rich.button_row((keyboard.VIEW, keyboard.data("view", complaint.ticket)))
