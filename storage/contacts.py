"""Talk-to-officer requests: one open request per person; repeats join it.

A request is `open` until an officer answers (`answered`) and `closed` when an officer closes
it or the person's data is erased. Follow-up messages of a person can be linked to their open
request by `open_request(...).id`.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import ContactRequest


def open_request(session: Session, complainant_id: int) -> ContactRequest | None:
    """The person's open request, if any."""
    return session.scalar(select(ContactRequest).where(
        ContactRequest.complainant_id == complainant_id, ContactRequest.status == "open"))


def ask(session: Session, complainant_id: int, channel: str,
        now: dt.datetime) -> tuple[ContactRequest, bool]:
    """Open a request, or join the open one; (request, True when it is new)."""
    found = open_request(session, complainant_id)
    if found is None:
        request = ContactRequest(complainant_id=complainant_id, channel=channel, status="open",
                                 asks=1, opened_at=now, last_asked_at=now)
        try:
            with session.begin_nested():
                session.add(request)
                session.flush([request])
            return request, True
        except IntegrityError:      # another process opened it a moment ago
            found = open_request(session, complainant_id)
            assert found is not None
    found.asks += 1
    found.last_asked_at = now
    return found, False


def answer(session: Session, complainant_id: int, officer_id: str, now: dt.datetime) -> bool:
    """Mark the person's open request answered; False when there was none."""
    done = session.execute(
        update(ContactRequest)
        .where(ContactRequest.complainant_id == complainant_id, ContactRequest.status == "open")
        .values(status="answered", answered_at=now, answered_by=officer_id))
    return bool(done.rowcount)


def close(session: Session, complainant_id: int, now: dt.datetime) -> int:
    """Close every open or answered request of the person; returns how many."""
    done = session.execute(
        update(ContactRequest)
        .where(ContactRequest.complainant_id == complainant_id,
               ContactRequest.status.in_(("open", "answered")))
        .values(status="closed", closed_at=now))
    return int(done.rowcount or 0)
