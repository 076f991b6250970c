"""Secrets that may travel but never rest: a PIN is masked wherever it is stored or logged,
and filled back in only when the message is sent."""
from __future__ import annotations

import re
from typing import Any, Iterable

PIN_MASK = "••••••"
# A PIN as people type it: six digits, three and three split by a space, a dot or a dash
# ("225 611"), or read out in pairs ("85 99 40"), as the status look-up reads it
# (bot.tickets.find_pin). Masking errs wide: a phone number's middle groups may be masked with
# it, a ticket's characters never are.
PIN_DIGITS = r"(?<!\d)(?:\d{3}[\s.\-]?\d{3}|\d{2} \d{2} \d{2})(?!\d)"
_TICKET = r"\b[A-Za-z]{2,5}[\s\-_.]?[0-9A-Za-z]{4}[\s\-_.]?[0-9A-Za-z]{4}\b"
_TICKETS = re.compile(_TICKET)
_TICKET_THEN_DIGITS = re.compile(rf"({_TICKET}\D{{0,20}}?)" + PIN_DIGITS)
_ONLY_DIGITS = re.compile(r"^(\D{0,12})\d{6}(\D{0,12})$")


def mask_for(value: str, index: int = 0) -> str:
    """The stand-in stored for a secret (the first one of a text reads like a hidden PIN)."""
    return PIN_MASK if index == 0 else f"{PIN_MASK}#{index}"


def conceal(text: str, secrets: Iterable[str]) -> tuple[str, dict[str, str]]:
    """`text` with each secret replaced by its mask, and the fill that restores them."""
    fill: dict[str, str] = {}
    for index, value in enumerate(s for s in secrets if s):
        mask = mask_for(value, index)
        text = text.replace(value, mask)
        fill[mask] = value
    return text, fill


def conceal_all(value: Any, secrets: Iterable[str]) -> Any:
    """Like conceal(), through the strings of a JSON-like value (payloads)."""
    secrets = [s for s in secrets if s]
    if isinstance(value, str):
        return conceal(value, secrets)[0]
    if isinstance(value, list):
        return [conceal_all(v, secrets) for v in value]
    if isinstance(value, dict):
        return {k: conceal_all(v, secrets) for k, v in value.items()}
    return value


def reveal(value: Any, fill: dict[str, str] | None) -> Any:
    """The value with its masks filled in again (strings, lists and dicts walked through)."""
    if not fill:
        return value
    if isinstance(value, str):
        # Longest masks first, so "••••••#1" is not read as "••••••" followed by "#1".
        for mask in sorted(fill, key=len, reverse=True):
            value = value.replace(mask, fill[mask])
        return value
    if isinstance(value, list):
        return [reveal(v, fill) for v in value]
    if isinstance(value, dict):
        return {k: reveal(v, fill) for k, v in value.items()}
    return value


_SIX_DIGITS = re.compile(PIN_DIGITS)
_SAID_PIN = re.compile(r"(\bpin\b\D{0,30}?)" + PIN_DIGITS, re.IGNORECASE)


# A message that is only a PIN: "101962", "PIN 101962", "pin saya: 101 962".
_PIN_ALONE = re.compile(r"(?i:pin(?: saya| sy| my)?\W{0,3})?" + PIN_DIGITS)


def is_pin_alone(text: str) -> bool:
    """Whether the whole message is a PIN (six digits, perhaps after the word PIN)."""
    return _PIN_ALONE.fullmatch(text.strip()) is not None


def mask_typed_pin(text: str, expecting_pin: bool = False, ticketed: bool = False) -> str:
    """An inbound text with a PIN the person typed masked: after a ticket number or the word
    PIN; with `expecting_pin` (the conversation asked for it) or `ticketed` (the text holds one
    of the office's tickets, and the status look-up reads a 6-digit PIN anywhere in it, before
    the ticket or far after it), every 6-digit run, split ones too ("225 611"); and a message
    that is only six digits, which is a PIN sent alone far more often than anything else (it
    was stored, and relayed to the officers' group from a talk, in clear)."""
    if expecting_pin or ticketed or is_pin_alone(text):
        return _outside_tickets(text)
    masked = _TICKET_THEN_DIGITS.sub(lambda m: m.group(1) + PIN_MASK, text)
    return _SAID_PIN.sub(lambda m: m.group(1) + PIN_MASK, masked)


def revealed(item: Any) -> Any:
    """A claimed outbox message with its secret filled in, for the sender only (never stored)."""
    fill = getattr(item, "secret", None)
    if not fill:
        return item
    from dataclasses import replace
    return replace(item, body=reveal(item.body, fill), payload=reveal(item.payload, fill))


def _outside_tickets(text: str) -> str:
    """Every PIN-shaped run masked, except inside a ticket ("TRK-A123-456B" stays whole)."""
    pieces, last = [], 0
    for match in _TICKETS.finditer(text):
        pieces += [_SIX_DIGITS.sub(PIN_MASK, text[last:match.start()]), match.group(0)]
        last = match.end()
    return "".join(pieces) + _SIX_DIGITS.sub(PIN_MASK, text[last:])
