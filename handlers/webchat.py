"""The web chat channel: the chat page, the widget other sites embed, and the page's JSON API.

The browser talks to the same engine as every other channel. Its session is a random token
(handlers/webchat_session.py) whose hash is its address on the `web` channel; each message
carries a client-made id, so a retried post is recognised by the engine as already handled.
The engine queues its replies in the outbox, as for Telegram, and the browser collects them
(storage/webchat.py): in the answer to its post, by polling, and as its transcript when it
comes back. Photos and PDFs are put in the file store at once; the worker checks and records
them as evidence like any other channel's.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import logging
import re
from pathlib import Path
from typing import Any, Callable

from flask import (Blueprint, Flask, Response, current_app, jsonify, redirect, request,
                   send_file)
from werkzeug.exceptions import RequestEntityTooLarge

from bot.concealed import PIN_MASK, reveal
from bot.conversation.texts import t
from bot.conversation.engine import Unavailable, utcnow
from bot.messages import Inbound, Media
from handlers import webchat_session as sessions
from handlers.webchat_guard import (NOTICES, Fault, RateLimiter, clean, client_address,
                                    secure_headers, sniff)
from handlers.wiring import Runtime
from storage.files import FileStore
from storage.webchat import Mailbox, Said

log = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("webchat_static")
ASSETS = {"chat.css": "text/css; charset=utf-8", "chat.js": "text/javascript; charset=utf-8",
          "icon.svg": "image/svg+xml"}
MAX_TEXT = 4000              # characters of one message (a story may come in several)
MAX_JSON_BYTES = 16 * 1024   # a message post; uploads have their own limit
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class WebChat:
    """What the channel keeps per app: the runtime, the mailbox, the limits, the page."""

    def __init__(self, runtime: Runtime):
        settings = runtime.config.settings
        self.runtime = runtime
        self.settings = settings
        self.mailbox = Mailbox(runtime.store)
        self.files = FileStore(runtime.config.files_dir)
        self.max_upload = int(runtime.config.office_config.files.max_evidence_mb * 1024 * 1024)
        per_ip = settings.web_ip_messages_per_minute
        self.ip_posts = RateLimiter(per_ip, burst=max(5, per_ip // 2))
        self.ip_reads = RateLimiter(20 * per_ip, burst=4 * per_ip)   # page loads and polls
        self.ip_sessions = RateLimiter(30, burst=10)                  # new sessions
        self.session_reads = RateLimiter(120, burst=30)               # one page's polls
        self.session_uploads = RateLimiter(10, burst=5)
        self.versions = {name: hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]
                         for name in ASSETS}
        self.page = self._page()

    def _page(self) -> bytes:
        office = self.runtime.config.office_config.office
        values = {"office_name": office.name, "office_short": office.short_name,
                  "whatsapp": office.contacts.whatsapp or "-",
                  "email": office.contacts.email or "-",
                  **{f"v_{name.split('.')[0]}_{name.split('.')[1]}": version
                     for name, version in self.versions.items()}}
        text = (STATIC / "chat.html").read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", html.escape(value))
        return text.encode()

    def now(self) -> dt.datetime:
        return self.runtime.engine.clock()

    @property
    def https(self) -> bool:
        return sessions.secure_request(request, self.settings.public_base_url)

    def ip(self) -> str:
        return client_address(request, self.settings.web_trusted_proxies)


blueprint = Blueprint("web", __name__)


@blueprint.record_once
def _setup(state: Any) -> None:
    app: Flask = state.app
    app.extensions["webchat"] = WebChat(app.config["ADUAN_RUNTIME"])


def _chat() -> WebChat:
    return current_app.extensions["webchat"]


def _lang() -> str:
    wanted = request.headers.get("X-Aduan-Lang") or request.accept_languages.best_match(
        ["id", "en"]) or "id"
    return "en" if wanted == "en" else "id"


def _refuse(fault: Fault) -> Response:
    idn, eng = NOTICES[fault.code]
    text = (eng if _lang() == "en" else idn).format(**(fault.values or {}))
    body: dict[str, Any] = {"error": fault.code, "message": text}
    seconds = max(1, int(fault.retry_after + 0.999)) if fault.retry_after is not None else None
    if seconds is not None:
        body["retry_after"] = seconds
    response = jsonify(body)
    response.status_code = fault.status
    if seconds is not None:
        response.headers["Retry-After"] = str(seconds)
    return response


@blueprint.after_request
def _headers(response: Response) -> Response:
    chat = _chat()
    return secure_headers(response, chat.settings.web_embed_origins, chat.https)


@blueprint.errorhandler(Fault)
def _fault(fault: Fault) -> Response:
    return _refuse(fault)


@blueprint.errorhandler(RequestEntityTooLarge)
def _too_large(_error: Exception) -> Response:
    return _refuse(Fault(413, "too_large", values={"mb": _chat().max_upload // (1024 * 1024)}))


# --- the page, its assets and the widget -----------------------------------------------------
@blueprint.get("/")
def root() -> Response:
    return redirect("/chat", code=302)


@blueprint.get("/chat")
def page() -> Response:
    chat = _chat()
    response = Response(chat.page, mimetype="text/html")
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(hashlib.sha256(chat.page).hexdigest()[:16])
    return response.make_conditional(request)


@blueprint.get("/chat/assets/<name>")
def asset(name: str) -> Response:
    chat = _chat()
    if name not in ASSETS:
        raise Fault(404, "bad_request")
    response = send_file(STATIC / name, mimetype=ASSETS[name], conditional=True, etag=True)
    fixed = request.args.get("v") == chat.versions[name]
    response.headers["Cache-Control"] = ("public, max-age=31536000, immutable" if fixed
                                         else "public, max-age=300")
    return response


@blueprint.get("/chat/widget.js")
def widget() -> Response:
    """The script an office puts on its own site; it opens the chat in a framed panel."""
    response = send_file(STATIC / "widget.js", mimetype=ASSETS["chat.js"], conditional=True,
                         etag=True)
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


# --- the API ---------------------------------------------------------------------------------
def _said(said: Said) -> dict[str, Any]:
    out: dict[str, Any] = {"key": said.key, "by": said.by, "text": _revealed(said),
                           "at": said.at.isoformat()}
    if said.secret:
        out["pin"] = True      # shown this once: the page warns to note it down now
    if said.choices:
        out["choices"] = list(said.choices)
    if said.files:
        out["files"] = list(said.files)
    if said.sent_as:
        # The id the page gave the person's message: a page reloaded while it was on its way
        # (kept unsent in the tab) sees it arrived, and neither shows nor sends it again.
        out["id"] = said.sent_as
    return out


def _revealed(said: Said) -> str:
    """The text with its secrets (a PIN, kept masked at rest) filled in: only while the message
    is being handed over for the first time; once delivered, the outbox keeps the mask only."""
    return str(reveal(said.text, said.secret))


def _explained(said: list[Said], language: str | None) -> list[Said]:
    """Each bubble whose PIN is masked (handed over before: a retried post after a lost answer,
    a poll from an old cursor, a reload) ending with why the PIN is not shown and how to do
    without it or get a new one, as WhatsApp's retried answer says (engine `_answered`)."""
    return [dataclasses.replace(one, text=one.text + "\n\n" + t(language or "id", "resent.pin"))
            if one.by == "bot" and not one.secret and PIN_MASK in one.text else one
            for one in said]


