"""The NLU's answer as the conversation reads it: the wish at the menu, a type, out of scope."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "lainnya"
MENU_INTENTS = frozenset({"complain", "informasi", "check_status", "talk_to_officer", "greet",
                          "thanks", "cancel", "affirm", "deny", "help"})


@dataclass(frozen=True)
class Reading:
    """One classification: the model's best intent, its confidence, and what follows from it."""

    intent: str | None          # the best real intent (never the fallback), None: no answer
    confidence: float
    out_of_scope: bool          # the model says: not something an immigration office handles
    proposal: str | None        # a complaint type to propose for one-tap confirmation
    model_version: str | None

    def is_type(self, type_keys: Iterable[str]) -> bool:
        return self.intent is not None and self.intent in set(type_keys)


def read(result: Any, threshold: float, type_keys: Iterable[str]) -> Reading | None:
    """A Reading of the classifier's result (None stays None).

    Uses `out_of_scope` and `proposal(threshold)` when the client offers them (issue 11's
    NluResult); an older result is read the same way from its ranking.
    """
    if result is None:
        return None
    keys = set(type_keys)
    best, confidence = _best(result)
    out_of_scope = getattr(result, "out_of_scope", None)
    if not isinstance(out_of_scope, bool):
        out_of_scope = best == OUT_OF_SCOPE
    propose = getattr(result, "proposal", None)
    if callable(propose):
        proposal = propose(threshold)
    else:
        proposal = best if (best in keys and best != OUT_OF_SCOPE
                            and confidence >= threshold) else None
    if proposal is not None and proposal not in keys:
        proposal = None
    return Reading(best, confidence, out_of_scope, proposal,
                   getattr(result, "model_version", None))


def _best(result: Any) -> tuple[str | None, float]:
    """The top intent that is not the fallback, with its confidence."""
    best = getattr(result, "best", None)
    if isinstance(best, str) and best != FALLBACK:
        return best, float(getattr(result, "best_confidence", result.confidence))
    for name, confidence in getattr(result, "ranking", ()) or ():
        if name != FALLBACK:
            return name, float(confidence)
    intent = getattr(result, "intent", None)
    if intent == FALLBACK:
        return None, 0.0
    return intent, float(getattr(result, "confidence", 0.0))
