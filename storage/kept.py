"""Kept files' rows inside the caller's transaction: documents, evidence, queued downloads."""
from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Attachment, Download, StoredDocument

DOWNLOADABLE = {"http": "twilio", "https": "twilio", "telegram-file": "telegram",
                "web-upload": "web"}


# A file given up on at download (over the limit, or failing every try): never kept.
LOST = frozenset({"too_large", "failed"})


def counts(attachment: Attachment) -> bool:
    """Whether a file counts as evidence: kept, or still being fetched (not given up on)."""
    return attachment.fetch_status not in LOST


def source_of(url: str) -> str | None:
    """twilio (a media URL), telegram (a file id), web (an upload already in the file store,
    checked and recorded by the worker), or None (nothing to download)."""
    return DOWNLOADABLE.get(url.split(":", 1)[0])


def queue_download(session: Session, *, purpose: str, source: str, ref: str, at: dt.datetime,
                   attachment_id: int | None = None, complaint_id: int | None = None,
                   detail: dict[str, Any] | None = None) -> Download:
    """A download for the worker, in the caller's transaction."""
    job = Download(purpose=purpose, source=source, ref=ref, attachment_id=attachment_id,
                   complaint_id=complaint_id, detail=detail or {}, status="pending",
                   attempts=0, next_attempt_at=at, created_at=at)
    session.add(job)
    return job


def documents_of(session: Session, complaint_id: int) -> list[StoredDocument]:
    """A complaint's kept documents, oldest first."""
    return list(session.scalars(select(StoredDocument)
                                .where(StoredDocument.complaint_id == complaint_id)
                                .order_by(StoredDocument.id)))


def attachments_of(session: Session, complaint_id: int) -> list[Attachment]:
    return list(session.scalars(select(Attachment).where(Attachment.complaint_id == complaint_id)
                                .order_by(Attachment.id)))


def link_attachments(session: Session, attachment_ids: Sequence[int], complaint_id: int) -> None:
    """Files sent after filing, in a follow-up about the complaint: its evidence from now on
    (one already linked to a complaint stays with it)."""
    for attachment in session.scalars(select(Attachment).where(
            Attachment.id.in_(attachment_ids), Attachment.complaint_id.is_(None))):
        attachment.complaint_id = complaint_id


def finish(session: Session, job_id: int, status: str, now: dt.datetime,
           error: str | None = None) -> Download | None:
    """Mark a download done or failed, in the caller's transaction (with its outcome)."""
    job = session.get(Download, job_id)
    if job is None:
        return None
    job.status, job.finished_at, job.locked_until = status, now, None
    if error is not None:
        job.last_error = error[:2000]
    return job
