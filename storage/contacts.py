"""Talk-to-officer requests: one open request per person; repeats join it.

A request is `open` until an officer answers (`answered`) and `closed` when an officer closes
it, the person ends it, or the person's data is erased; a leader's answer to a closed talk
of theirs opens that same request again (`reopen`). While it is open or answered ("live"),
the person's messages are relayed to the officers; each is recorded in `contact_relays` with
the officers' message (outbox row) that carried it. Relays are batched: a relay joins the
batch still pending for its chat, or starts one, due at once unless the chat already had its
quota of batches in the last minute. A talk that reported a levy, a broker, a bribe or an
officer's conduct is marked `leaders_only`, and the mark holds for every later request of the
person: their texts may be emptied by retention or erasure, the rule may not. A request keeps,
from its opening, the complaint whose reply (/balas) opened it, or none (`asked_on_id`).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import Attachment, ContactRelay, ContactRequest, Message, OutboxItem


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
                                 asks=1, opened_at=now, last_asked_at=now,
                                 asked_on_id=ASKED_ON_NONE)
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


# `asked_on_id` of a request opened otherwise than by a reply (the person asked, or a leader's
# /pesan opened a talk again): on no complaint, the talk goes by its own code. Recorded at the
# opening, so that nothing is guessed later: NULL is left on requests opened before this was
# kept (migration 0012), which `bot.notify.asked_on` still matches by the reply at their
# opening instant, a match two events in one instant confused.
ASKED_ON_NONE = -1
def opened_by_reply(request: ContactRequest, complaint_id: int) -> None:
    """A reply (/balas) on the complaint `complaint_id` opened the request: the person's answer
    comes back under its ticket."""
    request.asked_on_id = complaint_id


def close(session: Session, complainant_id: int, now: dt.datetime) -> int:
    """Close every open or answered request of the person; returns how many."""
    done = session.execute(
        update(ContactRequest)
        .where(ContactRequest.complainant_id == complainant_id,
               ContactRequest.status.in_(("open", "answered")))
        .values(status="closed", closed_at=now))
    return int(done.rowcount or 0)


def reopen(session: Session, request: ContactRequest, now: dt.datetime) -> bool:
    """Open a closed request again (a leader's answer to a closed talk of theirs, R-<id>): the
    same request, so its talk keeps its code and what made it the leaders' (its opening, its
    mark, its lines). False when the person opened another meanwhile (one open per person)."""
    if request.status != "closed":
        return False
    try:
        with session.begin_nested():
            request.status, request.closed_at, request.last_asked_at = "open", None, now
            session.flush([request])
        return True
    except IntegrityError:      # another process opened one a moment ago
        session.refresh(request)
        return False


def by_id(session: Session, request_id: int) -> ContactRequest | None:
    """A request by its id, whatever its status (the code of a talk only the leaders answer,
    R-<id>, names it: bot.notify.talk_code)."""
    return session.get(ContactRequest, request_id)


def live(session: Session, complainant_id: int) -> ContactRequest | None:
    """The person's latest request still open or answered (None: none, or all closed)."""
    return session.scalar(select(ContactRequest).where(
        ContactRequest.complainant_id == complainant_id,
        ContactRequest.status.in_(("open", "answered"))).order_by(ContactRequest.id.desc())
        .limit(1))


def latest(session: Session, complainant_id: int) -> ContactRequest | None:
    """The person's latest request, whatever its status."""
    return session.scalar(select(ContactRequest).where(
        ContactRequest.complainant_id == complainant_id).order_by(ContactRequest.id.desc())
        .limit(1))


