"""A complaint's record as a Dossier, its letter number, and its documents as files."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bot.channels import CHANNEL_LABELS
from bot.paperwork import documents as docs
from bot.paperwork.outfiles import OutFile
from bot.sop.workflow import FOLLOW_UPS, VERDICTS

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from storage.models import Complaint, StageEvent
    from storage.repo import Unit

CHOICE_WORDS = set(VERDICTS) | set(FOLLOW_UPS)


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
        channel = event.actor.split(":", 1)[0]
        return CHANNEL_LABELS.get(channel, channel), None
    return (name or event.actor), None


def officer_note(event: "StageEvent") -> str | None:
    """The officer's own note of a stage event (without the step label and the choice)."""
    parts = (event.note or "").split(" — ")[1:]
    parts = [p for p in parts if p not in CHOICE_WORDS]
    return " — ".join(parts) or None


def _moves(complaint: "Complaint") -> dict[str, "StageEvent"]:
    found: dict[str, "StageEvent"] = {}
    for event in complaint.events:
        if event.from_stage != event.to_stage:
            found[event.to_stage] = event
    return found


def _approval(config: "OfficeConfig", event: "StageEvent | None") -> docs.Approval:
    if event is None:
        return docs.Approval()
    name, nip = actor_name(config, event)
    return docs.Approval(name=name, nip=nip, at=event.at)


def dossier(config: "OfficeConfig", complaint: "Complaint") -> docs.Dossier:
    """Everything the cover letter and the report say, from the record and the roster."""
    head = config.office.letterhead
    office = docs.OfficeInfo.from_config(config, city=head.city, ministry=head.ministry,
                                         directorate=head.directorate,
                                         regional_office=head.regional_office)
    moves = _moves(complaint)
    examined, followed = moves.get("examined"), moves.get("followed_up")
    audit = tuple(docs.AuditEntry(stage=e.to_stage, actor=actor_name(config, e)[0],
                                  role=e.actor_role, at=e.at,
                                  note=officer_note(e) if e.action == "stage" else e.note)
                  for e in complaint.events if e.from_stage != e.to_stage)
    letter_at = complaint.letter_at or complaint.updated_at
    external = None
    if complaint.external_id:
        external = f"{CHANNEL_LABELS.get(complaint.channel, complaint.channel)} " \
                   f"{complaint.external_id}"
    return docs.Dossier(
        office=office, letter_number=complaint.letter_number or "(belum diberi nomor)",
        letter_date=letter_at.astimezone(config.office.tz).date(), ticket=complaint.ticket,
        complaint_type=config.complaint_types[complaint.type].id,
        channel=CHANNEL_LABELS.get(complaint.channel, complaint.channel),
        received_at=complaint.created_at, description=complaint.description,
        complainant_name=complaint.reporter_name, anonymous=complaint.anonymous,
        confidential=complaint.confidential,
        place=complaint.place_detail or complaint.place,
        incident_time=complaint.incident_time_text, reported_party=complaint.reported_party,
        section=config.sections[complaint.section].name if complaint.section else None,
        external_ref=external,
        examination_summary=officer_note(examined) if examined else None,
        verdict=complaint.verdict,
        examined_by=actor_name(config, examined)[0] if examined else None,
        examined_at=examined.at if examined else None,
        follow_up=complaint.follow_up,
        follow_up_notes=officer_note(followed) if followed else None,
        initialed=_approval(config, moves.get("initialed")),
        signed=_approval(config, moves.get("signed")), audit=audit,
        addressee=head.addressee, addressee_place=head.addressee_place)


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
