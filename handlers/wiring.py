"""The composition root: build the store, the NLU client, the engine and the officer desk."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Callable

from bot.config import AppConfig
from bot.conversation.classify import CircuitBreaker
from bot.conversation.engine import Engine, EventSink, utcnow
from bot.conversation.turn import Classifier, Services
from bot.desk.desk import OfficerDesk
from bot.notify import Notifier, use_talk_key
from bot.sop.holidays import office_hours
from bot.sop.hours import ServiceHours
from bot.tickets import use_pin_keys
from storage.files import FileStore
from storage.repo import Store

log = logging.getLogger(__name__)
# Channels whose replies go through the outbox (the webhook's answer cannot carry them): the
# worker sends Telegram's, the web chat's browser collects its own (handlers/webchat.py).
PUSH_REPLIES = frozenset({"telegram", "web"})


@dataclass
class Runtime:
    """Everything a process needs to handle messages."""

    config: AppConfig
    store: Store
    engine: Engine
    classifier: Classifier | None
    notifier: Notifier | None = None
    desk: OfficerDesk | None = None


def service_hours(config: AppConfig, today: dt.date | None = None) -> ServiceHours:
    """Service hours minus config.yml's holidays and the `holidays` library's Indonesian public
    holidays and collective leave, from last year to three years ahead."""
    year = (today or dt.date.today()).year
    return office_hours(config.office_config, range(year - 1, year + 4))


def build_notifier(config: AppConfig, hours: ServiceHours | None = None) -> Notifier:
    """Events and officer actions to outbox messages (alerts go to TELEGRAM_OFFICER_CHAT_ID)."""
    office = config.office_config
    if config.settings.telegram_officer_chat_id is None:
        log.warning("TELEGRAM_OFFICER_CHAT_ID is not set: officers get no alerts")
    return Notifier(office, hours or service_hours(config),
                    config.settings.telegram_officer_chat_id)


def delayed_channels(config: AppConfig) -> frozenset[str]:
    """Channels the worker can send on later (a pause acknowledgement goes through the outbox
    there); elsewhere the engine hands such a reply back to the adapter at once."""
    settings = config.settings
    twilio = bool(settings.twilio_account_sid and settings.twilio_auth_token)
    found = {"web"}   # the browser collects its due rows itself (storage/webchat.py)
    if settings.telegram_bot_token:
        found.add("telegram")
    if twilio and settings.twilio_whatsapp_from:
        found.add("whatsapp")
    if twilio and settings.twilio_sms_from:
        found.add("sms")
    return frozenset(found)


def talk_key(store: Store) -> bytes | Callable[[], bytes]:
    """The talk codes' secret of a deployment without PIN_KEY, kept in its database; when
    the database does not answer at start-up, how to read it once it does."""
    try:
        return store.talk_code_key()
    except Exception as exc:  # noqa: BLE001 - a database down at start-up must not stop it
        log.warning("the talk codes' key could not be read at start-up (%s): read when the "
                    "first code is needed", type(exc).__name__)
        return store.talk_code_key


def use_keys(config: AppConfig, store: Store) -> None:
    """The deployment's PIN keys and its talk codes' key, in every process that may write a
    PIN or a talk's code (web and worker alike): a worker left with a key of its own would
    name a talk by a code the group never read."""
    use_pin_keys(config.settings.pin_keys)
    if not config.settings.pin_keys:
        use_talk_key(talk_key(store))


def build_runtime(config: AppConfig, *, store: Store | None = None,
                  classifier: Classifier | None | bool = True,
                  clock: Callable[[], dt.datetime] = utcnow,
                  sink: EventSink | None = None) -> Runtime:
    """`classifier=True` means the Rasa client from config; None or False means no NLU.

    The sink defaults to the Notifier, so every filed complaint queues its officer alert in
    the same transaction that files it.
    """
    store = store or Store.from_url(config.settings.database_url,
                                    lock_timeout=config.settings.db_lock_timeout_seconds)
    use_keys(config, store)
    if not config.settings.pin_keys:
        log.warning("PIN_KEY is not set: PINs are stored as PBKDF2 hashes, which a copy of the "
                    "database gives away to anyone who tries all 10^6 of them")
    if classifier is True:
        from nlu.client import RasaNluClient
        classifier = RasaNluClient(config.nlu_url, timeout=config.office_config.nlu.timeout_seconds)
    if classifier and not isinstance(classifier, CircuitBreaker):
        # A down or hanging Rasa costs its timeout once, then is left alone for a while.
        classifier = CircuitBreaker(classifier, cooldown=config.settings.nlu_breaker_seconds)
    hours = service_hours(config, clock().date())
    services = Services(config=config.office_config, hours=hours, classifier=classifier or None)
    notifier = build_notifier(config, hours)
    engine = Engine(store, services, clock=clock, sink=sink if sink is not None else notifier,
                    push_channels=PUSH_REPLIES, delayed_channels=delayed_channels(config))
    desk = OfficerDesk(config.office_config, notifier, clock, store, FileStore(config.files_dir))
    return Runtime(config, store, engine, classifier or None, notifier, desk)
