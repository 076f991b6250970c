"""The conversation engine: one inbound message in, replies out, state kept in the database."""
from __future__ import annotations

import datetime as dt
import logging
import random
import re
import time
from dataclasses import replace
from typing import Any, Callable, Protocol, Sequence

from bot.concealed import conceal, mask_for, mask_typed_pin
from bot.conversation import (  # noqa: F401  (they register the steps)
    commands,
    confirm,
    info,
    intake,
    menu,
    officer,
    rating,
    reporter,
    scope,
    status,
    story,
)
from bot.conversation import asides, consent, draft, filed, misplaced
from bot.conversation.classify import CircuitBreaker
from bot.conversation.draft import add_to_story, record_move
from bot.conversation.draft import clear as clear_draft
from bot.conversation.language import detect_language, settle, take_hint
from bot.conversation.step import REGISTRY, Step
from bot.conversation.texts import t
from bot.conversation.turn import (DRAFT_STATES, LANG_HEARD, Go, NeedsClassification, Services,
                                   State, Turn)
from bot.delivery import RESENT_KINDS
from bot.identity import log_address
from bot.messages import Inbound, Reply
from bot.tickets import find_ticket, pins_ready_soon
from storage.repo import Busy, ConcurrentUpdate, DuplicateMessage, Store, Unit
from storage.turns import Conversation

log = logging.getLogger(__name__)

MEDIA_STATES = {State.DESCRIBE, State.EVIDENCE, State.MENU, State.OFFICER}
# The draft's questions a shared location answers (the story, "where did it happen?"); at the
# others a pin is no answer ("when?" would read a date in its coordinates): it is kept with
# the story, as a pin told in the story is, and the question asked again.
LOCATION_ANSWERS = {State.DESCRIBE, State.WHERE, State.WHERE_OTHER}
# How a forwarded message is marked wherever it goes on (the story, a talk with the officers).
FORWARDED = "[diteruskan dari {origin}] "
# The draft's questions a phone number or an e-mail address never answers; at "who?" only
# contact details alone do not ("calo Andi 0812…" names the broker: an answer).
CONTACT_NO_ANSWER = {State.WHEN, State.WHERE, State.WHERE_OTHER}
# Channels whose worker can deliver a message later (a pause acknowledgement); on others the
# engine hands the delayed reply back to the adapter (`Reply.delay`).
DELAYED_CHANNELS = frozenset({"telegram", "whatsapp", "sms"})
RESEND_WITHIN = dt.timedelta(days=30)


class EventSink(Protocol):
    """Receives a turn's events inside its transaction (e.g. to queue officer alerts)."""

    def __call__(self, unit: Unit, events: Sequence[Any], now: dt.datetime) -> None: ...


class Unavailable(Exception):
    """The message could not be stored at all; nothing was kept.

    `reason` is the text key of the calm answer: "unavailable" (the database is down) or
    "busy" (a lock was not granted within the lock timeout)."""

    def __init__(self, provider_id: str, reason: str = "unavailable"):
        super().__init__(provider_id)
        self.reason = reason


def apology(key: str, said: str) -> Reply:
    """A calm reply ("error", "unavailable") in the language of what the person wrote."""
    return Reply(t(detect_language(said, "id") or "id", key))


_PIN_ALONE = re.compile(r"\d{6}")      # an edited PIN is never told as a story's correction
MAX_COMBINED_CHARS = 3500   # under Telegram's 4,096 once marked up


def combine(replies: Sequence[Reply]) -> list[Reply]:
    """Join consecutive replies into one; a reply with choices ends its message (its keyboard).
    Secrets (a PIN) travel with the joined text."""
    out: list[Reply] = []
    texts: list[str] = []
    secrets: list[str] = []

    def flush(choices: tuple[Any, ...] = ()) -> None:
        out.append(Reply("\n\n".join(texts), choices, tuple(secrets)))
        texts.clear()
        secrets.clear()

    for reply in replies:
        if texts and sum(len(t) + 2 for t in texts) + len(reply.text) > MAX_COMBINED_CHARS:
            flush()
        texts.append(reply.text)
        secrets.extend(reply.secrets)
        if reply.choices:
            flush(reply.choices)
    if texts:
        flush()
    return out


