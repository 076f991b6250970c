"""An officer's reply to one of the bot's messages: it answers a question, or names the ticket.

Replying to a step's question (a forced reply) completes that step with the words typed.
Replying to any other message about a complaint supplies its ticket to a command typed without
one ("/lihat", "/tahap benar …"). The message replied to is found by the id Telegram gave it
when the worker sent it; its text is the fallback.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from bot.desk.requests import NEEDS_TICKET, OfficerRequest, OfficerUpdate
from bot.tickets import find_ticket

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from storage.repo import Unit


@dataclass(frozen=True)
class Replied:
    """What the officer replied to: its complaint's ticket and, for a question, the question."""

    ticket: str | None
    prompt: dict[str, Any] | None = None


def read(unit: "Unit", config: "OfficeConfig", update: OfficerUpdate) -> Replied:
    row = unit.sent_message(unit.current_chat(update.chat_id), update.reply_to_id or "")
    if row is not None:
        prompt = (row.payload or {}).get("prompt")
        if prompt:
            if superseded(unit, row.id, row.complaint_id, prompt):
                prompt = {**prompt, "choice": SUPERSEDED}
            return Replied(prompt.get("ticket"), prompt)
        if row.complaint_id is not None:
            complaint = unit.complaint_by_id(row.complaint_id)
            if complaint is not None:
                return Replied(complaint.ticket)
    return Replied(find_ticket(update.reply_to_text, config.office.code))


SUPERSEDED = "superseded"     # the choice of an answer to a question asked again since


def superseded(unit: "Unit", row_id: int, complaint_id: int | None,
               prompt: dict[str, Any]) -> bool:
    """Whether the same step of the same complaint was asked again after this question (the
    section pressed Benar, then Tidak benar): only the newest question may be answered, so
    that the verdict recorded is the one last chosen."""
    if complaint_id is None:
        return False
    for later in unit.outbox_items(complaint_id=complaint_id):
        asked = (later.payload or {}).get("prompt")
        if (later.id > row_id and asked and asked.get("step") == prompt.get("step")
                and asked.get("stage") == prompt.get("stage")):
            return True
    return False


def request_for(replied: Replied, request: OfficerRequest | None,
                update: OfficerUpdate) -> OfficerRequest | None:
    """The request a reply makes: a question's answer, or a command given the ticket."""
    if request is None and replied.prompt is not None and update.text.strip():
        return OfficerRequest(actor_id="", chat_id="", private=update.private, action="answer",
                              ticket=replied.ticket, args=update.text.strip(), via="reply",
                              stage=replied.prompt.get("stage"),
                              choice=replied.prompt.get("choice"))
    if (request is not None and request.action in NEEDS_TICKET and not request.ticket
            and replied.ticket):
        return replace(request, ticket=replied.ticket)
    return request
