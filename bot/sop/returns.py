"""A draft sent back (/kembalikan): what its correction must answer, and whether it came.

Until a replacement draft is kept, the report compiler holds the next move, not the approver
(`bot.sop.owners.holders` takes the `returned` event found here): /saya, /aduan, the
reminders and the escalations all ask `awaiting_correction`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot.sop.stages import Stage
from bot.sop.workflow import ROLE_LABEL, Role

if TYPE_CHECKING:
    from storage.models import Complaint, StageEvent, StoredDocument
    from storage.repo import Unit

DRAFTS = ("cover_letter", "report")   # what an approval covers (bot.paperwork.archive.TITLE)


def pending_return(complaint: "Complaint") -> "StageEvent | None":
    """The latest /kembalikan of the draft while it is still awaiting the approval it was
    returned from (none after the report moved past step 7 again)."""
    returns = [e for e in complaint.events if e.action == "return"]
    if not returns:
        return None
    last = max(returns, key=lambda e: (e.at, e.id or 0))
    moved = [e for e in complaint.events if e.action == "stage" and (e.at, e.id or 0) > (
        last.at, last.id or 0) and e.to_stage == Stage.INITIALED.value]
    return None if moved else last


def replaces(document: "StoredDocument", returned: "StageEvent") -> bool:
    """Whether the document is a replacement draft kept after the draft was sent back."""
    return (document.role == "upload" and document.kind in DRAFTS
            and document.created_at >= returned.at)


def corrected_since(unit: "Unit", complaint: "Complaint", returned: "StageEvent") -> bool:
    """Whether a replacement draft was kept after the draft was sent back."""
    return any(replaces(d, returned) for d in unit.documents_of(complaint.id))


def awaiting_correction(unit: "Unit", complaint: "Complaint") -> "StageEvent | None":
    """The /kembalikan whose correction the draft still waits for: sent back, and no
    replacement kept since (the drafter's upload with the ticket in its caption). Until it
    comes the report compiler holds the next move (`holders`), not the approver: /saya,
    /aduan, the reminders and the escalations all ask here."""
    returned = pending_return(complaint)
    if returned is None or corrected_since(unit, complaint, returned):
        return None
    return returned


def return_reason(returned: "StageEvent", limit: int = 200) -> str:
    """What the approver asked to fix, briefly: the trail's note after 'untuk diperbaiki: '
    (bot.desk.acts.return_draft), cut at `limit` characters."""
    note = returned.note or ""
    reason = note.partition(": ")[2] or note
    return reason if len(reason) <= limit else reason[:limit - 1].rstrip() + "…"


def return_notes(unit: "Unit", complaint: "Complaint", returned: "StageEvent") -> list[str]:
    """Every note the awaited correction must answer, oldest first, each with who wrote it
    ('nomor BAP keliru (Hendra Wijaya, Kasi Tikkim)'): each /kembalikan since the draft was
    last corrected, up to `returned` (`awaiting_correction`). Kasi Tikkim and then the Kepala
    Kantor may both send it back before a correction; a reminder with only the last note
    would let the first one's mistake come back uncorrected."""
    documents = unit.documents_of(complaint.id)
    returns = sorted((e for e in complaint.events if e.action == "return"
                      and (e.at, e.id or 0) <= (returned.at, returned.id or 0)
                      and not any(replaces(d, e) for d in documents)),
                     key=lambda e: (e.at, e.id or 0))
    return [f"{return_reason(e)} ({_writer(e)})" for e in returns]


def _writer(event: "StageEvent") -> str:
    """'Hendra Wijaya, Kasi Tikkim': the trail's name (`telegram:<id> <name>`) and role."""
    name = event.actor.partition(" ")[2] or event.actor
    return f"{name}, {ROLE_LABEL[Role(event.actor_role)]}"
