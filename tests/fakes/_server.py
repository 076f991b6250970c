"""Shared plumbing for the fake API servers: threaded WSGI server, call log, failure rules."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, TypeVar

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

_S = TypeVar("_S", bound="FakeHTTPServer")


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart request."""

    filename: str | None
    content: bytes
    content_type: str | None


@dataclass(frozen=True)
class Call:
    """One API request as the fake server saw it (status is the HTTP status it answered)."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)
    at: float = 0.0
    status: int = 200
    path: str = ""
    hung: float = 0.0


CallMatcher = str | Callable[[Call], bool]


@dataclass
class _Rule:
    """A queued one-shot (or N-shot) behaviour for matching requests."""

    key: str | None
    payload: Any
    times: int


def _matcher(predicate: CallMatcher) -> Callable[[Call], bool]:
    """Turn a method name or a predicate into a predicate."""
    if isinstance(predicate, str):
        name = predicate.lower()
        return lambda call: call.method.lower() == name
    return predicate


class _QuietHandler(WSGIRequestHandler):
    """Request handler that does not write an access log line per request."""

    def log(self, type: str, message: str, *args: Any) -> None:  # noqa: A002
        return None


class FakeHTTPServer:
    """Threaded HTTP server on 127.0.0.1 (free port) with call recording and rules."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._host = host
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._cond = threading.Condition(threading.RLock())
        self._calls: list[Call] = []
        self._failures: list[_Rule] = []
        self._hangs: list[_Rule] = []
        self._stopping = threading.Event()

    # -- lifecycle -------------------------------------------------------------------------
    def start(self: _S) -> _S:
        """Bind a free port and serve in a daemon thread."""
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = make_server(
            self._host, 0, self._wsgi, threaded=True, request_handler=_QuietHandler
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name=type(self).__name__,
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake hanging handlers, shut the server down and free the port."""
        self._stopping.set()
        with self._cond:
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self: _S) -> _S:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port (server must be started)."""
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return int(self._server.server_port)

    @property
    def root_url(self) -> str:
        """http://127.0.0.1:PORT without a trailing slash."""
        return f"http://{self._host}:{self.port}"

    # -- request plumbing ------------------------------------------------------------------
    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        """WSGI entry point: delegate to handle(), turning crashes into a plain 500."""
        request = Request(environ)
        try:
            response = self.handle(request)
        except Exception as exc:  # noqa: BLE001 - a fake must never kill its thread
            response = Response(f"fake server crashed: {exc!r}", status=500)
        return response(environ, start_response)

    def handle(self, request: Request) -> Response:
        """Answer one request (implemented by subclasses)."""
        raise NotImplementedError

    def _sleep(self, seconds: float) -> None:
        """Sleep, but return early when the server stops."""
        if seconds > 0:
            self._stopping.wait(seconds)

    # -- call log --------------------------------------------------------------------------
    def _record(self, call: Call) -> None:
        """Append a call and wake waiters."""
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()

    @property
    def calls(self) -> list[Call]:
        """A snapshot of every request received, in order."""
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """Calls of one method (case-insensitive)."""
        match = _matcher(method)
        return [c for c in self.calls if match(c)]

    def clear(self) -> None:
        """Forget recorded calls and pending failure/hang rules."""
        with self._cond:
            self._calls.clear()
            self._failures.clear()
            self._hangs.clear()

    def wait_for(self, predicate: CallMatcher, timeout: float = 5.0) -> Call:
        """Block until a recorded call matches (a method name or predicate); return it."""
        return self.wait_for_count(predicate, 1, timeout)[0]

    def wait_for_count(
        self, predicate: CallMatcher, count: int, timeout: float = 5.0
    ) -> list[Call]:
        """Block until `count` recorded calls match; return the first `count` of them."""
        match = _matcher(predicate)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self._calls if match(c)]
                if len(found) >= count:
                    return found[:count]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [c.method for c in self._calls]
                    raise TimeoutError(
                        f"{len(found)}/{count} matching calls after {timeout}s; saw {seen}"
                    )
                self._cond.wait(remaining)

    # -- rules -----------------------------------------------------------------------------
    def _add_rule(self, rules: list[_Rule], key: str | None, payload: Any, times: int) -> None:
        """Queue a rule that fires for the next `times` matching requests."""
        if times < 1:
            raise ValueError("times must be >= 1")
        with self._cond:
            rules.append(_Rule(key.lower() if key else None, payload, times))

    def _take_rule(self, rules: list[_Rule], key: str) -> Any | None:
        """Consume one shot of the first rule matching `key` (None-key rules match all)."""
        with self._cond:
            for rule in rules:
                if rule.key is None or rule.key == key.lower():
                    rule.times -= 1
                    if rule.times == 0:
                        rules.remove(rule)
                    return rule.payload
        return None