def storable(inbound: Inbound) -> Inbound:
    """The message as every database can keep it: PostgreSQL refuses a NUL character in text
    (pasted from somewhere), and the message would be refused each time it is sent again."""
    if "\x00" not in inbound.text and "\x00" not in (inbound.profile_name or ""):
        return inbound
    return replace(inbound, text=inbound.text.replace("\x00", ""),
                   profile_name=(inbound.profile_name or "").replace("\x00", "") or None)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class _NoReadings(dict):  # type: ignore[type-arg]
    """Prefetched readings while the NLU is down: None for any text (no rerun to ask it)."""

    def __contains__(self, _text: object) -> bool:
        return True

    def __missing__(self, _text: str) -> None:
        return None


_CLASSIFYING: tuple[int, tuple[type[Step], ...]] = (-1, ())


def _classifying_steps() -> tuple[type[Step], ...]:
    """The step classes that override `may_classify` (the others never want the NLU), worked
    out again only when a step has been registered since."""
    global _CLASSIFYING
    count, found = _CLASSIFYING
    if count != len(REGISTRY):
        never = Step.may_classify.__func__  # type: ignore[attr-defined]
        found = tuple(type(step) for step in REGISTRY.values()
                      if type(step).may_classify.__func__ is not never)  # type: ignore[attr-defined]
        _CLASSIFYING = (len(REGISTRY), found)
    return found


