"""The web chat's guards: what a message and a file may be, flood limits per client address, the
calm refusals, and the security headers of its pages.

The per-address limits are kept in this process's memory (a cheap first line against a flood;
with several processes each keeps its own). The per-session message limit is counted in the
database by the adapter, so it holds across processes.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from flask import Request, Response

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")   # (json.loads pairs the whole ones)
# What a photo or a document may be, told by its first bytes (never by what the browser says).
SIGNATURES = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"),
              (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"), (b"%PDF-", "application/pdf"))

NOTICES = {   # calm answers; the page has its own copies of these, other clients read them here
    "rate_limited": ("Mohon tunggu sebentar: pesan datang terlalu cepat. Pesan Anda akan "
                     "dikirim ulang otomatis.",
                     "Please wait a moment: messages are coming too quickly. Yours will be "
                     "sent again automatically."),
    "too_large": ("Berkas terlalu besar: paling besar {mb} MB.",
                  "The file is too large: {mb} MB at most."),
    "unsupported_file": ("Jenis berkas ini tidak dapat diterima. Kirim foto (JPG, PNG, WebP, "
                         "GIF) atau dokumen PDF.",
                         "This kind of file cannot be accepted. Send a photo (JPG, PNG, WebP, "
                         "GIF) or a PDF document."),
    "bad_request": ("Pesan tidak dapat dibaca. Muat ulang halaman lalu coba lagi.",
                    "The message could not be read. Reload the page and try again."),
    "no_session": ("Sesi percakapan tidak ditemukan. Muat ulang halaman.",
                   "The chat session was not found. Reload the page."),
    "session_changed": ("Sesi di perangkat ini sudah diakhiri. Halaman dimuat ulang.",
                        "The session on this device has ended. The page is reloading."),
    "forbidden": ("Permintaan ditolak. Muat ulang halaman lalu coba lagi.",
                  "The request was refused. Reload the page and try again."),
    "busy": ("Layanan sedang sibuk. Pesan Anda akan dikirim ulang otomatis sebentar lagi.",
             "The service is busy. Your message will be sent again automatically shortly."),
    "unavailable": ("Layanan sedang terganggu. Kami mencoba lagi otomatis; tidak ada yang hilang.",
                    "The service is having trouble. We keep trying automatically; nothing is "
                    "lost."),
}


def sniff(data: bytes) -> str | None:
    """The content type of an accepted photo or PDF from its first bytes, else None."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)


def clean(text: str) -> str:
    """Control and bidi-override characters removed, half an emoji (a lone UTF-16 surrogate,
    which no database can store) made a replacement character; kept otherwise as typed."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text.replace("\r\n", "\n"))).strip()


@dataclass
class Fault(Exception):
    """An expected refusal: an HTTP status, a NOTICES key, and when to try again."""

    status: int
    code: str
    retry_after: float | None = None
    values: dict[str, Any] | None = None


class RateLimiter:
    """GCRA buckets by key: `per_minute` on average, bursts of `burst`; bounded memory."""

    def __init__(self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 50_000):
        self.interval = 60.0 / per_minute
        self.tolerance = (max(1, burst) - 1) * self.interval
        self.clock = clock
        self.max_keys = max_keys
        self._tat: dict[str, float] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> float:
        """Take a slot for `key` and return 0, or return the seconds to wait (nothing taken)."""
        with self._lock:
            now = self.clock()
            tat = max(self._tat.get(key, now), now)
            wait = tat - self.tolerance - now
            if wait > 0:
                return wait
            if len(self._tat) >= self.max_keys:
                self._forget(now)
            self._tat[key] = tat + self.interval
            return 0.0

    def _forget(self, now: float) -> None:
        """Drop keys whose bucket is full again (they would be allowed a full burst anyway)."""
        for key in [k for k, tat in self._tat.items() if tat <= now]:
            del self._tat[key]
        if len(self._tat) >= self.max_keys:     # still full: a flood of new keys
            self._tat.clear()


def client_address(request: Request, trusted_proxies: int) -> str:
    """The client's IP: the connection's, or behind `trusted_proxies` proxies the address the
    outermost trusted one saw (X-Forwarded-For, counted from the right, as ProxyFix does)."""
    if trusted_proxies > 0:
        hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",")
                if h.strip()]
        if len(hops) >= trusted_proxies:
            return hops[-trusted_proxies]
    return request.remote_addr or "-"


def content_security_policy(embed_origins: str | None) -> str:
    """Everything from this app only; no inline script or style; only DOM text, never HTML
    (Trusted Types); framed by the app itself and the configured sites."""
    ancestors = " ".join(["'self'", *(embed_origins or "").split()])
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
            "connect-src 'self'; manifest-src 'self'; form-action 'none'; base-uri 'none'; "
            f"frame-ancestors {ancestors}; require-trusted-types-for 'script'; "
            "trusted-types 'none'")


def secure_headers(response: Response, embed_origins: str | None, https: bool) -> Response:
    """Headers for every web chat answer (pages, assets and the JSON API)."""
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(embed_origins)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Permissions-Policy"] = ("camera=(), microphone=(), geolocation=(), payment=(), "
                                     "usb=(), interest-cohort=()")
    headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    if not embed_origins:
        headers["X-Frame-Options"] = "SAMEORIGIN"   # older browsers; CSP says the same
    if https:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    headers.setdefault("Cache-Control", "no-store")
    return response
