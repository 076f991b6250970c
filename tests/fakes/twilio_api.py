"""Fake Twilio REST API (Messages resource + media) speaking Twilio's wire protocol."""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from email.utils import formatdate
from typing import Any, Callable

from werkzeug.wrappers import Request, Response

from ._server import Call, FakeHTTPServer

DEFAULT_ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
DEFAULT_AUTH_TOKEN = "fake_auth_token_0123456789abcdef"
API_PREFIX = "/2010-04-01/Accounts/"
CREATE = "Messages.create"
FETCH = "Messages.fetch"
MEDIA = "Media.get"
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_LIST_FIELDS = ("MediaUrl", "PersistentAction")
_WINDOW_TEXT = ("Failed to send freeform message because you are outside the allowed window. "
                "If you are using WhatsApp, please use a Message Template.")


class TwilioError(Exception):
    """A Twilio REST error: HTTP status plus the {code, message, more_info, status} body."""

    def __init__(self, status: int, code: int, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def body(self) -> bytes:
        """Serialise exactly like Twilio's legacy (2010-04-01) error JSON."""
        return json.dumps({"code": self.code, "message": self.message,
                           "more_info": f"https://www.twilio.com/docs/errors/{self.code}",
                           "status": self.status}).encode()


def new_sid(prefix: str = "SM") -> str:
    """A Twilio-style SID: two-letter prefix plus 32 hex digits."""
    return prefix + secrets.token_hex(16)


def _rfc2822(ts: float) -> str:
    """Twilio's date format, e.g. 'Thu, 30 Jul 2015 20:12:31 +0000'."""
    return formatdate(ts, usegmt=False).replace("-0000", "+0000")


class FakeTwilioServer(FakeHTTPServer):
    """Local Twilio API: POST/GET Messages under /2010-04-01/Accounts/<sid>/, and /media/."""

    def __init__(self, account_sid: str = DEFAULT_ACCOUNT_SID,
                 auth_token: str = DEFAULT_AUTH_TOKEN, *, require_window: bool = False,
                 window_failure: str = "rest", media_auth: bool = True,
                 media_redirect: bool = False) -> None:
        super().__init__()
        if window_failure not in ("rest", "status"):
            raise ValueError("window_failure must be 'rest' or 'status'")
        self.account_sid, self.auth_token = account_sid, auth_token
        self.require_window, self.window_failure = require_window, window_failure
        self.media_auth, self.media_redirect = media_auth, media_redirect
        self.messages: dict[str, dict[str, Any]] = {}
        self._open_windows: set[str] = set()
        self._media: dict[str, tuple[bytes, str]] = {}
        # Receipts: how to reach a StatusCallback URL (default: a real HTTP POST), and whether
        # the server reports sent/delivered (or failed) by itself after each message.
        self.callback_transport: Callable[[str, dict[str, str], dict[str, str]], int] | None = None
        self.auto_receipts = False
        self.receipts: list[tuple[str, str, int]] = []   # (sid, status, HTTP answer)

    # -- configuration for the twilio library -------------------------------------------------
    @property
    def base_url(self) -> str:
        """Set as client.api.base_url (the 'https://api.twilio.com' of the Api domain)."""
        return self.root_url

    def make_client(self, timeout: float = 5.0, account_sid: str | None = None,
                    auth_token: str | None = None) -> Any:
        """A real twilio.rest.Client aimed at this server, with an HTTP timeout."""
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        client = Client(account_sid or self.account_sid, auth_token or self.auth_token,
                        http_client=TwilioHttpClient(timeout=timeout))
        client.edge = client.region = None  # TWILIO_EDGE/REGION would rewrite the host
        client.api.base_url = self.base_url
        return client

    # -- test controls --------------------------------------------------------------------------
    def fail_next(self, status: int = 429, code: int = 20429, message: str | None = None,
                  *, times: int = 1, endpoint: str | None = CREATE) -> None:
        """Make the next `times` calls to `endpoint` (None: any) answer a Twilio error."""
        text = message or {20429: "Too Many Requests", 21211: "Invalid 'To' Phone Number",
                           21610: "Attempt to send to unsubscribed recipient",
                           63016: _WINDOW_TEXT, 20500: "Internal Server Error",
                           }.get(code, f"Error {code}")
        self._add_rule(self._failures, endpoint, TwilioError(status, code, text), times)

    def hang_next(self, seconds: float, *, times: int = 1, endpoint: str | None = CREATE) -> None:
        """Delay the answer to the next `times` calls to `endpoint` (processed, reply late)."""
        self._add_rule(self._hangs, endpoint, seconds, times)

    def open_window(self, to: str) -> None:
        """Mark the WhatsApp 24-hour customer-service window of `to` as open."""
        self._open_windows.add(to)

    def close_window(self, to: str) -> None:
        """Mark the WhatsApp window of `to` as closed again."""
        self._open_windows.discard(to)

    def add_media(self, path: str, content: bytes, content_type: str = "image/jpeg") -> str:
        """Serve `content` at GET /media/<path>; return its absolute URL (for MediaUrlN)."""
        path = path.lstrip("/")
        self._media[path] = (content, content_type)
        return f"{self.root_url}/media/{path}"

    def set_status(self, sid: str, status: str, error_code: int | None = None) -> None:
        """Advance a stored message's status (what a later fetch returns)."""
        message = self.messages[sid]
        message.update(status=status, error_code=error_code,
                       date_updated=_rfc2822(time.time()))

    def sent_messages(self, to: str | None = None) -> list[Call]:
        """Successful Messages.create calls, optionally only those to `to`."""
        return [c for c in self.calls if c.method == CREATE and c.status == 201
                and (to is None or c.params.get("To") == to)]

    def status_callback(self, sid: str, status: str | None = None,
                        error_code: int | None = None) -> tuple[str, dict[str, str], str]:
        """(url, form, X-Twilio-Signature) Twilio would POST to the message's StatusCallback."""
        from twilio.request_validator import RequestValidator

        message = self.messages[sid]
        url = message.get("_status_callback") or ""
        form = {"AccountSid": self.account_sid, "ApiVersion": "2010-04-01", "ChannelPrefix":
                "whatsapp" if str(message["to"]).startswith("whatsapp:") else "sms",
                "From": message["from"] or "", "MessageSid": sid, "SmsSid": sid,
                "MessageStatus": status or message["status"], "SmsStatus": status
                or message["status"], "To": message["to"]}
        code = error_code if error_code is not None else message.get("error_code")
        if code:
            form["ErrorCode"] = str(code)
        return url, form, RequestValidator(self.auth_token).compute_signature(url, form)

    def send_status(self, sid: str, status: str, error_code: int | None = None) -> int:
        """POST a signed receipt to the message's StatusCallback, as Twilio does; returns the
        HTTP status the app answered (0: the message had no StatusCallback)."""
        url, form, signature = self.status_callback(sid, status, error_code)
        if not url:
            return 0
        headers = {"X-Twilio-Signature": signature,
                   "Content-Type": "application/x-www-form-urlencoded"}
        if self.callback_transport is not None:
            answer = self.callback_transport(url, form, headers)
        else:
            import requests
            answer = requests.post(url, data=form, headers=headers, timeout=10).status_code
        self.receipts.append((sid, status, answer))
        return answer

    def _auto_receipts(self, sid: str, failed: bool) -> None:
        """Report a message's fate in the background, as Twilio does after accepting it."""
        def report() -> None:
            time.sleep(0.05)
            try:
                if failed:
                    self.send_status(sid, "failed", 63016)
                else:
                    self.set_status(sid, "sent")
                    self.send_status(sid, "sent")
                    self.set_status(sid, "delivered")
                    self.send_status(sid, "delivered")
            except Exception:  # noqa: BLE001 - like Twilio: a receipt that fails is dropped
                pass
        threading.Thread(target=report, daemon=True).start()

    # -- HTTP -----------------------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        """Route a request, applying auth, failure and hang rules."""
        if request.path.startswith("/media/"):
            return self._serve_media(request)
        endpoint, sid = self._route(request)
        params: dict[str, Any] = {k: (v if k in _LIST_FIELDS else v[-1])
                                  for k, v in request.form.lists()}
        try:
            if not self._authorised(request):
                raise TwilioError(401, 20003, "Authenticate")
            failure = self._take_rule(self._failures, endpoint)
            if isinstance(failure, TwilioError):
                raise failure
            status, payload = self._dispatch(endpoint, sid, params)
            body = json.dumps(payload).encode()
        except TwilioError as error:
            status, body = error.status, error.body()
        hang = float(self._take_rule(self._hangs, endpoint) or 0.0)
        self._record(Call(endpoint, params, {}, time.time(), status, request.path, hang))
        self._sleep(hang)
        return Response(body, status, mimetype="application/json")

    def _route(self, request: Request) -> tuple[str, str | None]:
        """Map method + path to (endpoint name, message sid)."""
        prefix = f"{API_PREFIX}{self.account_sid}/Messages"
        if request.path == prefix + ".json" and request.method == "POST":
            return CREATE, None
        match = re.fullmatch(re.escape(prefix) + r"/(\w+)\.json", request.path)
        if match and request.method == "GET":
            return FETCH, match.group(1)
        return f"{request.method} {request.path}", None

    def _authorised(self, request: Request) -> bool:
        """HTTP Basic auth with the account SID and auth token."""
        auth = request.authorization
        return bool(auth and auth.username == self.account_sid
                    and auth.password == self.auth_token)

    def _dispatch(self, endpoint: str, sid: str | None,
                  params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Run one endpoint; unknown paths answer Twilio's 20404."""
        if endpoint == CREATE:
            return 201, self._create(params)
        if endpoint == FETCH and sid in self.messages:
            return 200, {k: v for k, v in self.messages[sid].items() if not k.startswith("_")}
        path = endpoint.split(" ", 1)[-1]
        raise TwilioError(404, 20404, f"The requested resource {path} was not found")

    def _create(self, p: dict[str, Any]) -> dict[str, Any]:
        """Validate like Twilio and store a queued Message resource."""
        to, from_, body = p.get("To"), p.get("From"), p.get("Body")
        service, content_sid, media = p.get("MessagingServiceSid"), p.get("ContentSid"), \
            p.get("MediaUrl") or []
        if not to:
            raise TwilioError(400, 21604, "A 'To' phone number is required.")
        if not from_ and not service:
            raise TwilioError(400, 21603, "A 'From' phone number is required.")
        if not body and not media and not content_sid:
            raise TwilioError(400, 21602, "Message body is required.")
        if body and len(body) > 1600:
            raise TwilioError(400, 21617, "The concatenated message body exceeds the 1600 "
                              "character limit.")
        whatsapp = to.startswith("whatsapp:")
        if from_ and whatsapp != from_.startswith("whatsapp:"):
            raise TwilioError(400, 21910, "Invalid From and To pair. From and To should be of "
                              "the same channel")
        if not _E164.match(to.removeprefix("whatsapp:")):
            raise TwilioError(400, 21211, f"Invalid 'To' Phone Number: {to}")
        if p.get("ContentVariables"):
            try:
                variables = json.loads(p["ContentVariables"])
            except ValueError:
                variables = None
            if not isinstance(variables, dict):
                raise TwilioError(400, 21656, "The ContentVariables Parameter is invalid.")
        outside = (self.require_window and whatsapp and not content_sid
                   and to not in self._open_windows)
        if outside and self.window_failure == "rest":
            raise TwilioError(400, 63016, _WINDOW_TEXT)
        sid, now = new_sid(), _rfc2822(time.time())
        base = f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}"
        message: dict[str, Any] = {
            "account_sid": self.account_sid, "api_version": "2010-04-01",
            "body": body or "", "date_created": now, "date_sent": None, "date_updated": now,
            "direction": "outbound-api", "error_code": None, "error_message": None,
            "from": from_, "messaging_service_sid": service, "num_media": str(len(media)),
            "num_segments": "1" if whatsapp else str(max(1, -(-len(body or "") // 153))),
            "price": None, "price_unit": "USD", "sid": sid,
            "status": "accepted" if service and not from_ else "queued",
            "subresource_uris": {"media": f"{base}/Media.json"}, "to": to,
            "uri": f"{base}.json", "_status_callback": p.get("StatusCallback"),
        }
        self.messages[sid] = message
        reply = {k: v for k, v in message.items() if not k.startswith("_")}
        if outside:  # Twilio accepts the request, then the message fails asynchronously
            self.set_status(sid, "failed", 63016)
        if self.auto_receipts and message["_status_callback"]:
            self._auto_receipts(sid, failed=outside)
        return reply

    def _serve_media(self, request: Request) -> Response:
        """GET /media/<path> (Basic auth if media_auth); optional 307 hop like Twilio's CDN."""
        path = request.path.removeprefix("/media/")
        found = self._media.get(path)
        failure = self._take_rule(self._failures, MEDIA)
        if isinstance(failure, TwilioError):
            status = failure.status
        elif self.media_auth and not self._authorised(request) and "cdn=1" not in request.url:
            status = 401
        else:
            status = 200 if found else 404
        # Whether credentials came with the request: a redirect hop must never carry them.
        self._record(Call(MEDIA, {"path": path, "authorization": request.authorization is not None,
                                  "cdn": "cdn=1" in request.url}, {}, time.time(), status,
                          request.path))
        if status != 200 or found is None:
            error = TwilioError(status, 20003 if status == 401 else 20404,
                                "Authenticate" if status == 401 else "Not Found")
            return Response(error.body(), status, mimetype="application/json")
        if self.media_redirect and "cdn=1" not in request.url:
            return Response("", 307, headers={"Location": f"/media/{path}?cdn=1"})
        return Response(found[0], 200, mimetype=found[1])
