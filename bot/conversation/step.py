"""The Step base class and the registry of declared states."""
from __future__ import annotations

import re
from typing import Any, Callable, ClassVar, Sequence

from bot.conversation.choices import normalise, pick
from bot.conversation.draft import add_to_story
from bot.conversation.turn import BUTTON_CHANNELS, DRAFT_STATES, Go, State, Turn
from bot.conversation.understand import (PARTICLES, asks_if_safe, asks_news, is_affirm, is_deny,
                                         is_done, is_question, said)
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


# The draft's questions (not the story, nor the out-of-scope answer or the cancel question,
# which read these messages their own way): a failed answer is counted, a service or privacy
# question answered (`Step.respond`).
ASKING = DRAFT_STATES - {State.DESCRIBE, State.SCOPE, State.CANCEL}
# Where the identity is the question itself (a wish for secrecy may be the answer), or the
# summary reads identity wishes first: the step answers a privacy question itself.
_OWN_PRIVACY = frozenset({State.IDENTITY, State.NAME, State.CONFIDENTIAL, State.CONFIRM})
# The questions with choices only, where an urgent plea could be taken for one of them.
PLEA_AT = frozenset({State.TYPE_CONFIRM, State.TYPE_CHOOSE, State.CONFIRM, State.EDIT,
                     State.IDENTITY, State.CONFIDENTIAL})
# The questions answered in free words, where an urgent plea that speaks of the person's own
# permit, visa, passport or journey ("URGENT my visa expires next week") is no answer either: a
# wish said urgently ("paspor saya segera diterbitkan", "asap") still is one.
PLEA_FREE = frozenset({State.REFERENCE, State.WHEN, State.WHERE, State.WHERE_OTHER,
                       State.WHO, State.OUTCOME})
# A failed answer (the step stays and asks again) this many times running at one question:
# the reply says what is accepted and the way out, never the step's same words again.
STUCK_AFTER = 3
STUCK = "stuck"        # in the conversation's data: {state, n, said, shown}
# Urgent pleas at one question, in the conversation's data: {state, n}; the first gets the
# whole answer and the question again, the next ones a shorter text.
PLEADED = "pleaded"
# A question about a service ("syaratnya apa?", "berapa biayanya?", "what documents do I
# need?"): answered, or pointed to the service information, never stored as an answer.
_SERVICE = re.compile(r"\b(syarat|syaratnya|persyaratan|persyaratannya|dokumen|dokumennya|"
                      r"berkas|berkasnya|biaya|biayanya|tarif|tarifnya|harga|harganya|ongkos|"
                      r"prosedur|prosedurnya|requirement|requirements|document|documents|"
                      r"papers|fee|fees|cost|costs|price|how much|procedure)\b")
# Urgency said instead of a choice ("URGENT my visa expires next week", "darurat pak tolong").
_URGENT = re.compile(r"\b(urgent|urgently|urgen|darurat|emergency|mendesak|gawat|asap|sos|"
                     r"segera|secepatnya|cepetan|buruan)\b")
_PLEA_FILL = PARTICLES | {"tolong", "tlg", "please", "pls", "plis", "help", "ini", "sangat",
                          "very", "is", "it", "s", "sekali", "banget", "bgt", "this"}
PLEA_MAX_WORDS = 25
# A choice said with urgency ("kirim segera", "ya segera"): a choice, read by the step.
PLEA_CHOICE_WORDS = 2


# A fear for one's identity, stated without a question mark ("saya takut nanti dipersulit kalau
# nama saya ketahuan", "I'm afraid they will find out it was me"): asked as surely as "aman
# gak?". One that names a choice as well ("saya takut dibalas, anonim aja") is that choice.
_FEAR = re.compile(r"\b(takut|khawatir|kuatir|cemas|risau|bimbang|ngeri|scared|afraid|worried|"
                   r"frightened|fear)\b")
_CHOICE_NAMED = re.compile(r"\b(anonim\w*|anonymous\w*|tanpa nama|\w*rahasia\w*|rahsia\w*|"
                           r"confidential\w*|secret|samar\w*|disamarkan)\b")


# The questions answered by a choice, where a fear told is no answer; at a free-text one ("who?",
# "what would you like?") it may come with the answer ("petugas loket, saya takut dia tahu").
FEAR_AT = PLEA_AT | {State.WHEN, State.WHERE, State.EVIDENCE}


def fears(text: str) -> bool:
    """'saya takut nanti dipersulit kalau nama saya ketahuan': a fear of being known, told
    rather than asked and naming no choice ("rahasiakan nama saya" is one)."""
    s = said(text)
    return asks_if_safe(text) and _FEAR.search(s) is not None and \
        _CHOICE_NAMED.search(s) is None


