"""The officer desk: commands and buttons from officers, checked against the roster and the SOP."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from bot import officer_files, officer_intake, officer_message, rating
from bot import officer_views as views
from bot.dossier import assign_letter_number, document_files
from bot.notify import Notifier, buttons
from bot.outfiles import OutFile, enqueue_files
from bot.rich import Rich
from bot.sop import (Refused, check_action, check_role, check_transition, due_after, may_see,
                     read_inputs)
from bot.stages import Stage
from bot.tickets import find_ticket
from storage.models import OfficerAction, StageEvent

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer
    from storage.models import Complaint
    from storage.repo import Unit

log = logging.getLogger(__name__)

# Indonesian command words (and a few English aliases) -> action.
COMMANDS = {"aduan": "list", "daftar": "list", "lihat": "view", "ambil": "take",
            "pesan": "message", "jenis": "retype", "teruskan": "forward", "tahap": "stage", "lanjut": "stage",
            "kabar": "update", "balas": "relay", "bantuan": "help", "identitas": "identity",
            "help": "help", "list": "list", "view": "view", "dokumen": "documents",
            "rekap": "recap", "register": "register", "inventaris": "register",
            "catat": "record", "batal": "cancel"}
# Button actions (callback data "action:TICKET").
BUTTONS = {"take": "take", "next": "stage", "view": "view"}
NEEDS_TICKET = {"view", "take", "retype", "forward", "stage", "update", "relay", "identity",
                "documents"}
CHANGES = {"take", "retype", "forward", "stage", "update", "relay"}


@dataclass(frozen=True)
class OfficerRequest:
    """One command or button press, already authenticated by its channel adapter."""

    actor_id: str
    chat_id: str
    private: bool
    action: str
    ticket: str | None = None
    args: str = ""
    actor_name: str | None = None
    via: str = "command"          # command | button
    channel: str = "telegram"


@dataclass
class DeskAnswer:
    """What to show the officer: a message, and a short toast for a button press."""

    ok: bool
    message: Rich | None
    toast: str = ""
    alert: bool = False
    changed: bool = False
    log_detail: str = field(default="", repr=False)
    files: list[OutFile] = field(default_factory=list)   # sent after the message, in order
    choices: list[str] | None = None                      # a keyboard of answers (dialogues)


def parse_command(text: str, office_code: str) -> OfficerRequest | None:
    """'/ambil TRK-7K3Q-9MXA' -> a partial request (actor and chat filled in by the caller)."""
    text = text.strip()
    if not text.startswith("/"):
        return None
    head, _, rest = text[1:].partition(" ")
    word = head.split("@", 1)[0].lower()
    action = COMMANDS.get(word)
    if action is None:
        return None
    ticket = None
    rest = rest.strip()
    if action in NEEDS_TICKET:
        first, _, remainder = rest.partition(" ")
        ticket = find_ticket(first, office_code)
        if ticket:
            rest = remainder.strip()
    return OfficerRequest(actor_id="", chat_id="", private=False, action=action, ticket=ticket,
                          args=rest)


def parse_button(data: str, office_code: str) -> OfficerRequest | None:
    action, _, ticket = data.partition(":")
    if action not in BUTTONS:
        return None
    return OfficerRequest(actor_id="", chat_id="", private=False, action=BUTTONS[action],
                          ticket=find_ticket(ticket, office_code), via="button")


class OfficerDesk:
    """Runs one officer request inside the caller's transaction, logging every attempt."""

    def __init__(self, config: "OfficeConfig", notifier: Notifier,
                 clock: Callable[[], dt.datetime]):
        self.config = config
        self.notifier = notifier
        self.clock = clock

    def in_dialog(self, unit: "Unit", actor_id: str) -> bool:
        """Whether this officer is in the middle of a dialogue (/catat) with the bot."""
        if self.config.officer(actor_id) is None:
            return False
        conversation = unit.conversation(officer_intake.DIALOG_CHANNEL, actor_id)
        return conversation is not None and conversation.state != officer_intake.IDLE

    def handle(self, unit: "Unit", request: OfficerRequest) -> DeskAnswer:
        now = self.clock()
        officer = self.config.officer(request.actor_id)
        complaint = None
        try:
            if officer is None:
                raise Refused("Anda tidak terdaftar sebagai petugas pengaduan. "
                              "Permintaan ini dicatat.")
            if request.action in NEEDS_TICKET:
                if not request.ticket:
                    raise Refused(views.usage(request.action))
                complaint = unit.complaint_by_ticket(request.ticket,
                                                     lock=request.action in CHANGES)
                if complaint is None:
                    raise Refused(f"Tiket {request.ticket} tidak ditemukan.")
                if not may_see(officer, complaint.section):
                    raise Refused(f"Pengaduan {request.ticket} tidak diteruskan ke seksi Anda.")
            answer = self._run(unit, officer, request, complaint, now)
        except Refused as refusal:
            log.warning("officer action refused: %s by %s (%s) in chat %s: %s", request.action,
                        request.actor_id, officer.role if officer else "not on roster",
                        request.chat_id, refusal)
            answer = DeskAnswer(False, Rich().t(f"⛔ {refusal}"), toast=str(refusal)[:190],
                                alert=True, log_detail=str(refusal))
        unit.log_officer_action(OfficerAction(
            at=now, channel=request.channel, actor_id=request.actor_id,
            actor_name=officer.name if officer else request.actor_name,
            actor_role=officer.role if officer else None, chat_id=request.chat_id,
            action=request.action, ticket=request.ticket,
            complaint_id=complaint.id if complaint else None, allowed=answer.ok,
            detail=(answer.log_detail or request.args)[:2000] or None))
        return answer

    # ---------------------------------------------------------------------------------------
    def _run(self, unit: "Unit", officer: "Officer", request: OfficerRequest,
             complaint: "Complaint | None", now: dt.datetime) -> DeskAnswer:
        action = request.action
        if action == "help":
            return DeskAnswer(True, views.help_text(officer, request.actor_id))
        if action == "list":
            section = officer.section if officer.role == "seksi" else None
            return DeskAnswer(True, views.open_list(self.config, unit.open_complaints(section),
                                                    now))
        if action in ("recap", "register"):
            check_role(officer, action)
            summary, files = (
                officer_files.recap(unit, self.config, self.notifier.hours, request.args, now)
                if action == "recap" else officer_files.register(unit, self.config, now))
            return DeskAnswer(True, Rich().t(f"📊 {summary}"), files=files)
        if action == "message":
            return officer_message.handle(self, unit, officer, request, now)
        if action in ("record", "cancel", "dialog"):
            return officer_intake.handle(self, unit, officer, request, now)
        assert complaint is not None
        if action == "documents":
            files = officer_files.documents(self.config, complaint)   # refused before step 6
            check_action(officer, "documents", complaint.stage)
            return DeskAnswer(True, Rich().t(f"📎 Dokumen {complaint.ticket} "
                                             f"(nomor {complaint.letter_number})"), files=files)
        if action == "view":
            shown = request.private and officer.role in ("kasi_tikkim", "kepala_kantor")
            rich = views.detail(self.config, complaint, now, identity=shown)
            return DeskAnswer(True, buttons(rich, complaint), toast=complaint.ticket,
                              log_detail="identitas ditampilkan" if shown and complaint.confidential
                              else "")
        if action == "identity":
            check_action(officer, "identity", complaint.stage)
            if not request.private:
                raise Refused("Identitas hanya ditampilkan di chat pribadi dengan bot.")
            return DeskAnswer(True, views.detail(self.config, complaint, now, identity=True),
                              log_detail="identitas ditampilkan")
        if action == "stage":
            return self._stage(unit, officer, request, complaint, now)
        check_action(officer, action, complaint.stage)
        return getattr(self, f"_{action}")(unit, officer, request, complaint, now)

    def _event(self, unit: "Unit", officer: "Officer", complaint: "Complaint", action: str,
               note: str, now: dt.datetime, from_stage: str | None = None) -> None:
        event = unit.add_stage_event(StageEvent(
            complaint_id=complaint.id, actor=f"telegram:{officer.telegram_id} {officer.name}",
            actor_role=officer.role, from_stage=from_stage or complaint.stage,
            to_stage=complaint.stage, note=note[:4000], at=now, action=action))
        complaint.events.append(event)
        complaint.updated_at = now

    def _done(self, unit: "Unit", request: OfficerRequest, complaint: "Complaint",
              text: str, now: dt.datetime, announce: bool = True) -> DeskAnswer:
        """Confirm to the officer; tell the group too when the action came from elsewhere."""
        rich = Rich().t(f"✅ {complaint.ticket}: {text}")
        if announce and request.private:
            self.notifier.to_officers(unit, Rich().t(f"ℹ️ {complaint.ticket}: {text}"), now,
                                      "announce", complaint)
        return DeskAnswer(True, rich, toast=text[:190], changed=True)

    def _take(self, unit, officer, request, complaint, now):  # type: ignore[no-untyped-def]
        if complaint.assigned_to == officer.name:
            return DeskAnswer(True, Rich().t(f"{complaint.ticket} sudah Anda ambil."),
                              toast="Sudah Anda ambil")
        complaint.assigned_to = officer.name
        self._event(unit, officer, complaint, "take", f"Diambil oleh {officer.name}", now)
        return self._done(unit, request, complaint, f"diambil oleh {officer.name}", now)

    def _retype(self, unit, officer, request, complaint, now):  # type: ignore[no-untyped-def]
        key = request.args.split()[0].lower() if request.args.split() else ""
        if key not in self.config.complaint_types:
            raise Refused("Jenis tidak dikenal. Pilihan: " + ", ".join(self.config.type_keys()))
        if key == complaint.type:
            raise Refused(f"Jenisnya sudah {key}.")
        old = complaint.type
        complaint.type, complaint.type_source, complaint.type_changed_by = key, "officer", "officer"
        complaint.type_confidence = None
        self._event(unit, officer, complaint, "retype", f"Jenis diubah: {old} → {key}", now)
        return self._done(unit, request, complaint, f"jenis diubah dari {old} menjadi {key}", now)

    def _forward(self, unit, officer, request, complaint, now):  # type: ignore[no-untyped-def]
        key = request.args.split()[0].lower() if request.args.split() else ""
        if key not in self.config.sections:
            raise Refused("Seksi tidak dikenal. Pilihan: " + ", ".join(self.config.sections))
        complaint.section = key
        name = self.config.sections[key].name
        self._event(unit, officer, complaint, "forward", f"Diteruskan ke {name}", now)
        return self._done(unit, request, complaint, f"diteruskan ke {name}", now)

    def _update(self, unit, officer, request, complaint, now):  # type: ignore[no-untyped-def]
        return self._relay(unit, officer, request, complaint, now, kind="update")

    def _relay(self, unit, officer, request, complaint, now, kind="relay"):  # type: ignore[no-untyped-def]
        text = request.args.strip()
        if not text:
            raise Refused(views.usage(kind))
        if not self.notifier.relay(unit, complaint, now, text, kind):
            raise Refused("Pelapor tidak dapat dihubungi lewat kanal pengaduannya.")
        label = "Kabar kepada pelapor" if kind == "update" else "Balasan kepada pelapor"
        self._event(unit, officer, complaint, kind, f"{label}: {text}", now)
        return self._done(unit, request, complaint, f"{label.lower()} dikirim", now,
                          announce=False)

    def _stage(self, unit, officer, request, complaint, now):  # type: ignore[no-untyped-def]
        target = None
        args = request.args
        first = args.split()[0] if args.split() else ""
        if first in {s.value for s in Stage}:
            target, args = first, args[len(first):].strip()
        transition = check_transition(officer, complaint.stage, complaint.verdict,
                                      complaint.section, target)
        if request.via == "button" and transition.needs:
            raise Refused(views.usage("stage"))
        inputs = read_inputs(transition, args)
        source = complaint.stage
        if transition.target == Stage.REVIEWED and not complaint.section:
            complaint.section = self.config.complaint_types[complaint.type].section
        if "verdict" in inputs:
            complaint.verdict = inputs["verdict"]
        if "follow_up" in inputs:
            complaint.follow_up = inputs["follow_up"]
        complaint.stage = transition.target.value
        if transition.target == Stage.REPORT_DRAFTED:
            assign_letter_number(unit, self.config, complaint, now)
        complaint.due_at = due_after(self.config, self.notifier.hours, complaint.stage,
                                     complaint.verdict, now)
        details = [transition.label] + [inputs[k] for k in ("verdict", "follow_up") if k in inputs]
        if inputs["note"]:
            details.append(inputs["note"])
        self._event(unit, officer, complaint, "stage", " — ".join(details), now, source)
        told = transition.tells_complainant and self.notifier.stage_changed(
            unit, complaint, now, inputs["note"])
        text = f"langkah {transition.step} selesai: {transition.label}"
        if told:
            text += " (pelapor diberi kabar)"
        if transition.target == Stage.REPORTED and told:
            rating.invite(unit, self.notifier, complaint, now)
        files: list[OutFile] = []
        if transition.target == Stage.REPORT_DRAFTED:
            # The drafter gets the documents in their private chat, to check and edit them.
            text += f"; nomor surat {complaint.letter_number}, dokumen dikirim ke {officer.name}"
            files = document_files(self.config, complaint)
            if not request.private:
                enqueue_files(unit, files, str(officer.telegram_id), now, complaint.id,
                              kind="document")
                files = []
        answer = self._done(unit, request, complaint, text, now)
        assert answer.message is not None
        self.notifier.next_step(answer.message.nl(), complaint, now)
        buttons(answer.message, complaint)
        answer.files = files
        return answer
