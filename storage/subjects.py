"""Everything held about one complainant (a data-subject export), and erasing it.

Erasing a person keeps the complaints (the office's record of how they were handled) and the
append-only trails, which name the person only by internal id; it removes what identifies them:
the number or chat id, names, message texts and the providers' ids of their messages,
attachments' references and kept evidence files, the conversation, look-up failures, their
names in the officers' copies about their complaints (texts, and the bytes of files sent), and
makes their complaints anonymous.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Callable, Iterable

from sqlalchemy import Text, and_, cast, delete, or_, select, update
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
# An attachment's fetch status once its file and channel reference are erased.
ERASED_FILE = "erased"


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
          forgetting: Forgetting | None = None,
          files_of: list[int] | None = None) -> dict[str, int] | None:
    """Remove what identifies the person; returns what was changed (None: unknown person).
    `forgetting` (bot/identity.py) also rewrites their complaints' texts in their words.
    `files_of`: the complaints whose evidence goes (with that of their messages); None, all
    the person's, and that of every message of theirs.

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
    # a provider's id (Twilio's MessageSid) is enough for whoever holds that account to look
    # the number up: it goes with the texts
    done["messages"] = session.execute(
        update(Message).where(Message.id.in_(message_ids or [-1]))
        .values(body=ERASED, address=anonymous, provider_id=None)).rowcount or 0
    done["files"] = clear_attachments(session, _evidence(complaints, message_ids, files_of))
    who = or_(OutboxItem.complainant_id == complainant_id,
              (OutboxItem.channel == channel) & (OutboxItem.address == address))
    session.execute(update(OutboxItem).where(who, OutboxItem.status.in_(("pending", "sending")))
                    .values(status="failed", last_error="data pelapor dihapus", secret=None))
    done["notifications"] = session.execute(
        update(OutboxItem).where(who).values(body=ERASED, payload={}, address=anonymous,
                                             secret=None, provider_id=None)).rowcount or 0
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
    about = _About.of(session, complainant_id, complaints)
    if forgetting is not None:
        done["copies"] = forget_in_copies(session, about, message_ids,
                                          forgetting(needles[1:], channel, address))
    done["file_copies"] = drop_file_copies(session, about)
    done["complaint_texts"] = forget_in_complaints(
        session, complaints, needles[1:], channel, address, forgetting)
    if complaints:
        session.execute(update(Complaint).where(Complaint.id.in_(complaints))
                        .values(reporter_name=None, identity_mode="anonymous"))
    person.address, person.name, person.profile_name = anonymous, None, None
    return done


def _evidence(complaints: list[int], message_ids: list[int], files_of: list[int] | None
              ) -> Any:
    """Which attachments an erasure clears (`erase`'s `files_of`)."""
    if files_of is None:
        return or_(Attachment.message_id.in_(message_ids or [-1]),
                   Attachment.complaint_id.in_(complaints or [-1]))
    theirs = [i for i in files_of if i in complaints] or [-1]
    said = select(Message.id).where(Message.id.in_(message_ids or [-1]),
                                    Message.complaint_id.in_(theirs))
    return or_(Attachment.complaint_id.in_(theirs),
               and_(Attachment.complaint_id.is_(None), Attachment.message_id.in_(said)))


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
    """Officer-facing copies (alerts, answers shown to officers) that name the person, about
    their complaints or not: their full names and their number replaced by "[dihapus]" in
    message texts and outbox rows, in any case and spacing ("WAHYUDI  prasetyo"). Single words
    of a name are left to `forget_in_copies`, which reads only copies about the person: a
    first name alone may be someone else's."""
    needles = sorted({" ".join(n.split()) for n in needles if n and len(n.strip()) >= 3},
                     key=len, reverse=True)
    if not needles:
        return 0
    patterns = [re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, n.split())) + r"(?!\w)",
                           re.IGNORECASE) for n in needles]

    def scrub(text: str) -> str:
        for pattern in patterns:
            text = pattern.sub(ERASED, text)
        return text

    changed: set[tuple[str, int]] = set()
    for needle in needles:
        first = max(needle.split(), key=len)     # however spaced: the rows are read again
        like = [f"%{first}%", f"%{json.dumps(first)[1:-1]}%"]    # how a JSON column spells it
        for row in session.scalars(select(OutboxItem).where(or_(
                *(OutboxItem.body.ilike(p) for p in like),
                *(cast(OutboxItem.payload, Text).ilike(p) for p in like)))):
            body, payload = scrub(row.body), json.loads(
                scrub(json.dumps(row.payload or {}, ensure_ascii=False)))
            if (body, payload) != (row.body, row.payload):
                row.body, row.payload = body, payload
                changed.add(("outbox", row.id))
        for row in session.scalars(select(Message).where(Message.body.ilike(like[0]))):
            body = scrub(row.body)
            if body != row.body:
                row.body = body
                changed.add(("messages", row.id))
    return len(changed)


