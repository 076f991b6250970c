"""Ticket numbers that read well over the phone and cannot be guessed, and their PINs."""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
import threading
from collections import deque
from typing import Sequence

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
_TICKET_IN_TEXT = re.compile(r"\b([A-Za-z]{2,5})[\s\-_.]?([0-9A-Za-z]{4})[\s\-_.]?([0-9A-Za-z]{4})\b")
PIN_LENGTH = 6
log = logging.getLogger(__name__)


def new_ticket(office_code: str) -> str:
    """A fresh random ticket such as TRK-7K3Q-9MXA (31^8, about 8.5e11, possibilities)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{office_code}-{body[:4]}-{body[4:]}"


def find_ticket(text: str, office_code: str) -> str | None:
    """The first well-formed ticket of this office in free text, normalised, or None."""
    for match in _TICKET_IN_TEXT.finditer(text):
        code, a, b = (g.upper() for g in match.groups())
        if code != office_code:
            continue
        body = a + b
        if all(ch in ALPHABET for ch in body):
            return f"{code}-{a}-{b}"
    return None


def text_after_ticket(text: str, office_code: str) -> str:
    """What follows the first ticket of this office in `text` ('' when there is none)."""
    for match in _TICKET_IN_TEXT.finditer(text):
        if find_ticket(match.group(0), office_code):
            return text[match.end():].strip()
    return ""


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


# A 6-digit PIN has only 10^6 values: no hashing cost makes a salted hash safe against
# someone who has a copy of the database (trying all of them takes seconds, PBKDF2 included).
# So when the deployment gives a key kept outside the database (PIN_KEY), a PIN is stored as
# HMAC-SHA256 under that key over a per-PIN salt and the PIN: without the key a copy of the
# database or a backup reveals no PIN at all, and hashing costs microseconds instead of
# 3.5 ms of CPU per complaint. Without PIN_KEY, PBKDF2 as before. Online, the lock-out (see
# bot/conversation/status.py) and the unguessable ticket protect PINs either way. Stored
# hashes name their scheme: both kinds verify, whichever key or none is configured now.
PIN_HASH_ROUNDS = 10_000
_KEYS: tuple[bytes, ...] = ()      # the first hashes new PINs; all of them verify


def use_pin_keys(keys: Sequence[str]) -> None:
    """The deployment's PIN keys (Settings.pin_keys), set when the runtime is built."""
    global _KEYS
    keys_now = tuple(key.encode("utf-8") for key in keys)
    if keys_now != _KEYS:
        _KEYS = keys_now
        _pool().clear()      # PINs hashed ahead under the old keys would not verify


def _key_id(key: bytes) -> str:
    """Names the key a hash was made with (no use to anyone without the key itself)."""
    return hashlib.sha256(b"aduan-pin-key:" + key).hexdigest()[:8]


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    if _KEYS:
        digest = hmac.digest(_KEYS[0], salt + pin.encode(), "sha256")
        return f"hmac_sha256${_key_id(_KEYS[0])}${salt.hex()}${digest.hex()}"
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_HASH_ROUNDS)
    return f"pbkdf2_sha256${PIN_HASH_ROUNDS}${salt.hex()}${digest.hex()}"


# PINs hashed ahead, outside any transaction: filing a complaint takes one (its hashing would
# otherwise hold the database's write lock for ~10 ms and every other turn behind it). Each
# pair is used once; before each turn the engine makes sure one waits (`pins_ready_soon`).
# The pool belongs to one process: a forked child never hands out its parent's PINs.
_READY: deque[tuple[str, str]] = deque()
_READY_PID = os.getpid()
READY_PINS = 4


def _pool() -> deque[tuple[str, str]]:
    global _READY, _READY_PID
    if _READY_PID != os.getpid():
        _READY, _READY_PID = deque(), os.getpid()
    return _READY


