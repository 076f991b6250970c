"""The order of the intake questions: which one a draft needs next, and where each may lead.

A draft asks each applicable question once, in this order; an answer changed from the summary
re-asks only what now depends on it (a new type may need a reference number, a confidentiality
question) and then returns to the summary. Every step leaves through `next_state`.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from bot.conversation.turn import State, Turn

Data = dict[str, Any]


def type_of(turn: Turn) -> Any:
    return turn.config.complaint_types.get(turn.data.get("type", ""))


def _asks_reference(turn: Turn) -> bool:
    kind = type_of(turn)
    return kind is not None and kind.reference is not None


def _asks_outcome(turn: Turn) -> bool:
    kind = type_of(turn)
    return kind is not None and kind.outcome_example is not None


def asks_confidential(turn: Turn) -> bool:
    """Named on a sensitive type: confidential unless the person explicitly chooses to be named
    openly (bot/identity.py), so they are asked."""
    d = turn.data
    return "anonymous" in d and not d["anonymous"] and d.get("type") in \
        turn.config.sensitive_types


# A complaint about the online services (the M-Paspor app, the website, a payment) happened
# online: "where did it happen?" is not asked, and the place is "online", unless the story
# tells of a counter or a visit ("di loket", "datang ke kantor"); *Ubah* can still set one.
ONLINE_TYPE = "sistem_online"
ONLINE = "online"
_AT_A_COUNTER = re.compile(
    r"\b(loket|konter|counter|desk|meja|ruang tunggu|antri\w*|antre\w*|queue\w*|"
    r"(di|ke|datang ke|dtg ke|at the|to the|went to the) (kantor|kanim|office|pelabuhan|"
    r"bandara|airport|seaport|port)|pelabuhan|bandara|malundung|juwata)\b")


def happened_online(turn: Turn) -> bool:
    """An online-services complaint whose story names no counter or visit."""
    if turn.data.get("type") != ONLINE_TYPE:
        return False
    told = " ".join(turn.data.get("story") or []).lower()
    return _AT_A_COUNTER.search(told) is None


def imply_place(turn: Turn) -> None:
    """"online" as the place of a complaint that happened online (never asked); dropped again
    when the type changes to one that asks where (`after_type`)."""
    if "place" not in turn.data and happened_online(turn):
        turn.data.update(place=ONLINE, place_detail=None)


def _always(turn: Turn) -> bool:
    return True


# (state, is it answered?, does it apply to this draft?) in the order they are asked.
ORDER: list[tuple[State, Callable[[Data], bool], Callable[[Turn], bool]]] = [
    (State.DESCRIBE, lambda d: bool(d.get("story")), _always),
    (State.TYPE_CHOOSE, lambda d: "type" in d, _always),
    (State.REFERENCE, lambda d: "reference" in d, _asks_reference),
    (State.WHEN, lambda d: "when_text" in d, _always),
    (State.WHERE, lambda d: "place" in d, _always),
    (State.WHO, lambda d: "who" in d, _always),
    (State.EVIDENCE, lambda d: bool(d.get("evidence_done")), _always),
    (State.OUTCOME, lambda d: "outcome" in d, _asks_outcome),
    (State.IDENTITY, lambda d: "anonymous" in d, _always),
    (State.CONFIDENTIAL, lambda d: "confidential" in d, asks_confidential),
]
# The answers each question sets (a question not listed sets those of the one it belongs to).
ANSWERS: dict[State, tuple[str, ...]] = {
    State.TYPE_CHOOSE: ("type", "type_source", "type_confidence", "type_changed_by"),
    State.REFERENCE: ("reference",),
    State.WHEN: ("when_text", "when_date", "when_label", "when_detail"),
    State.WHERE: ("place", "place_detail"),
    State.WHO: ("who",),
    State.EVIDENCE: ("evidence_done",),
    State.OUTCOME: ("outcome",),
    State.IDENTITY: ("anonymous", "name", "confidential"),
    State.CONFIDENTIAL: ("confidential",),
}
PART_OF = {State.TYPE_CONFIRM: State.TYPE_CHOOSE, State.WHERE_OTHER: State.WHERE,
           State.NAME: State.IDENTITY}
CONDITIONAL = frozenset(state for state, _, applies in ORDER if applies is not _always)
TYPE_STATES = frozenset({State.TYPE_CHOOSE, State.TYPE_CONFIRM})


def next_state(turn: Turn) -> State:
    """The first applicable question this draft has not answered; the summary when none.
    An answer the draft implies (the place of a complaint that happened online) is filled in
    first."""
    imply_place(turn)
    for state, answered, applies in ORDER:
        if applies(turn) and not answered(turn.data):
            return state
    return State.CONFIRM


def forget_from(turn: Turn, state: State) -> None:
    """Going back to `state`: its answer and every later one are asked again (the story and
    the evidence already sent are kept)."""
    names = [s for s, _, _ in ORDER]
    start = PART_OF.get(state, state)
    if start not in names:
        return
    for later in names[names.index(start):]:
        for key in ANSWERS.get(later, ()):
            turn.data.pop(key, None)


def after_type(turn: Turn) -> State:
    """A type was chosen: drop answers the new type does not ask for, then go on."""
    if not _asks_reference(turn):
        turn.data.pop("reference", None)
    if not _asks_outcome(turn):
        turn.data.pop("outcome", None)
    if turn.data.get("place") == ONLINE and turn.data.get("type") != ONLINE_TYPE:
        turn.data.pop("place", None)            # no longer online: where is asked
        turn.data.pop("place_detail", None)
    return next_state(turn)


def successors(state: State) -> frozenset[State]:
    """Where a step may lead (its `goes_to`): the next questions up to the next one every draft
    is asked, the summary, and any later question a type or the identity adds: after an edit
    at the summary the questions between may all be answered already (a type changed from the
    online services to a passport complaint asks where, then what is wanted: WHERE -> OUTCOME)."""
    names = [s for s, _, _ in ORDER]
    position = names.index(State.TYPE_CHOOSE if state is State.TYPE_CONFIRM else state)
    later = names[position + 1:]
    found: set[State] = {State.CONFIRM}
    for name in later:
        found.add(name)
        if name not in CONDITIONAL:
            break
    found |= {name for name in later if name in CONDITIONAL}
    return frozenset(found)
