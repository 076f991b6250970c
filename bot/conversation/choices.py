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
    "kesatu": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6, "ketujuh": 7,
    "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}
# "no 2", "pilihan 3", "yg kedua", "1 min", "3 aja kak": a number among such words is the choice.
_BEFORE = r"(?:(?:no|nomor|nmr|nomer|pilih|pilihan|option|number|yg|yang|angka|the|ke)\s+)*"
_AFTER = (r"(?:\s+(?:min|admin|kak|ka|kakak|ya|yah|aja|saja|aj|deh|dong|pak|bu|mas|mbak|sis|gan|"
          r"bang|please|pls|plis|thanks|makasih|nya|sj|one|option))*")
_CHOICE = re.compile(_BEFORE + r"(\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
                     + r")" + _AFTER)
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
    number = number_said(text)
    if number is not None:
        return number - 1 if 1 <= number <= len(options) else None
    exact = [i for i, words in enumerate(options) if said in {normalise(w) for w in words}]
    if len(exact) == 1:
        return exact[0]
    padded = f" {said} "
    hits = [i for i, words in enumerate(options)
            if any(len(n := normalise(w)) >= 3 and f" {n} " in padded for w in words)]
    return hits[0] if len(set(hits)) == 1 else None


def number_said(text: str) -> int | None:
    """The number a message gives alone, as a choice is given ("4", "no 4", "empat", "yg
    kedua"), whatever the options on screen (None: not a number alone). A number that is none
    of a question's options is still a choice meant for that question, never another one."""
    match = _CHOICE.fullmatch(normalise(text))
    if match is None:
        return None
    word = match.group(1)
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def is_word(text: str, words: set[str]) -> bool:
    """True when the whole message is one of `words` (after normalising)."""
    return normalise(text) in words
