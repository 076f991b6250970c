"""SOP steps from the desk: buttons bound to a stage, confirmations, prompts, and the move.

A button carries the stage it was made for; a press after the complaint has moved on is refused
with where it stands now (`Stale`). The approvals (steps 7 and 8) ask for a confirming tap.
Steps that need words (the direction at step 3, the verdict's BAP and note at step 4, the
follow-up's note at step 5) ask with a forced reply; the reply completes the step.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from bot import identity, pings
from bot.conversation import rating
from bot.dates import tanggal
from bot.desk import approvals, bap, privacy, replies
from bot.desk import sections as named_sections
from bot.sop import owners, returns
from bot.desk.requests import DeskAnswer, DeskContext, Later, OfficerRequest, actor_label
from bot.paperwork import archive
from bot.paperwork.casefile import follow_up_label
from bot.paperwork.dossier import assign_letter_number
from bot.paperwork.outfiles import OutFile
from bot.rich import Rich
from bot.sop import keyboard
from bot.sop.stages import Stage, officer_label
from bot.sop.workflow import (
    FOLLOW_UPS,
    TRANSITIONS,
    VERDICTS,
    Refused,
    Role,
    Transition,
    check_action,
    check_transition,
    due_after,
    next_transition,
    read_choice,
    read_inputs,
)
from storage.models import StageEvent

if TYPE_CHECKING:
    from bot.config import Officer
    from storage.models import Complaint
    from storage.repo import Unit

STAGE_KEYS = {s.value for s in Stage}
APPROVALS = (Stage.REPORT_DRAFTED, Stage.INITIALED)   # approved with the document's button


class Stale(Refused):
    """A button pressed for a stage the complaint has left."""

    def __init__(self, message: str, ticket: str, toast: str = ""):
        super().__init__(message)
        self.ticket = ticket
        self.toast = toast


def sections(desk: DeskContext) -> dict[str, str]:
    return {key: section.name for key, section in desk.config.sections.items()}


def where_now(desk: DeskContext, unit: "Unit", complaint: "Complaint", now: dt.datetime,
              reader: str | None = None, *, deadline: bool = True) -> str:
    """'tahap “Laporan diparaf”; berikutnya langkah 8 … (Kepala Kantor: Nama), batas …'
    (without the deadline when not `deadline`). On a sensitive complaint a `reader` who is not
    a leader reads the role only and the deadline's hour (`owners.sees_names`): names would
    show who is kept away from it."""
    text = f"tahap \u201c{officer_label(complaint.stage)}\u201d"
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is not None:
        hidden = desk.notifier.sensitive(complaint) and not owners.sees_names(desk.config,
                                                                               reader)
        owner = owners.neutral_inline(desk.config, complaint) if hidden else owners.owner_text(
            desk.config, complaint, owners.away_now(unit), unit.excluded_officers(complaint.id))
        text += f"; berikutnya langkah {transition.step}: {transition.label} ({owner})"
        if deadline and complaint.due_at is not None:
            text += f", batas {shown_due(desk, complaint, now, hidden)}"
    return text


def check_fresh(desk: DeskContext, unit: "Unit", request: OfficerRequest, complaint: "Complaint",
                now: dt.datetime) -> None:
    """Refuse a button (or a reply to a question or a ping) made for another stage than the
    complaint's (or made before buttons were bound to a stage), naming where the complaint
    stands now."""
    if request.via not in ("button", "reply") or request.action in ("view", "list"):
        return
    if request.legacy and request.action == "take":
        return                                    # taking is not tied to a step
    if request.legacy or (request.stage and request.stage != complaint.stage):
        made_for = (f"tahap \u201c{officer_label(request.stage)}\u201d" if request.stage
                    else "tahap yang sudah lewat")
        said = (f"Tombol ini untuk {made_for}." if request.via == "button" else
                f"Pesan yang Anda balas untuk {made_for}. Tidak ada yang dicatat:")
        raise Stale(f"{said} {complaint.ticket} kini pada "
                    f"{where_now(desk, unit, complaint, now, request.actor_id)}.",
                    complaint.ticket,
                    toast=stale_toast(desk, unit, complaint, now, request.actor_id))


TOAST_LIMIT = 200           # the most of a button's answer Telegram shows
STALE_TAIL = " Tidak ada yang berubah."


def stale_toast(desk: DeskContext, unit: "Unit", complaint: "Complaint", now: dt.datetime,
                reader: str | None) -> str:
    """'Tombol lama: TRK-… kini pada tahap “…”; berikutnya langkah 5: … (who). Tidak ada yang
    berubah.': the whole answer an old button gets, so it says what the complaint waits for
    and from whom, not only where it is. The deadline goes first when it does not fit, then
    the end of a long list of owners (cut at a word)."""
    room = TOAST_LIMIT - len(STALE_TAIL)
    for deadline in (True, False):
        head = (f"Tombol lama: {complaint.ticket} kini pada "
                f"{where_now(desk, unit, complaint, now, reader, deadline=deadline)}.")
        if len(head) <= room:
            return head + STALE_TAIL
    cut = head[:room - 2].rsplit(" ", 1)[0].rstrip(",;:(")
    return cut + "…" + (")" if cut.count("(") > cut.count(")") else "") + STALE_TAIL


# --- the buttons ------------------------------------------------------------------------------
def press_next(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
               complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """The step button: do it, or first ask (a confirmation, or the words it needs)."""
    check_drafter_awaited(unit, officer, complaint)
    as_officer, _ = approvals.acting(desk.config, unit, officer, complaint)   # a stand-in
    transition = check_transition(as_officer, complaint.stage, complaint.verdict,
                                  complaint.section, sections=sections(desk))
    if transition.step in keyboard.CONFIRMED_STEPS:
        approvals.check_corrected(unit, complaint, transition.step)
        approvals.check_two_hands(desk.config, unit, officer, complaint)
        return confirmation(desk, unit, complaint, transition, now)
    if "note" in transition.needs:
        return ask(desk, officer, complaint, transition, None)
    return move(desk, unit, officer, request, complaint, now)


def confirmation(desk: DeskContext, unit: "Unit", complaint: "Complaint",
                 transition: Transition, now: dt.datetime) -> DeskAnswer:
    """'Paraf laporan TRK-…?' with Ya / Batal, naming the document being approved."""
    verb = "memaraf" if transition.step == 7 else "menandatangani"
    rich = Rich().b(f"Konfirmasi langkah {transition.step}: {transition.label}\n")
    rich.t("Tiket: ").code(complaint.ticket).nl()
    returned = approvals.pending_return(complaint)
    for kind, doc in approvals.current_documents(unit, complaint).items():
        changed = returned is not None and returns.replaces(doc, returned)
        rich.line(archive.TITLE[kind], f"{doc.name} (SHA-256 {doc.sha256[:16]}…)"
                  + (" — diperbaiki setelah dikembalikan" if changed
                     else " — unggahan petugas" if doc.role == "upload" else ""))
    for kind, doc in approvals.current_documents(unit, complaint).items():
        if doc.role == "upload" and doc.name.lower().endswith(".docx"):
            # The PDFs are rendered from the complaint's data, so an edited DOCX is not in
            # them (nor in the signed PDF frozen at step 8): say so before approving.
            rich.t(f"⚠️ {archive.TITLE[kind]} diganti dengan DOCX unggahan; PDF-nya dibuat "
                   "dari data pengaduan dan tidak memuat perubahan DOCX itu. Periksa DOCX-nya "
                   f"(/dokumen {complaint.ticket}), atau minta PDF pindaian yang sudah "
                   "diperbaiki diunggah.\n")
    rich.i(f"Anda akan {verb} laporan pengaduan ini. Lanjutkan?")
    keyboard.confirm(rich, complaint.ticket, complaint.stage, transition.step)
    return DeskAnswer(True, rich, toast="Mohon konfirmasi", show=True,
                      complaint_id=complaint.id)


def unconfirm(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
              complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """'Batal' under a confirmation: nothing changes; the question's buttons go."""
    return DeskAnswer(True, None, toast="Dibatalkan; tidak ada yang berubah.",
                      retire=complaint.ticket)