def _reads(chat: WebChat, session: sessions.WebSession | None) -> None:
    """Flood limits of page loads and polls (per client address, and per session)."""
    wait = chat.ip_reads.hit("ip:" + chat.ip())
    if not wait and session is not None:
        wait = chat.session_reads.hit("s:" + session.address)
    if wait:
        raise Fault(429, "rate_limited", wait)


def _carried(chat: WebChat) -> sessions.WebSession | None:
    """The session the request carries, when the server issued it. A well-formed token it never
    issued (planted in the browser by someone who would read later what is said under it) is
    no session: the page is given a new one."""
    session = sessions.current(request, chat.https)
    if session is None or not _stored(chat.mailbox.issued, session.address):
        return None
    return session


def _session(chat: WebChat) -> sessions.WebSession:
    session = _carried(chat)
    if session is None:
        raise Fault(401, "no_session")
    return session


@blueprint.get("/chat/api/state")
def state() -> Response:
    """The session (made when there is none), the CSRF token, the transcript and the limits."""
    chat = _chat()
    _reads(chat, sessions.current(request, chat.https))
    session = _carried(chat)
    if session is None:
        wait = chat.ip_sessions.hit("ip:" + chat.ip())
        if wait:
            raise Fault(429, "rate_limited", wait)
        session = sessions.start("header" if request.args.get("mode") == "token" else "cookie")
        _stored(chat.mailbox.issue, session.address, chat.now())
    said, cursor, language = _stored(chat.mailbox.transcript, session.address, chat.now())
    said = _explained(said, language)
    body: dict[str, Any] = {
        "csrf": session.csrf, "cursor": cursor, "lang": language,
        "messages": [_said(s) for s in said],
        "limits": {"text": MAX_TEXT, "upload_bytes": chat.max_upload,
                   "types": ["image/jpeg", "image/png", "image/webp", "image/gif",
                             "application/pdf"]}}
    if session.fresh and session.via == "header":
        body["session"] = session.token    # the widget keeps it in its own storage
    response = jsonify(body)
    if not session.fresh:
        _with_standing(chat, session, response)
    sessions.remember(response, session, chat.https)
    return response


