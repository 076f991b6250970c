"""The SOP's moves as the desk runs them (`STEP_ACTIONS`): bot.desk.steps's moves, buttons,
questions and answers, each behind the checks a typed command needs first: step 9 opens its
dialogue (bot.desk.closing) instead of moving; a verdict typed at a step that has none is
refused; a BAP date that cannot be right is refused, or asked again when given as an answer."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable

from bot.desk import bap, closing, steps
from bot.desk.requests import DeskAnswer, OfficerRequest
from bot.sop.stages import Stage
from bot.sop.workflow import INPUT_LABEL, check_transition, next_transition, read_choice

if TYPE_CHECKING:
    from bot.config import Officer
    from bot.desk.desk import OfficerDesk
    from storage.models import Complaint
    from storage.repo import Unit


def step_nine_asks(move: Callable[..., DeskAnswer]) -> Callable[..., DeskAnswer]:
    """Step 9 is never a bare move: it opens its two-part dialogue (bot.desk.closing)."""
    def run(desk: "OfficerDesk", unit: "Unit", officer: "Officer", request: OfficerRequest,
            complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
        if complaint.stage == Stage.SIGNED:
            return closing.start(desk, unit, officer, request, complaint, now)
        return move(desk, unit, officer, request, complaint, now)
    return run


def bap_problem(desk: "OfficerDesk", complaint: "Complaint", text: str,
                 now: dt.datetime) -> str | None:
    """Why the BAP date in a step-4 answer cannot be right (before the complaint was
    received, or after today in the office's time zone: an examination not yet held), or None
    (also when no BAP is read: the step itself asks for one)."""
    found = bap.read_strict(text) or bap.read(text)
    if found is None:
        return None
    tz = desk.config.office.tz
    received = complaint.created_at
    if received.tzinfo is None:
        received = received.replace(tzinfo=dt.timezone.utc)
    # Today is the office's date, not UTC's: a BAP signed this morning in Makassar is dated
    # a day after the UTC date until 08.00 WITA.
    return bap.date_problem(found[1], received.astimezone(tz).date(),
                            today=now.astimezone(tz).date())


def typed_inputs_checked(move: Callable[..., DeskAnswer]) -> Callable[..., DeskAnswer]:
    """A typed /tahap checked before it moves: a verdict (or follow-up) typed at a step that
    has none is refused, not kept as the step's note ("Catatan langkah 2: benar"); a BAP dated
    before the complaint was received is refused, as an impossible date is."""
    def run(desk: "OfficerDesk", unit: "Unit", officer: "Officer", request: OfficerRequest,
            complaint: "Complaint", now: dt.datetime) -> DeskAnswer:
        transition = next_transition(complaint.stage, complaint.verdict)
        _, args = steps._typed_target(request.args)
        if transition is not None and transition.step != 9:
            steps.check_actor(desk, unit, officer, complaint)  # who, then what
            for name in ("verdict", "follow_up"):
                choice, rest = read_choice(name, args.strip())
                if choice is not None and name not in transition.needs and not rest.strip():
                    raise steps.refusal(
                        desk, complaint, transition, now,
                        f"Langkah {transition.step} ({transition.label}) tidak memerlukan "
                        f"{INPUT_LABEL[name]}: itu ditetapkan di langkah "
                        f"{4 if name == 'verdict' else 5}.")
            if "verdict" in transition.needs:
                check_transition(officer, complaint.stage, complaint.verdict, complaint.section,
                                 sections=steps.sections(desk))
                _, rest = read_choice("verdict", args.strip())
                problem = bap_problem(desk, complaint, rest, now)
                if problem:
                    raise steps.refusal(desk, complaint, transition, now, problem)
        return move(desk, unit, officer, request, complaint, now)
    return run


def answer_checked(desk: "OfficerDesk", unit: "Unit", officer: "Officer",
                    request: OfficerRequest, complaint: "Complaint",
                    now: dt.datetime) -> DeskAnswer:
    """A reply to the step-4 question whose BAP date cannot be right is asked again."""
    transition = check_transition(officer, complaint.stage, complaint.verdict,
                                  complaint.section, sections=steps.sections(desk))
    if "verdict" in transition.needs:
        problem = bap_problem(desk, complaint, request.args.strip(), now)
        if problem:
            return steps.ask(desk, officer, complaint, transition, request.choice, problem)
    return steps.answer(desk, unit, officer, request, complaint, now)


# Step actions (bot.desk.steps): the SOP moves, their buttons, questions and answers.
STEP_ACTIONS = {"stage": typed_inputs_checked(step_nine_asks(steps.move)),
                "step": step_nine_asks(steps.press_next),
                "choose": steps.choose, "answer": answer_checked, "unconfirm": steps.unconfirm}
