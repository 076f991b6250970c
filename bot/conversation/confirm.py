"""The summary to confirm, changing an answer, and filing the complaint."""
from __future__ import annotations

import datetime as dt

from bot.conversation.intake import story, type_label
from bot.conversation.step import Step, register
from bot.conversation.turn import Go, State, Turn
from bot.dates import format_local
from bot.events import ComplaintFiled
from bot.identity import Mode, choose_mode, complainant_actor
from bot.messages import Choice, Reply
from bot.sop.stages import Stage, public_next
from bot.tickets import hash_pin, new_pin, new_ticket
from storage.models import Complaint, StageEvent

PLACE_KEYS = {"office": "where.office", "seaport": "where.seaport", "airport": "where.airport"}


def place_text(turn: Turn) -> str:
    place = turn.data.get("place")
    if place in PLACE_KEYS:
        return turn.t(PLACE_KEYS[place])
    return turn.data.get("place_detail") or turn.t("summary.none")


def summary(turn: Turn) -> str:
    d = turn.data
    none = turn.t("summary.none")
    preview = story(turn)
    if len(preview) > 600:
        preview = preview[:600].rstrip() + "…"
    identity = turn.t("summary.anonymous") if d.get("anonymous") else (d.get("name") or none)
    if identity_mode(turn) is Mode.CONFIDENTIAL:
        identity += turn.t("summary.confidential")
    rows = [
        ("summary.type", type_label(turn, d["type"])),
        ("summary.story", preview),
        ("summary.when", d.get("when_text") or none),
        ("summary.where", place_text(turn)),
        ("summary.who", d.get("who") or none),
        ("summary.evidence", turn.t("summary.files", count=len(d.get("attachments", [])))),
        ("summary.identity", identity),
    ]
    return "\n".join(f"*{turn.t(key)}:* {value}" for key, value in rows)


@register
class Confirm(Step):
    """Show the summary: send, change something, or cancel."""

    state = State.CONFIRM
    goes_to = frozenset({State.MENU, State.EDIT})

    def prompt(self, turn: Turn) -> list[Reply]:
        turn.data["editing"] = False
        return [turn.ask("summary", "confirm.send", "confirm.edit", "confirm.cancel",
                         summary=summary(turn))]

    def handle(self, turn: Turn) -> Go:
        answer = self.choose(turn, [turn.words("confirm.send") + ["kirim", "send", "ya", "yes", "ok"],
                                    turn.words("confirm.edit") + ["ubah", "edit", "ganti", "change"],
                                    turn.words("confirm.cancel") + ["batal", "cancel"]])
        if answer is None:
            return self.not_understood(turn, 3)
        if answer == 1:
            return Go(State.EDIT)
        if answer == 2:
            turn.data.clear()
            return Go(State.MENU, [Reply(turn.t("cancelled"))])
        return Go(State.MENU, [file_complaint(turn)], ask_next=False)


EDITABLE = (
    ("summary.story", State.DESCRIBE), ("summary.type", State.TYPE_CHOOSE),
    ("summary.when", State.WHEN), ("summary.where", State.WHERE), ("summary.who", State.WHO),
    ("summary.evidence", State.EVIDENCE), ("summary.identity", State.IDENTITY),
)


@register
class Edit(Step):
    """Pick the answer to change; after it, the summary comes back."""

    state = State.EDIT
    goes_to = frozenset(state for _, state in EDITABLE) | {State.CONFIRM}

    def prompt(self, turn: Turn) -> list[Reply]:
        return [Reply(turn.t("edit"), tuple(Choice(turn.t(k)) for k, _ in EDITABLE))]

    def handle(self, turn: Turn) -> Go:
        answer = self.choose(turn, [turn.words(k) for k, _ in EDITABLE])
        if answer is None:
            return self.not_understood(turn, len(EDITABLE))
        target = EDITABLE[answer][1]
        turn.data["editing"] = True
        if target is State.DESCRIBE:
            turn.data["story"] = []
        return Go(target)


def identity_mode(turn: Turn) -> Mode:
    """The mode the draft would be filed with (a sensitive type is confidential by default)."""
    d = turn.data
    return choose_mode(d.get("type", ""), anonymous=bool(d.get("anonymous")),
                       confidential=d.get("confidential") is True,
                       named_openly=d.get("confidential") is False,
                       sensitive_types=turn.config.sensitive_types)


def file_complaint(turn: Turn) -> Reply:
    """Create the complaint, its first audit event, and the reply with ticket and PIN."""
    d, now, config = turn.data, turn.now, turn.config
    ticket = new_ticket(config.office.code)
    while turn.unit.ticket_taken(ticket):
        ticket = new_ticket(config.office.code)
    pin = new_pin()
    mode = identity_mode(turn)
    predicted = d.get("predicted") or {}
    complaint = Complaint(
        ticket=ticket, pin_hash=hash_pin(pin), complainant_id=turn.complainant.id,
        channel=turn.inbound.channel, language=turn.lang, type=d["type"],
        type_source=d.get("type_source", "complainant"), type_confidence=d.get("type_confidence"),
        predicted_type=predicted.get("type"), predicted_confidence=predicted.get("confidence"),
        model_version=predicted.get("model_version"), type_changed_by=d.get("type_changed_by"),
        description=story(turn), place=d.get("place"), place_detail=d.get("place_detail"),
        incident_time_text=d.get("when_text"),
        incident_date=dt.date.fromisoformat(d["when_date"]) if d.get("when_date") else None,
        reported_party=d.get("who"),
        reporter_name=None if mode is Mode.ANONYMOUS else d.get("name"),
        identity_mode=mode.value, stage=Stage.RECEIVED.value, created_at=now, updated_at=now)
    event = StageEvent(complaint_id=0, actor=complainant_actor(turn.complainant.id),
                       actor_role="complainant", from_stage=None, to_stage=Stage.RECEIVED.value,
                       note="Pengaduan diterima melalui kanal " + turn.inbound.channel, at=now)
    turn.unit.file_complaint(complaint, d.get("attachments", []), event)
    turn.complainant.consent_at = turn.complainant.consent_at or now
    if mode is not Mode.ANONYMOUS and d.get("name"):
        turn.complainant.name = d["name"]
    turn.events.append(ComplaintFiled(complaint.id))
    turn.data.clear()
    hours = turn.services.hours
    if hours.is_open(now):
        when = turn.t("filed.open")
    else:
        opening = hours.next_opening(now)
        when = turn.t("filed.closed", opening=format_local(opening, turn.lang))
    return Reply(turn.t("filed", ticket=ticket, pin=pin, when=when,
                        next=public_next(Stage.RECEIVED, turn.lang)), secrets=(pin,))
