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