def choose(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
           complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """A verdict or follow-up button: ask for the note (and at step 4 the BAP)."""
    transition = check_transition(officer, complaint.stage, complaint.verdict,
                                  complaint.section, sections=sections(desk))
    wanted = "verdict" if request.choice in VERDICTS else "follow_up"
    if wanted not in transition.needs:
        raise Refused(f"{complaint.ticket} kini pada "
                      f"{where_now(desk, unit, complaint, now, request.actor_id)}.")
    return ask(desk, officer, complaint, transition, request.choice)


BAP_EXAMPLE = bap.SAMPLES[0]


def usage(desk: DeskContext, complaint: "Complaint", transition: Transition,
          now: dt.datetime, *, avoid: str | None = None) -> str:
    """The /tahap that does `transition` for this complaint, with an example that works as
    typed: every refusal at a step gives this one usage (a refusal at step 4 advising
    "/tahap TIKET [catatan]" failed again for want of the BAP). The example's BAP is dated
    today, the office's date: never before the complaint was received, never after today."""
    ticket = complaint.ticket
    if "verdict" in transition.needs:
        today = tanggal(now.astimezone(desk.config.office.tz).date())
        return (f"/tahap {ticket} benar|tidak benar NOMOR-BAP TANGGAL-BAP catatan, mis. "
                f"/tahap {ticket} benar {bap.sample(avoid)} {today} petugas loket terbukti "
                "lalai")
    if "follow_up" in transition.needs:
        return (f"/tahap {ticket} TINDAK-LANJUT catatan (pembinaan, hukuman; bila tidak ada "
                "petugas yang terlibat: diserahkan ke kepolisian, imbauan, perbaikan layanan), "
                f"mis. /tahap {ticket} pembinaan petugas dibina atasannya")
    if "note" in transition.needs:
        return (f"/tahap {ticket} arahan, mis. /tahap {ticket} koordinasikan dengan seksi "
                "terkait")
    if transition.step in keyboard.CONFIRMED_STEPS:
        return (f"/tahap {ticket}, lalu tekan \u201c{keyboard.CONFIRM_BUTTON[transition.step]}"
                "\u201d pada konfirmasinya")
    return f"/tahap {ticket} [catatan], mis. /tahap {ticket}"


def refusal(desk: DeskContext, complaint: "Complaint", transition: Transition,
            now: dt.datetime, why: str, *, avoid: str | None = None) -> Refused:
    """`why`, that nothing was recorded, and the step's one usage (`usage`; its example BAP
    never one that could be taken for `avoid`, a number just refused); at steps 4 and 5 the
    buttons too."""
    text = (f"{why} Tidak ada yang dicatat. Untuk langkah ini: "
            f"{usage(desk, complaint, transition, now, avoid=avoid)}")
    if "verdict" in transition.needs:
        text += "; atau pakai tombol Benar/Tidak benar"
    elif "follow_up" in transition.needs:
        text += "; atau pakai tombol tindak lanjutnya"
    return Refused(text + ".")


def needs_text(transition: Transition) -> str:
    """'Langkah 4 memerlukan hasil pemeriksaan (benar / tidak benar) serta nomor dan tanggal
    BAP.': what the step takes, in words."""
    wanted = {"note": "arahan",
              "verdict": "hasil pemeriksaan (benar / tidak benar) serta nomor dan tanggal BAP",
              "follow_up": "tindak lanjut"}
    return (f"Langkah {transition.step} memerlukan "
            + " dan ".join(wanted[name] for name in transition.needs) + ".")


def check_actor(desk: DeskContext, unit: "Unit", officer: "Officer",
                complaint: "Complaint") -> Transition:
    """The step this officer may do now (a stand-in as the one they stand in for), or Refused
    with who does it: checked before what was typed, so that no usage is given to an officer
    who could not follow it."""
    check_drafter_awaited(unit, officer, complaint)
    as_officer, _ = approvals.acting(desk.config, unit, officer, complaint)
    transition = check_transition(as_officer, complaint.stage, complaint.verdict,
                                  complaint.section, sections=sections(desk))
    approvals.check_two_hands(desk.config, unit, officer, complaint)
    return transition


PROMPT = {3: "Balas pesan ini dengan arahan Kasi Tikkim untuk seksi terkait.",
          # the example's BAP is dated today (`ask`), as `usage` dates it: it works as typed
          4: ("Balas pesan ini dengan nomor BAP, tanggal BAP dan catatan pemeriksaan, mis.:\n"
              "{bap} {today} petugas loket 2 terbukti lalai"),
          5: "Balas pesan ini dengan catatan tindak lanjut (apa yang dilakukan, oleh siapa)."}
HINT = {3: "Arahan…", 4: "Nomor BAP, tanggal, catatan…", 5: "Catatan tindak lanjut…"}


def ask(desk: DeskContext, officer: "Officer", complaint: "Complaint",
        transition: Transition, choice: str | None, problem: str = "", *,
        avoid: str | None = None) -> DeskAnswer:
    """A forced-reply question; the answer (a reply to it) completes the step (its example
    BAP never one that could be taken for `avoid`, a number just refused). Asked again after
    a `problem`, the question is marked so (`again`), for `reasked`."""
    rich = Rich()
    if problem:
        rich.t(f"⚠️ {problem}\n")
    rich.mention(officer.telegram_id, officer.name).t(", ").code(complaint.ticket)
    rich.t(f" — langkah {transition.step}: {transition.label}\n")
    if choice in VERDICTS:
        rich.line("Hasil pemeriksaan", VERDICTS[choice])
    elif choice in FOLLOW_UPS:    # in the documents' words: no staff discipline for a WNA
        rich.line("Tindak lanjut", follow_up_label("benar", choice, complaint.type))
    elif transition.step == 3:
        section = complaint.section or desk.config.complaint_types[complaint.type].section
        rich.line("Seksi terkait", desk.config.sections[section].name)
        rich.i(f"Seksi lain? /teruskan {complaint.ticket} seksi sebelum membalas.\n")
    today = tanggal(desk.clock().astimezone(desk.config.office.tz).date())
    rich.t(PROMPT[transition.step].replace("{today}", today).replace("{bap}",
                                                                      bap.sample(avoid)))
    rich.reply_hint = HINT[transition.step]
    prompt = {"ticket": complaint.ticket, "stage": complaint.stage, "choice": choice,
              "step": transition.step, "officer": str(officer.telegram_id),
              "again": bool(problem)}
    return DeskAnswer(not problem, rich, toast="Balas pesan pertanyaannya", show=True,
                      complaint_id=complaint.id, prompt=prompt,
                      log_detail=problem or f"ditanyakan: langkah {transition.step}")


def reasked(unit: "Unit", chat_id: str, message_id: str, replied: replies.Replied,
            officer_id: str) -> replies.Replied:
    """A reply to a question asked again since (`replies.SUPERSEDED`) counts as one to the
    newest when the bot itself asked it again, for the same officer and choice, because his
    answer could not be read ("Nomor dan tanggal BAP belum terbaca."): he naturally answers
    the question he has open, and a complete answer must not be thrown away. A newer question
    from another choice (Benar, then Tidak benar) still supersedes it."""
    if replied.prompt is None or replied.prompt.get("choice") != replies.SUPERSEDED:
        return replied
    row = unit.sent_message(unit.current_chat(chat_id), message_id)
    asked = (row.payload or {}).get("prompt") if row is not None else None
    if row is None or not asked or asked.get("officer") != officer_id:
        return replied
    for later in unit.outbox_items(complaint_id=row.complaint_id):
        again = (later.payload or {}).get("prompt")
        if (later.id > row.id and again and again.get("step") == asked.get("step")
                and again.get("stage") == asked.get("stage")
                and not (again.get("again") and again.get("officer") == officer_id
                         and again.get("choice") == asked.get("choice"))):
            return replied
    return replies.Replied(replied.ticket, asked)


PINGS = ("ping", pings.HELD_PING)         # the outbox kinds of "🔔 Giliran Anda"

def ping_answer(unit: "Unit", chat_id: str, message_id: str, replied: replies.Replied,
                officer_id: str) -> replies.Replied:
    """A reply to the ping of a step whose only input is words (Kasi Tikkim's direction at
    step 3) answers it as the step's forced reply does: officers answer the "🔔 Giliran Anda"
    they were sent, and the direction came back as a hint to use the buttons, lost. The answer
    is bound to the stage the step is done from, so that once the step is done (by the Kepala
    Kantor in his place, say) the reply records nothing and is told where the complaint is."""
    if replied.prompt is not None or not replied.ticket:
        return replied
    row = unit.sent_message(unit.current_chat(chat_id), message_id)
    step = (row.payload or {}).get(pings.PING_STEP) if row is not None and row.kind in PINGS \
        else None
    worded = [t for t in TRANSITIONS if t.step == step and t.needs == ("note",)]
    if not worded:
        return replied
    return replies.Replied(replied.ticket, {
        "ticket": replied.ticket, "stage": worded[0].source.value, "choice": None,
        "step": step, "officer": officer_id, "again": False})


def answer(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
           complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
    """A reply to a step's question: the words it asked for, and the step is done."""
    if request.choice == replies.SUPERSEDED:
        # Answering a question asked again since (Benar, then Tidak benar): the older choice
        # is not recorded, nor is it guessed which one the officer meant.
        raise Refused(f"Pertanyaan ini sudah diganti oleh pertanyaan yang lebih baru untuk "
                      f"{complaint.ticket}; tidak ada yang dicatat. Balas pertanyaan yang "
                      "terakhir (atau tekan lagi tombol pilihan Anda).")
    transition = check_transition(officer, complaint.stage, complaint.verdict,
                                  complaint.section, sections=sections(desk))
    text = request.args.strip()
    if not text:
        return ask(desk, officer, complaint, transition, request.choice, "Balasannya kosong.")
    inputs: dict[str, Any] = {"note": text}
    problem = other_section_named(desk, complaint, transition, text)
    if problem:
        return ask(desk, officer, complaint, transition, request.choice, problem)
    if "verdict" in transition.needs:
        found = bap.read(text)
        if found is None:
            return ask(desk, officer, complaint, transition, request.choice,
                       "Nomor dan tanggal BAP belum terbaca.")
        problem = bap.taken(unit, desk.config, officer, complaint, found[0], found[2])
        if problem:
            return ask(desk, officer, complaint, transition, request.choice, problem,
                       avoid=found[0])
        inputs.update(verdict=request.choice, bap=found[:2], note=found[2])
    elif "follow_up" in transition.needs:
        inputs["follow_up"] = request.choice
    if not inputs.get("verdict", True) or not inputs.get("follow_up", True):
        raise Refused("Pilih dulu dengan tombolnya, lalu balas pertanyaannya.")
    return move(desk, unit, officer, request, complaint, now, inputs)


# --- the move ---------------------------------------------------------------------------------
def record_event(unit: "Unit", officer: "Officer", complaint: "Complaint", action: str,
                 note: str, now: dt.datetime, from_stage: str | None = None,
                 capacity: str | None = None) -> None:
    event = unit.add_stage_event(StageEvent(
        complaint_id=complaint.id, actor=actor_label(officer),
        actor_role=officer.role, from_stage=from_stage or complaint.stage,
        to_stage=complaint.stage, note=note[:4000], at=now, action=action, capacity=capacity))
    complaint.events.append(event)
    complaint.updated_at = now


def done(desk: DeskContext, unit: "Unit", request: OfficerRequest, complaint: "Complaint",
         text: str, now: dt.datetime, announce: bool = True, moved: bool = False) -> DeskAnswer:
    """Confirm to the officer; tell the group too when the action came from elsewhere. After a
    move both say who is next (mentioned in the group) and by when, with the step's buttons."""
    rich = Rich().t("✅ ").code(complaint.ticket).t(f": {text}")
    if moved and desk.notifier.sensitive(complaint) and not leader(desk, request.actor_id):
        neutral_next_step(desk, rich.nl(), complaint, now)
    elif moved:      # read in the group, or privately by the one who acted
        desk.notifier.next_step(rich.nl(), complaint, now, unit, mention=not request.private,
                                reader=request.actor_id if request.private else None)
    if moved:
        reader = desk.config.officer(request.actor_id) if request.private else None
        if not request.private:
            keyboard.attach(rich, complaint.ticket, complaint.stage, complaint.verdict,
                            kind=complaint.type)
        elif reader is not None and offered(desk, unit, reader, complaint):
            keyboard.attach(rich, complaint.ticket, complaint.stage, complaint.verdict,
                            take=takes(desk, unit, reader, complaint), kind=complaint.type)
        else:            # in a private chat, buttons only for a step this officer may do
            rich.button_row((keyboard.VIEW, keyboard.data("view", complaint.ticket)))
    if announce and request.private and not desk.notifier.sensitive(complaint):
        told = Rich().t("ℹ️ ").code(complaint.ticket).t(f": {text}")
        if moved:
            desk.notifier.next_step(told.nl(), complaint, now, unit)
            keyboard.attach(told, complaint.ticket, complaint.stage, complaint.verdict,
                            kind=complaint.type)
        desk.notifier.to_officers(unit, told, now, "announce", complaint)
    return DeskAnswer(True, rich, toast=text[:190], changed=True, complaint_id=complaint.id)


def leader(desk: DeskContext, actor_id: str) -> bool:
    """Kasi Tikkim, the Kepala Kantor or a deputy of his: may read who is kept away."""
    officer = desk.config.officer(actor_id)
    return officer is not None and (
        officer.role in (Role.KASI_TIKKIM, Role.KEPALA_KANTOR) or bool(officer.deputy_capacity))


def neutral_next_step(desk: DeskContext, rich: Rich, complaint: "Complaint",
                      now: dt.datetime) -> Rich:
    """'Langkah berikutnya: 3. … (Kasi Tikkim (pengaduan sensitif)), batas …' for a sensitive
    complaint told to a non-leader (the petugas who did step 2 may be a colleague of the
    accused): who stands in, or that nobody can, would show who is kept away."""
    transition = next_transition(complaint.stage, complaint.verdict)
    if transition is None:
        return rich.line("Langkah berikutnya", "tidak ada (selesai)")
    rich.b("Langkah berikutnya: ").t(f"{transition.step}. {transition.label} "
                                     f"({owners.neutral_inline(desk.config, complaint)})")
    if complaint.due_at is not None:
        rich.t(f", batas {shown_due(desk, complaint, now, True)}")
    return rich.nl()


def shown_due(desk: DeskContext, complaint: "Complaint", now: dt.datetime,
              coarse: bool) -> str:
    """The next step's deadline as a reader who is not a leader may read it (`coarse`: by
    the hour). A held complaint's (`held_for_slot`) by the hour and as of its slot
    (`pings.slot_due`), a leader reading it or not: its step-2 deadline gives back its
    receipt minute, and a step a leader did before the slot the minute he did it."""
    if identity.held_for_slot(complaint, desk.config.sensitive_types):
        return owners.deadline_text(desk.config, pings.slot_due(desk.config, complaint), now,
                                    coarse=True)
    return owners.deadline_text(desk.config, complaint.due_at, now, coarse=coarse)


def may_do_next(desk: DeskContext, unit: "Unit", actor_id: str, complaint: "Complaint") -> bool:
    """Whether this officer may do the complaint's next step (its buttons are theirs)."""
    officer = desk.config.officer(actor_id)
    if officer is None:
        return False
    as_officer, _ = approvals.acting(desk.config, unit, officer, complaint)   # a stand-in
    try:
        check_transition(as_officer, complaint.stage, complaint.verdict, complaint.section)
        approvals.check_two_hands(desk.config, unit, officer, complaint)   # not his to sign
    except Refused:
        return False
    return True


def offered(desk: DeskContext, unit: "Unit", officer: "Officer",
            complaint: "Complaint") -> bool:
    """Whether the complaint's step buttons are offered to this officer in a private chat: he
    may do the step (`may_do_next`, a stand-in as the one he stands in for) and it is his in
    the SOP now (owners.able: the step's own role or section, the Plh./Plt. of an absent head,
    whoever stands in for a role the complaint keeps away; a role the SOP lets act in the
    actor's place only when nobody of that role can). Kasi Tikkim may still type step 10, but
    the petugas' "Catat inventaris" is not offered to him while a petugas can do it."""
    if not may_do_next(desk, unit, str(officer.telegram_id), complaint):
        return False
    able = owners.able(desk.config, complaint, owners.away_now(unit),
                       unit.excluded_officers(complaint.id))
    return officer.telegram_id in {o.telegram_id for o in able}


def takes(desk: DeskContext, unit: "Unit", officer: "Officer", complaint: "Complaint") -> bool:
    """Whether "Ambil" is offered to this officer in a private chat: taking a complaint is a
    petugas' act (the typed /ambil refuses nobody of the front roles, but a leader's Ambil
    under every complaint read as an invitation); Kasi Tikkim or the Kepala Kantor get it only
    where they stand in for the petugas (a petugas step nobody of that role can do)."""
    try:
        check_action(officer, "take", complaint.stage)
    except Refused:
        return False
    if Role(officer.role) is Role.PETUGAS:
        return True
    transition = next_transition(complaint.stage, complaint.verdict)
    return (transition is not None and transition.actor is Role.PETUGAS
            and offered(desk, unit, officer, complaint))


def view_keyboard(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
                  complaint: "Complaint", rich: Rich) -> Rich:
    """/lihat's buttons. In the group, the step's keyboard, as every group message about the
    complaint carries it: the group is where each role acts on a complaint it reads (a
    sensitive one is never read there). In a private chat only what this reader may use: the
    step's buttons when the step is his (`offered`: a stand-in gets what his standing gives),
    "Ambil" when taking it is his act (`takes`), and "Lihat"; a petugas reading a complaint at
    step 4 saw the section's "Benar / Tidak benar", and Kasi Tikkim at step 10 the petugas'
    "Catat inventaris" and "Ambil"."""
    ticket, stage = complaint.ticket, complaint.stage
    if not request.private:
        return keyboard.attach(rich, ticket, stage, complaint.verdict, kind=complaint.type)
    may_take = takes(desk, unit, officer, complaint)
    if offered(desk, unit, officer, complaint):
        return keyboard.attach(rich, ticket, stage, complaint.verdict, take=may_take,
                               kind=complaint.type)
    if may_take:
        rich.button_row((keyboard.TAKE, keyboard.data("take", ticket, stage)))
        rich.stage = stage
    return rich.button_row((keyboard.VIEW, keyboard.data("view", ticket)))


def _typed_target(args: str) -> tuple[str | None, str]:
    first = args.split()[0] if args.split() else ""
    if first in STAGE_KEYS:
        return first, args[len(first):].strip()
    return None, args


def move(desk: DeskContext, unit: "Unit", officer: "Officer", request: OfficerRequest,
         complaint: "Complaint", now: dt.datetime,
         given: dict[str, Any] | None = None) -> DeskAnswer:
    """Do the next SOP step (checked: role, section, order, inputs), record and announce it."""
    target, args = _typed_target(request.args)
    check_drafter_awaited(unit, officer, complaint)
    as_officer, capacity = approvals.acting(desk.config, unit, officer, complaint)   # a stand-in
    transition = check_transition(as_officer, complaint.stage, complaint.verdict,
                                  complaint.section, target, sections=sections(desk))
    if transition.step in keyboard.CONFIRMED_STEPS:
        approvals.check_corrected(unit, complaint, transition.step)   # sent back: wait
        approvals.check_two_hands(desk.config, unit, officer, complaint)   # paraf, then sign
    if transition.step in keyboard.CONFIRMED_STEPS and request.via != "button":
        # An approval typed (or replied) is asked for its confirming tap too, with the
        # document named: nobody initials or signs a report by typing a ticket alone. A note
        # typed with it is not lost: the trail keeps it now (the tap carries no words).
        if args.strip():
            record_event(unit, officer, complaint, "note",
                         f"Catatan {officer.name} (langkah {transition.step} diminta): "
                         f"{args.strip()}", now)
        return confirmation(desk, unit, complaint, transition, now)
    if given is None and request.via == "button" and transition.needs:
        raise Refused("Langkah ini memerlukan isian: pakai tombol langkahnya lalu balas "
                      "pertanyaannya, atau /tahap TIKET …")
    if given is None and "verdict" in transition.needs:
        given = verdict_after_bap(args)
    if given is None:
        try:
            given = read_inputs(transition, args)
        except Refused:       # a choice or a note missing: what the step takes, and how
            raise refusal(desk, complaint, transition, now, needs_text(transition)) from None
    inputs = given
    if "verdict" in inputs and not inputs.get("bap") and bap.read_strict(inputs["note"]) is None:
        # The SOP's output of step 4 is the BAP: typed as the question's answer asks for it
        # ("W18… 1 Desember 2026 …", "BAP No. 12/2026 tgl 01-12-2026, …"), read the same way;
        # without it nothing is recorded (the report and register would have no BAP).
        found = bap.read(inputs["note"])
        if found is None:
            raise refusal(desk, complaint, transition, now,
                          f"Langkah {transition.step} memerlukan nomor dan tanggal BAP.")
        inputs = {**inputs, "bap": found[:2], "note": found[2]}
    problem = other_section_named(desk, complaint, transition, inputs["note"])
    if problem:
        raise Refused(problem)
    number = (inputs.get("bap") or bap.read_strict(inputs["note"]) or (None,))[0] \
        if "verdict" in inputs else None
    problem = number and bap.taken(unit, desk.config, officer, complaint, number,
                                   inputs["note"])
    if problem:                    # one BAP, one examination (or said to cover both)
        raise refusal(desk, complaint, transition, now, problem, avoid=number)
    source = complaint.stage
    if transition.target == Stage.REVIEWED and not complaint.section:
        complaint.section = desk.config.complaint_types[complaint.type].section
    if "verdict" in inputs:
        complaint.verdict = inputs["verdict"]
        found = inputs.get("bap") or bap.read_strict(inputs["note"])
        if found:
            complaint.bap_number, complaint.bap_date = found[0], found[1]
    if "follow_up" in inputs:
        complaint.follow_up = inputs["follow_up"]
    complaint.stage = transition.target.value
    if transition.target == Stage.ARCHIVED:
        complaint.archived_at = now          # retention periods count from here
    if transition.target == Stage.REPORT_DRAFTED:
        assign_letter_number(unit, desk.config, complaint, now)
    complaint.due_at = due_after(desk.config, desk.notifier.hours, complaint.stage,
                                 complaint.verdict, now)
    details = [transition.label] + [inputs[k] for k in ("verdict", "follow_up") if k in inputs]
    if inputs.get("bap"):
        details.append(f"BAP {inputs['bap'][0]} tanggal {inputs['bap'][1].isoformat()}")
    if inputs["note"]:
        details.append(inputs["note"])
    if capacity:
        details.append(f"sebagai {owners.CAPACITY_LABEL[capacity]} Kepala Kantor")
    consulted, consulted_said = "", ""
    if transition.target == Stage.REVIEWED:   # the SOP's consultation, made true (and said)
        consulted, consulted_said = approvals.consult_head(desk, unit, officer, complaint,
                                                           inputs["note"], now)
        if consulted:
            details.append(consulted)
    record_event(unit, officer, complaint, "stage", " — ".join(details), now, source, capacity)
    retire_keyboards(unit, complaint, now)
    told = transition.tells_complainant and desk.notifier.stage_changed(
        unit, complaint, now, inputs["note"])
    text = f"langkah {transition.step} selesai: {transition.label}"
    if "verdict" in inputs:        # what was decided, not only that something was
        text += f": {VERDICTS[inputs['verdict']]}"
        if complaint.bap_number:
            text += f" (BAP {complaint.bap_number})"
    if "follow_up" in inputs:
        text += f": {follow_up_label('benar', inputs['follow_up'], complaint.type)}"
    if capacity:                   # not the Kepala Kantor: say who signed, and as what
        text += f" ({officer.name} sebagai {owners.CAPACITY_LABEL[capacity]} Kepala Kantor)"
    text += consulted_said
    if told:
        text += "; pelapor diberi kabar"     # after a label that may end in brackets
    if transition.target == Stage.REPORTED and told:
        rating.invite(unit, desk.notifier, complaint, now)
    later: list[Later] = []
    if transition.target == Stage.SIGNED:   # the signed copy, frozen: /dokumen sends it
        render_signed, keep_signed = archive.plan_freeze(
            unit, desk.files, desk.config, complaint, actor_label(officer), now)
        ticket = complaint.ticket

        def signed_note() -> tuple[Rich | None, list[OutFile]]:
            made = render_signed()   # rendered after this transaction; kept in the next
            sha = made[-1].caption.rsplit(" ", 1)[-1]
            return (Rich().t("🔏 ").code(ticket).t(f": laporan bertanda tangan disimpan "
                                                   f"(SHA-256 {sha[:16]}…)"), made)
        later.append(Later(signed_note, complaint_id=complaint.id, keep=keep_signed,
                           send=False))
        text += "; laporan bertanda tangan disimpan"
    sent, said = approvals.after_move(desk, unit, officer, request, complaint, now)
    later += sent
    text += said
    result = done(desk, unit, request, complaint, text, now, moved=True)
    # The next officers read what this step left them: at step 4 the section acts on Kasi
    # Tikkim's direction, which it would otherwise have to look up with /lihat.
    handover = (f"Arahan {officer.name}" if transition.target == Stage.REVIEWED else
                f"Catatan langkah {transition.step}", inputs["note"])
    desk.notifier.ping_owners(unit, complaint, now, actor_id=str(officer.telegram_id),
                              buttons=complaint.stage not in APPROVALS, handover=handover)
    privacy.warn_stuck(desk, unit, complaint, now)   # nobody may do the next step
    result.later = later
    return result


def check_drafter_awaited(unit: "Unit", officer: "Officer", complaint: "Complaint") -> None:
    """The report compiler's /tahap on a draft sent back to them (/kembalikan) and not yet
    corrected: what waits is their corrected file, not a step ("Langkah 7 dilakukan oleh Kasi
    Tikkim, bukan Penyusun Laporan" told them nothing of it). Nothing is recorded."""
    if officer.role != Role.PENYUSUN_LAPORAN or complaint.stage != Stage.REPORT_DRAFTED or \
            approvals.awaiting_correction(unit, complaint) is None:
        return
    ticket = complaint.ticket
    raise Refused(f"Draf {ticket} dikembalikan kepada penyusun untuk diperbaiki (catatannya: "
                  f"/lihat {ticket}). Kirim DOCX atau PDF perbaikannya di chat ini dengan "
                  f"{ticket} di keterangannya (\"pengantar\" untuk surat pengantar): "
                  "perbaikannya dikirim kepada Kasi Tikkim untuk diparaf. /tahap tidak "
                  "diperlukan; tidak ada yang dicatat.")


def other_section_named(desk: DeskContext, complaint: "Complaint", transition: Transition,
                        note: str) -> str | None:
    """Step 3's direction naming another section than the complaint goes to: why nothing is
    recorded, with the commands (bot.desk.sections.misdirected), else None."""
    if transition.target != Stage.REVIEWED:
        return None
    return named_sections.misdirected(desk.config, complaint, note)


def verdict_after_bap(args: str) -> dict[str, Any] | None:
    """Step 4's inputs typed the other way round, the BAP first and then the verdict
    ("BAP W18-0042 1 Desember 2026 tidak terbukti, …"); None when the verdict comes first (the
    usual reading) or is not there at all (read_inputs then says what is missing)."""
    if read_choice("verdict", args.strip())[0] is not None:
        return None
    found = bap.read(args.strip())
    if found is None:
        return None
    choice, note = read_choice("verdict", found[2])
    if choice is None:
        return None
    return {"verdict": choice, "bap": found[:2], "note": note.strip()}


def retire_keyboards(unit: "Unit", complaint: "Complaint", now: dt.datetime) -> int:
    """Old buttons of this complaint lose their step actions (a 'Lihat' button stays)."""
    retired = 0
    for row in unit.bound_keyboards(complaint.id):
        if row.payload.get("stage") != complaint.stage:
            retired += unit.retire_keyboard(row, keyboard.view_only(complaint.ticket), now)
    return retired