def ready_pin() -> tuple[str, str]:
    """A fresh (PIN, its hash): one hashed ahead when there is one, else hashed now."""
    try:
        return _pool().popleft()
    except IndexError:
        pin = new_pin()
        return pin, hash_pin(pin)


def keep_pins_ready(count: int = READY_PINS) -> None:
    """Hash PINs ahead until `count` wait (call it outside any transaction)."""
    pool = _pool()
    while len(pool) < count:
        keys, pin = _KEYS, new_pin()
        hashed = hash_pin(pin)
        if keys is not _KEYS:       # the keys changed meanwhile (use_pin_keys)
            continue
        pool.append((pin, hashed))


_filler: tuple[int, threading.Event] | None = None


def _fill_forever(wanted: threading.Event) -> None:
    while True:
        wanted.wait()
        wanted.clear()
        try:
            keep_pins_ready()
        except Exception:  # noqa: BLE001 - the next turn hashes its own; try again when asked
            log.exception("could not hash PINs ahead")


def pins_ready_soon() -> None:
    """Before a turn: one PIN hashed ahead now if none waits (a complaint filed in the turn takes
    it without hashing inside the write lock), the pool topped up by a background thread.
    Hashing releases the GIL, so that thread runs beside the turns instead of inside them."""
    global _filler
    if _filler is None or _filler[0] != os.getpid():     # threads do not survive a fork
        wanted = threading.Event()
        threading.Thread(target=_fill_forever, args=(wanted,), name="pin-hashing",
                         daemon=True).start()
        _filler = (os.getpid(), wanted)
    pool = _pool()
    if not pool:
        keep_pins_ready(1)
    if len(pool) < READY_PINS:
        _filler[1].set()


def check_pin(pin: str, stored: str) -> bool:
    try:
        scheme, parameter, salt, digest = stored.split("$")
        if scheme == "hmac_sha256":
            key = next((k for k in _KEYS if _key_id(k) == parameter), None)
            if key is None:
                log.error("a PIN was hashed with a PIN_KEY this process does not have: "
                          "keep old keys in PIN_KEY after the new one")
                return False
            candidate = hmac.digest(key, bytes.fromhex(salt) + pin.encode(), "sha256")
        elif scheme == "pbkdf2_sha256":
            candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt),
                                            int(parameter))
        else:
            return False
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest)


# Six digits, or three and three split by a space, a dot or a dash ("225 611", "225-611"); a
# split group next to more digits is part of a phone number ("0812 345 678 90"), never a PIN.
_PIN_IN_TEXT = re.compile(r"(?<!\d)(\d{6})(?!\d)|"
                          r"(?<!\d)(?<!\d[\s.\-])(\d{3})[\s.\-](\d{3})(?![\s.\-]?\d)")
# Read out in pairs ("85 99 40", as people say numbers aloud), spaces only: "12.05.26" is a
# date. Tried after the forms above, so a PIN typed whole wins over a date written with spaces.
_PIN_IN_PAIRS = re.compile(r"(?<!\d)(?<!\d[\s.\-])(\d{2}) (\d{2}) (\d{2})(?![\s.\-]?\d)")


def _without_tickets(text: str) -> str:
    """The text with every ticket-shaped number blanked ("trk 2345 6789", any office's): its
    digits are never read as a PIN, however the ticket was typed."""
    def blank(match: re.Match[str]) -> str:
        body = (match.group(2) + match.group(3)).upper()
        return " " if all(ch in ALPHABET for ch in body) else match.group(0)
    return _TICKET_IN_TEXT.sub(blank, text)


def find_pin(text: str) -> str | None:
    """The PIN in free text: '225611', '225 611', '225-611', '22 56 11' (not a ticket's or a
    phone's digits)."""
    text = _without_tickets(text)
    match = _PIN_IN_TEXT.search(text)
    if match:
        return match.group(1) or match.group(2) + match.group(3)
    pairs = _PIN_IN_PAIRS.search(text)
    return "".join(pairs.groups()) if pairs else None
