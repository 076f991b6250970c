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

__all__ = ["NluEntity", "NluResult", "RasaNluClient"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NluEntity:
    entity: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class NluResult:
    intent: str  # top intent name ("nlu_fallback" below the FallbackClassifier threshold)
    confidence: float
    model_version: str | None  # "<model file>#<model id>" from GET /status
    entities: tuple[NluEntity, ...]
    ranking: tuple[tuple[str, float], ...]  # (intent, confidence), best first


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
            model_version=self.model_version(),
            entities=tuple(entities),
            ranking=tuple(ranking),
        )
