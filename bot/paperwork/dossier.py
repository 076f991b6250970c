"""A complaint's record as a Dossier, its letter number, and its documents as files."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from bot import identity
from bot.channels import CHANNEL_LABELS
from bot.labels import incident_label, place_label
from bot.notify import complainant_lang
from bot.paperwork import documents as docs
from bot.paperwork.outfiles import OutFile
from bot.sop.stages import UNWITHDRAW, WITHDRAW, Stage
from bot.sop.workflow import FOLLOW_UPS, VERDICTS

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from storage.models import Complaint, StageEvent
    from storage.repo import Unit

CHOICE_WORDS = set(VERDICTS) | set(FOLLOW_UPS)
# The conversation's place choices (stored keys), as a report names them.
BAP = re.compile(r"\bBAP\s+(?:No\.?\s*|Nomor\s+)?(\S+)\s+(?:tanggal\s+)?(\d{4}-\d{2}-\d{2})\b",
                 re.IGNORECASE)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def assign_letter_number(unit: "Unit", config: "OfficeConfig", complaint: "Complaint",
                         now: dt.datetime) -> str:
    """The complaint's letter number, assigned once (next of the local year's sequence)."""
    if complaint.letter_number:
        return complaint.letter_number
    local = now.astimezone(config.office.tz).date()
    seq = unit.next_letter_seq(local.year)
    complaint.letter_year, complaint.letter_seq, complaint.letter_at = local.year, seq, now
    complaint.letter_number = docs.letter_number(seq, config.office.letterhead.number_pattern,
                                                 local)
    return complaint.letter_number


def actor_name(config: "OfficeConfig", event: "StageEvent") -> tuple[str, str | None]:
    """(name, NIP) of an event's actor: from the roster by Telegram id, else as recorded."""
    head, _, name = event.actor.partition(" ")
    if head.startswith("telegram:"):
        officer = config.officer(head.removeprefix("telegram:"))
        if officer is not None:
            return officer.name, officer.nip
    if event.actor_role == "complainant":
        return "Pelapor", None          # the trail names complainants by internal id only
    return (name or event.actor), None


def officer_note(event: "StageEvent", without_bap: bool = False) -> str | None:
    """The officer's own note of a stage event (without the step label and the choice), its
    dates as a letter writes them ('1 Desember 2026'); `without_bap`: the BAP number and date
    left out too (printed on rows of their own)."""
    parts = (event.note or "").split(" — ")[1:]
    if without_bap:     # 'BAP W18-0042 2026-12-01 selesai' typed in one piece: 'selesai'
        parts = [BAP.sub("", p, count=1).strip(" ,.;:-") if BAP.search(p) else p
                 for p in parts]
    parts = [p for p in parts if p and p not in CHOICE_WORDS]
    return spoken_dates(" — ".join(parts)) or None


def spoken_dates(text: str) -> str:
    """ISO dates in a text as a letter writes them ('2026-12-01' -> '1 Desember 2026')."""
    def spoken(match: "re.Match[str]") -> str:
        try:
            return docs.tanggal(dt.date.fromisoformat(match.group(0)))
        except ValueError:
            return match.group(0)
    return ISO_DATE.sub(spoken, text)


def _moves(complaint: "Complaint") -> dict[str, "StageEvent"]:
    """The event that brought the complaint to each stage it still holds. A step undone (a
    report sent back after its initials) drops what came after the stage it returned to."""
    found: dict[str, "StageEvent"] = {}
    order = [stage.value for stage in Stage]
    for event in complaint.events:
        if event.from_stage == event.to_stage:
            continue
        if _back(event):
            for later in order[order.index(event.to_stage) + 1:]:
                found.pop(later, None)
            continue
        found[event.to_stage] = event
    return found


def _back(event: "StageEvent") -> bool:
    """Whether the event moved the complaint back to an earlier stage (a step undone)."""
    order = [stage.value for stage in Stage]
    return (event.from_stage in order and event.to_stage in order
            and order.index(event.to_stage) < order.index(event.from_stage))


# Moves that are no SOP step, as the report's history names them (it numbers none of them).
ASIDE = {"return": "Draf dikembalikan kepada penyusun",
         WITHDRAW: "Dicabut atas permintaan pelapor", UNWITHDRAW: "Pencabutan dibatalkan"}


def _aside(event: "StageEvent") -> str | None:
    """What a move that is no SOP step did (a draft sent back after its initials, a withdrawal
    or its undoing), or None for a step done."""
    if event.action in ASIDE:
        return ASIDE[event.action]
    return "Dikembalikan ke tahap sebelumnya" if _back(event) else None


def _approval(config: "OfficeConfig", event: "StageEvent | None") -> docs.Approval:
    if event is None:
        return docs.Approval()
    name, nip = actor_name(config, event)
    capacity = getattr(event, "capacity", None)
    officer = config.officer(event.actor.split(" ", 1)[0].removeprefix("telegram:"))
    return docs.Approval(name=name, nip=nip, at=event.at, capacity=capacity,
                         position=officer.position if officer else None)


def read_bap(note: str | None) -> tuple[str, dt.date] | None:
    """'BAP W18.IMI-123 2026-12-01 …' in a step-4 note -> (number, date), else None."""
    match = BAP.search(note or "")
    if not match:
        return None
    try:
        return match.group(1).rstrip(",;"), dt.date.fromisoformat(match.group(2))
    except ValueError:
        return None


