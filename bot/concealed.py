"""Secrets that may travel but never rest: a PIN is masked wherever it is stored or logged,
and filled back in only when the message is sent."""
from __future__ import annotations

import re
from typing import Any, Iterable

PIN_MASK = "••••••"
_TICKET_THEN_DIGITS = re.compile(
    r"(\b[A-Za-z]{2,5}[\s\-_.]?[0-9A-Za-z]{4}[\s\-_.]?[0-9A-Za-z]{4}\b\D{0,20}?)(?<!\d)\d{6}(?!\d)")
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


def mask_typed_pin(text: str, expecting_pin: bool = False) -> str:
    """An inbound text with a PIN the person typed masked: after a ticket number, or a lone
    6-digit answer when the conversation was asking for the PIN."""
    masked = _TICKET_THEN_DIGITS.sub(lambda m: m.group(1) + PIN_MASK, text)
    if expecting_pin:
        masked = re.sub(r"(?<!\d)\d{6}(?!\d)", PIN_MASK, masked)
    return masked


def revealed(item: Any) -> Any:
    """A claimed outbox message with its secret filled in, for the sender only (never stored)."""
    fill = getattr(item, "secret", None)
    if not fill:
        return item
    from dataclasses import replace
    return replace(item, body=reveal(item.body, fill), payload=reveal(item.payload, fill))
