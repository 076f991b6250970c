"""Retention queries: how old data is cleared or anonymised (bot/retention.py runs them daily).

Each function is idempotent: run twice, the second run changes nothing.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage import lookups, subjects
from storage.models import (
    Attachment,
    Complainant,
    Complaint,
    ConversationState,
    JobRun,
    Message,
    OutboxItem,
    StageEvent,
)
from storage.subjects import ERASED

# Outbox rows done with: sent, given up, or cancelled (a held ping set aside at its slot, a pause
# message superseded), whose texts name a complaint's ticket as much as a sent one's.
FINAL = ("sent", "failed", "undeliverable", "cancelled")
IDLE = {"officer": "idle"}          # officers' dialogues; everyone else goes back to the menu
SYSTEM = "Sistem"                   # who a retention line of a trail names (actor and role)


def claim_run(session: Session, job: str, day: dt.date, now: dt.datetime) -> int | None:
    """Record that `job` runs for `day`; None when another worker already ran it."""
    assert session.bind is not None
    insert = postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert
    statement = (insert(JobRun).values(job=job, day=day, started_at=now)
                 .on_conflict_do_nothing(index_elements=["job", "day"]).returning(JobRun.id))
    return session.execute(statement).scalar()


def finish_run(session: Session, run_id: int, now: dt.datetime, summary: dict[str, Any]) -> None:
    session.execute(update(JobRun).where(JobRun.id == run_id)
                    .values(finished_at=now, summary=summary))


def _active(since: dt.datetime) -> Any:
    """A complaint still in use: open, or archived after `since`."""
    return or_(Complaint.stage != "archived", Complaint.archived_at.is_(None),
               Complaint.archived_at > since)


def _person_in_use(person_id: Any, since: dt.datetime) -> Any:
    return exists().where(Complaint.complainant_id == person_id, _active(since))


# What a conversation keeps between drafts that is no draft and names nobody: the mark that
# the person's own words have set its language (bot.conversation.turn.LANG_HEARD).
NOT_A_DRAFT = frozenset({"lang_heard"})


def abandoned_drafts(session: Session, before: dt.datetime, now: dt.datetime) -> int:
    """Conversations untouched since `before` that still hold data: back to their idle state,
    the draft (story, name, evidence not filed) dropped."""
    stale = list(session.scalars(select(ConversationState).where(
        ConversationState.updated_at < before)))
    done = 0
    for conversation in stale:
        data = dict(conversation.data or {})
        if not set(data) - NOT_A_DRAFT:
            continue
        kept = data.get("discarded") or {}     # a cancelled or set-aside draft's evidence too
        drafts = [a for a in [*data.get("attachments", []), *kept.get("attachments", [])]
                  if isinstance(a, int)]
        if drafts:
            subjects.clear_attachments(session, and_(Attachment.id.in_(drafts),
                                                     Attachment.complaint_id.is_(None)))
        conversation.state = IDLE.get(conversation.channel, "menu")
        conversation.data = {}              # the ORM bumps `version`: a racing turn retries
        done += 1
    return done


def message_bodies(session: Session, before: dt.datetime) -> int:
    """Texts older than `before`, unless their person still has a complaint in use."""
    return session.execute(
        update(Message)
        .where(Message.created_at < before, Message.body != ERASED, Message.body != "",
               or_(Message.complainant_id.is_(None),
                   ~_person_in_use(Message.complainant_id, before)),
               or_(Message.complaint_id.is_(None),
                   ~exists().where(Complaint.id == Message.complaint_id, _active(before))))
        .values(body=ERASED).execution_options(synchronize_session=False)).rowcount or 0


def _outbox_done(before: dt.datetime) -> Any:
    return and_(OutboxItem.status.in_(FINAL), OutboxItem.created_at < before,
                or_(OutboxItem.complaint_id.is_(None),
                    ~exists().where(Complaint.id == OutboxItem.complaint_id, _active(before))),
                or_(OutboxItem.complainant_id.is_(None),
                    ~_person_in_use(OutboxItem.complainant_id, before)))


def outbox_bodies(session: Session, before: dt.datetime) -> int:
    """Texts of delivered (given up, cancelled) messages older than `before`, not about a
    complaint in use; files (document copies) are left to `document_copies`."""
    rows = list(session.scalars(select(OutboxItem).where(
        _outbox_done(before), OutboxItem.body != ERASED)))
    for row in rows:
        payload = dict(row.payload or {})
        kept = {"file": payload["file"]} if payload.get("file") else {}
        row.body, row.payload, row.secret = ERASED, kept, None
    return len(rows)


def document_copies(session: Session, before: dt.datetime) -> int:
    """Copies of files sent to officers (letters, reports, exports) dropped from the outbox."""
    rows = [r for r in session.scalars(select(OutboxItem).where(_outbox_done(before)))
            if (r.payload or {}).get("file", {}).get("data")]
    for row in rows:
        spec = dict(row.payload["file"])
        spec.pop("data", None)
        spec["erased"] = True
        row.payload = {**row.payload, "file": spec}
    return len(rows)


# Channels whose messages wait for the person to collect them (the web chat's browser): one
# never collected stays pending, its secret with it.
COLLECTED = ("web",)


def stale_secrets(session: Session, before: dt.datetime) -> int:
    """Secrets (PINs) still waiting for a receipt that never came, or for a browser that never
    came back to collect its answer: dropped after a day (the answer is then handed over with
    the PIN masked)."""
    rows = [r for r in session.scalars(select(OutboxItem).where(
        OutboxItem.secret.is_not(None),
        or_(OutboxItem.status.in_(FINAL),
            and_(OutboxItem.status == "pending", OutboxItem.channel.in_(COLLECTED))),
        OutboxItem.created_at < before)) if r.secret]     # (JSON null is not a secret)
    for row in rows:
        row.secret = None
    return len(rows)


def anonymise(session: Session, before: dt.datetime, now: dt.datetime,
              forgetting: subjects.Forgetting | None = None) -> dict[str, Any]:
    """Complaints archived before `before` lose their complainant's name and evidence files
    (and, with `forgetting`, the name and number in the person's words on them); people with
    no complaint in use and no contact since `before` are erased. The evidence of one filed
    anonymously goes too (no erase line: it had no name): its media URLs lead back to the
    number and its originals may carry where they were taken, and waiting for the whole
    person's erasure kept them as long as the person kept writing."""
    archived = (Complaint.stage == "archived", Complaint.archived_at.is_not(None),
                Complaint.archived_at < before)
    old = list(session.scalars(select(Complaint).where(
        *archived,
        or_(Complaint.reporter_name.is_not(None), Complaint.identity_mode != "anonymous"))))
    files: list[str] = subjects.clear_attachments(session, Attachment.complaint_id.in_(
        select(Complaint.id).where(*archived, Complaint.identity_mode == "anonymous",
                                   Complaint.reporter_name.is_(None))))
    for complaint in old:
        person = complaint.complainant
        subjects.forget_in_complaints(
            session, [complaint.id],
            [complaint.reporter_name] + ([person.name, person.profile_name] if person else []),
            person.channel if person else None, person.address if person else None, forgetting)
        if complaint.identity_mode == "named":
            complaint.events.append(_erased_by_retention(complaint, now))
        complaint.reporter_name, complaint.identity_mode = None, "anonymous"
    if old:
        files += subjects.clear_attachments(
            session, Attachment.complaint_id.in_([c.id for c in old]))
    people = list(session.scalars(select(Complainant.id).where(
        ~Complainant.address.startswith(subjects.ERASED_PREFIX),
        or_(Complainant.last_inbound_at.is_(None), Complainant.last_inbound_at < before),
        Complainant.created_at < before,
        ~exists().where(Complaint.complainant_id == Complainant.id,
                        or_(Complaint.stage != "archived", Complaint.archived_at.is_(None),
                            Complaint.archived_at >= before)))))
    for person_id in people:
        done = subjects.erase(session, person_id, now, forgetting)
        files += done["files"] if done else []
    return {"complaints": len(old), "people": len(people), "files": sorted(set(files))}


def _erased_by_retention(complaint: Complaint, now: dt.datetime) -> StageEvent:
    """The erase line of a complaint filed by name that retention makes anonymous, as
    /hapusdata writes it (`bot.desk.subjects.erase`): it tells it from one filed anonymously
    (`bot.identity.erased_from_name`), which the group learns of only at its alert's slot and
    reads without channel and minute. Without it an old named complaint the group had read in
    full turned concealed. Never on a confidential or anonymous one: the line would un-hide it."""
    return StageEvent(complaint_id=complaint.id, actor=SYSTEM, actor_role=SYSTEM,
                      from_stage=complaint.stage, to_stage=complaint.stage, at=now,
                      note="Identitas pelapor dihapus: masa penyimpanan data berakhir",
                      action="erase")


def prune_lookups(session: Session, before: dt.datetime) -> int:
    return lookups.prune(session, before)
