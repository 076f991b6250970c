"""The Twilio channel (WhatsApp and SMS): signed webhook in, TwiML reply out."""
from __future__ import annotations

import base64
import functools
import hmac
import io
import logging
import re
from typing import Any, Callable, Iterable
from urllib.parse import parse_qsl, urlparse

from flask import Blueprint, Response, abort, current_app, request
from twilio.request_validator import add_port, remove_port
from werkzeug.datastructures import MultiDict
from werkzeug.wsgi import get_current_url

from bot.conversation.engine import Unavailable, apology, utcnow
from bot.messages import Inbound, Media, Reply, location_text
from handlers.sms_text import for_sms

log = logging.getLogger(__name__)

MAX_BODY_CHARS = 1600        # one outbound Twilio message body
MAX_INBOUND_CHARS = 10_000   # longer than any WhatsApp (4,096) or concatenated SMS message
MAX_MEDIA = 10
_SID = re.compile(r"^(SM|MM)[0-9a-fA-F]{32}$")
_ADDRESS = re.compile(r"^\+?[0-9]{5,16}$")
STICKER_TYPES = {"image/webp"}
# A shared contact card: someone's name and number, never kept as evidence (as on Telegram).
CONTACT_TYPES = {"text/vcard", "text/x-vcard", "text/directory"}


class BadRequest(Exception):
    """The request is authentic but not a message we can read."""


def split_text(text: str, limit: int = MAX_BODY_CHARS) -> list[str]:
    """Split on paragraph, line or word boundaries so each piece fits in one message."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = max(rest.rfind("\n\n", 0, limit), rest.rfind("\n", 0, limit), rest.rfind(" ", 0, limit))
        if cut <= limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def twiml(replies: Iterable[Reply], sms: bool = False) -> str:
    """<Response><Message>…</Message>…</Response>, as twilio's MessagingResponse writes it,
    built as a string (a tenth of the cost of its element tree, on every turn); `sms`: each
    text in GSM-7 where it can be (handlers.sms_text)."""
    texts = (reply.as_plain_text() for reply in replies)
    messages = "".join(f"<Message>{_NOT_XML.sub('', piece).translate(_XML_ESCAPES)}</Message>"
                       for text in texts
                       for piece in split_text(for_sms(text) if sms else text))
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{messages}</Response>'


def public_url() -> str:
    """The URL Twilio called: rebuilt from PUBLIC_BASE_URL when the app sits behind a proxy."""
    base = current_app.config["ADUAN_RUNTIME"].config.settings.public_base_url
    if not base:
        return request.url
    query = request.query_string.decode("latin-1")
    return base + request.path + (f"?{query}" if query else "")


def parse(form: MultiDict[str, str], account_sid: str) -> Inbound:
    """A neutral inbound message from Twilio's form fields, or BadRequest."""
    def field(name: str, required: bool = True) -> str:
        value = form.get(name, "")
        if required and not value:
            raise BadRequest(f"missing {name}")
        return value

    if field("AccountSid") != account_sid:
        raise BadRequest("AccountSid does not match this account")
    sid = field("MessageSid")
    if not _SID.match(sid):
        raise BadRequest("malformed MessageSid")
    sender = field("From")
    channel = "whatsapp" if sender.startswith("whatsapp:") else "sms"
    address = sender.removeprefix("whatsapp:")
    if not _ADDRESS.match(address):
        raise BadRequest("malformed From")
    body = field("Body", required=False)
    if len(body) > MAX_INBOUND_CHARS:
        raise BadRequest("Body too long")
    try:
        count = int(form.get("NumMedia", "0") or "0")
    except ValueError:
        raise BadRequest("NumMedia is not a number") from None
    if not 0 <= count <= MAX_MEDIA:
        raise BadRequest("NumMedia out of range")
    media = []
    for i in range(count):
        url = field(f"MediaUrl{i}")
        if not url.startswith(("https://", "http://")):
            raise BadRequest(f"MediaUrl{i} is not a URL")
        media.append(Media(url, form.get(f"MediaContentType{i}") or None))
    kind = "media" if media else "text"
    text = body.strip()
    if not text and media and all(m.content_type in STICKER_TYPES for m in media):
        kind, media = "sticker", []
    cards = [m for m in media if (m.content_type or "").split(";")[0].lower() in CONTACT_TYPES]
    if cards:
        kind, media = "contact", [m for m in media if m not in cards]
    if not text and not media and form.get("Latitude") and form.get("Longitude"):
        text = location_text(form["Latitude"], form["Longitude"],
                             form.get("Address") or form.get("Label"))
        kind = "location"
    # WhatsApp says a message was forwarded, never by whom: someone else's words all the same
    forwarded = "" if form.get("Forwarded", "").lower() == "true" else None
    return Inbound(channel=channel, address=address, text=text, provider="twilio",
                   provider_id=sid, received_at=utcnow(), media=tuple(media),
                   profile_name=form.get("ProfileName") or None, kind=kind,
                   forwarded_from=forwarded, opt_out=opt_out(form))


def opt_out(form: MultiDict[str, str]) -> str | None:
    """Twilio's opt-out keyword handling (Advanced Opt-Out, SMS): `OptOutType` is STOP when the
    message (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT…) opted the number out, START when
    it (START, UNSTOP…) opted back in. HELP and anything else: an ordinary message."""
    kind = form.get("OptOutType", "").strip().lower()
    return kind if kind in ("stop", "start") else None


