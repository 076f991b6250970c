"""render_training_examples: Rasa NLU YAML that round-trips tricky texts."""
from __future__ import annotations

import pytest
import yaml

from nlu.corrections import render_training_examples


def examples(doc: dict, intent: str) -> list[str]:
    [block] = [b for b in doc["nlu"] if b["intent"] == intent]
    lines = block["examples"].splitlines()
    assert all(line.startswith("- ") for line in lines)
    return [line[2:] for line in lines]


TRICKY = [
    'calo minta: "1,6jt" # katanya buat ordal',
    "it's 'quoted' and: colon",
    "emoji 😡🙏 dan ñ",
    "- starts with a dash",
    "| pipe > gt & ampersand * star ! bang % percent @ at `tick`",
    "{not: a mapping}",
    "null",
    "yes",
    "123",
]


def test_round_trip_grouped_by_intent() -> None:
    rows = [("pungli", t) for t in TRICKY] + [
        ("paspor", "paspor blm jadi"),
        ("pungli", "ada pungli di loket"),
    ]
    out = render_training_examples(rows)
    doc = yaml.safe_load(out)
    assert doc["version"] == "3.1"
    assert [b["intent"] for b in doc["nlu"]] == ["pungli", "paspor"]
    assert examples(doc, "pungli") == TRICKY + ["ada pungli di loket"]
    assert examples(doc, "paspor") == ["paspor blm jadi"]


def test_newlines_become_one_line_and_blanks_and_duplicates_are_dropped() -> None:
    out = render_training_examples([
        ("lainnya", "e-KTP saya hilang\nbagaimana?\r\n  ok"),
        ("lainnya", "   "),
        ("lainnya", "e-KTP saya  hilang bagaimana? ok"),
        ("informasi", "\t"),
    ])
    doc = yaml.safe_load(out)
    assert examples(doc, "lainnya") == ["e-KTP saya hilang bagaimana? ok"]
    assert [b["intent"] for b in doc["nlu"]] == ["lainnya"]


def test_entity_markup_is_neutralised() -> None:
    doc = yaml.safe_load(render_training_examples([("check_status", "cek [TRK-7K3Q-9MXA](ticket)")]))
    assert examples(doc, "check_status") == ["cek (TRK-7K3Q-9MXA)(ticket)"]


def test_empty_input_gives_valid_document() -> None:
    doc = yaml.safe_load(render_training_examples([]))
    assert doc == {"version": "3.1", "nlu": []}


def test_bad_intent_name_is_rejected() -> None:
    with pytest.raises(ValueError):
        render_training_examples([("bad intent: x", "text")])
