"""SMS bodies in the GSM-7 alphabet, so that a message costs 160 characters a segment, not 70.

One character outside GSM-7 (an emoji, a bullet, an en dash) makes Twilio send the whole SMS
as UCS-2: the greeting alone then takes three segments on the complainant's cheap phone and the
office's bill. Symbols become their plain equivalents and emoji go; a text that would still need
UCS-2 (a name in another script) is sent as it was, so nothing a person wrote is lost.

SMS has no formatting: WhatsApp's `*bold*` markers (which Telegram shows as bold) would arrive
as literal asterisks, so they are taken off and the words kept.
"""
from __future__ import annotations

import re
import unicodedata

GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€")
_PLAIN = str.maketrans({"–": "-", "—": "-", "•": "-", "·": "-", "…": "...", "“": '"', "”": '"',
                        "‘": "'", "’": "'", "→": "->", "×": "x", "\u00a0": " ", "\t": " "})
_DROPPED = ("So", "Sk", "Cf", "Mn", "Cs", "Co")   # emoji, their modifiers and joiners
_BOLD = re.compile(r"\*([^*\n]+)\*")               # as telegram_render reads *bold*


def for_sms(text: str) -> str:
    """`text` without bold markers, in GSM-7 when only symbols stand in the way."""
    text = _BOLD.sub(r"\1", text)
    if all(c in GSM7 for c in text):
        return text
    plain = "".join(c for c in text.translate(_PLAIN)
                    if c in GSM7 or unicodedata.category(c) not in _DROPPED)
    if not all(c in GSM7 for c in plain):
        return text
    plain = re.sub(r"(?m)^ +| +$", "", plain)          # where a leading emoji was
    return re.sub(r" {2,}", " ", plain).strip()
