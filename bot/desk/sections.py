"""Sections as officers name them in a direction or in `/teruskan`: the key ("lantaskim",
"Inteldakim"), the name ("Seksi Lalu Lintas Keimigrasian", "Tata Usaha"), or the key after a
unit word ("Seksi Lantaskim", "Subbag TU", "Kasi Intalkim")."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Section
    from storage.models import Complaint

# Words put before a section's short name: "Seksi Lantaskim", "Subbag TU", "Kasi Inteldakim".
UNIT = r"(?:seksi|sie|subbag(?:ian)?|bagian|kasi|kasubbag|kepala\s+(?:seksi|subbag(?:ian)?))"
PREFIXES = ("seksi ", "subbagian ", "subbag ")
# Kasi Tikkim is the role that gives the direction (and owns complaint handling), not the
# Tikkim section examining it: "arahan Kasi Tikkim" names no section.
ROLE = re.compile(r"\b(?:kasi|kepala\s+seksi)\s+tikkim\b", re.IGNORECASE)


def _patterns(key: str, name: str) -> list[re.Pattern[str]]:
    words = [re.escape(w) for w in name.split()]
    found = [re.compile(r"\b" + r"\s+".join(words) + r"\b", re.IGNORECASE),
             re.compile(rf"\b{UNIT}\s+{re.escape(key)}\b", re.IGNORECASE)]
    if name.lower().startswith(PREFIXES) and len(words) > 1:    # "Tata Usaha", "Lalu Lintas…"
        found.append(re.compile(r"\b" + r"\s+".join(words[1:]) + r"\b", re.IGNORECASE))
    if len(key) >= 4:        # "lantaskim", "Inteldakim" alone
        found.append(re.compile(rf"\b{re.escape(key)}\b", re.IGNORECASE))
    else:                    # "TU" alone only in capitals: "tu" is chat for "itu"
        found.append(re.compile(rf"\b{re.escape(key.upper())}\b"))
    return found


def named(sections: "dict[str, Section]", text: str) -> list[str]:
    """The keys of the sections `text` names, in the order of the configuration."""
    text = ROLE.sub(" ", text or "")
    return [key for key, section in sections.items()
            if any(p.search(text) for p in _patterns(key, section.name))]


def resolve(sections: "dict[str, Section]", typed: str) -> str | None:
    """The one section `typed` names (its key first, then as `named` reads it), else None."""
    first = typed.split()[0].lower() if typed.split() else ""
    if first in sections:
        return first
    found = named(sections, typed)
    return found[0] if len(found) == 1 else None


def misdirected(config: "OfficeConfig", complaint: "Complaint", note: str) -> str | None:
    """Step 3's direction naming another section than the one the complaint goes to ("Seksi
    Lantaskim periksa CCTV" on a complaint bound for Subbagian TU): why nothing is recorded and
    the exact commands, else None (also when the section it goes to is named with the other).
    Not guessed from the words: a section named in passing, in a negation or as a second party
    would send the story to officers who should not read it, and write a forward nobody decided
    into the SOP record; /teruskan records the Kasi's own."""
    target = complaint.section or config.complaint_types[complaint.type].section
    found = named(config.sections, note)
    others = [key for key in found if key != target]
    if not others or target in found:
        return None
    names, ticket = config.sections, complaint.ticket
    said = " dan ".join(names[key].name for key in others)
    text = (f"Arahan menyebut {said}, tetapi {ticket} diperiksa oleh {names[target].name}. "
            "Tidak ada yang dicatat. ")
    if len(others) == 1:
        text += (f"Bila pemeriksaannya oleh {names[others[0]].name}: /teruskan {ticket} "
                 f"{others[0]}, lalu /tahap {ticket} arahan. ")
    else:
        text += f"Bila pemeriksaannya oleh seksi lain: /teruskan {ticket} seksi, lalu /tahap. "
    return text + (f"Bila tetap oleh {names[target].name}, sebutkan {names[target].name} "
                   "dalam arahannya.")
