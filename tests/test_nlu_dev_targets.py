"""The model `make nlu-train` builds, measured on real messages: fails when it falls below target.

Targets (issue 11), with the threshold configured in config.yml (nlu.confidence_threshold):
* real dev set (nlu/tests/real_dev.jsonl, 311 real messages, evaluation only): macro-F1 over
  the ten types >= 0.75, out-of-scope recall >= 0.90, wrong confident proposals <= 5 % of
  messages;
* the project's own held-out set (nlu/tests/heldout.yml): macro-F1 >= 0.90.

Training is deterministic (saga with a fixed random_state, see nlu/README.md), so the
figures are exactly reproducible and no margin is allowed.

Not met yet: the dev macro-F1 target (measured 0.659, nlu/README.md; the third data round was
written without reading the dev set, see its "How the data was built"). `test_dev_macro_f1_target`
is a strict xfail: it turns into a failure (XPASS) the day a model reaches 0.75, so the marker
must then be removed. Until then `test_dev_macro_f1_does_not_regress` holds the measured
level, and the out-of-scope recall keeps a margin over its target.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
import yaml

from nlu.client import RasaNluClient
from nlu.metrics import Report, evaluate, format_report, load_jsonl, load_rasa_yaml

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "nlu" / "tests"


def _threshold() -> float:
    cfg = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    return float(cfg["nlu"]["confidence_threshold"])


@pytest.fixture(scope="module")
def client(rasa_url: str) -> Iterator[RasaNluClient]:
    c = RasaNluClient(rasa_url, timeout=10.0)
    yield c
    c.close()


def _measure(client: RasaNluClient, name: str, rows: list[tuple[str, str]]) -> Report:
    pairs = []
    for text, gold in rows:
        result = client.parse(text)
        assert result is not None, f"no answer for {text[:60]!r}"
        pairs.append((gold, result))
    report = evaluate(name, pairs, _threshold(), [t for t, _ in rows])
    print(format_report(report))
    return report


@pytest.fixture(scope="module")
def dev(client: RasaNluClient) -> Report:
    return _measure(client, "dev (real messages)", load_jsonl(TESTS / "real_dev.jsonl"))


@pytest.fixture(scope="module")
def heldout(client: RasaNluClient) -> Report:
    return _measure(client, "held-out", load_rasa_yaml(TESTS / "heldout.yml"))


def test_dev_set_is_the_real_one() -> None:
    rows = load_jsonl(TESTS / "real_dev.jsonl")
    assert len(rows) == 311
    assert sum(1 for _, label in rows if label == "lainnya") == 158


MEASURED_DEV_MACRO_F1 = 0.659  # nlu/README.md, Results
MEASURED_DEV_OOS_RECALL = 0.930


@pytest.mark.xfail(strict=True, reason="issue 11 target not reached yet: dev macro-F1 0.659 < 0.75 (nlu/README.md)")
def test_dev_macro_f1_target(dev: Report) -> None:
    assert dev.macro_f1 >= 0.75, format_report(dev)


def test_dev_macro_f1_does_not_regress(dev: Report) -> None:
    assert dev.macro_f1 >= MEASURED_DEV_MACRO_F1 - 0.0005, format_report(dev)


def test_dev_out_of_scope_recall(dev: Report) -> None:
    assert dev.oos_recall >= 0.90, format_report(dev)
    assert dev.oos_recall >= MEASURED_DEV_OOS_RECALL - 0.0005, format_report(dev)


def test_dev_wrong_confident_proposals(dev: Report) -> None:
    assert dev.wrong_confident <= 0.05, format_report(dev)


def test_heldout_macro_f1(heldout: Report) -> None:
    assert heldout.macro_f1 >= 0.90, format_report(heldout)


def test_heldout_wrong_confident_proposals(heldout: Report) -> None:
    assert heldout.wrong_confident <= 0.05, format_report(heldout)
