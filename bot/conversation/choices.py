"""Read a complainant's answer to a numbered question: the number, or the words."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Sequence

_NUMBER_WORDS = {
    "satu": 1, "one": 1, "pertama": 1, "dua": 2, "two": 2, "tiga": 3, "three": 3,
    "empat": 4, "four": 4, "lima": 5, "five": 5, "enam": 6, "six": 6, "tujuh": 7,
    "seven": 7, "delapan": 8, "eight": 8, "sembilan": 9, "nine": 9, "sepuluh": 10, "ten": 10,
}
_KEYCAP = {f"{i}\ufe0f\u20e3": str(i) for i in range(10)} | {"🔟": "10"}


@lru_cache(maxsize=8192)       # option words are normalised again on every turn
def normalise(text: str) -> str:
    """Lower case, accents and punctuation folded, single spaces."""
    for cap, digit in _KEYCAP.items():
        text = text.replace(cap, digit)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def pick(text: str, options: Sequence[Sequence[str]]) -> int | None:
    """The 0-based index of the option the text names, or None.

    `options[i]` lists the words that name option i (its labels in both languages and
    synonyms). Accepted: "2", "2.", "no 2", "dua", or the words of one option.
    """
    said = normalise(text)
    if not said:
        return None
    match = re.fullmatch(r"(?:no |nomor |pilih |pilihan |option )?(\d{1,2})", said)
    number = int(match.group(1)) if match else _NUMBER_WORDS.get(said)
    if number is not None:
        return number - 1 if 1 <= number <= len(options) else None
    exact = [i for i, words in enumerate(options) if said in {normalise(w) for w in words}]
    if len(exact) == 1:
        return exact[0]
    padded = f" {said} "
    hits = [i for i, words in enumerate(options)
            if any(len(n := normalise(w)) >= 3 and f" {n} " in padded for w in words)]
    return hits[0] if len(set(hits)) == 1 else None


def is_word(text: str, words: set[str]) -> bool:
    """True when the whole message is one of `words` (after normalising)."""
    return normalise(text) in words
