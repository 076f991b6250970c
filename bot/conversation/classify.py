"""The NLU outside the turn's transaction: prefetched hints, and a circuit breaker around Rasa.

A turn never waits on the NLU while it holds the database: the engine classifies before the
transaction (`Step.nlu_text` says which text the current state will need) and hands the
results to the turn as `hints`. A step reads them with `turn.classify(text)`; a text that was
not prefetched (the state moved between the peek and the turn) raises `NeedsClassification`,
the engine rolls the turn back, classifies that text outside, and runs the turn again.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from bot.conversation.turn import Classification, Classifier, NeedsClassification

__all__ = ["CircuitBreaker", "NeedsClassification"]
log = logging.getLogger(__name__)


class CircuitBreaker:
    """A Classifier that stops calling a failing NLU for `cooldown` seconds.

    The wrapped classifier returns None on any failure (down, slow, malformed answer). After
    `failures` failures in a row the breaker opens: parse() answers None at once, so a hanging
    Rasa costs its timeout once, not on every message. After the cooldown one call is let
    through (half-open); its success closes the breaker, its failure opens it again.
    """

    def __init__(self, inner: Classifier, failures: int = 1, cooldown: float = 30.0,
                 clock: Callable[[], float] = time.monotonic):
        self.inner = inner
        self.failures = failures
        self.cooldown = cooldown
        self.clock = clock
        self._failed = 0
        self._open_until = 0.0
        self._trial = False
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._failed >= self.failures and self.clock() < self._open_until

    def parse(self, text: str) -> Classification | None:
        with self._lock:
            if self._failed >= self.failures:
                if self.clock() < self._open_until or self._trial:
                    return None       # open, or another thread is already trying it
                self._trial = True
        result = self.inner.parse(text)
        with self._lock:
            self._trial = False
            if result is not None:
                if self._failed:
                    log.info("NLU answers again: circuit closed")
                self._failed = 0
                return result
            self._failed += 1
            if self._failed >= self.failures:
                self._open_until = self.clock() + self.cooldown
                log.warning("NLU failed %d time(s): not asked again for %.0f s (the complainant "
                            "chooses the type from the list meanwhile)", self._failed,
                            self.cooldown)
        return None
