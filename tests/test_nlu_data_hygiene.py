"""Training data hygiene: generated files are current, and no evaluation text leaks into training."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from nlu.metrics import load_jsonl, load_rasa_yaml
from nlu.scripts.check_overlap import find_overlaps

ROOT = Path(__file__).resolve().parents[1]


def test_generated_training_files_are_up_to_date() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "nlu" / "scripts" / "make_data.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_training_example_copies_or_closely_paraphrases_an_evaluation_message() -> None:
    found = find_overlaps()
    assert not found, "\n".join(f"[{r}] {t[:100]!r} ~ {e[:100]!r} ({f})" for r, t, e, f in found[:20])


def test_evaluation_files_are_not_in_the_training_directory() -> None:
    data = ROOT / "nlu" / "data"
    assert not list(data.glob("*.jsonl"))
    dev_texts = {t for t, _ in load_jsonl(ROOT / "nlu" / "tests" / "real_dev.jsonl")}
    for path in data.glob("*.yml"):
        assert not dev_texts & {t for t, _ in load_rasa_yaml(path)}, path


def test_dev_set_readme_travels_with_it() -> None:
    readme = (ROOT / "nlu" / "tests" / "real_dev.README.md").read_text(encoding="utf-8")
    assert "evaluation only" in readme
    first = json.loads((ROOT / "nlu" / "tests" / "real_dev.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"text", "label", "source"} <= set(first)


def test_domain_lexicons_compile_and_each_fires_on_training_examples() -> None:
    import re

    import yaml

    doc = yaml.safe_load((ROOT / "nlu" / "data" / "lexicon.yml").read_text(encoding="utf-8"))
    patterns = {b["regex"]: [ln.strip()[2:] for ln in b["examples"].splitlines() if ln.strip()]
                for b in doc["nlu"] if "regex" in b}
    assert len(patterns) >= 10
    texts = [t for path in sorted((ROOT / "nlu" / "data").glob("gen_*.yml")) for t, _ in load_rasa_yaml(path)]
    for name, pats in patterns.items():
        assert name.startswith("lx_"), name  # never an entity name: the entity extractor ignores them
        for p in pats:
            rx = re.compile(p, re.IGNORECASE)
            hits = sum(1 for t in texts if rx.search(t))
            assert hits >= 20, f"{name} fires on {hits} training examples"
