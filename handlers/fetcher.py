"""The worker's downloads: evidence from Twilio and Telegram, officers' uploads, kept by hash.

Runs in the worker, never in a webhook's request nor inside a write transaction: a download is
claimed (one short unit), fetched with no transaction open, written to the file store, and its
outcome recorded (another short unit). Failures are retried with backoff up to
`files.download_attempts`; a final failure, or a file over `files.max_evidence_mb`, is reported
to the officers (evidence) or to the officer who sent it (uploads), never dropped in silence.

Twilio media URLs are fetched with the account's credentials (HTTP basic auth), only from
Twilio's API host; their redirect to short-lived storage is followed without the credentials.
Telegram files are fetched through python-telegram-bot (getFile, then the file path, which
embeds the token and is never stored or logged). Web chat uploads are already in the file store
(the web process put them there): they are read back and checked against their hash.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit

import requests
from telegram import Bot
from telegram import error as tg_error

from bot.config import OfficeConfig, Settings
from bot.conversation.engine import DELAYED_CHANNELS, utcnow
from bot.conversation.texts import t
from bot.desk import evidence, uploads
from bot.notify import Notifier
from storage.downloads import Downloads, Job
from storage.files import BlobMissing, FileStore
from storage.repo import Store

log = logging.getLogger(__name__)
TWILIO_API_HOST = "api.twilio.com"
REDIRECTS = (301, 302, 303, 307, 308)
MAX_HOPS = 5
LEASE_SECONDS = 300
BATCH = 4
_SHA256 = re.compile(r"^[0-9a-f]{64}$")



def _failure(exc: Exception, url: str | None) -> str:
    """A failed request as the officers' report, the download's record and the log say it:
    its kind and host. requests quotes the whole URL, and a media URL (Twilio's redirect to
    short-lived storage) carries the signature that opens the original photo."""
    host = urlsplit(url or "").hostname or "?"
    return f"{type(exc).__name__} ({host})"

class DownloadFailed(Exception):
    """A download did not succeed; `permanent` ones are not tried again."""

    def __init__(self, message: str, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


class TooLarge(Exception):
    """The file is larger than the configured limit."""


def retry_delay(attempts: int) -> float:
    """30 s, 1, 2, 4 … minutes, capped at an hour."""
    return min(3600.0, 30.0 * 2 ** max(0, attempts - 1))


class Fetcher:
    """Claims due downloads and runs them; several workers may share a database."""

    def __init__(self, store: Store, files: FileStore, settings: Settings,
                 office: OfficeConfig, notifier: Notifier, bot: Bot | None = None,
                 clock: Callable[[], dt.datetime] = utcnow):
        self.store, self.files, self.settings = store, files, settings
        self.office, self.notifier, self.bot, self.clock = office, notifier, bot, clock
        self.downloads = Downloads(store)
        self.max_bytes = int(office.files.max_evidence_mb * 1024 * 1024)
        self.max_attempts = office.files.download_attempts

    async def tick(self) -> int:
        """One round: claim a few due downloads and run them one after another."""
        jobs = self.downloads.claim(self.clock(), LEASE_SECONDS, BATCH)
        for job in jobs:
            await self.run(job)
        return len(jobs)

    async def run(self, job: Job) -> None:
        try:
            data, content_type = await self.fetch(job)
        except TooLarge as exc:
            self._give_up(job, "too_large", str(exc))
            return
        except DownloadFailed as exc:
            if exc.permanent or job.attempts >= self.max_attempts:
                self._give_up(job, "failed", str(exc))
            else:
                log.warning("download %d (%s, attempt %d) failed, retrying: %s", job.id,
                            job.purpose, job.attempts, exc)
                self.downloads.retry(job.id, str(exc), self.clock() + dt.timedelta(
                    seconds=retry_delay(job.attempts)))
            return
        text = ""
        if job.purpose == "upload":    # an officer's draft, read for the identity check
            text = await asyncio.to_thread(uploads.readable, job.detail, data)
            blob = None                # kept by uploads.stored only if accepted: a refused
        else:                          # file (it names a concealed person) is never written
            blob = self.files.put(data)
        now = self.clock()
        with self.store.unit() as unit:
            if job.purpose == "evidence" and job.attachment_id is not None:
                evidence.stored(unit, job.attachment_id, blob, content_type, now)
            elif job.purpose == "upload" and job.complaint_id is not None:
                uploads.stored(unit, self.notifier, self.office, self.files, job.complaint_id,
                               job.detail, data, now, text)
            unit.finish_download(job.id, "done", now)

    def _give_up(self, job: Job, status: str, error: str) -> None:
        log.error("download %d (%s) given up as %s after %d attempt(s): %s", job.id,
                  job.purpose, status, job.attempts, error)
        now = self.clock()
        with self.store.unit() as unit:
            if job.purpose == "evidence" and job.attachment_id is not None:
                evidence.failed(unit, self.notifier, job.attachment_id, status, error,
                                job.attempts, now)
                if status == "too_large":
                    self._tell_sender(unit, job.attachment_id, now)
            elif job.purpose == "upload":
                complaint = unit.complaint_by_id(job.complaint_id) if job.complaint_id else None
                uploads.failed(unit, job.detail, complaint.ticket if complaint else "-",
                               error, now)
            unit.finish_download(job.id, status, now, error)

    def _tell_sender(self, unit: Any, attachment_id: int, now: dt.datetime) -> None:
        """A file found too large only when downloaded (Twilio says no size up front): the
        person who sent it is told too, in their language, through the outbox like any reply;
        else only the officers know, and an anonymous sender cannot be asked to resend."""
        item = unit.attachment(attachment_id)
        sent = item.message if item is not None else None
        if sent is None or sent.channel not in DELAYED_CHANNELS:
            return
        person = unit.complainant_by_id(sent.complainant_id) if sent.complainant_id else None
        lang = person.language if person is not None and person.language else "id"
        body = t(lang, "media.too_large_later", mb=f"{self.office.files.max_evidence_mb:g}")
        if any(item.body == body for item in unit.outbox_items(
                kind="reply", channel=sent.channel, address=sent.address, status="pending")):
            return      # an album's videos, all too large: told once, not once per file
        unit.enqueue(kind="reply", channel=sent.channel, address=sent.address, body=body,
                     at=now, complainant_id=sent.complainant_id)

    async def fetch(self, job: Job) -> tuple[bytes, str | None]:
        """The file's bytes and, when the source says, its content type."""
        if job.source == "twilio":
            return await asyncio.to_thread(self.fetch_twilio, job.ref)
        if job.source == "telegram":
            return await self.fetch_telegram(job.ref.removeprefix("telegram-file:")), None
        if job.source == "web":
            return self.fetch_web(job.ref), None
        raise DownloadFailed(f"no way to download from {job.source}", permanent=True)

    # --- Twilio ---------------------------------------------------------------------------
    def _twilio_host(self, url: str) -> bool:
        host = urlsplit(url).netloc.lower()
        base = self.settings.twilio_api_base_url
        return host == TWILIO_API_HOST or bool(base and host == urlsplit(base).netloc.lower())

    def fetch_twilio(self, url: str) -> tuple[bytes, str | None]:
        """GET the media with basic auth; follow redirects by hand, without the credentials."""
        sid, token = self.settings.twilio_account_sid, self.settings.twilio_auth_token
        auth: Any = (sid, token) if sid and token and self._twilio_host(url) else None
        with requests.Session() as session:
            session.trust_env = False        # no ~/.netrc credentials, no proxies from env
            for _ in range(MAX_HOPS + 1):
                try:
                    response = session.get(url, auth=auth, allow_redirects=False, stream=True,
                                           timeout=self.settings.http_timeout_seconds)
                except requests.RequestException as exc:
                    raise DownloadFailed(_failure(exc, url)) from exc
                with response:
                    if response.status_code in REDIRECTS and response.headers.get("Location"):
                        url, auth = urljoin(url, response.headers["Location"]), None
                        continue
                    return self._body(response), response.headers.get("Content-Type")
        raise DownloadFailed("too many redirects", permanent=True)

    def _body(self, response: requests.Response) -> bytes:
        status = response.status_code
        if status != 200:
            permanent = 400 <= status < 500 and status not in (408, 425, 429)
            raise DownloadFailed(f"HTTP {status}", permanent=permanent)
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise TooLarge(f"{int(length)} byte")
        data = bytearray()
        try:
            for chunk in response.iter_content(64 * 1024):
                data += chunk
                if len(data) > self.max_bytes:
                    raise TooLarge(f"more than {self.max_bytes} byte")
        except requests.RequestException as exc:
            raise DownloadFailed(_failure(exc, response.url)) from exc
        return bytes(data)

    # --- the web chat ---------------------------------------------------------------------
    def fetch_web(self, ref: str) -> bytes:
        """An upload the web chat already put in the file store ("web-upload:<sha256>"): read
        back and checked against its hash, so what is recorded is what is on disk."""
        digest = ref.removeprefix("web-upload:")
        if not _SHA256.match(digest):
            raise DownloadFailed("malformed web upload reference", permanent=True)
        try:
            data = self.files.read(f"{digest[:2]}/{digest[2:4]}/{digest}", digest)
        except BlobMissing as exc:
            raise DownloadFailed(str(exc), permanent=True) from exc
        if len(data) > self.max_bytes:
            raise TooLarge(f"{len(data)} byte")
        return data

    # --- Telegram -------------------------------------------------------------------------
    async def fetch_telegram(self, file_id: str) -> bytes:
        """getFile, then the download (its URL embeds the token: never kept, never logged)."""
        if self.bot is None:
            raise DownloadFailed("Telegram is not configured (TELEGRAM_BOT_TOKEN)")
        try:
            found = await self.bot.get_file(file_id)
            if found.file_size and found.file_size > self.max_bytes:
                raise TooLarge(f"{found.file_size} byte")
            return bytes(await found.download_as_bytearray())
        except tg_error.BadRequest as exc:
            if "too big" in exc.message.lower():
                raise TooLarge(exc.message) from exc
            raise DownloadFailed(f"BadRequest: {exc.message}", permanent=True) from exc
        except tg_error.TelegramError as exc:
            raise DownloadFailed(f"{type(exc).__name__}: {exc.message}") from exc
