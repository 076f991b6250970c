"""Filing a complaint: the story, its type, when, where, who, evidence and identity."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.conversation.choices import is_word
from bot.conversation.step import Step, register
from bot.conversation.turn import Go, State, Turn
from bot.messages import Choice, Reply

CONTINUE_WORDS = {"lanjut", "lanjutkan", "selesai", "sudah", "udah", "udh", "cukup", "next",
                  "done", "continue", "finish", "finished", "ok lanjut", "1", "sdh", "lnjt"}
SKIP_WORDS = {"lewati", "skip", "tidak ada", "tidak tahu", "gak tau", "ga tau", "tdk tahu",
              "tidak", "gak", "ga", "no", "none", "0", "1", "-", "lanjut", "next"}
MAX_STORY = 20_000


def story(turn: Turn) -> str:
    return "\n".join(turn.data.get("story", []))


def add_to_story(turn: Turn, text: str) -> bool:
    """Append a bubble to the story; False when the story is already at its limit."""
    parts = list(turn.data.get("story", []))
    if sum(len(p) for p in parts) + len(text) > MAX_STORY:
        return False
    parts.append(text)
    turn.data["story"] = parts
    return True


def type_label(turn: Turn, key: str) -> str:
    return turn.config.complaint_types[key].label(turn.lang)


@register
class Describe(Step):
    """The complainant tells what happened, in as many bubbles as they like."""

    state = State.DESCRIBE
    goes_to = frozenset({State.TYPE_CONFIRM, State.TYPE_CHOOSE, State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [Reply(turn.t("describe"))]

    @classmethod
    def may_classify(cls, text: str) -> bool:
        return bool(text.strip()) and is_word(text.strip(), CONTINUE_WORDS)

    def nlu_text(self, text: str, data: dict[str, Any]) -> str | None:
        """'lanjut' after a story: the whole story is classified."""
        if not self.may_classify(text) or not data.get("story"):
            return None
        if data.get("editing") and data.get("type"):
            return None
        return "\n".join(data.get("story", []))

    def handle(self, turn: Turn) -> Go:
        text = turn.text
        if text and is_word(text, CONTINUE_WORDS):
            if not turn.data.get("story"):
                return Go(None, [Reply(turn.t("describe.empty"))], ask_next=False)
            return Go(self._classify(turn))
        if not text:
            # media alone: the engine has kept it as evidence already
            return Go(None, [Reply(turn.t("media.kept"))], ask_next=False)
        if not add_to_story(turn, text):
            return Go(None, [turn.ask("describe.too_long", "continue")], ask_next=False)
        last = turn.data.get("last_bubble_at")
        turn.data["last_bubble_at"] = turn.now.isoformat()
        quiet = turn.config.conversation.bubble_quiet_seconds
        if last and (turn.now - dt.datetime.fromisoformat(last)).total_seconds() < quiet:
            return Go(None, [], ask_next=False)  # more bubbles are coming: don't interrupt
        return Go(None, [turn.ask("describe.noted", "continue")], ask_next=False)

    def _classify(self, turn: Turn) -> State:
        turn.data.pop("last_bubble_at", None)
        if turn.data.get("editing") and turn.data.get("type"):
            return State.CONFIRM
        guess = turn.classify(story(turn))
        turn.data.pop("predicted", None)
        if guess is not None and guess.intent in turn.config.complaint_types:
            turn.data["predicted"] = {"type": guess.intent, "confidence": guess.confidence,
                                      "model_version": guess.model_version}
            if guess.confidence >= turn.config.nlu.confidence_threshold:
                return State.TYPE_CONFIRM
        return State.TYPE_CHOOSE


@register
class TypeConfirm(Step):
    """One tap to accept the model's guess of the type."""

    state = State.TYPE_CONFIRM
    goes_to = frozenset({State.WHEN, State.TYPE_CHOOSE, State.CONFIDENTIAL, State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        guess = turn.data["predicted"]["type"]
        return [turn.ask("type_confirm", "yes", "no_choose", type=type_label(turn, guess))]

    def handle(self, turn: Turn) -> Go:
        answer = self.choose(turn, [turn.words("yes") + ["ya", "y", "yes", "benar", "betul", "iya", "ok"],
                                    turn.words("no_choose") + ["bukan", "tidak", "no", "salah", "n"]])
        if answer == 0:
            predicted = turn.data["predicted"]
            turn.data.update(type=predicted["type"], type_source="nlu",
                             type_confidence=predicted["confidence"])
            return Go(after_type(turn, self.after(turn, State.WHEN)))
        if answer == 1:
            return Go(State.TYPE_CHOOSE)
        return self.not_understood(turn, 2)


@register
class TypeChoose(Step):
    """Choose the type from the numbered list."""

    state = State.TYPE_CHOOSE
    goes_to = frozenset({State.WHEN, State.CONFIDENTIAL, State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        labels = [type_label(turn, k) for k in turn.config.type_keys()]
        return [Reply(turn.t("type_choose"), tuple(Choice(label) for label in labels))]

    def handle(self, turn: Turn) -> Go:
        keys = turn.config.type_keys()
        options = [[c.id, c.en, k.replace("_", " ")]
                   for k, c in turn.config.complaint_types.items()]
        answer = self.choose(turn, options)
        if answer is None:
            return self.not_understood(turn, len(keys))
        chosen = keys[answer]
        predicted = turn.data.get("predicted")
        turn.data.update(type=chosen, type_source="complainant", type_confidence=None,
                         type_changed_by="complainant"
                         if predicted and predicted["type"] != chosen else None)
        return Go(after_type(turn, self.after(turn, State.WHEN)))


def after_type(turn: Turn, default: State) -> State:
    """Editing the type to a sensitive one re-checks the identity: someone who gave their name
    is asked whether to keep it confidential (never filed openly named without choosing it)."""
    if default is State.CONFIRM and needs_confidential_question(turn):
        return State.CONFIDENTIAL
    return default


def needs_confidential_question(turn: Turn) -> bool:
    d = turn.data
    return (d.get("type") in turn.config.sensitive_types and not d.get("anonymous")
            and "name" in d and "confidential" not in d)


_DATE = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?\b")


@register
class When(Step):
    """When it happened: quick choices or a date in the complainant's words."""

    state = State.WHEN
    goes_to = frozenset({State.WHERE, State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("when", "when.today", "when.yesterday", "when.unsure")]

    def handle(self, turn: Turn) -> Go:
        if not turn.text:
            return self.not_understood(turn, 3)
        today = turn.now.astimezone(turn.config.office.tz).date()
        answer = self.choose(turn, [turn.words("when.today") + ["td", "tadi"],
                                    turn.words("when.yesterday") + ["kmrn", "kemaren"],
                                    turn.words("when.unsure") + ["lupa", "tidak ingat"]])
        date: dt.date | None = None
        if answer == 0:
            date = today
        elif answer == 1:
            date = today - dt.timedelta(days=1)
        elif answer is None:
            date = parse_date(turn.text, today)
        label = turn.t(("when.today", "when.yesterday", "when.unsure")[answer]) \
            if answer is not None else turn.text[:200]
        turn.data.update(when_text=label, when_date=date.isoformat() if date else None)
        return Go(self.after(turn, State.WHERE))


def parse_date(text: str, today: dt.date) -> dt.date | None:
    """A day/month[/year] date in the text, if it is a real date not in the future."""
    match = _DATE.search(text)
    if not match:
        return None
    day, month, year = match.groups()
    year_n = today.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
    try:
        date = dt.date(year_n, int(month), int(day))
    except ValueError:
        return None
    return date if date <= today else None


PLACES = ("office", "seaport", "airport")


@register
class Where(Step):
    """Where it happened, with the office's usual places as quick choices."""

    state = State.WHERE
    goes_to = frozenset({State.WHO, State.WHERE_OTHER, State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("where", "where.office", "where.seaport", "where.airport", "where.other")]

    def handle(self, turn: Turn) -> Go:
        if not turn.text:
            return self.not_understood(turn, 4)
        if turn.inbound.kind == "location":
            turn.data.update(place="other", place_detail=turn.text[:500])
            return Go(self.after(turn, State.WHO))
        answer = self.choose(turn, [
            turn.words("where.office") + ["kantor", "kanim", "kantor imigrasi", "office"],
            turn.words("where.seaport") + ["malundung", "pelabuhan", "seaport", "port"],
            turn.words("where.airport") + ["juwata", "bandara", "airport"],
            turn.words("where.other") + ["lain", "lainnya", "other"]])
        if answer == 3:
            return Go(State.WHERE_OTHER)
        if answer is None:  # a place in their own words
            turn.data.update(place="other", place_detail=turn.text[:500])
        else:
            turn.data.update(place=PLACES[answer], place_detail=None)
        return Go(self.after(turn, State.WHO))


@register
class WhereOther(Step):
    state = State.WHERE_OTHER
    goes_to = frozenset({State.WHO, State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [Reply(turn.t("where_other"))]

    def handle(self, turn: Turn) -> Go:
        if not turn.text:
            return Go(None, [Reply(turn.t("text_needed"))])
        turn.data.update(place="other", place_detail=turn.text[:500])
        return Go(self.after(turn, State.WHO))


@register
class Who(Step):
    """Who or which unit, optional."""

    state = State.WHO
    goes_to = frozenset({State.EVIDENCE, State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("who", "skip")]

    def handle(self, turn: Turn) -> Go:
        if not turn.text:
            return Go(None, [Reply(turn.t("text_needed"))])
        turn.data["who"] = None if is_word(turn.text, SKIP_WORDS) else turn.text[:500]
        return Go(self.after(turn, State.EVIDENCE))


@register
class Evidence(Step):
    """Photos or documents, optional; the engine keeps any media the moment it arrives."""

    state = State.EVIDENCE
    goes_to = frozenset({State.IDENTITY, State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("evidence", "continue")]

    def handle(self, turn: Turn) -> Go:
        if turn.inbound.media:
            count = len(turn.data.get("attachments", []))
            return Go(None, [turn.ask("evidence.received", "continue", count=count)],
                      ask_next=False)
        if is_word(turn.text, CONTINUE_WORDS | SKIP_WORDS):
            return Go(self.after(turn, State.IDENTITY))
        if len(turn.text.split()) >= 3 and add_to_story(turn, turn.text):
            return Go(None, [turn.ask("story.added", "continue")], ask_next=False)
        return self.not_understood(turn, 1)


@register
class Identity(Step):
    """Named or anonymous; the WhatsApp profile name is offered when there is one."""

    state = State.IDENTITY
    goes_to = frozenset({State.NAME, State.CONFIDENTIAL, State.CONFIRM})

    def _options(self, turn: Turn) -> list[str]:
        profile = turn.complainant.profile_name
        return (["profile"] if profile else []) + ["name", "anonymous"]

    def prompt(self, turn: Turn) -> list[Reply]:
        profile = turn.complainant.profile_name or ""
        labels = [turn.t(f"identity.{o}", name=profile) for o in self._options(turn)]
        return [Reply(turn.t("identity"), tuple(Choice(label) for label in labels))]

    def handle(self, turn: Turn) -> Go:
        options = self._options(turn)
        profile = turn.complainant.profile_name or ""
        words = {"profile": turn.words("identity.profile", name=profile) + [profile],
                 "name": turn.words("identity.name") + ["nama", "name"],
                 "anonymous": turn.words("identity.anonymous") + ["anonim", "anonymous",
                                                                   "tanpa nama", "rahasia"]}
        answer = self.choose(turn, [words[o] for o in options])
        if answer is None:
            return self.not_understood(turn, len(options))
        chosen = options[answer]
        turn.data.pop("confidential", None)      # a new identity answer asks again
        if chosen == "name":
            return Go(State.NAME)
        turn.data.update(anonymous=chosen == "anonymous",
                         name=None if chosen == "anonymous" else profile)
        return Go(next_after_identity(turn))


def next_after_identity(turn: Turn) -> State:
    """Named on a sensitive type: ask whether to keep the name confidential (the default)."""
    if needs_confidential_question(turn):
        return State.CONFIDENTIAL
    return State.CONFIRM


@register
class Name(Step):
    state = State.NAME
    goes_to = frozenset({State.CONFIDENTIAL, State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [Reply(turn.t("name"))]

    def handle(self, turn: Turn) -> Go:
        name = " ".join(turn.text.split())
        if not (2 <= len(name) <= 100) or not re.search(r"[^\W\d_]", name):
            return Go(None, [Reply(turn.t("name.invalid"))], ask_next=False)
        turn.data.update(name=name, anonymous=False)
        turn.data.pop("confidential", None)
        return Go(next_after_identity(turn))


@register
class Confidential(Step):
    """Sensitive types (officers, illegal fees): confidential unless explicitly named openly."""

    state = State.CONFIDENTIAL
    goes_to = frozenset({State.CONFIRM})

    def prompt(self, turn: Turn) -> list[Reply]:
        return [turn.ask("confidential", "confidential.yes", "confidential.no")]

    def handle(self, turn: Turn) -> Go:
        answer = self.choose(turn, [turn.words("confidential.yes") + ["ya", "yes", "iya", "rahasiakan"],
                                    turn.words("confidential.no") + ["tidak", "no", "gak", "ga"]])
        if answer is None:
            return self.not_understood(turn, 2)
        turn.data["confidential"] = answer == 0     # False: explicitly chose to be named openly
        return Go(State.CONFIRM)