class _About:
    """Which officers' copies are about an erased person: those of their complaints (by id, or
    naming a ticket), those naming their P-code (talk-to-officer requests, /pesan), and files
    made since their first complaint that name no ticket (a register or recap lists them)."""

    def __init__(self, complainant_id: int, complaints: list[int], tickets: list[str],
                 since: dt.datetime | None):
        self.complaints = set(complaints)
        self.tickets = tickets
        self.since = since
        self.code = f"P-{complainant_id}"
        self._named = re.compile("|".join([re.escape(t) for t in tickets] + [
            r"(?<![\w-])" + re.escape(self.code) + r"(?!\d)"]), re.IGNORECASE)
        # any ticket of the same offices: a file naming one names the complaint it is about
        prefixes = sorted({t.split("-")[0] for t in tickets})
        self._any_ticket = re.compile(
            r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, prefixes)) + r")-\w{4}-\w{4}",
            re.IGNORECASE) if prefixes else None

    @classmethod
    def of(cls, session: Session, complainant_id: int, complaints: list[int]) -> "_About":
        rows = session.execute(select(Complaint.ticket, Complaint.created_at).where(
            Complaint.id.in_(complaints or [-1]))).all()
        return cls(complainant_id, complaints, [r.ticket for r in rows],
                   min((r.created_at for r in rows), default=None))

    def likes(self) -> list[str]:
        """LIKE patterns that find the candidates (`names` decides)."""
        return [f"%{t}%" for t in self.tickets] + [f"%{self.code}%"]

    def names(self, text: str | None) -> bool:
        return bool(text) and self._named.search(text or "") is not None

    def outbox(self, row: OutboxItem) -> bool:
        return row.complaint_id in self.complaints or self.names(row.body) or self.names(
            json.dumps(_without_file_data(row.payload or {}), ensure_ascii=False))

    def lists(self, row: OutboxItem, name: str) -> bool:
        """A file that may list their complaint among others (no ticket in its caption or
        name), made after it was filed."""
        if self.since is None or row.complaint_id is not None or row.created_at is None:
            return False
        said = f"{row.body or ''} {name}"
        if self._any_ticket is not None and self._any_ticket.search(said):
            return False
        return _aware(row.created_at) >= _aware(self.since)


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes (UTC); PostgreSQL aware ones."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


# What in an outbox payload is no text for a reader: the file's bytes and where it is kept, the
# buttons' callback data, a mention's user id.
_NOT_TEXT = {"data", "path", "sha256", "buttons", "callback_query_id"}


def _without_file_data(payload: dict[str, Any]) -> dict[str, Any]:
    spec = payload.get("file")
    if not isinstance(spec, dict) or "data" not in spec:
        return payload
    return {**payload, "file": {k: v for k, v in spec.items() if k != "data"}}


def _forget_leaves(value: Any, forget: Callable[[str], str], key: str | None = None) -> Any:
    """Every text in a payload forgotten (`forget`), what is no text for a reader left alone;
    a mention ["mention", "id:label"] keeps its id so a message still waiting can be sent."""
    if key in _NOT_TEXT:
        return value
    if isinstance(value, str):
        return forget(value)
    if isinstance(value, dict):
        return {k: _forget_leaves(v, forget, k) for k, v in value.items()}
    if isinstance(value, list):
        if len(value) == 2 and value[0] == "mention" and isinstance(value[1], str):
            user, _, label = value[1].partition(":")
            return [value[0], f"{user}:{forget(label)}" if label else value[1]]
        return [_forget_leaves(v, forget) for v in value]
    return value


