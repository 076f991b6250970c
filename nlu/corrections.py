"""Export officer corrections (intent, text) as Rasa NLU training data (YAML, version 3.1).

Pure function, no Rasa import; the app wires it to the database.
"""

from __future__ import annotations

import re
from typing import Iterable

import yaml

__all__ = ["render_training_examples"]

_INTENT_NAME = re.compile(r"^[A-Za-z0-9_\-]+$")
# Rasa reads "[text](entity)" / "[text]{...}" inside examples as entity annotations.
_ENTITY_SYNTAX = re.compile(r"\[([^\]]*)\](?=[({])")


class _LiteralStr(str):
    """Marker: dump as a YAML literal block (``|``)."""


def _literal_representer(dumper: yaml.SafeDumper, data: _LiteralStr) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style="|")


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_LiteralStr, _literal_representer)


def _clean_text(text: str) -> str:
    """One example per line: collapse whitespace (newlines, tabs), drop control chars."""
    text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or ord(ch) >= 32)
    text = " ".join(text.split())
    # neutralise accidental entity markup so the text is trained as plain text
    return _ENTITY_SYNTAX.sub(lambda m: "(" + m.group(1) + ")", text)


def render_training_examples(rows: Iterable[tuple[str, str]]) -> str:
    """Rasa NLU YAML for ``rows`` of ``(intent, text)``, grouped by intent.

    Intents keep their first-seen order; within an intent, duplicate texts (after
    whitespace normalisation) are dropped and order is kept. Empty texts are skipped.
    Texts are emitted inside a YAML literal block as ``- text`` lines, which is what
    Rasa expects for ``examples``; YAML itself does the quoting, so colons, quotes,
    ``#`` and emojis are safe. Newlines inside a text become spaces (Rasa reads one
    example per line).
    """
    grouped: dict[str, list[str]] = {}
    seen: dict[str, set[str]] = {}
    for intent, text in rows:
        intent = str(intent).strip()
        if not intent or not _INTENT_NAME.match(intent):
            raise ValueError(f"invalid intent name: {intent!r}")
        cleaned = _clean_text(str(text))
        if not cleaned:
            continue
        bucket = grouped.setdefault(intent, [])
        if cleaned in seen.setdefault(intent, set()):
            continue
        seen[intent].add(cleaned)
        bucket.append(cleaned)

    doc = {
        "version": "3.1",
        "nlu": [
            {"intent": intent, "examples": _LiteralStr("".join(f"- {t}\n" for t in texts))}
            for intent, texts in grouped.items()
            if texts
        ],
    }
    return yaml.dump(
        doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000
    )
