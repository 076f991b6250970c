"""The composition root: build the store, the NLU client and the engine from the configuration."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Callable

from bot.config import AppConfig
from bot.engine import Engine, EventSink, utcnow
from bot.hours import ServiceHours
from bot.turn import Classifier, Services
from storage.repo import Store

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Everything a process needs to handle messages."""

    config: AppConfig
    store: Store
    engine: Engine
    classifier: Classifier | None


def build_runtime(config: AppConfig, *, store: Store | None = None,
                  classifier: Classifier | None | bool = True,
                  clock: Callable[[], dt.datetime] = utcnow,
                  sink: EventSink | None = None) -> Runtime:
    """`classifier=True` means the Rasa client from config; None or False means no NLU."""
    store = store or Store.from_url(config.settings.database_url)
    if classifier is True:
        from nlu.client import RasaNluClient
        classifier = RasaNluClient(config.nlu_url, timeout=config.office_config.nlu.timeout_seconds)
    services = Services(config=config.office_config, hours=ServiceHours(config.office_config),
                        classifier=classifier or None)
    engine = Engine(store, services, clock=clock, sink=sink)
    return Runtime(config, store, engine, classifier or None)