@blueprint.get("/chat/api/messages")
def poll() -> Response:
    """The bot's messages after the browser's cursor (and any that became due since)."""
    chat = _chat()
    session = _session(chat)
    _reads(chat, session)
    after = request.args.get("after", "0")
    if not after.isdigit():
        raise Fault(400, "bad_request")
    _same_session(session)
    response = _since(chat, session, int(after))
    if response.get_json()["messages"]:
        # A message may end a wait (an officer's answer, /tutup) or start one: the page's
        # polling pace and its "a reply is on its way" follow the standing after it.
        _with_standing(chat, session, response)
    return response


def _same_session(session: sessions.WebSession) -> None:
    """A page bound to another session than the browser's now (Akhiri in another tab, then the
    next person's new session) must not be fed that session's messages under the old
    transcript: it is told, and clears itself. The page sends its CSRF token, which is tied to
    the session it booted with."""
    given = request.headers.get(sessions.CSRF_HEADER, "")
    if given and not sessions.csrf_ok(request, session):
        raise Fault(409, "session_changed")


def _guard_post(chat: WebChat) -> sessions.WebSession:
    """A post must come from our page (origin, CSRF token) within the flood limits."""
    session = _session(chat)
    if not sessions.same_origin(request, chat.settings.public_base_url) or \
            not sessions.csrf_ok(request, session):
        log.warning("web chat: refused a post without a valid CSRF token or from another site")
        raise Fault(403, "forbidden")
    wait = chat.ip_posts.hit("ip:" + chat.ip())
    if wait:
        raise Fault(429, "rate_limited", wait)
    minute_ago = chat.now() - dt.timedelta(minutes=1)
    if _stored(chat.mailbox.inbound_since, session.address, minute_ago,
               cap=chat.settings.web_messages_per_minute + 1) \
            >= chat.settings.web_messages_per_minute:
        raise Fault(429, "rate_limited", 10.0)
    return session


def _handle(chat: WebChat, session: sessions.WebSession, client_id: str, text: str,
            media: tuple[Media, ...], after: str) -> Response:
    """Hand the message to the engine, then answer with what the bot has said since `after`."""
    if not _CLIENT_ID.match(client_id) or not after.isdigit():
        raise Fault(400, "bad_request")
    if len(text) > MAX_TEXT or (not text and not media):
        raise Fault(400, "bad_request")
    page = request.headers.get("X-Aduan-Lang")
    inbound = Inbound(channel="web", address=session.address, text=text, provider="web",
                      provider_id=f"{session.address[:16]}:{client_id}", received_at=utcnow(),
                      media=media, kind="media" if media else "text",
                      language=page if page in ("id", "en") else None)
    try:
        chat.runtime.engine.handle_safely(inbound)   # its replies are in the outbox (or it was
    except Unavailable as exc:                       # a retry: they are there already)
        raise Fault(503, "busy" if exc.reason == "busy" else "unavailable", 3.0) from None
    response = _since(chat, session, int(after))
    _with_standing(chat, session, response)
    return response


def _with_standing(chat: WebChat, session: sessions.WebSession, response: Response) -> None:
    """Whether a complaint is being written (unsent) or was filed here, and the conversation's
    language, after each turn: only a turn changes them, and the page's Akhiri confirmation
    must say which, without a round trip between the click and the question."""
    draft, filed = _stored(chat.mailbox.standing, session.address)
    officer, coming = _stored(chat.mailbox.waiting, session.address, chat.now())
    body = response.get_json()
    body["standing"] = {"draft": draft, "filed": filed}
    # `officer`: an officer's answer is awaited (the page looks every few seconds while it is
    # shown); `coming`: the bot's next message is due in so many seconds (a pause
    # acknowledgement), so the page says a reply is on its way instead of showing nothing.
    body["wait"] = {"officer": officer, "coming": None if coming is None else round(coming, 1)}
    # The language the bot now speaks (a person who writes English is answered in English):
    # the page's own labels follow it, so that the page and the bot never speak two languages.
    body["lang"] = _stored(chat.mailbox.language, session.address)
    response.set_data(jsonify(body).get_data())


