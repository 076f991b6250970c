"""Downloads claimed and retried by workers, one short transaction each (like the outbox)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select, update

from storage.models import Download
from storage.repo import Store


@dataclass(frozen=True)
class Job:
    """A claimed download, detached from the database."""

    id: int
    purpose: str
    source: str
    ref: str
    attachment_id: int | None
    complaint_id: int | None
    detail: dict[str, Any]
    attempts: int


class Downloads:
    """Claiming and finishing downloads; each call is one short transaction."""

    def __init__(self, store: Store):
        self.store = store

    def claim(self, now: dt.datetime, lease_seconds: float, limit: int) -> list[Job]:
        """Due downloads (pending, or working with an expired lease), leased to this worker."""
        with self.store.unit() as unit:
            query = (select(Download)
                     .where(or_(Download.status == "pending",
                                (Download.status == "working") & (Download.locked_until < now)),
                            Download.next_attempt_at <= now)
                     .order_by(Download.id).limit(limit))
            if self.store.dialect == "postgresql":
                query = query.with_for_update(skip_locked=True)
            jobs = list(unit.session.scalars(query))
            for job in jobs:
                job.status, job.attempts = "working", job.attempts + 1
                job.locked_until = now + dt.timedelta(seconds=lease_seconds)
            return [Job(j.id, j.purpose, j.source, j.ref, j.attachment_id, j.complaint_id,
                        dict(j.detail or {}), j.attempts) for j in jobs]

    def retry(self, job_id: int, error: str, at: dt.datetime) -> None:
        with self.store.unit() as unit:
            unit.session.execute(update(Download).where(Download.id == job_id).values(
                status="pending", next_attempt_at=at, locked_until=None,
                last_error=error[:2000]))
