"""The Step base class and the registry of declared states."""
from __future__ import annotations

from typing import Any, ClassVar, Sequence

from bot.conversation.choices import pick
from bot.conversation.turn import BUTTON_CHANNELS, Go, State, Turn
from bot.conversation.understand import is_affirm, is_deny, is_done, said
from bot.messages import Choice, Reply

# Up to this many choices, a "not understood" reply names them all on one line.
COMPACT_CHOICES = 5
# SMS users answer a yes-or-no question Y/T (ya/tidak), or Y/N: where "Y" means yes, these
# mean no.
SMS_NO = frozenset({"t", "n"})
# Asking what a question means: "?", "??", "maksudnya?", "hah?", "what?", "ga ngerti". Every
# word is one of these, and one of them (or a "?") asks.
_MEANING_ASKS = frozenset({"maksudnya", "maksud", "maksudny", "apaan", "hah", "huh", "what",
                           "pardon", "mean", "means", "meant", "ngerti", "mengerti", "paham",
                           "understand"})
_MEANING_WORDS = _MEANING_ASKS | {"apa", "ha", "he", "eh", "sorry", "maaf", "do", "you", "ga",
                                  "gak", "gk", "nggak", "ngga", "tidak", "tdk", "kurang", "i",
                                  "dont", "don", "t", "ya", "sih", "nih", "itu", "ini", "is",
                                  "it", "this", "that", "the", "question", "pertanyaannya",
                                  "kak", "min", "pak", "bu", "bang", "mas", "mbak", "dong",
                                  "saya", "sy", "by"}
MEANING_WORDS_MAX = 5


def asks_meaning(text: str) -> bool:
    """'?', '??', 'maksudnya?', 'hah?', 'what?', 'ga ngerti': what does the question mean?"""
    ws = said(text).split()
    if not ws:
        return "?" in text
    if len(ws) > MEANING_WORDS_MAX or not all(w in _MEANING_WORDS for w in ws):
        return False
    return text.strip().endswith("?") or any(w in _MEANING_ASKS for w in ws)


def is_no(text: str) -> bool:
    """A no where a yes ("Y") is understood: 'tidak', 'gak usah', and "T" or "N" alone."""
    return is_deny(text) or said(text) in SMS_NO


class Step:
    """One state of the conversation: its question and how it reads the answer."""

    state: ClassVar[State]
    goes_to: ClassVar[frozenset[State]] = frozenset()

    def prompt(self, turn: Turn) -> list[Reply]:
        raise NotImplementedError

    def handle(self, turn: Turn) -> Go:
        raise NotImplementedError

    # The NLU, which the engine may read before the turn's transaction ---------------------
    @classmethod
    def may_classify(cls, text: str) -> bool:
        """Cheap, stateless: could this step want the NLU for a message saying `text`?"""
        return False

    def nlu_text(self, text: str, data: dict[str, Any]) -> str | None:
        """The text this step will classify (`turn.classify`) for this message, given the
        conversation's saved data; None: no NLU needed."""
        return None

    # helpers shared by steps ---------------------------------------------------------------
    # The text key explaining the question, said when the person asks what it means.
    help_key: ClassVar[str | None] = None

    def help_values(self, turn: Turn) -> dict[str, str]:
        """The values the explanation is filled with."""
        return {}

    def explain(self, turn: Turn) -> Go | None:
        """"?", "maksudnya?", "what?": the question explained in a sentence or two, with an
        example of an answer (and how to skip it, where it can be), its choices again; the
        question stays (never skipped, never the same line again). None: not asked."""
        if self.help_key is None or not asks_meaning(turn.text):
            return None
        asked = [r for r in self.prompt(turn) if r.choices]
        options = asked[-1].choices if asked else ()
        return Go(None, [Reply(turn.t(self.help_key, **self.help_values(turn)), options)],
                  ask_next=False)

    def not_understood(self, turn: Turn, choices: int | None = None) -> Go:
        """'Sorry, I didn't get that', with the question's choices in one short line. A yes or
        a "lanjut" ("Y", "ok", "ya") to a list of choices that has no yes in it is understood:
        one of them is to be chosen, which is said, with the choices again."""
        asked = [r for r in self.prompt(turn) if r.choices]
        options = asked[-1].choices if asked else ()
        if len(options) >= 2 and (is_affirm(turn.text) or is_done(turn.text)):
            return Go(None, [choose_one(turn, options)], ask_next=False)
        return Go(None, [compact(turn, turn.t("not_understood"), options)], ask_next=False)

    def compact(self, turn: Turn, text: str, *choice_keys: str) -> Reply:
        return compact(turn, text, tuple(Choice(turn.t(k)) for k in choice_keys))

    @staticmethod
    def choose(turn: Turn, options: Sequence[Sequence[str]]) -> int | None:
        return pick(turn.text, options)


def compact(turn: Turn, text: str, options: Sequence[Choice]) -> Reply:
    """A short reminder naming the choices on one line (buttons stay on Telegram)."""
    options = tuple(options)
    if not options:
        return Reply(text)
    if len(options) == 1:
        line = turn.t("reply_with", options=f"*{options[0].label.lower()}*")
    elif len(options) <= COMPACT_CHOICES:
        line = turn.t("reply_with", options=" · ".join(
            f"{i} {c.label}" for i, c in enumerate(options, 1)))
    else:
        line = turn.t("reply_with_number", n=len(options))
    return Reply(f"{text} {line}", options, numbered=False)


def choose_one(turn: Turn, options: Sequence[Choice]) -> Reply:
    """'Choose one first': how to choose (tap it where the choices are buttons, its number
    where they are numbered lines), and the choices again: on one line when they are few, as
    the list when they are many (the list may have scrolled far up on a small phone)."""
    options = tuple(options)
    tapped = turn.inbound.channel in BUTTON_CHANNELS
    text = turn.t("choose_one.tap" if tapped else "choose_one")
    if len(options) > COMPACT_CHOICES:
        return Reply(text, options)
    line = " · ".join(f"{i} {c.label}" for i, c in enumerate(options, 1))
    return Reply(f"{text} {line}", options, numbered=False)


REGISTRY: dict[State, Step] = {}


def register(cls: type[Step]) -> type[Step]:
    """Class decorator: declare the step for its state."""
    if cls.state in REGISTRY:
        raise RuntimeError(f"two steps for state {cls.state}")
    REGISTRY[cls.state] = cls()
    return cls
