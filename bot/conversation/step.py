"""The Step base class and the registry of declared states."""
from __future__ import annotations

from typing import ClassVar, Sequence

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
