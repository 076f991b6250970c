"""`make nlu-export-corrections`: descriptions whose type an officer corrected, as Rasa examples."""
from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select

from bot.config import load_settings
from nlu.corrections import render_training_examples
from storage.models import Complaint
from storage.repo import Store


def corrected(store: Store) -> list[tuple[str, str]]:
    """(type, description) of every complaint whose type an officer changed."""
    with store.unit() as unit:
        rows = unit.session.execute(
            select(Complaint.type, Complaint.description)
            .where(Complaint.type_changed_by == "officer").order_by(Complaint.id))
        return [(type_, description) for type_, description in rows]


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "nlu/corrections.yml")
    store = Store.from_url(load_settings().database_url)
    rows = corrected(store)
    target.write_text(render_training_examples(rows), encoding="utf-8")
    print(f"{len(rows)} corrected examples written to {target} (review before adding to nlu/data/)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
