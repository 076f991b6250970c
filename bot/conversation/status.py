"""Checking a complaint's status: the filer by ticket alone, anyone else with ticket and PIN."""
from __future__ import annotations

import datetime as dt

from bot.conversation.step import Step, register
from bot.conversation.turn import Go, State, Turn
from bot.dates import format_local
from bot.messages import Reply
from bot.sop.stages import public_label, public_next
from bot.tickets import check_pin, find_pin, find_ticket
from storage.models import Complaint


def example_ticket(turn: Turn) -> str:
    return f"{turn.config.office.code}-7K3Q-9MXA"


def describe(turn: Turn, complaint: Complaint) -> Reply:
    local = complaint.updated_at.astimezone(turn.config.office.tz)
    return Reply(turn.t(
        "status", ticket=complaint.ticket,
        type=turn.config.complaint_types[complaint.type].label(turn.lang),
        stage=public_label(complaint.stage, turn.lang),
        updated=format_local(local, turn.lang) + (" WITA" if turn.lang != "en" else " (WITA)"),
        next=public_next(complaint.stage, turn.lang)))


def _failures(turn: Turn) -> list[str]:
    hour_ago = turn.now - dt.timedelta(hours=1)
    return [at for at in turn.data.get("status_failures", [])
            if dt.datetime.fromisoformat(at) > hour_ago]


def locked(turn: Turn) -> bool:
    return len(_failures(turn)) >= turn.config.conversation.max_status_failures_per_hour


def lookup(turn: Turn, ticket: str, pin: str | None) -> Reply | None:
    """The status reply, or None when this identity needs a PIN it did not give."""
    complaint = turn.unit.complaint_by_ticket(ticket)
    if complaint is not None and complaint.complainant_id == turn.complainant.id:
        return describe(turn, complaint)
    if pin is None:
        return None
    if complaint is not None and check_pin(pin, complaint.pin_hash):
        return describe(turn, complaint)
    # the same answer for a missing ticket, someone else's, and a wrong PIN
    turn.data["status_failures"] = _failures(turn) + [turn.now.isoformat()]
    return Reply(turn.t("status_not_found"))


def status_command(turn: Turn, text: str) -> Go:
    """`status`, `status TICKET` or `status TICKET PIN` from any state."""
    ticket = find_ticket(text, turn.config.office.code)
    if ticket is None:
        return Go(State.STATUS_TICKET)
    return answer_ticket(turn, ticket, find_pin(text.replace(ticket, "")))


def answer_ticket(turn: Turn, ticket: str, pin: str | None) -> Go:
    if locked(turn):
        return Go(State.MENU, [Reply(turn.t("status_locked"))], ask_next=False)
    reply = lookup(turn, ticket, pin)
    if reply is None:
        turn.data["status_ticket"] = ticket
        return Go(State.STATUS_PIN)
    turn.data.pop("status_ticket", None)
    return Go(State.MENU, [reply], ask_next=False)


@register
class StatusTicket(Step):
    """Ask for the ticket; list the complainant's own complaints to help."""

    state = State.STATUS_TICKET
    goes_to = frozenset({State.MENU, State.STATUS_PIN})

    def prompt(self, turn: Turn) -> list[Reply]:
        own = turn.unit.complaints_of(turn.complainant.id)
        replies = []
        if own:
            lines = [turn.t("status_yours")] + [
                f"• {c.ticket}: {public_label(c.stage, turn.lang)}" for c in own]
            replies.append(Reply("\n".join(lines)))
        replies.append(Reply(turn.t("status_ask", example=example_ticket(turn))))
        return replies

    def handle(self, turn: Turn) -> Go:
        ticket = find_ticket(turn.text, turn.config.office.code)
        if ticket is None:
            return Go(None, [Reply(turn.t("status_bad_ticket", example=example_ticket(turn)))],
                      ask_next=False)
        return answer_ticket(turn, ticket, find_pin(turn.text.replace(ticket, "")))


@register
class StatusPin(Step):
    state = State.STATUS_PIN
    goes_to = frozenset({State.MENU})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [Reply(turn.t("status_pin"))]

    def handle(self, turn: Turn) -> Go:
        pin = find_pin(turn.text)
        ticket = turn.data.get("status_ticket")
        if ticket is None:
            return Go(State.STATUS_TICKET)
        if pin is None:
            return Go(None, [Reply(turn.t("status_pin"))], ask_next=False)
        return answer_ticket(turn, ticket, pin)