def forget_in_copies(session: Session, about: _About, message_ids: list[int],
                     forget: Callable[[str], str]) -> int:
    """The officers' copies about the person's complaints (the group alert, /lihat answers,
    reminders, talk-to-officer notices: outbox texts and payloads) and what officers wrote
    about them (a "/kabar TIKET Pak Wahyudi, …" kept in `messages`) rewritten word by word:
    every word of every name known of them, in any case, their number in any spelling, and
    what they introduced themselves with (`forget`, from bot/identity.py). Returns how many
    rows changed. The trail's notes and `officer_actions` are append-only (README)."""
    likes = about.likes()
    changed = 0
    rows = session.scalars(select(OutboxItem).where(
        OutboxItem.body != ERASED, or_(
            OutboxItem.complaint_id.in_(sorted(about.complaints) or [-1]),
            *(OutboxItem.body.ilike(p) for p in likes),
            *(cast(OutboxItem.payload, Text).ilike(p) for p in likes))))
    for row in rows:
        if not about.outbox(row):
            continue
        body = forget(row.body) if row.body else row.body
        payload = _forget_leaves(row.payload or {}, forget)
        if (body, payload) != (row.body, row.payload):
            row.body, row.payload = body, payload
            changed += 1
    for message in session.scalars(select(Message).where(
            Message.id.not_in(message_ids or [-1]), Message.body != ERASED, or_(
                Message.complaint_id.in_(sorted(about.complaints) or [-1]),
                *(Message.body.ilike(p) for p in likes)))):
        if message.complaint_id not in about.complaints and not about.names(message.body):
            continue
        body = forget(message.body)
        if body != message.body:
            message.body = body
            changed += 1
    return changed


def drop_file_copies(session: Session, about: _About) -> int:
    """The bytes of files in the outbox that carry the person's complaint (the report and cover
    letter, /dokumen's copies, a register or recap made since it was filed) dropped: the row
    stays, its file marked erased (as retention drops document copies); one not yet sent is
    not sent. Kept documents (the signed report) are the office's record and stay (README).
    A data-subject export's bytes wait in `secret`, never in the row; it is left alone."""
    if not about.complaints:
        return 0
    query = select(OutboxItem).where(or_(
        OutboxItem.complaint_id.in_(sorted(about.complaints)),
        *(OutboxItem.body.ilike(p) for p in about.likes()),
        and_(OutboxItem.complaint_id.is_(None), OutboxItem.created_at >= about.since)))
    dropped = 0
    for row in session.scalars(query):
        spec = (row.payload or {}).get("file")
        if not isinstance(spec, dict) or not spec.get("data") or spec["data"] in (row.secret or {}):
            continue
        name = str(spec.get("name") or "")
        if not (about.outbox(row) or about.names(name) or about.lists(row, name)):
            continue
        row.payload = {**row.payload, "file": {**{k: v for k, v in spec.items() if k != "data"},
                                               "erased": True}}
        if row.status in ("pending", "sending"):
            row.status, row.last_error, row.secret = "failed", "data pelapor dihapus", None
        dropped += 1
    return dropped


def clear_attachments(session: Session, where: Any) -> list[str]:
    """Attachments' channel references cleared; the kept files they alone used, returned."""
    rows = list(session.scalars(select(Attachment).where(where, Attachment.url != ERASED)))
    if not rows:
        return []
    ids = [a.id for a in rows]
    paths = {a.stored_path for a in rows if a.stored_path}
    # marked erased: read as a file never kept, never "tersimpan" (bot/desk/views.py)
    session.execute(update(Attachment).where(Attachment.id.in_(ids))
                    .values(url=ERASED, stored_path=None, fetch_status=ERASED_FILE))
    session.execute(update(Download).where(Download.attachment_id.in_(ids))
                    .values(ref=ERASED))
    session.execute(update(Download).where(Download.attachment_id.in_(ids),
                                           Download.status.in_(("pending", "working")))
                    .values(status="failed", last_error="data pelapor dihapus"))
    still = set(session.scalars(select(Attachment.stored_path).where(
        Attachment.stored_path.in_(paths)))) if paths else set()
    return sorted(paths - still)
