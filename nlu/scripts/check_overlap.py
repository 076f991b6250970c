"""Guard: no training example may copy or closely paraphrase an evaluation message.

    python nlu/scripts/check_overlap.py        # lists suspicious pairs, exit 1 if any
    python nlu/scripts/check_overlap.py --screen 90   # reading list (see below), exit 0

For every training example (nlu/data/*.yml) and every message of the real dev set
(nlu/tests/real_dev.jsonl) and the held-out set (nlu/tests/heldout.yml) it checks:
* a shared run of 6 consecutive words with a dev-set message (after lower-casing and
  stripping punctuation);
* character 4-gram Jaccard similarity >= 0.5 with any evaluation message
  (near-duplicates with small edits).
Stdlib + PyYAML. tests/test_nlu_data_hygiene.py runs it.

These checks catch copies, not retellings (the same story in other words or in the other
language). ``--screen N`` prints the N bank sentences (nlu/data_src) that share the most
rare words with a dev message, each beside that message, for a person to read before
new data is committed; it decides nothing by itself (nlu/README.md, How the data was built).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from nlu.metrics import load_jsonl, load_rasa_yaml  # noqa: E402

SHINGLE = 6
JACCARD = 0.5


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def grams(text: str) -> set[str]:
    t = " ".join(words(text))
    return {t[i:i + 4] for i in range(len(t) - 3)}


def training_texts() -> list[tuple[str, str]]:
    rows = []
    for path in sorted((ROOT / "nlu" / "data").glob("*.yml")):
        rows += [(t, path.name) for t, _ in load_rasa_yaml(path)]
    return rows


def eval_texts() -> list[tuple[str, str]]:
    tests = ROOT / "nlu" / "tests"
    return ([(t, "real_dev.jsonl") for t, _ in load_jsonl(tests / "real_dev.jsonl")]
            + [(t, "heldout.yml") for t, _ in load_rasa_yaml(tests / "heldout.yml")])


def find_overlaps() -> list[tuple[str, str, str, str]]:
    """``(reason, training text, evaluation text, evaluation file)`` for each suspicious pair."""
    evals = [(t, f, shingles(t), grams(t)) for t, f in eval_texts()]
    index: dict[tuple[str, ...], list[int]] = {}
    for i, (_, f, sh, _) in enumerate(evals):
        if f != "real_dev.jsonl":
            continue  # held-out: near-duplicates only (short questions share phrasing)
        for s in sh:
            index.setdefault(s, []).append(i)
    out = []
    seen = set()
    for text, _ in training_texts():
        if text in seen:
            continue
        seen.add(text)
        hits = {i for s in shingles(text) for i in index.get(s, ())}
        for i in hits:
            out.append((f"{SHINGLE} shared words", text, evals[i][0], evals[i][1]))
        g = grams(text)
        if len(g) < 12:
            continue  # very short texts ("halo min") legitimately look alike
        for i, (et, ef, _, eg) in enumerate(evals):
            if i in hits or len(eg) < 12:
                continue
            inter = len(g & eg)
            if inter and inter / len(g | eg) >= JACCARD:
                out.append(("near duplicate", text, et, ef))
    return out


def screen(top: int) -> list[tuple[float, str, str]]:
    """``(score, bank sentence, dev message)``: the pairs sharing the most rare words, best first."""
    dev = [t for t, _ in load_jsonl(ROOT / "nlu" / "tests" / "real_dev.jsonl")]
    bank = [ln.strip() for path in sorted((ROOT / "nlu" / "data_src").glob("*.txt"))
            for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    toks = [set(re.findall(r"[a-z]{4,}", t.lower())) for t in dev + bank]
    df = Counter(w for t in toks for w in t)
    idf = {w: math.log(len(toks) / n) for w, n in df.items()}
    dev_toks = toks[:len(dev)]
    best = []
    for b, tb in zip(bank, toks[len(dev):]):
        scored = [(sum(idf[w] for w in tb & td) / (sum(idf[w] for w in tb | td) ** 0.5 or 1.0), i)
                  for i, td in enumerate(dev_toks) if tb & td]
        if scored:
            score, i = max(scored)
            best.append((score, b, dev[i]))
    return sorted(best, reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--screen", type=int, metavar="N", help="print a reading list of N pairs instead")
    args = ap.parse_args(argv)
    if args.screen:
        for score, b, d in screen(args.screen):
            print(f"{score:.2f}\n  bank: {b[:200]}\n  dev:  {d[:200]}")
        return 0
    found = find_overlaps()
    for reason, train, ev, f in found:
        print(f"[{reason}] {f}\n  train: {train[:160]}\n  eval:  {ev[:160]}")
    print(f"{len(found)} suspicious pair(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