def _audit_note(event: "StageEvent", office: docs.OfficeInfo,
                complaint: "Complaint", concealed: bool = False) -> str | None:
    capacity = getattr(event, "capacity", None)
    if capacity:        # an approval given for someone else: say in what capacity
        signed = docs.signatory_lines(office, docs.Approval(capacity=capacity, position=""))
        return " — ".join(p for p in (f"Sebagai {signed.rstrip(',')}", officer_note(event)) if p)
    if event.action == "stage":
        return officer_note(event)
    if event.actor_role == "complainant" and event.to_stage == "received":
        # The complaint's channel (the actor is a pseudonymous key, never a channel name).
        channel = complaint.channel
        if concealed:
            return "Diterima"
        return f"Diterima melalui {CHANNEL_LABELS.get(channel, channel)}"
    note = identity.trail_note(event, complaint, identity.FILE)
    if concealed and event.from_stage is None:        # "Dicatat oleh … dari kanal Telepon"
        note = identity.without_channel(note)
    return note or None


def dossier(config: "OfficeConfig", complaint: "Complaint") -> docs.Dossier:
    """Everything the cover letter and the report say, from the record and the roster."""
    head = config.office.letterhead
    office = docs.OfficeInfo.from_config(config)

    def said(text: str | None) -> str:      # the complainant's words, as a file may carry them
        return identity.complainant_text(text, complaint, complaint.complainant, identity.FILE)
    moves = _moves(complaint)
    examined, followed = moves.get("examined"), moves.get("followed_up")
    # Any officer may fetch these files (/dokumen), the one a sensitive complaint is about
    # too: as in the register, its channel is "Dirahasiakan" and its moments are dates
    # (documents.concealed), for every reader alike, the leaders and the regional office too
    # (a signed copy is one file).
    concealed = identity.conceals_receipt(complaint, config.sensitive_types, identity.FILE)
    def officers(text: str | None) -> str | None:     # their notes, as a file may carry them
        return identity.officers_text_in_file(text, complaint, complaint.complainant)
    audit = tuple(docs.AuditEntry(stage=e.to_stage, actor=actor_name(config, e)[0],
                                  role=e.actor_role, at=e.at,
                                  note=officers(_audit_note(e, office, complaint, concealed)),
                                  aside=_aside(e))
                  for e in complaint.events if e.from_stage != e.to_stage)
    bap_number, bap_date = complaint.bap_number, complaint.bap_date
    if examined is not None and not bap_number:
        found = read_bap(examined.note)
        if found:
            bap_number, bap_date = found
    letter_at = complaint.letter_at or complaint.updated_at
    external = None
    if identity.file_tracking(complaint) and not concealed:
        external = f"{CHANNEL_LABELS.get(complaint.channel, complaint.channel)} " \
                   f"{identity.file_tracking(complaint)}"
    return docs.Dossier(
        office=office, letter_number=complaint.letter_number or "(belum diberi nomor)",
        letter_date=letter_at.astimezone(config.office.tz).date(), ticket=complaint.ticket,
        complaint_type=config.complaint_types[complaint.type].id, type_key=complaint.type,
        channel=identity.CONCEALED_CHANNEL if concealed
        else CHANNEL_LABELS.get(complaint.channel, complaint.channel),
        received_at=complaint.created_at, description=said(complaint.description),
        desired_outcome=said(complaint.desired_outcome) or None,
        **identity.document_fields(complaint),
        place=said(place_label(config, complaint)) or None,
        incident_time=said(incident_label(complaint, config.office.tz)) or None,
        reported_party=said(complaint.reported_party) or None,
        section=config.sections[complaint.section].name if complaint.section else None,
        external_ref=external,
        examination_summary=officers(officer_note(examined, without_bap=True))
        if examined else None,
        verdict=complaint.verdict,
        examined_by=actor_name(config, examined)[0] if examined else None,
        examined_at=examined.at if examined else None,
        bap_number=bap_number, bap_date=bap_date,
        follow_up=complaint.follow_up,
        follow_up_notes=officers(officer_note(followed)) if followed else None,
        initialed=_approval(config, moves.get("initialed")),
        signed=_approval(config, moves.get("signed")), audit=audit,
        addressee=head.addressee, addressee_place=head.addressee_place,
        story_language=complainant_lang(complaint))


def document_files(config: "OfficeConfig", complaint: "Complaint") -> list[OutFile]:
    """The cover letter and the report, each as DOCX and PDF."""
    d = dossier(config, complaint)
    number = complaint.letter_number or "-"
    cover = f"Surat pengantar {complaint.ticket}, nomor {number}"
    report = f"Laporan pengaduan {complaint.ticket}, nomor {number}"
    return [OutFile(f"Surat_Pengantar_{complaint.ticket}.docx", docs.cover_letter_docx(d), cover),
            OutFile(f"Surat_Pengantar_{complaint.ticket}.pdf", docs.cover_letter_pdf(d), cover),
            OutFile(f"Laporan_Pengaduan_{complaint.ticket}.docx", docs.report_docx(d), report),
            OutFile(f"Laporan_Pengaduan_{complaint.ticket}.pdf", docs.report_pdf(d), report)]