def _since(chat: WebChat, session: sessions.WebSession, after: int) -> Response:
    said = _stored(chat.mailbox.fetch, session.address, after, chat.now())
    if any(not s.secret and PIN_MASK in s.text for s in said):
        said = _explained(said, _stored(chat.mailbox.language, session.address))
    return jsonify(messages=[_said(s) for s in said],
                   cursor=max([after] + [s.outbox_id or 0 for s in said]))


def _stored(read: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A mailbox call; a database in trouble is a calm 503 the page retries, never a trace."""
    try:
        return read(*args, **kwargs)
    except Exception:  # noqa: BLE001 - storage's errors (down, locked) are not ours to name
        log.exception("web chat: the mailbox could not be read")
        raise Fault(503, "unavailable", 5.0) from None


@blueprint.post("/chat/api/messages")
def send() -> Response:
    """A text message: JSON {"id": client id, "text": …, "after": cursor}."""
    chat = _chat()
    request.max_content_length = MAX_JSON_BYTES
    session = _guard_post(chat)
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise Fault(400, "bad_request")
    return _handle(chat, session, str(data.get("id", "")), clean(data["text"]), (),
                   str(data.get("after", "0")))


@blueprint.post("/chat/api/end")
def end() -> Response:
    """End the session on this device ("Akhiri"): the cookie is dropped and the next page load
    starts a new, empty session. A filed complaint goes on, and its owner follows it from
    anywhere with the ticket and PIN. A complaint still being written has not been sent, and
    the confirmation must say so: the page knows from its answers' `standing`; another client
    asks with `{"probe": true}` (nothing ends). The draft is not deleted here: no browser can
    reach it again, and the retention sweep drops it with the other abandoned drafts
    (storage/retention.py)."""
    chat = _chat()
    session = _session(chat)
    if not sessions.same_origin(request, chat.settings.public_base_url) or \
            not sessions.csrf_ok(request, session):
        log.warning("web chat: refused to end a session without a valid CSRF token")
        raise Fault(403, "forbidden")
    data = request.get_json(silent=True)
    if isinstance(data, dict) and data.get("probe"):
        draft, filed = _stored(chat.mailbox.standing, session.address)
        return jsonify(ended=False, draft=draft, filed=filed)
    try:
        # Remembered, so that an officer who answers later is told that no browser collects
        # the answer any more, and the worker reports it (storage/webchat.py). Best effort:
        # the person must always be able to end the session on a shared device; without the
        # mark the message is reported once it has gone uncollected for a while.
        chat.mailbox.end(session.address, chat.now())
    except Exception:  # noqa: BLE001 - storage's errors (down, locked) are not ours to name
        log.exception("web chat: could not record that a session was ended")
    response = jsonify(ended=True)
    sessions.forget(response, chat.https)
    return response


@blueprint.post("/chat/api/upload")
def upload() -> Response:
    """A photo or PDF with an optional caption: multipart id, after, text, file."""
    chat = _chat()
    request.max_content_length = chat.max_upload + 64 * 1024
    request.max_form_parts = 8
    session = _guard_post(chat)
    if not _CLIENT_ID.match(request.form.get("id", "")):
        raise Fault(400, "bad_request")
    wait = chat.session_uploads.hit("s:" + session.address)
    if wait:
        raise Fault(429, "rate_limited", wait)
    sent = request.files.get("file")
    if sent is None:
        raise Fault(400, "bad_request")
    data = sent.stream.read(chat.max_upload + 1)
    if len(data) > chat.max_upload:
        raise Fault(413, "too_large", values={"mb": chat.max_upload // (1024 * 1024)})
    kind = sniff(data)
    if kind is None or not data:
        raise Fault(415, "unsupported_file")
    blob = chat.files.put(data)     # kept before the turn: a retried upload finds it there
    return _handle(chat, session, request.form.get("id", ""),
                   clean(request.form.get("text", "")),
                   (Media(f"web-upload:{blob.sha256}", kind),), request.form.get("after", "0"))