def live_requests(session: Session,
                  limit: int) -> list[tuple[ContactRequest, dt.datetime | None, int]]:
    """Requests still open or answered, each with the time of the person's last relayed message
    and how many they relayed: the unanswered first (longest waiting first), then the answered
    (most recently active first)."""
    relays = (select(ContactRelay.request_id, func.max(ContactRelay.at).label("last"),
                     func.count().label("count"))
              .group_by(ContactRelay.request_id).subquery())
    rows = session.execute(
        select(ContactRequest, relays.c.last, relays.c.count)
        .outerjoin(relays, relays.c.request_id == ContactRequest.id)
        .where(ContactRequest.status.in_(("open", "answered"))))
    found = [(request, last, int(count or 0)) for request, last, count in rows]
    waiting = sorted((r for r in found if r[0].status == "open"), key=lambda r: r[0].opened_at)
    answered = sorted((r for r in found if r[0].status != "open"),
                      key=lambda r: max(r[1] or r[0].last_asked_at, r[0].last_asked_at),
                      reverse=True)
    return (waiting + answered)[:limit]


def relayed_attachments(session: Session, complainant_id: int,
                        limit: int) -> list[Attachment]:
    """The files the person sent while talking to the officers (their requests' relayed
    messages), newest `limit`, oldest first."""
    found = session.scalars(
        select(Attachment).join(ContactRelay, ContactRelay.message_id == Attachment.message_id)
        .join(ContactRequest, ContactRequest.id == ContactRelay.request_id)
        .where(ContactRequest.complainant_id == complainant_id)
        .order_by(Attachment.id.desc()).limit(limit))
    return list(reversed(found.unique().all()))


def record_relay(session: Session, request_id: int, message_id: int,
                 carried_by: OutboxItem | None, at: dt.datetime) -> None:
    """Keep that the message went to the request, in the officers' message `carried_by`."""
    if carried_by is not None and carried_by.id is None:
        session.flush([carried_by])
    session.add(ContactRelay(request_id=request_id, message_id=message_id,
                             outbox_id=carried_by.id if carried_by is not None else None, at=at))


def relays(session: Session, request_id: int) -> list[ContactRelay]:
    return list(session.scalars(select(ContactRelay).where(
        ContactRelay.request_id == request_id).order_by(ContactRelay.id)))


def relayed_texts(session: Session, complainant_id: int) -> list[str]:
    """The texts of the messages the person relayed to any of their requests, closed ones too,
    oldest first (a text the retention rules have emptied reads as "")."""
    return [body or "" for body in session.scalars(
        select(Message.body).join(ContactRelay, ContactRelay.message_id == Message.id)
        .join(ContactRequest, ContactRequest.id == ContactRelay.request_id)
        .where(ContactRequest.complainant_id == complainant_id).order_by(ContactRelay.id))]


def mark_leaders_only(session: Session, request_id: int) -> None:
    """The request's talk reported a levy, a broker, a bribe or an officer's conduct."""
    request = session.get(ContactRequest, request_id)
    if request is not None and not request.leaders_only:
        request.leaders_only = True


def leaders_only(session: Session, complainant_id: int) -> bool:
    """Whether any talk of the person, closed or live, was marked for the leaders only."""
    return session.scalar(select(ContactRequest.id).where(
        ContactRequest.complainant_id == complainant_id,
        ContactRequest.leaders_only.is_(True)).limit(1)) is not None


def pending_batch(session: Session, kind: str, address: str,
                  complainant_id: int) -> OutboxItem | None:
    """The relay batch to this chat not yet claimed by a worker (locked where rows lock, so a
    worker skips it while it grows)."""
    query = (select(OutboxItem).where(
        OutboxItem.kind == kind, OutboxItem.channel == "telegram", OutboxItem.address == address,
        OutboxItem.complainant_id == complainant_id, OutboxItem.status == "pending")
        .order_by(OutboxItem.id.desc()).limit(1))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return session.scalar(query)


def batch_dues(session: Session, kind: str, address: str, complainant_id: int,
               limit: int) -> list[dt.datetime]:
    """When the latest `limit` relay batches to this chat went, or are due to go (newest
    first)."""
    return list(session.scalars(select(OutboxItem.next_attempt_at).where(
        OutboxItem.kind == kind, OutboxItem.channel == "telegram", OutboxItem.address == address,
        OutboxItem.complainant_id == complainant_id, OutboxItem.status != "cancelled")
        .order_by(OutboxItem.id.desc()).limit(limit)))
