"""Failed status look-ups and the locks they cause, per identity and per ticket."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage.models import StatusFailure, StatusLock


def locked_until(session: Session, subject: str, key: str, now: dt.datetime) -> dt.datetime | None:
    """When the lock on this identity or ticket ends, or None when it is not locked."""
    lock = session.get(StatusLock, (subject, key))
    return lock.until if lock is not None and lock.until > now else None


def failures(session: Session, subject: str, key: str, now: dt.datetime,
             window: dt.timedelta) -> int:
    """Failures counted now: within the window, and since the last lock ended."""
    since = now - window
    lock = session.get(StatusLock, (subject, key))
    if lock is not None and lock.until > since:
        since = lock.until
    return session.scalar(select(func.count(StatusFailure.id)).where(
        StatusFailure.subject == subject, StatusFailure.key == key,
        StatusFailure.at > since)) or 0


def record_failure(session: Session, subject: str, key: str, now: dt.datetime, limit: int,
                   window: dt.timedelta) -> int:
    """Count one failure; lock for `window` when it reaches `limit`. Returns tries left."""
    session.add(StatusFailure(subject=subject, key=key, at=now))
    session.flush()
    count = failures(session, subject, key, now, window)
    if count >= limit:
        lock = session.get(StatusLock, (subject, key))
        if lock is None:
            session.add(StatusLock(subject=subject, key=key, until=now + window))
        else:
            lock.until = now + window
        session.flush()
    return max(0, limit - count)


def clear(session: Session, subject: str, key: str) -> None:
    """Forget the failures and the lock of an identity or ticket (a PIN was reissued)."""
    session.execute(delete(StatusFailure).where(StatusFailure.subject == subject,
                                                StatusFailure.key == key))
    session.execute(delete(StatusLock).where(StatusLock.subject == subject,
                                             StatusLock.key == key))


def prune(session: Session, before: dt.datetime) -> int:
    """Drop failures and ended locks older than `before` (retention); returns rows removed."""
    done = session.execute(delete(StatusFailure).where(StatusFailure.at < before)).rowcount
    done += session.execute(delete(StatusLock).where(StatusLock.until < before)).rowcount
    return int(done or 0)