def asks_service(text: str) -> bool:
    """'syaratnya apa?', 'berapa biayanya?', 'what documents do I need?'."""
    return is_question(text) and _SERVICE.search(said(text)) is not None


def pleads(text: str) -> bool:
    """An urgent plea, not a choice: urgency alone ("darurat pak tolong"), or with at least
    three words of its own ("URGENT my visa expires next week"; "kirim segera" is a choice)."""
    s = said(text)
    if not _URGENT.search(s) or len(s.split()) > PLEA_MAX_WORDS:
        return False
    rest = [w for w in s.split() if not _URGENT.fullmatch(w) and w not in _PLEA_FILL]
    return not rest or len(rest) > PLEA_CHOICE_WORDS


def service_pointer(turn: Turn) -> Reply:
    """Where a service question is answered: the information menu, or the office."""
    contacts = turn.config.office.contacts
    return Reply(turn.t("service.later", contact=contacts.phone or contacts.whatsapp))


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

    # The engine's door to `handle`: what every question of the draft answers alike ----------
    def respond(self, turn: Turn) -> Go:
        """The step's answer to the message: a privacy or service question, or an urgent
        plea, answered at any question of the draft (the question again, nothing stored);
        else `handle`, and after two failed answers running, what is accepted and the way
        out, never the same words again (`stuck`)."""
        if self.state not in ASKING:
            return self.handle(turn)
        aside = self.aside(turn)
        if aside is not None:
            return aside
        before = _progress(turn)
        go = self.handle(turn)
        if self.help_key is not None and asks_meaning(turn.text):
            return go           # what the question means, asked and explained: no failure
        return self.stuck(turn, go, before)

    def aside(self, turn: Turn) -> Go | None:
        text = turn.text
        if not text:
            return None
        if (self.state in PLEA_AT and pleads(text)) or (
                self.state in PLEA_FREE and pleads(text)
                and any(speaks(text) for speaks in SPEAKS_OF_DEADLINE)):
            told = len([w for w in said(text).split() if not _URGENT.fullmatch(w)
                        and w not in _PLEA_FILL]) > PLEA_CHOICE_WORDS
            new = text.strip() not in [p.strip() for p in turn.data.get("story") or []]
            kept = told and add_to_story(turn, text)
            record = turn.data.get(PLEADED) or {}
            n = record.get("n", 0) + 1 if record.get("state") == self.state.value else 1
            turn.data[PLEADED] = {"state": self.state.value, "n": n}
            if n == 1:
                return Go(None, [Reply(turn.t("plea") + (" " + turn.t("plea.kept") if kept
                                                         else "") + " " +
                                       turn.t("plea.officer"))])
            # pleaded again at this question: a shorter text (two wordings, alternating), the
            # choices in one line, never the whole question (the review's summary) again
            short = turn.t("plea.short.again" if n % 2 else "plea.short") + (
                " " + turn.t("plea.kept") if kept and new else "")
            asked = [r for r in self.prompt(turn) if r.choices]
            if asked:
                return Go(None, [compact(turn, short, asked[-1].choices)], ask_next=False)
            return Go(None, [Reply(short)])
        so_what = not asks_meaning(text) and any(asks(text) for asks in ASKS_WHAT_NEXT)
        if (asks_news(text) or so_what) and STATUS_ANSWERERS:
            # "hello, any news about my report? it has been one week", "jadi gimana bu?", "so
            # what now?": this complaint is not sent yet (and what it still needs), the filed
            # ones' status, the question again; never the office's information on its topic
            return STATUS_ANSWERERS[0](turn, self.state)
        safe = asks_if_safe(text) and (is_question(text) or (
            self.state in FEAR_AT and fears(text))) and self.state not in _OWN_PRIVACY
        service = asks_service(text) and self.state is not State.EVIDENCE
        if not (safe or service):
            return None
        for answer in ANSWERERS:
            go = answer(turn)
            if go is not None:
                return go
        return Go(None, [service_pointer(turn)]) if service else None

    def stuck(self, turn: Turn, go: Go, before: tuple[int, int]) -> Go:
        """Count the failed answers (the step stays and asks again, nothing kept) at this
        question; from the third running, when the step would say what it said the last
        time, say what is accepted and the way out instead (two wordings, alternating)."""
        record = turn.data.get(STUCK) or {}
        if record.get("state") != self.state.value:
            record = {}
        stays = go.to is None or go.to is self.state
        if not stays or _progress(turn) != before or go.understood:
            turn.data.pop(STUCK, None)
            return go
        if go.ask_next or turn.inbound.media:     # a question answered, a file kept
            return go
        text = "\n".join(reply.text for reply in go.say)
        n, shown = record.get("n", 0) + 1, record.get("shown", 0)
        repeated = text == record.get("said")
        turn.data[STUCK] = {"state": self.state.value, "n": n, "said": text, "shown": shown}
        if n < STUCK_AFTER or not repeated:
            return go
        turn.data[STUCK]["shown"] = shown + 1
        return Go(None, [self.stuck_reply(turn, again=shown % 2 == 1)], ask_next=False)

    # Text key saying what the question accepts (free text); None: its choices say it.
    accepts_key: ClassVar[str | None] = None

    def stuck_reply(self, turn: Turn, again: bool = False) -> Reply:
        asked = [r for r in self.prompt(turn) if r.choices]
        options = tuple(asked[-1].choices) if asked else ()
        lines = [turn.t("stuck.again" if again else "stuck")]
        listed = bool(self.accepts_key) or len(options) > COMPACT_CHOICES
        if self.accepts_key:
            lines.append(turn.t(self.accepts_key, **self.help_values(turn)))
        elif len(options) > COMPACT_CHOICES:
            lines.append(turn.t("stuck.list", n=len(options)))
        elif options:
            lines.append(turn.t("stuck.choices", options=" · ".join(
                f"{i} {c.label}" for i, c in enumerate(options, 1))))
        lines += self.ways_out(turn, options)
        lines.append(turn.t("stuck.out"))
        return Reply("\n".join(lines), options, numbered=listed)

    def ways_out(self, turn: Turn, options: Sequence[Choice]) -> list[str]:
        """The way past the question, besides *batal* and *petugas*: skipping it, where it
        may be skipped."""
        skip = {normalise(w) for w in turn.words("skip")}
        return [turn.t("stuck.skip")] if any(normalise(c.label) in skip for c in options) \
            else []

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

    def help_for(self, turn: Turn) -> str | None:
        """The text key explaining the question asked now: `help_key`, unless the step asks
        something else at the moment (a yes-or-no check of an answer, a day or place the story
        told), which it explains instead."""
        return self.help_key

    def explain(self, turn: Turn) -> Go | None:
        """"?", "maksudnya?", "what?": the question explained in a sentence or two, with an
        example of an answer (and how to skip it, where it can be), its choices again; the
        question stays (never skipped, never the same line again). None: not asked."""
        key = self.help_for(turn)
        if key is None or not asks_meaning(turn.text):
            return None
        asked = [r for r in self.prompt(turn) if r.choices]
        options = asked[-1].choices if asked else ()
        return Go(None, [Reply(turn.t(key, **self.help_values(turn)), options)],
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


def _progress(turn: Turn) -> tuple[int, int]:
    """What a message may add without an answer: to the story, or a file."""
    return len(turn.data.get("story") or []), len(turn.data.get("attachments") or [])


# What answers a question asked while a question of the draft waits (the office's information
# lives with the intake, which imports this module): declared with `answers_questions`.
ANSWERERS: list[Callable[[Turn], Go | None]] = []


def answers_questions(func: Callable[[Turn], Go | None]) -> Callable[[Turn], Go | None]:
    """Function decorator: declare an answerer of questions asked at the draft's questions."""
    ANSWERERS.append(func)
    return func


# Whether words speak of the person's own permit, visa, passport or journey running out: the
# deadline reader (`bot.conversation.deadline.mentions`), declared by the intake (the reader
# imports the office's information, whose steps import this module).
SPEAKS_OF_DEADLINE: list[Callable[[str], bool]] = []

# Whether a message asks what happens now ("jadi gimana bu?", "so what now?"): the story's
# reader (`bot.conversation.story.asks_what_next`, whose module imports this one), declared there.
ASKS_WHAT_NEXT: list[Callable[[str], bool]] = []

# What answers a status asked at the draft's questions (`bot.conversation.status`, which
# imports this module): declared with `answers_status`; given the question's state.
STATUS_ANSWERERS: list[Callable[[Turn, State], Go]] = []


def answers_status(func: Callable[[Turn, State], Go]) -> Callable[[Turn, State], Go]:
    """Function decorator: declare the answer to a status asked at the draft's questions."""
    STATUS_ANSWERERS.append(func)
    return func


REGISTRY: dict[State, Step] = {}


def register(cls: type[Step]) -> type[Step]:
    """Class decorator: declare the step for its state."""
    if cls.state in REGISTRY:
        raise RuntimeError(f"two steps for state {cls.state}")
    REGISTRY[cls.state] = cls()
    return cls
