"""Web chat sessions without accounts: a random token, its hash as the channel identity, CSRF.

The token (256 random bits) lives in an HttpOnly, SameSite=Strict cookie on the chat page, or,
in the widget embedded on another site (where that cookie is a third-party one and may be
blocked), in the widget's local storage, sent back in the `X-Aduan-Session` header. Its
identity on the `web` channel is a SHA-256 of the token, so the database never holds the token
itself, and officers never see either. The server records the hash of each token it issues
(storage/webchat.py `issue`): a token it never issued is not taken (session fixation). A
record, unlike a signed token, needs no server secret, which a deployment may not have. The
CSRF token is an HMAC of a fixed label keyed by the session token: only a page that could read
our answers can know it, and no server secret is needed.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Request, Response

from storage.webchat import SESSION_LIFETIME

COOKIE = "aduan_chat"
SECURE_COOKIE = "__Host-aduan_chat"     # the __Host- prefix: Secure, Path=/, no Domain
HEADER = "X-Aduan-Session"
CSRF_HEADER = "X-CSRF-Token"
MAX_AGE = SESSION_LIFETIME               # a complaint can take weeks to close
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


@dataclass(frozen=True)
class WebSession:
    """The browser's session: its token, its channel address, and how it came."""

    token: str
    via: str                 # cookie | header
    fresh: bool = False      # made for this request: the answer must hand it over

    @property
    def address(self) -> str:
        return address_of(self.token)

    @property
    def csrf(self) -> str:
        return csrf_of(self.token)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def address_of(token: str) -> str:
    """The channel identity: 64 hex characters, from which the token cannot be recovered."""
    return hashlib.sha256(b"aduan-web-session:" + token.encode()).hexdigest()


def csrf_of(token: str) -> str:
    digest = hmac.new(token.encode(), b"aduan-web-csrf", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def secure_request(request: Request, public_base_url: str | None) -> bool:
    return request.is_secure or bool(public_base_url and public_base_url.startswith("https://"))


def current(request: Request, secure: bool) -> WebSession | None:
    """The session a request carries (header first, then cookie), or None; whether the server
    issued it is the adapter's question (handlers/webchat.py `_carried`)."""
    given = request.headers.get(HEADER, "")
    if given:
        return WebSession(given, "header") if _TOKEN.match(given) else None
    cookie = request.cookies.get(SECURE_COOKIE if secure else COOKIE, "")
    return WebSession(cookie, "cookie") if _TOKEN.match(cookie) else None


def start(via: str) -> WebSession:
    return WebSession(new_token(), via, fresh=True)


def remember(response: Response, session: WebSession, secure: bool) -> None:
    """(Re)set the cookie: HttpOnly, SameSite=Strict, Secure over HTTPS; sliding expiry."""
    if session.via != "cookie":
        return
    response.set_cookie(SECURE_COOKIE if secure else COOKIE, session.token,
                        max_age=int(MAX_AGE.total_seconds()), path="/", secure=secure,
                        httponly=True, samesite="Strict")


def forget(response: Response, secure: bool) -> None:
    """End the session on this device: the browser drops the cookie (a shared phone or a
    warnet's computer shows the next person nothing of it). The widget forgets its own copy."""
    response.delete_cookie(SECURE_COOKIE if secure else COOKIE, path="/", secure=secure,
                           httponly=True, samesite="Strict")


def csrf_ok(request: Request, session: WebSession) -> bool:
    given = request.headers.get(CSRF_HEADER, "")
    return bool(given) and hmac.compare_digest(given.encode(), session.csrf.encode())


def same_origin(request: Request, public_base_url: str | None) -> bool:
    """A browser's post must come from our own page: its Origin (when sent) is ours, and
    Fetch Metadata (when sent) does not say cross-site."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    if not origin:
        return True
    ours = {urlsplit(request.host_url).netloc}
    if public_base_url:
        ours.add(urlsplit(public_base_url).netloc)
    return urlsplit(origin).netloc in ours
