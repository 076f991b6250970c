"""The Step base class and the registry of declared states."""
from __future__ import annotations

from typing import Any, ClassVar, Sequence

from bot.conversation.choices import pick
from bot.conversation.turn import Go, State, Turn
from bot.messages import Reply


class Step:
    """One state of the conversation: its question and how it reads the answer."""

    state: ClassVar[State]
    goes_to: ClassVar[frozenset[State]] = frozenset()

    def prompt(self, turn: Turn) -> list[Reply]:
        raise NotImplementedError

    def handle(self, turn: Turn) -> Go:
        raise NotImplementedError

    # The NLU, read outside the transaction -------------------------------------------------
    @classmethod
    def may_classify(cls, text: str) -> bool:
        """Cheap, stateless: could this step want the NLU for a message saying `text`?
        (False means the engine skips the peek at the state for this message.)"""
        return False

    def nlu_text(self, text: str, data: dict[str, Any]) -> str | None:
        """The text this step will classify (`turn.classify`) for this message in this state,
        given the conversation's saved data; None: no NLU needed."""
        return None

    # helpers shared by steps ---------------------------------------------------------------
    @staticmethod
    def after(turn: Turn, default: State) -> State:
        """Where to go once this answer is in: back to the summary when editing."""
        return State.CONFIRM if turn.data.get("editing") else default

    def not_understood(self, turn: Turn, choices: int) -> Go:
        return Go(None, [Reply(turn.t("not_understood", n=choices))])

    @staticmethod
    def choose(turn: Turn, options: Sequence[Sequence[str]]) -> int | None:
        return pick(turn.text, options)


REGISTRY: dict[State, Step] = {}


def register(cls: type[Step]) -> type[Step]:
    """Class decorator: declare the step for its state."""
    if cls.state in REGISTRY:
        raise RuntimeError(f"two steps for state {cls.state}")
    REGISTRY[cls.state] = cls()
    return cls
