"""The main menu, information, asking for an officer, and resuming an old draft."""
from __future__ import annotations

from bot.conversation.intake import add_to_story, story
from bot.conversation.status import answer_ticket
from bot.conversation.step import Step, register
from bot.conversation.turn import Go, State, Turn
from bot.events import OfficerRequested
from bot.messages import Reply
from bot.tickets import find_ticket

# A free-text message this long at the menu is taken as the start of a complaint.
STORY_START_WORDS = 6
WEEKDAY_NAMES = {"mon": ("Senin", "Mon"), "tue": ("Selasa", "Tue"), "wed": ("Rabu", "Wed"),
                 "thu": ("Kamis", "Thu"), "fri": ("Jumat", "Fri"), "sat": ("Sabtu", "Sat"),
                 "sun": ("Minggu", "Sun")}


def hours_text(turn: Turn) -> str:
    parts = []
    for day, (start, end) in turn.config.service_hours.items():
        idn, en = WEEKDAY_NAMES[day]
        name = en if turn.lang == "en" else idn
        parts.append(f"{name} {start:%H.%M}–{end:%H.%M}")
    return ", ".join(parts) + " WITA"


def start_draft(turn: Turn) -> None:
    """A fresh draft that keeps any evidence sent just before choosing to complain."""
    kept = turn.data.get("attachments", [])
    turn.data.clear()
    if kept:
        turn.data["attachments"] = kept


def ask_for_officer(turn: Turn) -> Go:
    """One open request per person: a repeat joins it, and the officers are told only once."""
    request, new = turn.unit.ask_for_officer(turn.complainant.id, turn.inbound.channel, turn.now)
    if not new:
        return Go(None, [Reply(turn.t("officer_requested.already", hours=hours_text(turn)))])
    turn.events.append(OfficerRequested(turn.complainant.id, turn.inbound.channel,
                                        turn.inbound.address, request.id))
    return Go(None, [Reply(turn.t("officer_requested", hours=hours_text(turn)))])


@register
class Menu(Step):
    """File a complaint, check a status, get information, talk to an officer."""

    state = State.MENU
    goes_to = frozenset({State.DESCRIBE, State.STATUS_TICKET, State.STATUS_PIN})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("menu", "menu.file", "menu.status", "menu.info", "menu.officer")]

    def handle(self, turn: Turn) -> Go:
        answer = self.choose(turn, [
            turn.words("menu.file") + ["pengaduan", "lapor", "mengadu", "adu", "complaint", "complain"],
            turn.words("menu.status") + ["status", "cek", "check"],
            turn.words("menu.info") + ["informasi", "info", "information"],
            turn.words("menu.officer") + ["petugas", "officer", "cs", "admin", "agent"]])
        if answer == 0:
            start_draft(turn)
            return Go(State.DESCRIBE)
        if answer == 1:
            return Go(State.STATUS_TICKET)
        if answer == 2:
            contacts = turn.config.office.contacts
            info = turn.t("info", office=turn.config.office.name, address=turn.config.office.address,
                          hours=hours_text(turn), whatsapp=contacts.whatsapp,
                          email=contacts.email or "-", website=contacts.website or "-")
            return Go(None, [Reply(info)])
        if answer == 3:
            return ask_for_officer(turn)
        ticket = find_ticket(turn.text, turn.config.office.code)
        if ticket:
            return answer_ticket(turn, ticket, None)
        if len(turn.text.split()) >= STORY_START_WORDS:
            # They started telling their story straight away: keep it and carry on.
            start_draft(turn)
            add_to_story(turn, turn.text)
            turn.data["last_bubble_at"] = turn.now.isoformat()
            return Go(State.DESCRIBE, [turn.ask("describe.noted", "continue")], ask_next=False)
        if turn.inbound.media and turn.data.get("attachments"):
            return Go(None, [Reply(turn.t("media.kept"))])
        return self.not_understood(turn, 4)


@register
class Resume(Step):
    """After a long silence in the middle of a complaint: carry on, or start over."""

    state = State.RESUME
    goes_to = frozenset({State.MENU, State.DESCRIBE, State.TYPE_CONFIRM, State.TYPE_CHOOSE,
                         State.WHEN, State.WHERE, State.WHERE_OTHER, State.WHO, State.EVIDENCE,
                         State.IDENTITY, State.NAME, State.CONFIDENTIAL, State.CONFIRM,
                         State.EDIT})  # back to the draft step it interrupted

    def prompt(self, turn: Turn) -> list[Reply]:
        preview = story(turn)[:80] or "…"
        return [turn.ask("resume", "resume.continue", "resume.restart", preview=preview)]

    def handle(self, turn: Turn) -> Go:
        answer = self.choose(turn, [turn.words("resume.continue") + ["lanjut", "ya", "yes", "continue"],
                                    turn.words("resume.restart") + ["baru", "ulang", "new", "restart"]])
        if answer is None:
            return self.not_understood(turn, 2)
        if answer == 1:
            turn.data.clear()
            return Go(State.MENU)
        return Go(State(turn.data.pop("resume_state", State.MENU.value)))
