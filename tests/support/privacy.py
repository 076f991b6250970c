"""Helpers for privacy tests: read every table as text, find PINs and identities in it."""
from __future__ import annotations

import json
import re
from typing import Any, Iterable

from sqlalchemy import select

from storage.models import Base


def table_texts(runtime: Any) -> dict[str, str]:
    """Every table of the database, each as one string of all its rows (JSON, unescaped)."""
    out: dict[str, str] = {}
    with runtime.store.unit() as unit:
        for table in Base.metadata.sorted_tables:
            rows = unit.session.execute(select(table)).all()
            out[table.name] = json.dumps([list(r) for r in rows], default=str,
                                         ensure_ascii=False)
    return out


def found_in_tables(runtime: Any, needles: Iterable[str]) -> list[tuple[str, str]]:
    """(table, needle) for every needle that appears in some table."""
    texts = table_texts(runtime)

    def has(text: str, needle: str) -> bool:
        # A PIN is a standalone run of 6 digits: one inside a longer number (a Telegram
        # callback id, a timestamp) is not that PIN, and matching it made the check flaky.
        if needle.isdigit() and len(needle) == 6:
            return re.search(rf"(?<!\d){needle}(?!\d)", text) is not None
        return needle in text

    return [(name, needle) for needle in needles if needle
            for name, text in texts.items() if has(text, needle)]