blueprint = Blueprint("twilio", __name__)
PATH = "/webhooks/twilio"


class SignatureCheck:
    """twilio's RequestValidator.validate for a form post, the same answer at less cost.

    Like the library, it accepts the HMAC-SHA1 of the URL as given with its port removed or
    added (Twilio signs either) followed by the sorted parameters, compared in constant time;
    the URL's two forms are worked out once per URL, the parameters joined once for both.
    """

    def __init__(self, auth_token: str):
        self._key = auth_token.encode("utf-8")

    @staticmethod
    @functools.lru_cache(maxsize=64)
    def _urls(uri: str) -> tuple[str, str]:
        parsed = urlparse(uri)
        return remove_port(parsed), add_port(parsed)

    def validate(self, uri: str, params: MultiDict[str, str], signature: str) -> bool:
        signed = "".join(name + value for name in sorted(set(params))
                         for value in sorted(set(params.getlist(name))))
        given = signature.encode("utf-8")
        valid = False
        for url in self._urls(uri):
            digest = base64.b64encode(hmac.digest(self._key, (url + signed).encode("utf-8"),
                                                  "sha1"))
            valid |= hmac.compare_digest(digest, given)
        return valid


@functools.lru_cache(maxsize=4)
def validator(auth_token: str) -> SignatureCheck:
    """One validator per auth token, not one per request."""
    return SignatureCheck(auth_token)


def answer(runtime: Any, inbound: Inbound) -> str:
    """The engine's replies to an authentic, well-formed message, as TwiML."""
    try:
        replies = runtime.engine.handle_safely(inbound)
    except Unavailable as exc:
        # Twilio does not retry an answered webhook: ask the sender to send it again.
        replies = [apology(exc.reason, inbound.text)]
    return twiml(replies, sms=inbound.channel == "sms")


@blueprint.post(PATH)
def webhook() -> Response:
    """Authenticate, parse, hand to the engine, answer with TwiML."""
    runtime = current_app.config["ADUAN_RUNTIME"]
    settings = runtime.config.settings
    if not settings.twilio_auth_token or not settings.twilio_account_sid:
        log.error("Twilio webhook called but TWILIO_AUTH_TOKEN/TWILIO_ACCOUNT_SID are not set")
        abort(403)
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not validator(settings.twilio_auth_token).validate(
            public_url(), request.form, signature):
        log.warning("refused Twilio webhook with a missing or wrong signature")
        abort(403)
    try:
        inbound = parse(request.form, settings.twilio_account_sid)
    except BadRequest as exc:
        log.warning("refused signed Twilio webhook: %s", exc)
        return Response(f"bad request: {exc}\n", status=400, mimetype="text/plain")
    return Response(answer(runtime, inbound), mimetype="application/xml")


WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
_FORM = "application/x-www-form-urlencoded"


class FastPath:
    """WSGI middleware in front of Flask for the one request every message makes.

    A signed, well-formed form post to the webhook is answered here, with the same checks and
    the same functions as the Flask route (`validator`, `parse`, `answer`), without building
    Flask's request, response and contexts: they cost about a quarter of a turn's CPU.
    Anything else (another path or method, no Content-Length, another content type, a body
    over the app's limit, a wrong signature, a malformed message) goes to Flask unchanged,
    the body already read handed over as it was, so refusals, their logs and status codes
    are the route's own."""

    def __init__(self, app: WsgiApp, runtime: Any, max_bytes: int):
        self.app = app
        self.runtime = runtime
        self.max_bytes = max_bytes

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if (environ.get("PATH_INFO") != PATH or environ.get("REQUEST_METHOD") != "POST"
                or environ.get("SCRIPT_NAME") or environ.get("HTTP_TRANSFER_ENCODING")
                or environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower() != _FORM):
            return self.app(environ, start_response)
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return self.app(environ, start_response)
        if not 0 <= length <= self.max_bytes:
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)        # for Flask, should it take over
        text = self._answer(environ, body)
        if text is None:
            return self.app(environ, start_response)
        data = text.encode("utf-8")
        start_response("200 OK", [("Content-Type", "application/xml; charset=utf-8"),
                                  ("Content-Length", str(len(data)))])
        return [data]

    def _answer(self, environ: dict[str, Any], body: bytes) -> str | None:
        """TwiML for an authentic, well-formed message; None: let the Flask route answer."""
        settings = self.runtime.config.settings
        signature = environ.get("HTTP_X_TWILIO_SIGNATURE", "")
        if not signature or not settings.twilio_auth_token or not settings.twilio_account_sid:
            return None
        try:     # as werkzeug parses a form (an undecodable body: no fields)
            form = MultiDict(parse_qsl(body.decode(), keep_blank_values=True,
                                       errors="werkzeug.url_quote"))
        except ValueError:
            return None
        base = settings.public_base_url
        query = environ.get("QUERY_STRING", "")
        url = (base + PATH + (f"?{query}" if query else "")) if base else get_current_url(environ)
        if not validator(settings.twilio_auth_token).validate(url, form, signature):
            return None
        try:
            inbound = parse(form, settings.twilio_account_sid)
        except BadRequest:
            return None
        return answer(self.runtime, inbound)
