"""HTTP client for the Rasa NLU server (``rasa run --enable-api``).

Runs in the app's venv: it needs ``requests`` only and never imports Rasa. Every public
method is total: network trouble, timeouts, non-200 answers and malformed JSON give
``None`` / ``False`` and a logged warning, never an exception, so the bot can fall back
to asking the user for the complaint type.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests

__all__ = [
    "COMPLAINT_TYPES",
    "NON_COMPLAINT_INTENTS",
    "OUT_OF_SCOPE_INTENT",
    "NluEntity",
    "NluResult",
    "RasaNluClient",
    "result_from_parse",
]

#: the ten complaint types the model classifies (the app's type keys)
COMPLAINT_TYPES = (
    "paspor",
    "izin_tinggal",
    "perlintasan",
    "pungli",
    "perilaku_petugas",
    "pengawasan_wna",
    "sistem_online",
    "sarana_prasarana",
    "informasi",
    "lainnya",
)
#: the type that means "not something an immigration office handles"
OUT_OF_SCOPE_INTENT = "lainnya"
#: conversational intents (never proposed as a complaint type)
NON_COMPLAINT_INTENTS = (
    "complain",
    "check_status",
    "talk_to_officer",
    "greet",
    "thanks",
    "cancel",
    "affirm",
    "deny",
    "help",
)
FALLBACK_INTENT = "nlu_fallback"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NluEntity:
    entity: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class NluResult:
    """One parse. The decision rules live here so the app and `make nlu-eval` agree.

    ``intent``/``confidence`` are Rasa's top intent (``nlu_fallback`` when the
    FallbackClassifier fires). ``best``/``best_confidence`` are the top *real* intent
    (the first ranking entry that is not ``nlu_fallback``): the model's answer, used for
    ``out_of_scope`` and ``proposal``.
    """

    intent: str  # top intent name ("nlu_fallback" below the FallbackClassifier threshold)
    confidence: float
    model_version: str | None  # "<model file>#<model id>" from GET /status
    entities: tuple[NluEntity, ...]
    ranking: tuple[tuple[str, float], ...]  # (intent, confidence), best first

    @property
    def best(self) -> str:
        for name, _ in self.ranking:
            if name != FALLBACK_INTENT:
                return name
        return self.intent

    @property
    def best_confidence(self) -> float:
        for name, conf in self.ranking:
            if name != FALLBACK_INTENT:
                return conf
        return self.confidence

    @property
    def out_of_scope(self) -> bool:
        """The model says: not something an immigration office handles (type ``lainnya``).

        True whatever the confidence: the app tells the person which office handles it
        and still lets them file the complaint here if they insist.
        """
        return self.best == OUT_OF_SCOPE_INTENT

    @property
    def is_complaint(self) -> bool:
        """The best intent is one of the ten complaint types (``lainnya`` included)."""
        return self.best in COMPLAINT_TYPES

    def proposal(self, threshold: float) -> str | None:
        """Complaint-type key to propose for one-tap confirmation, or ``None``.

        ``None`` when the best intent is conversational (greet, complain, ...), out of
        scope (``lainnya``), or its confidence is below ``threshold`` (config.yml
        ``nlu.confidence_threshold``; chosen so that wrong confident proposals stay
        under 5 % of messages, see nlu/README.md).
        """
        best = self.best
        if best not in COMPLAINT_TYPES or best == OUT_OF_SCOPE_INTENT:
            return None
        return best if self.best_confidence >= threshold else None


def result_from_parse(data: Any, model_version: str | None = None) -> NluResult:
    """An :class:`NluResult` from Rasa's ``/model/parse`` answer (raises on bad input)."""
    if not isinstance(data, dict):
        raise ValueError("answer is not a JSON object")
    intent = data.get("intent")
    if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
        raise ValueError("answer has no intent name")
    name = intent["name"]
    confidence = _float(intent.get("confidence", 0.0))

    ranking: list[tuple[str, float]] = []
    for item in data.get("intent_ranking") or ():
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            ranking.append((item["name"], _float(item.get("confidence", 0.0))))
    if not ranking:
        ranking.append((name, confidence))

    entities: list[NluEntity] = []
    for ent in data.get("entities") or ():
        if not isinstance(ent, dict) or not isinstance(ent.get("entity"), str):
            continue
        try:
            entities.append(
                NluEntity(
                    entity=ent["entity"],
                    value=str(ent.get("value", "")),
                    start=int(ent.get("start", -1)),
                    end=int(ent.get("end", -1)),
                )
            )
        except (TypeError, ValueError):
            continue

    return NluResult(
        intent=name,
        confidence=confidence,
        model_version=model_version,
        entities=tuple(entities),
        ranking=tuple(ranking),
    )


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("bool is not a confidence")
    out = float(value)
    if math.isnan(out):
        raise ValueError("NaN confidence")
    return out


