"""Everything held about one complainant (a data-subject export), and erasing it.

Erasing a person keeps the complaints (the office's record of how they were handled) and the
append-only trails, which name the person only by internal id; it removes what identifies them:
the number or chat id, names, message texts, attachments' references and kept evidence files,
the conversation, look-up failures, and makes their complaints anonymous.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Callable, Iterable

from sqlalchemy import Text, cast, delete, or_, select, update
from sqlalchemy.orm import Session

from storage.models import (
    Attachment,
    Complainant,
    Complaint,
    ContactRequest,
    ConversationState,
    DataRequest,
    Download,
    Message,
    OutboxItem,
    StageEvent,
    StatusFailure,
    StatusLock,
)

ERASED = "[dihapus]"
# A person's own words kept on a complaint after the person is forgotten.
WORDS = ("description", "place_detail", "incident_time_text", "reported_party",
         "desired_outcome", "rating_comment", "outcome_message")
# Given (names, channel, address): what makes a text forget that person (bot/identity.py).
Forgetting = Callable[[Iterable[str | None], str | None, str | None], Callable[[str], str]]
ERASED_PREFIX = "dihapus-"
SKIP_COLUMNS = {"pin_hash"}


def _row(obj: Any, skip: set[str] = SKIP_COLUMNS) -> dict[str, Any]:
    out = {}
    for column in obj.__table__.columns:
        if column.key in skip:
            continue
        value = getattr(obj, column.key)
        out[column.key] = value.isoformat() if isinstance(value, (dt.datetime, dt.date)) else value
    return out


def erased_address(complainant_id: int) -> str:
    return f"{ERASED_PREFIX}{complainant_id}"


def export(session: Session, complainant_id: int) -> dict[str, Any] | None:
    """Everything the database holds about the person, as plain JSON-ready data."""
    person = session.get(Complainant, complainant_id)
    if person is None:
        return None
    complaints = list(session.scalars(select(Complaint).where(
        Complaint.complainant_id == complainant_id).order_by(Complaint.id)))
    ids = [c.id for c in complaints]
    events = list(session.scalars(select(StageEvent).where(StageEvent.complaint_id.in_(ids))
                                  .order_by(StageEvent.id))) if ids else []
    messages = list(session.scalars(select(Message).where(
        Message.complainant_id == complainant_id).order_by(Message.id)))
    message_ids = [m.id for m in messages]
    attachments = list(session.scalars(select(Attachment).where(or_(
        Attachment.message_id.in_(message_ids or [-1]), Attachment.complaint_id.in_(ids or [-1])))
        .order_by(Attachment.id)))
    outbox = list(session.scalars(select(OutboxItem).where(
        OutboxItem.complainant_id == complainant_id).order_by(OutboxItem.id)))
    conversation = session.scalar(select(ConversationState).where(
        ConversationState.channel == person.channel,
        ConversationState.address == person.address))
    key = f"complainant:{complainant_id}"
    return {
        "complainant": _row(person),
        "complaints": [{**_row(c), "events": [
            {k: v for k, v in _row(e).items() if k != "actor"} | {"actor": _actor(e)}
            for e in events if e.complaint_id == c.id]} for c in complaints],
        "messages": [_row(m, {"provider_id"}) for m in messages],
        "attachments": [_row(a) for a in attachments],
        "notifications": [{k: v for k, v in _row(o, {"secret", "locked_by", "payload"}).items()}
                          for o in outbox],
        "conversation": _row(conversation) if conversation else None,
        "contact_requests": [_row(r) for r in session.scalars(select(ContactRequest).where(
            ContactRequest.complainant_id == complainant_id).order_by(ContactRequest.id))],
        "data_requests": [_row(r, {"officer_id"}) for r in session.scalars(
            select(DataRequest).where(DataRequest.complainant_id == complainant_id)
            .order_by(DataRequest.id))],
        "status_lookup_failures": len(list(session.scalars(select(StatusFailure.id).where(
            StatusFailure.subject == "identity", StatusFailure.key == key)))),
    }


def _actor(event: StageEvent) -> str:
    """The audit trail's actor as the export shows it: the person, or an officer's role."""
    return "pelapor" if event.actor_role == "complainant" else event.actor_role


def forget_in_complaints(session: Session, complaint_ids: list[int], names: list[str | None],
                         channel: str | None, address: str | None,
                         forgetting: Forgetting | None) -> int:
    """The complaints' texts in the person's words (story, place, time, outcome wanted, rating
    comment, the officer's final answer to them) rewritten so that they no longer name or
    number the person; returns how many complaints changed."""
    if forgetting is None or not complaint_ids:
        return 0
    forget = forgetting(names, channel, address)
    changed = 0
    for complaint in session.scalars(select(Complaint).where(Complaint.id.in_(complaint_ids))):
        before = [getattr(complaint, field) for field in WORDS]
        after = [forget(text) if text else text for text in before]
        if after != before:
            for field, text in zip(WORDS, after):
                setattr(complaint, field, text)
            changed += 1
    return changed


def erase(session: Session, complainant_id: int, now: dt.datetime,
          forgetting: Forgetting | None = None) -> dict[str, int] | None:
    """Remove what identifies the person; returns what was changed (None: unknown person).
    `forgetting` (bot/identity.py) also rewrites their complaints' texts in their words.

    Returns the kept evidence files no longer referenced under "files" (paths, for the caller
    to delete from the file store)."""
    person = session.get(Complainant, complainant_id)
    if person is None:
        return None
    channel, address = person.channel, person.address
    anonymous = erased_address(complainant_id)
    complaints = list(session.scalars(select(Complaint.id).where(
        Complaint.complainant_id == complainant_id)))
    done: dict[str, Any] = {"complaints": len(complaints)}
    message_ids = list(session.scalars(select(Message.id).where(or_(
        Message.complainant_id == complainant_id,
        (Message.channel == channel) & (Message.address == address)))))
    done["messages"] = session.execute(
        update(Message).where(Message.id.in_(message_ids or [-1]))
        .values(body=ERASED, address=anonymous)).rowcount or 0
    done["files"] = clear_attachments(session, or_(
        Attachment.message_id.in_(message_ids or [-1]),
        Attachment.complaint_id.in_(complaints or [-1])))
    who = or_(OutboxItem.complainant_id == complainant_id,
              (OutboxItem.channel == channel) & (OutboxItem.address == address))
    session.execute(update(OutboxItem).where(who, OutboxItem.status.in_(("pending", "sending")))
                    .values(status="failed", last_error="data pelapor dihapus", secret=None))
    done["notifications"] = session.execute(
        update(OutboxItem).where(who).values(body=ERASED, payload={}, address=anonymous,
                                             secret=None)).rowcount or 0
    # providers quote the number in their errors (Twilio's 21211 names the "To" number)
    for row in session.scalars(select(OutboxItem).where(
            OutboxItem.address == anonymous, OutboxItem.last_error.is_not(None))):
        row.last_error = without_address(row.last_error, address)
    session.execute(delete(ConversationState).where(ConversationState.channel == channel,
                                                    ConversationState.address == address))
    key = f"complainant:{complainant_id}"
    session.execute(delete(StatusFailure).where(StatusFailure.subject == "identity",
                                                StatusFailure.key == key))
    session.execute(delete(StatusLock).where(StatusLock.subject == "identity",
                                             StatusLock.key == key))
    session.execute(update(ContactRequest).where(
        ContactRequest.complainant_id == complainant_id,
        ContactRequest.status.in_(("open", "answered"))).values(status="closed", closed_at=now))
    needles = [person.address, person.name, person.profile_name] + list(session.scalars(
        select(Complaint.reporter_name).where(Complaint.id.in_(complaints or [-1]))))
    done["mentions"] = scrub_mentions(session, needles)
    done["complaint_texts"] = forget_in_complaints(
        session, complaints, needles[1:], channel, address, forgetting)
    if complaints:
        session.execute(update(Complaint).where(Complaint.id.in_(complaints))
                        .values(reporter_name=None, identity_mode="anonymous"))
    person.address, person.name, person.profile_name = anonymous, None, None
    return done


def without_address(text: str, address: str) -> str:
    """`text` with a number or chat id removed, however it is written in it (with or without
    +, the country code or a leading 0, with spaces, dots or dashes between the digits)."""
    digits = re.sub(r"\D", "", address)
    if len(digits) < 5:
        return text.replace(address, ERASED) if address else text
    national = re.sub(r"^(?:62|0)", "", digits) if address.startswith(("+62", "62", "0")) \
        else digits
    core = r"[\s.\-()/]*".join(national)
    return re.sub(r"(?:\+?\d{1,3}|0)?[\s.\-()/]*" + core, ERASED, text)


def scrub_mentions(session: Session, needles: list[str | None]) -> int:
    """Officer-facing copies (alerts, answers shown to officers) that name the person: the
    names and the number replaced by "[dihapus]" in message texts and outbox rows."""
    needles = sorted({n for n in needles if n and len(n) >= 3}, key=len, reverse=True)
    if not needles:
        return 0

    def scrub(text: str) -> str:
        for needle in needles:
            text = text.replace(needle, ERASED)
        return text

    changed = 0
    for needle in needles:
        pattern = f"%{needle}%"
        escaped = f"%{json.dumps(needle)[1:-1]}%"     # how a JSON column may spell it
        for row in session.scalars(select(OutboxItem).where(or_(
                OutboxItem.body.like(pattern), cast(OutboxItem.payload, Text).like(pattern),
                cast(OutboxItem.payload, Text).like(escaped)))):
            row.body = scrub(row.body)
            row.payload = json.loads(scrub(json.dumps(row.payload or {}, ensure_ascii=False)))
            changed += 1
        for row in session.scalars(select(Message).where(Message.body.like(pattern))):
            row.body = scrub(row.body)
            changed += 1
    return changed


def clear_attachments(session: Session, where: Any) -> list[str]:
    """Attachments' channel references cleared; the kept files they alone used, returned."""
    rows = list(session.scalars(select(Attachment).where(where, Attachment.url != ERASED)))
    if not rows:
        return []
    ids = [a.id for a in rows]
    paths = {a.stored_path for a in rows if a.stored_path}
    session.execute(update(Attachment).where(Attachment.id.in_(ids))
                    .values(url=ERASED, stored_path=None))
    session.execute(update(Download).where(Download.attachment_id.in_(ids))
                    .values(ref=ERASED))
    session.execute(update(Download).where(Download.attachment_id.in_(ids),
                                           Download.status.in_(("pending", "working")))
                    .values(status="failed", last_error="data pelapor dihapus"))
    still = set(session.scalars(select(Attachment.stored_path).where(
        Attachment.stored_path.in_(paths)))) if paths else set()
    return sorted(paths - still)
