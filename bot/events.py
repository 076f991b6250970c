"""What happened in a turn that others must hear about: the engine's events for the notifier."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ComplaintFiled:
    complaint_id: int


@dataclass(frozen=True)
class OfficerRequested:
    """A person asked to talk to an officer (a new request: repeats join the open one)."""

    complainant_id: int
    channel: str
    address: str
    request_id: int | None = None
    # Why, when it is not just "talk to an officer": "add" (evidence or details for a complaint
    # already filed) or "withdraw" (the person asks for their complaint to be withdrawn).
    purpose: str | None = None
    # The complaint a follow-up is about (the group's notice names it only when it may:
    # `Notifier.officer_requested`).
    ticket: str | None = None


@dataclass(frozen=True)
class PersonWrote:
    """A person talking to the officers wrote a message (kept as `message_id`) for their
    request: it is relayed to the officers."""

    complainant_id: int
    request_id: int
    message_id: int
    text: str
    attachments: int = 0


@dataclass(frozen=True)
class OfficerChatEnded:
    """The person ended their talk-to-officer request (the officers are told)."""

    complainant_id: int
    request_id: int
