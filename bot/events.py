"""What happened in a turn that others must hear about: the engine's events for the notifier."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ComplaintFiled:
    complaint_id: int


@dataclass(frozen=True)
class OfficerRequested:
    complainant_id: int
    channel: str
    address: str
