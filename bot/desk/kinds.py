"""Complaint types as officers type them in `/jenis`: the key, its label, or one word of
either ("perilaku", "online"), when that word names a single type."""
from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from bot.sop.workflow import Refused

if TYPE_CHECKING:
    from bot.config import ComplaintType

FILLER = {"atau", "dan", "yang", "kantor", "layanan"}


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", text.lower()) if len(w) >= 3} - FILLER


def resolve(types: "dict[str, ComplaintType]", typed: str) -> str:
    """The type key `typed` names; Refused with the choices when it names none, or with the
    types it could mean when it names more than one ("WNA")."""
    folded = " ".join(typed.lower().replace("_", " ").split())
    if not folded:
        raise Refused(choices(types))
    first = folded.split()[0]
    for said in (folded, first):
        for key, kind in types.items():
            if said in (key.replace("_", " "), kind.id.lower(), (kind.en or "").lower()):
                return key
    for said in (folded, first):
        wanted = _words(said)
        if not wanted:
            continue
        found = [key for key, kind in types.items()
                 if wanted <= _words(f"{key.replace('_', ' ')} {kind.id}")]
        if len(found) == 1:
            return found[0]
        if found:
            raise Refused(f"“{said}” cocok dengan beberapa jenis: " + "; ".join(
                f"{key} ({types[key].id})" for key in found) + ". Tulis salah satunya.")
    raise Refused(choices(types, closest(types, folded)))


def closest(types: "dict[str, ComplaintType]", typed: str) -> str | None:
    """The type a typo most likely meant ('pasport' -> paspor), by its key or its label."""
    names = {}
    for key, kind in types.items():
        names[key.replace("_", " ")] = key
        names[kind.id.lower()] = key
    found = difflib.get_close_matches(typed, list(names), n=1, cutoff=0.6)
    return names[found[0]] if found else None


def choices(types: "dict[str, ComplaintType]", meant: str | None = None) -> str:
    """The refusal of an unknown type: the closest one first, then every type by its label
    (the word /jenis takes in brackets)."""
    guess = f"Maksud Anda: {types[meant].id} ({meant.replace('_', ' ')})? " if meant else ""
    return f"Jenis tidak dikenal. {guess}Pilihan: " + "; ".join(
        f"{t.id} ({k.replace('_', ' ')})" for k, t in types.items())
