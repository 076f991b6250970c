"""Complaint types as officers type them in `/jenis`: the key, its label, or one word of
either ("perilaku", "online"), when that word names a single type."""
from __future__ import annotations

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
    raise Refused(choices(types))


def choices(types: "dict[str, ComplaintType]") -> str:
    return "Jenis tidak dikenal. Pilihan: " + "; ".join(
        f"{k} ({t.id})" for k, t in types.items())
