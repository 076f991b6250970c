"""A complaint being written: its story, the way back through its questions, and its undo."""
from __future__ import annotations

from typing import Any

from bot.concealed import mask_typed_pin
from bot.conversation.turn import DRAFT_STATES, State, Turn
from bot.tickets import find_ticket

MAX_STORY = 20_000
# A new story told while an unfinished draft waits, kept until they choose between them.
NEW_MESSAGE = "resume_new"
# "batal" said at the menu while an unfinished draft waits: a "ya" next may mean "yes, cancel"
# (no question was asked), so it does not continue the draft (`menu.Menu`).
CANCEL_AT_MENU = "cancel_at_menu"
# The wish to complain that named its topic ("… about my KITAS extension"): the story's first
# part once the story is told.
TOPIC = "topic"
# The type that topic names ("mau ngadu soal paspor": paspor), suggested at the type question
# when the model proposes none (`story.after_story`).
TOPIC_TYPE = "topic_type"
# The story was begun from a message at the menu ("Dicatat sebagai awal pengaduan"): the first
# bubble added to it is acknowledged at once (`story.Describe`), then cleared.
NOTED = "story_noted"
# The day the story began to be told ({"date": ISO}, in the office's time zone): its "kemarin"
# counts from that day, not from the day the person, back after a night away, goes on.
STORY_ON = "story_on"
# Answers of a draft (everything else in the conversation's data is about other flows).
DRAFT_KEYS = ("story", "type", "type_source", "type_confidence", "type_changed_by",
              "predicted", "proposal", "suggested", "reference", "when_text", "when_date", "place",
              "place_detail", "who", "evidence_done", "outcome", "anonymous", "name",
              "confidential", "scope_insisted", "scope_office", "attachments", "editing", "trail",
              "resume_state", "asked_done", "story_edit", TOPIC, TOPIC_TYPE, NOTED,
              STORY_ON)


def story(turn: Turn) -> str:
    return "\n".join(turn.data.get("story", []))


def add_to_story(turn: Turn, text: str) -> bool:
    """Append a bubble to the story; False when the story is already at its limit.

    The same bubble sent again (a person who thinks the first did not go through, a
    phone resending it) is kept in the message log but not told twice in the story. A PIN typed
    into it ("TRK-… pin 304290 gimana?", checking an earlier complaint) is kept masked, as the
    message log keeps it: the story is stored and read by officers."""
    text = mask_typed_pin(text, ticketed=find_ticket(text, turn.config.office.code) is not None)
    parts = list(turn.data.get("story", []))
    if parts and parts[-1].strip() == text.strip():
        return True
    topic = turn.data.get(TOPIC)
    if not parts and topic and topic.strip() != text.strip():
        parts.append(topic)        # the topic named with the wish to complain, then the story
    if sum(len(p) for p in parts) + len(text) > MAX_STORY:
        return False
    parts.append(text)
    turn.data["story"] = parts
    turn.data.setdefault(STORY_ON, {"date": turn.now.astimezone(
        turn.config.office.tz).date().isoformat()})       # the first line's day is kept
    turn.data.pop(TOPIC, None)
    turn.data.pop("asked_done", None)
    return True


def reopen(turn: Turn, target: State, keys: tuple[str, ...]) -> None:
    """Forget the answers a question sets, to ask it again; except the story, which is added
    to (a person on WhatsApp cannot edit what they wrote, and "Ubah > Cerita" then a detail
    must not lose the rest of it): its question offers to write it anew instead."""
    if target is State.DESCRIBE and turn.data.get("story"):
        turn.data["story_edit"] = True
        keys = tuple(k for k in keys if k != "story")
    for key in keys:
        turn.data.pop(key, None)


def has_content(data: dict[str, Any]) -> bool:
    """Something the person would be sorry to lose: a story or an answer."""
    return bool(data.get("story") or data.get("attachments")) or any(
        k in data for k in ("type", "when_text", "place"))


def clear(turn: Turn) -> None:
    """Forget the conversation's data, but not a cancelled or set-aside draft: it stays
    recoverable (*pulihkan*) until another complaint is filed or it expires."""
    discarded = turn.data.get("discarded")
    turn.data.clear()
    if discarded:
        turn.data["discarded"] = discarded


def start(turn: Turn) -> None:
    """A fresh draft that keeps any evidence sent just before choosing to complain."""
    kept = turn.data.get("attachments", [])
    clear(turn)
    if kept:
        turn.data["attachments"] = kept


def interrupt(turn: Turn, state: State) -> None:
    """Leave the draft for the menu; it is offered again there."""
    if state in DRAFT_STATES and state is not State.CANCEL:
        turn.data["resume_state"] = state.value


def discard(turn: Turn, state: State) -> None:
    """Cancel the draft, keeping a copy the person can take back from the menu."""
    kept = {k: v for k, v in turn.data.items() if k in DRAFT_KEYS}
    kept["resume_state"] = state.value
    turn.data.clear()
    turn.data["discarded"] = kept


def set_aside(turn: Turn) -> None:
    """Start over ("Mulai baru"), keeping the unfinished draft, its evidence included, as a
    cancelled one: a person who chose it by mistake takes it back with *pulihkan*."""
    kept = {k: v for k, v in turn.data.items() if k in DRAFT_KEYS}
    kept.setdefault("resume_state", State.DESCRIBE.value)
    turn.data.clear()
    turn.data["discarded"] = kept


def restore(turn: Turn) -> State | None:
    """Take back a cancelled draft; the step it was cancelled at (None: nothing to restore).
    A draft being written meanwhile is not lost: it is set aside in its place."""
    kept = turn.data.pop("discarded", None)
    if not kept:
        return None
    state = State(kept.pop("resume_state", State.DESCRIBE.value))
    current = {k: v for k, v in turn.data.items() if k in DRAFT_KEYS}
    turn.data.clear()
    if has_content(current):
        current.setdefault("resume_state", State.DESCRIBE.value)
        turn.data["discarded"] = current
    turn.data.update(kept)
    return state


def resume(turn: Turn) -> State | None:
    """The step an interrupted draft was left at (None: no interrupted draft)."""
    value = turn.data.get("resume_state")
    if not value or not has_content(turn.data):
        return None
    return State(value)


def record_move(turn: Turn, came_from: State, went_to: State) -> None:
    """Remember the way through the questions, so 'kembali' can go back one step."""
    if came_from in DRAFT_STATES and went_to in DRAFT_STATES and came_from is not State.CANCEL \
            and went_to is not State.CANCEL and came_from is not went_to:
        trail = list(turn.data.get("trail", []))
        trail.append(came_from.value)
        turn.data["trail"] = trail[-30:]


def step_back(turn: Turn, state: State) -> State | None:
    """The question before this one (None: there is none, e.g. at the story)."""
    if turn.data.get("editing") and state is not State.CONFIRM:
        return State.CONFIRM
    trail = list(turn.data.get("trail", []))
    while trail:
        previous = State(trail.pop())
        if previous is not state and previous not in (State.EDIT, State.CANCEL):
            turn.data["trail"] = trail
            return previous
    turn.data["trail"] = []
    return None
