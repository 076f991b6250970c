"""What a step sees during one turn, and what it answers."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from bot.conversation.reading import Reading, read
from bot.conversation.texts import t
from bot.events import ComplaintFiled, OfficerRequested  # noqa: F401  (steps raise them)
from bot.messages import Choice, Inbound, Reply

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from bot.config import OfficeConfig
    from bot.sop.hours import ServiceHours
    from storage.turns import Person
    from storage.repo import Unit


class State(StrEnum):
    """The declared states of the conversation; each has one Step."""

    MENU = "menu"
    INFO = "info"
    DESCRIBE = "describe"
    SCOPE = "scope"
    TYPE_CONFIRM = "type_confirm"
    TYPE_CHOOSE = "type_choose"
    REFERENCE = "reference"
    WHEN = "when"
    WHERE = "where"
    WHERE_OTHER = "where_other"
    WHO = "who"
    EVIDENCE = "evidence"
    OUTCOME = "outcome"
    IDENTITY = "identity"
    NAME = "name"
    CONFIDENTIAL = "confidential"
    CONFIRM = "confirm"
    EDIT = "edit"
    CANCEL = "cancel"
    STATUS_TICKET = "status_ticket"
    STATUS_PIN = "status_pin"
    RESUME = "resume"
    RATE = "rate"
    RATE_COMMENT = "rate_comment"
    OFFICER = "officer"


# In a conversation's data: the person's own words have set its language (a language detected
# in what they wrote); without it, the language is only the default.
LANG_HEARD = "lang_heard"
# Channels that show a question's choices as buttons, the last message's replacing the ones
# before (Telegram's reply keyboard, the web chat's choices); WhatsApp and SMS list them as
# numbered lines ("1. …"), so a text that says how to choose says "tap" only on these.
BUTTON_CHANNELS = frozenset({"telegram", "web"})


# States in the middle of writing a complaint: a rating question must not interrupt them.
DRAFT_STATES = frozenset({State.DESCRIBE, State.SCOPE, State.TYPE_CONFIRM, State.TYPE_CHOOSE,
                          State.REFERENCE, State.WHEN, State.WHERE, State.WHERE_OTHER, State.WHO,
                          State.EVIDENCE, State.OUTCOME, State.IDENTITY, State.NAME,
                          State.CONFIDENTIAL, State.CONFIRM, State.EDIT, State.CANCEL})


class Classification(Protocol):
    """The NLU's reading of a text (the NLU client's result satisfies this).

    Newer clients also offer `out_of_scope: bool` and `proposal(threshold) -> str | None`;
    `reading.read` uses them when present and derives them from the ranking otherwise.
    """

    intent: str
    confidence: float
    model_version: str | None


class Classifier(Protocol):
    def parse(self, text: str) -> Classification | None: ...


class NeedsClassification(Exception):
    """A step needs the NLU's reading of `text`, which the engine did not prefetch."""

    def __init__(self, text: str):
        super().__init__(text[:60])
        self.text = text


class Event(Protocol):
    """Something that happened in a turn that others (officers) must hear about."""


@dataclass
class Services:
    """What steps may use beyond the turn itself."""

    config: "OfficeConfig"
    hours: "ServiceHours"
    classifier: Classifier | None = None


@dataclass
class Turn:
    """One inbound message being handled, with everything a step may read or change."""

    inbound: Inbound
    unit: "Unit"
    complainant: "Person"          # a plain row: changes are saved at the end of the turn
    message_id: int
    data: dict[str, Any]
    lang: str
    now: dt.datetime
    services: Services
    events: list[Any] = field(default_factory=list)
    # The NLU's readings prefetched by the engine outside the transaction (text -> result).
    hints: dict[str, Classification | None] = field(default_factory=dict)
    # The acknowledgement scheduled after the previous message reached the person (it was
    # due and not cancelled): "ya" then answers it.
    nudge_seen: bool = False
    # Said after the quiet period unless the person writes again (set from `Go.later`).
    later: Reply | None = None
    # One more file of an album already acknowledged: kept, and not acknowledged again.
    album_seen: bool = False

    def media_kept(self) -> list[Reply]:
        """"Attachment received", once per album (an album of ten photos is ten messages)."""
        return [] if self.album_seen else [Reply(self.t("media.kept"))]

    @property
    def text(self) -> str:
        return self.inbound.text.strip()

    @property
    def config(self) -> "OfficeConfig":
        return self.services.config

    def t(self, key: str, **values: Any) -> str:
        return t(self.lang, key, **values)

    def classify(self, text: str) -> Classification | None:
        """The NLU's reading of `text` (None: no NLU, or it failed). Never calls the NLU here:
        the engine prefetched it (see `Step.nlu_text`); if it did not, the turn is rolled back
        and run again once the engine has classified `text` outside the transaction."""
        if self.services.classifier is None:
            return None
        if text in self.hints:
            return self.hints[text]
        raise NeedsClassification(text)

    def reading(self, text: str) -> Reading | None:
        """The NLU's reading of `text` as the conversation uses it (None: no NLU answer)."""
        return read(self.classify(text), self.config.nlu.confidence_threshold,
                    self.config.complaint_types)

    def ask(self, key: str, *choice_keys: str, **values: Any) -> Reply:
        """A question whose choices are text keys."""
        return Reply(self.t(key, **values), tuple(Choice(self.t(k)) for k in choice_keys))

    def words(self, *keys: str, **values: Any) -> list[str]:
        """Both languages' labels of text keys (filled with `values`), for reading an answer."""
        return [w for k in keys for w in (t("id", k, **values), t("en", k, **values))]


@dataclass
class Go:
    """A step's answer: say these replies, then move to `to` (None: stay) and ask its question.

    `later` is said only if the person stays silent for the quiet period (a bubble of a story:
    "Sudah semua?"); their next message cancels it. `understood`: the step stays, but the
    message was understood and answered ("lanjut nanti" at the review), so it is no failed
    answer (`Step.stuck` never turns it into "not understood")."""

    to: State | None = None
    say: list[Reply] = field(default_factory=list)
    ask_next: bool = True
    later: Reply | None = None
    understood: bool = False