class Engine:
    """Handles each message in its own transaction; safe to run in many processes at once.

    The NLU, for any step that wants it (API for the steps):
    - `Step.may_classify(text)` (classmethod, stateless, cheap): could this step want the NLU
      for a message saying `text`? If no step says yes, the engine does nothing more.
    - `Step.nlu_text(text, data)`: given the conversation's saved `data`, the exact text the
      step will classify for this message (None: none). The engine peeks at the state without a
      lock (`Store.peek_conversation`), asks the current state's step, and classifies that text
      before the transaction, through the circuit breaker (`classify.CircuitBreaker`).
    - `turn.classify(text)` inside the step returns that result (None: no NLU, or it failed).
      A text that was not prefetched raises NeedsClassification: the turn is rolled back, the
      engine classifies the text outside any transaction and runs the turn again. So a step may
      classify anything, in any state; declaring it only saves the rerun.
    """

    def __init__(self, store: Store, services: Services,
                 clock: Callable[[], dt.datetime] = utcnow, sink: EventSink | None = None,
                 push_channels: frozenset[str] = frozenset({"telegram"}),
                 delayed_channels: frozenset[str] = DELAYED_CHANNELS):
        self.store = store
        self.services = services
        self.clock = clock
        self.sink = sink
        # Channels whose webhook cannot carry the replies: they go to the outbox instead.
        self.push_channels = push_channels
        self.delayed_channels = delayed_channels

    def handle(self, inbound: Inbound) -> list[Reply]:
        """Replies for one inbound message; [] for a message already handled.

        The turn's transaction does database work only. The NLU is asked before it, outside
        any lock: `_prefetch` peeks at the conversation's state (no lock) and classifies the
        text that state's step declares (`Step.nlu_text`); the results reach the step as
        `turn.classify(text)`. Should the state have moved meanwhile and the step need another
        text, the turn raises NeedsClassification, is rolled back, and runs again with that
        text classified. Raises Unavailable when the database lock was not granted in time.
        """
        pins_ready_soon()          # a complaint's PIN is hashed ahead, not in its transaction
        inbound = storable(inbound)
        hints = self._prefetch(inbound)
        for attempt in range(8):
            try:
                return self.store.turn(lambda unit: self._turn(unit, inbound, hints))
            except NeedsClassification as need:
                hints[need.text] = self._classify(need.text)
            except DuplicateMessage:
                log.info("duplicate %s message %s: nothing done again", inbound.provider,
                         inbound.provider_id)
                return self._answered(inbound)
            except ConcurrentUpdate as exc:
                log.info("concurrent turn for %s, retrying",
                         log_address(inbound.channel, inbound.address))
                time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
            except Busy as exc:
                log.error("database busy for %s message %s: %s", inbound.provider,
                          inbound.provider_id, exc)
                raise Unavailable(inbound.provider_id, "busy") from exc
        log.error("giving up on %s after repeated conflicts", inbound.provider_id)
        return self._fail_safe(inbound)

    def _answered(self, inbound: Inbound) -> list[Reply]:
        """A retried webhook (Twilio retries when it did not get our answer): its turn is not
        run again, but on a channel answered inline the person may never have seen the answer,
        so it is given again as logged. A PIN is never kept in clear and cannot be repeated:
        the answer then says so, and how to do without it or get a new one. Channels whose
        replies go through the outbox have them there already."""
        if inbound.channel in self.push_channels:
            return []
        found = self.store.answered(inbound.provider, inbound.provider_id, inbound.channel,
                                    inbound.address)
        if not found or not found[0]:
            return []
        bodies, lang = found
        replies = [Reply(body) for body in bodies]
        if any(mask_for("") in body for body in bodies):
            replies.append(Reply(t(lang, "resent.pin")))
        return replies

    def _prefetch(self, inbound: Inbound) -> dict[str, Any]:
        """The NLU's readings this message's turn will need, taken before its transaction."""
        classifier = self.services.classifier
        text = inbound.text.strip()
        if classifier is None or not text or not any(
                cls.may_classify(text) for cls in _classifying_steps()):
            return {}
        if isinstance(classifier, CircuitBreaker) and classifier.is_open:
            # The NLU is known to be down (circuit breaker): every reading is None for now, so
            # no need to peek at the state to learn which text the step will want.
            return _NoReadings()
        try:
            found = self.store.peek_conversation(inbound.channel, inbound.address)
        except Exception:  # noqa: BLE001 - the turn itself will meet the database's trouble
            log.warning("could not peek at the conversation of %s",
                        log_address(inbound.channel, inbound.address))
            return {}
        state = State(found[0]) if found else State.MENU
        wanted = REGISTRY[state].nlu_text(text, found[1] if found else {})
        return {wanted: self._classify(wanted)} if wanted else {}

    def _classify(self, text: str) -> Any:
        classifier = self.services.classifier
        if classifier is None:
            return None
        try:
            return classifier.parse(text)
        except Exception:  # noqa: BLE001 - the NLU is optional: the list of types is the fallback
            log.exception("the classifier raised; going on without it")
            return None

    def _ticketed(self, text: str) -> bool:
        """The text names one of the office's tickets (a status look-up may read a PIN in it)."""
        return find_ticket(text, self.services.config.office.code) is not None

    def _pin_may_be_typed(self, inbound: Inbound) -> bool:
        """Whether the message may be a PIN typed on its own, as `_turn` decides it (an edit,
        or the answer to the PIN question), read without a lock; when even that read fails,
        assume it may be: a story with a six-digit run masked loses less than a kept PIN."""
        if inbound.kind == "edited":
            return True
        try:
            found = self.store.peek_conversation(inbound.channel, inbound.address)
        except Exception:  # noqa: BLE001 - the database may be why the turn failed
            return True
        return found is not None and found[0] == State.STATUS_PIN.value

    def _fail_safe(self, inbound: Inbound) -> list[Reply]:
        """Keep the message even when its turn cannot run, and answer calmly."""
        try:
            with self.store.unit() as unit:
                message_id = unit.record_inbound(provider=inbound.provider,
                                                 provider_id=inbound.provider_id,
                                                 channel=inbound.channel,
                                                 address=inbound.address,
                                                 body=mask_typed_pin(
                                                     inbound.text, self._pin_may_be_typed(
                                                         inbound),
                                                     ticketed=self._ticketed(inbound.text)),
                                                 at=self.clock())
                for media in inbound.media:
                    unit.add_attachment(message_id, media.url, media.content_type, self.clock())
                if inbound.channel in self.push_channels:
                    self._push(unit, inbound, apology("error", inbound.text), None, self.clock())
        except DuplicateMessage:
            return []
        except Exception as exc:  # noqa: BLE001 - the database itself may be the problem
            log.exception("could not even record message %s", inbound.provider_id)
            raise Unavailable(inbound.provider_id) from exc
        return [apology("error", inbound.text)]

    @staticmethod
    def _push(unit: Unit, inbound: Inbound, reply: Reply, complainant_id: int | None,
              now: dt.datetime) -> None:
        """Queue a reply for the worker, its choices kept for the channel's buttons; a secret
        (the PIN) is stored masked and filled in at send time."""
        payload = {"choices": [c.label for c in reply.choices]} if reply.choices else {}
        body, fill = conceal(reply.text, reply.secrets)
        unit.enqueue(kind="reply", channel=inbound.channel, address=inbound.address,
                     body=body, payload=payload, at=now, complainant_id=complainant_id,
                     secret=fill)

    @classmethod
    def _push_all(cls, unit: Unit, inbound: Inbound, replies: Sequence[Reply],
                  complainant_id: int | None, now: dt.datetime) -> None:
        """A turn's replies as few messages as possible: bubbles joined until a question with
        choices (which becomes the message's keyboard), or until the message would be long."""
        for reply in combine(replies):
            cls._push(unit, inbound, reply, complainant_id, now)

    def handle_safely(self, inbound: Inbound) -> list[Reply]:
        """Like handle(), but an unexpected error gives the complainant a calm reply.

        Raises Unavailable when not even the message could be stored (the database is down):
        the adapter should then make the provider retry, or tell the sender to resend.
        """
        try:
            return self.handle(inbound)
        except Unavailable:
            raise
        except Exception:  # noqa: BLE001 - never show a citizen a traceback
            log.exception("turn failed for %s message %s", inbound.provider, inbound.provider_id)
            return self._fail_safe(inbound)

    def point_to_private(self, channel: str, chat_id: str, said: str, officer_chat: str | None,
                         link: str = "") -> bool:
        """A citizen's own group the bot was added to: complaints are never taken where others
        read them, so the group is told once to write to the bot privately (`link`: a t.me
        link when known); nothing of it is kept as anyone's message. Never the officers' group.
        False: said before, or the officers' group."""
        now = self.clock()
        with self.store.unit() as unit:
            if officer_chat is not None and chat_id in {officer_chat,
                                                        unit.current_chat(officer_chat)}:
                return False
            if unit.outbox_items(channel=channel, address=chat_id, kind="reply"):
                return False
            lang = detect_language(said, "id") or "id"
            unit.enqueue(kind="reply", channel=channel, address=chat_id,
                         body=t(lang, "group.private", link=f": {link}" if link else ""), at=now)
        return True

    # ---------------------------------------------------------------------------------------
    def _turn(self, unit: Unit, inbound: Inbound, hints: dict[str, Any]) -> list[Reply]:
        now = self.clock()
        # One read (person, conversation, locked where rows lock, and flood count), one INSERT
        # for the message (a retried webhook fails it: duplicate); the steps change plain rows
        # in memory, written back once at the end (changes only).
        flood = self.services.config.privacy.flood
        person, conversation, recent = unit.turn_rows(
            inbound.channel, inbound.address, now,
            since=now - dt.timedelta(seconds=flood.seconds), cap=flood.messages + 1)
        # A PIN the person typed is never kept: masked after a ticket, or as the answer to the
        # PIN question.
        # An edit may be of a PIN typed earlier, whatever is asked now: never kept either.
        asked_pin = (conversation is not None and conversation.state == State.STATUS_PIN) \
            or inbound.kind == "edited"
        message_id = unit.record_inbound(provider=inbound.provider,
                                         provider_id=inbound.provider_id,
                                         channel=inbound.channel, address=inbound.address,
                                         body=mask_typed_pin(
                                             inbound.text, asked_pin,
                                             ticketed=self._ticketed(inbound.text)), at=now,
                                         complainant_id=person.id)
        person.last_inbound_at = now
        resent = 0
        if inbound.channel in self.delayed_channels and inbound.opt_out != "stop":
            # (after STOP the provider refuses them all: they wait for the person's next word)
            resent = unit.resend_undelivered(inbound.channel, inbound.address, RESENT_KINDS,
                                             since=now - RESEND_WITHIN, at=now)
        if inbound.profile_name:
            person.profile_name = inbound.profile_name[:200]
        first_contact = conversation is None
        # English needs a sentence; in a conversation, Indonesian too (see detect_language)
        detected = detect_language(inbound.text, sentence_only=not first_contact)
        # a short message in the other language once the person's own words have settled it
        # ("what do you mean?") is answered in its language, and changes nothing (settle)
        person.language, lang, mark = settle(
            person.language, detected, inbound.text,
            (conversation.data or {}).get(LANG_HEARD) if conversation is not None else None)
        if conversation is None:
            conversation = Conversation(id=None, channel=inbound.channel,
                                        address=inbound.address, state=State.MENU.value,
                                        data={}, version=0, updated_at=now)
        turn = Turn(inbound=inbound, unit=unit, complainant=person, message_id=message_id,
                    data=dict(conversation.data or {}), lang=lang, now=now,
                    services=self.services, hints=hints)
        # Whether this person's own words have set the language (else it is only the default)
        heard = mark
        if heard:
            turn.data[LANG_HEARD] = heard
        # the page's language (an English page), for every turn while the person's own words
        # have set none: their story or answer is answered in it, not in Indonesian by default
        take_hint(turn)
        lang = turn.lang
        for media in inbound.media:
            attachment = unit.add_attachment(message_id, media.url, media.content_type, now)
            turn.data["attachments"] = [*turn.data.get("attachments", []), attachment.id]
        if inbound.album:
            turn.album_seen = turn.data.get("album") == inbound.album
            turn.data["album"] = inbound.album
        self._settle_pause(unit, turn)
        # the note of a complaint just filed lives one message (`filed.sent_again`): "1" after
        # anything else (a consent asked, a command) is the menu's "1" again
        just = turn.data.get(filed.JUST)

        if not first_contact and recent > flood.messages:    # more than a person types
            state, replies = self._slow_down(turn, State(conversation.state))
            updated_at = conversation.updated_at     # a flood does not count as activity
        else:
            # A data-subject request made by this number waits for its owner's SETUJU/TOLAK:
            # answered before anything else; any other message leaves it waiting.
            asked = turn.data.get(consent.KEY)
            answered = consent.answer(turn, at_menu=conversation.state == State.MENU.value)
            if answered is not None:
                state, replies = State(conversation.state), answered
            else:
                state, replies = self._dispatch(turn, State(conversation.state), first_contact,
                                                conversation.updated_at)
                if first_contact and replies and turn.lang != lang:
                    # "status TRK-… PIN …" (no words of a language) answered in the complaint's
                    # language: the welcome in it too, one language per reply
                    replies[0] = Reply(turn.t("greeting",
                                              office=self.services.config.office.name))
                if consent.pending({consent.KEY: asked}, now) is not None:
                    turn.data[consent.KEY] = asked    # steps that clear their data keep it
                if heard:
                    turn.data[LANG_HEARD] = heard     # kept, as the consent is
            updated_at = now
        replies += self._schedule_pause(unit, turn)
        if just is not None and turn.data.get(filed.JUST) == just:
            del turn.data[filed.JUST]
        conversation.state, conversation.data, conversation.updated_at = (
            state.value, dict(turn.data), updated_at)
        shown = [reply for reply in replies if not reply.delay]   # delayed: the adapter waits
        unit.end_turn(conversation, person, provider=inbound.provider, channel=inbound.channel,
                      address=inbound.address,
                      bodies=[conceal(reply.as_plain_text(), reply.secrets)[0] for reply in shown],
                      at=now)
        if inbound.channel in self.push_channels or resent:
            # News that could not reach the person goes again now that they wrote (the
            # outcome a WhatsApp template left out): this turn's answer goes behind it, through
            # the outbox too, not inline ahead of it ("terima kasih" answered before the news
            # it thanks for)
            self._push_all(unit, inbound, shown, person.id, now)
            replies = [] if inbound.channel not in self.push_channels else replies
        if self.sink and turn.events:
            self.sink(unit, turn.events, now)
        return replies

    @staticmethod
    def _slow_down(turn: Turn, state: State) -> tuple[State, list[Reply]]:
        """Keep the message (and any story text or evidence) without running the step; ask,
        once per flood, to slow down."""
        if turn.inbound.forwarded_from is not None and turn.text:
            # someone else's words, kept unread: marked with their author, as `_forwarded` does
            turn.inbound = replace(turn.inbound, text=FORWARDED.format(
                origin=turn.inbound.forwarded_from or "pesan lain") + turn.text)
        if state is State.DESCRIBE and turn.text:
            add_to_story(turn, turn.text)
        if state is State.OFFICER:
            officer.relay(turn)        # kept and relayed: the notifier batches the relays
        told = turn.data.get("slow_down_at")
        quiet = turn.services.config.privacy.flood.seconds * 6
        if told and (turn.now - dt.datetime.fromisoformat(told)).total_seconds() < quiet:
            return state, []
        turn.data["slow_down_at"] = turn.now.isoformat()
        return state, [Reply(turn.t("slow_down"))]

    # --- the pause after a story bubble -----------------------------------------------------
    def _settle_pause(self, unit: Unit, turn: Turn) -> None:
        """A new message supersedes the pending acknowledgement; note whether it was seen."""
        due = turn.data.pop("pause_due", None)
        if due is None:
            return
        cancelled = 0
        if turn.inbound.channel in self.delayed_channels:
            cancelled = unit.cancel_outbox(turn.inbound.channel, turn.inbound.address, "pause")
        turn.nudge_seen = cancelled == 0 and turn.now >= dt.datetime.fromisoformat(due)

    def _schedule_pause(self, unit: Unit, turn: Turn) -> list[Reply]:
        """Queue the turn's `later` reply to go out after the quiet period, unless superseded."""
        later = turn.later
        if later is None:
            return []
        quiet = self.services.config.conversation.bubble_quiet_seconds
        due = turn.now + dt.timedelta(seconds=quiet)
        turn.data["pause_due"] = due.isoformat()
        inbound = turn.inbound
        if inbound.channel not in self.delayed_channels:
            return [Reply(later.text, later.choices, numbered=later.numbered, delay=quiet)]
        payload = {"choices": [c.label for c in later.choices]} if later.choices else {}
        unit.schedule(kind="pause", channel=inbound.channel, address=inbound.address,
                      body=later.text, payload=payload, at=turn.now, due=due,
                      complainant_id=turn.complainant.id)
        return []

    def _dispatch(self, turn: Turn, state: State, first_contact: bool,
                  last_seen: dt.datetime) -> tuple[State, list[Reply]]:
        replies: list[Reply] = []
        office = self.services.config.office
        if turn.inbound.opt_out == "stop" or (turn.inbound.opt_out and not first_contact):
            # the provider's opt-out keyword: never a cancel or a menu word (commands.opted)
            return self._go(turn, state, commands.opted(turn, state), replies, declared=False)
        if first_contact:
            replies.append(Reply(turn.t("greeting", office=office.name)))
        if turn.inbound.kind == "edited":
            return self._edited(turn, state, replies)
        replies += self._not_kept(turn)
        if turn.inbound.forwarded_from is not None:
            forwarded = self._forwarded(turn, state)
            if forwarded is not None:
                return state, replies + forwarded
        text = turn.text
        command = commands.check(turn, state)
        if command is not None:
            return self._go(turn, state, command, replies, declared=False)
        if first_contact:
            go = REGISTRY[State.MENU].first_contact(turn)
            if turn.inbound.media and turn.t("media.kept") not in (r.text for r in go.say):
                # a photo with a caption as the first message: kept, and said so whatever the
                # caption led to, as at the menu
                replies += turn.media_kept()
            return self._go(turn, State.MENU, go, replies)
        stale = turn.now - last_seen > dt.timedelta(
            hours=self.services.config.conversation.stale_after_hours)
        # the officers' chat outlives a night: its request says whether it is still open
        if stale and not first_contact and state not in (State.MENU, State.RATE, State.OFFICER):
            replies.append(Reply(turn.t("welcome_back")))
            if state in DRAFT_STATES and turn.data.get("story") and state is not State.DESCRIBE:
                turn.data["resume_state"] = state.value
            if state is not State.DESCRIBE and draft.resume(turn) is not None:
                # A draft waits: offered again ("continue?"), after whatever the message asks
                # (read as at the menu: an answer first, a new story kept for "Mulai baru")
                return self._go(turn, State.MENU, REGISTRY[State.RESUME].came_back(turn),
                                replies)
            if state is not State.DESCRIBE:
                clear_draft(turn)
                state = State.MENU
            if state is State.DESCRIBE and turn.data.get("story"):
                turn.data["asked_done"] = True     # the story may be complete: "ya" ends it
        if not text and turn.inbound.media and state not in MEDIA_STATES:
            if turn.album_seen:       # the rest of an album: the question was asked again
                return state, replies
            return state, replies + turn.media_kept() + REGISTRY[state].prompt(turn)
        if not text and not turn.inbound.media:
            # a file too large or a contact card has been answered (`_not_kept`)
            answered = turn.inbound.oversized or turn.inbound.kind == "contact"
            needed = [] if answered else [Reply(turn.t("text_needed"))]
            if state is State.DESCRIBE and turn.data.get("story") and \
                    not turn.data.get("story_edit"):
                # a sticker after the story: its own question ("is that all?"), never "tell
                # us what happened", which reads as if the story were lost
                turn.data["asked_done"] = True
                return state, replies + needed + [story.pause_question(turn)]
            return state, replies + needed + REGISTRY[state].prompt(turn)
        if turn.inbound.media and state not in MEDIA_STATES:
            # a photo with a caption at a question: kept, and said so, whatever the caption
            replies = replies + turn.media_kept()
        if (turn.inbound.media or turn.inbound.oversized) and state in DRAFT_STATES and \
                state not in MEDIA_STATES and misplaced.describes_file(text):
            # "ini kuitansi dari calo": the caption says what the file is, and answers nothing;
            # kept with the story (a mere pointer, "ini fotonya", is no line of it) and the
            # question asked again
            if not asides.about_attachment(text) and add_to_story(turn, text):
                replies.append(Reply(turn.t("caption.kept")))
            return state, replies + REGISTRY[state].prompt(turn)
        if (state in CONTACT_NO_ANSWER and misplaced.gives_contact(text)) or (
                state is State.WHO and misplaced.only_contact(text)):
            # "saya.dewi@gmail.com 081355554444" at "when?": never the time nor the place (in a
            # field of an anonymous complaint it would name the person)
            key = "answer.contact.when" if state is State.WHEN else "answer.contact"
            return state, replies + [Reply(turn.t(key))] + REGISTRY[state].prompt(turn)
        if turn.inbound.kind == "location" and text and state in DRAFT_STATES and \
                state not in LOCATION_ANSWERS and add_to_story(turn, text):
            return state, replies + [Reply(turn.t("location.kept"))] + REGISTRY[state].prompt(turn)
        if state in DRAFT_STATES:
            noted = asides.aside(turn, state)     # "itu buktinya", "oh iya satu lagi, …"
            if noted is not None:
                return self._go(turn, state, noted, replies)
        return self._go(turn, state, REGISTRY[state].respond(turn), replies)

    @staticmethod
    def _not_kept(turn: Turn) -> list[Reply]:
        """What of the message is not kept, said at once: a file the channel said is over the
        evidence limit (never counted as evidence, so never reported missing later), a contact
        card (someone's name and number are no evidence; what it is, told in words, is)."""
        said: list[Reply] = []
        if turn.inbound.oversized:
            limit = turn.config.files.max_evidence_mb
            said.append(Reply(turn.t("media.too_large", mb=f"{limit:g}")))
        if turn.inbound.kind == "contact":
            said.append(Reply(turn.t("contact.card")))
        return said

    @staticmethod
    def _forwarded(turn: Turn, state: State) -> list[Reply] | None:
        """A message the person forwarded: someone else's words ("Pak, nanti bayar 500 ya"),
        evidence and never the person's own. Marked with its author wherever it goes on (the
        story, a message to the officers); at a question of the draft it answers nothing: kept
        with the story, and the question asked again. None: the marked message goes on."""
        if not turn.text:
            return None             # a forwarded photo alone: a file like any other
        # in Indonesian whatever the person's language: the officers read the story
        marked = FORWARDED.format(origin=turn.inbound.forwarded_from or "pesan lain") + turn.text
        turn.inbound = replace(turn.inbound, text=marked)
        if state not in DRAFT_STATES or state is State.DESCRIBE:
            return None
        kept = turn.media_kept() if turn.inbound.media else []
        key = "forwarded.kept" if add_to_story(turn, marked) else "forwarded.full"
        return kept + [Reply(turn.t(key))] + REGISTRY[state].prompt(turn)

    @staticmethod
    def _edited(turn: Turn, state: State, replies: list[Reply]) -> tuple[State, list[Reply]]:
        """An earlier message, edited (Telegram). Never taken as the answer to whatever is asked
        now, nor as a command ("batal" edited in is not a cancel); kept in the log, and while the
        story is being told, added to it as a correction, so nothing the person wrote is lost."""
        if state is State.DESCRIBE and turn.text and not _PIN_ALONE.fullmatch(turn.text):
            if add_to_story(turn, f"(ralat) {turn.text}"):
                return state, replies + [Reply(turn.t("edited.story"))]
        if state is State.OFFICER and turn.text and officer.relay(turn):
            return state, replies           # relayed like any message to the officers
        return state, replies + [Reply(turn.t("edited.not_read"))] + REGISTRY[state].prompt(turn)

    @staticmethod
    def _go(turn: Turn, state: State, go: Go, replies: list[Reply],
            declared: bool = True) -> tuple[State, list[Reply]]:
        """Apply a step's answer; `declared` checks the move against the step's `goes_to`."""
        replies = replies + go.say
        turn.later = go.later
        if go.to is not None and go.to is not state:
            if declared and go.to not in REGISTRY[state].goes_to and go.to is not State.MENU:
                raise RuntimeError(f"undeclared transition {state} -> {go.to}")
            if declared:
                record_move(turn, state, go.to)
            state = go.to
            if go.ask_next:
                replies += REGISTRY[state].prompt(turn)
        elif go.ask_next:
            replies += REGISTRY[state].prompt(turn)
        return state, replies