class RasaNluClient:
    """Thin, never-raising client for ``POST /model/parse`` and ``GET /status``."""

    #: how long a model version read from /status is trusted before re-reading it
    VERSION_TTL_SECONDS = 60.0
    #: how long to wait before asking /status again while the version is unknown
    RETRY_SECONDS = 5.0

    def __init__(
        self,
        base_url: str,
        timeout: float = 0.5,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        # one persistent session: keep-alive connections keep parse latency low
        self._session = session if session is not None else requests.Session()
        self._lock = threading.Lock()
        self._version: str | None = None
        self._version_checked_at: float | None = None

    # -- public API ---------------------------------------------------------------

    def parse(self, text: str) -> NluResult | None:
        """Classify ``text``; ``None`` on any failure (logged as a warning)."""
        try:
            resp = self._session.post(
                f"{self.base_url}/model/parse",
                json={"text": text},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            log.warning("rasa parse failed: %s: %s", type(exc).__name__, exc)
            return None
        except Exception as exc:  # pragma: no cover - defensive: never raise
            log.warning("rasa parse failed unexpectedly: %r", exc)
            return None
        if resp.status_code != 200:
            log.warning("rasa parse answered HTTP %s", resp.status_code)
            return None
        try:
            data = resp.json()
            result = self._to_result(data)
        except Exception as exc:
            log.warning("rasa parse answer malformed: %s: %s", type(exc).__name__, exc)
            return None
        return result

    def model_version(self) -> str | None:
        """Loaded model's version, ``"<model file name>#<model id>"``, cached.

        Read lazily from ``GET /status`` and re-read after ``VERSION_TTL_SECONDS``
        (``RETRY_SECONDS`` while unknown). A failed refresh keeps the last known value.
        """
        now = time.monotonic()
        with self._lock:
            if self._version_checked_at is not None:
                ttl = self.VERSION_TTL_SECONDS if self._version else self.RETRY_SECONDS
                if now - self._version_checked_at < ttl:
                    return self._version
            self._version_checked_at = now  # claim this refresh
        version = self._fetch_version()
        with self._lock:
            if version is not None:
                self._version = version
            return self._version

    def healthy(self) -> bool:
        """True when the server answers ``GET /status`` with 200 (a model is loaded)."""
        return self._status() is not None

    def close(self) -> None:
        self._session.close()

    # -- internals -----------------------------------------------------------------

    def _status(self) -> dict[str, Any] | None:
        try:
            resp = self._session.get(f"{self.base_url}/status", timeout=self.timeout)
        except Exception as exc:
            log.warning("rasa status failed: %s: %s", type(exc).__name__, exc)
            return None
        if resp.status_code != 200:
            log.warning("rasa status answered HTTP %s", resp.status_code)
            return None
        try:
            data = resp.json()
        except Exception as exc:
            log.warning("rasa status answer malformed: %s", exc)
            return None
        return data if isinstance(data, dict) else None

    def _fetch_version(self) -> str | None:
        status = self._status()
        if status is None:
            return None
        model_file = status.get("model_file")
        model_id = status.get("model_id") or status.get("fingerprint")
        name = model_file.replace("\\", "/").rsplit("/", 1)[-1] if isinstance(model_file, str) else ""
        ident = model_id if isinstance(model_id, str) else ""
        if name and ident:
            return f"{name}#{ident}"
        return name or ident or None

    def _to_result(self, data: Any) -> NluResult:
        result = result_from_parse(data)
        return NluResult(
            intent=result.intent,
            confidence=result.confidence,
            model_version=self.model_version(),
            entities=result.entities,
            ranking=result.ranking,
        )
