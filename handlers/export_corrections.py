"""`make nlu-export-corrections`: descriptions whose type an officer corrected, as Rasa examples.

Storage returns the corrected rows; each description is stripped of who wrote it (the
examples are read by developers and go into nlu/data/, the repository and the model, where no
erasure reaches them); `nlu.corrections` renders them as training examples.
"""
from __future__ import annotations

import sys
from pathlib import Path

from bot.identity import anonymised
from nlu.corrections import render_training_examples
from storage.corrections import corrected
from storage.db import url_from_environment
from storage.repo import Store


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "nlu/corrections.yml")
    store = Store.from_url(url_from_environment())
    rows = [(type_, anonymised(text, names, channel, address))
            for type_, text, names, channel, address in corrected(store)]
    target.write_text(render_training_examples(rows), encoding="utf-8")
    print(f"{len(rows)} corrected examples written to {target} (review before adding to nlu/data/)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
