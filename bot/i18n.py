"""Texts kept as (Indonesian, English) pairs, picked by language and filled in."""
from __future__ import annotations

from typing import Any


def localise(table: dict[str, tuple[str, str]], lang: str, key: str, **values: Any) -> str:
    """Text `key` of a (Indonesian, English) table in `lang`, with `values` filled in."""
    idn, en = table[key]
    template = en if lang == "en" else idn
    return template.format(**values) if values else template
