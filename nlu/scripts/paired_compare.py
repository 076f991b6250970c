"""Is a candidate model really better than the base? Paired bootstrap on the dev and held-out sets.

    python nlu/scripts/paired_compare.py BASE.tar.gz CANDIDATE.tar.gz [CANDIDATE ...] [-n 2000]

Runs in the Rasa venv. Both models parse the same messages once; the script then resamples
the messages with replacement (the same resample for both models) and reports, for each
measure, the mean difference (candidate - base), its 95 % interval and the share of
resamples where the candidate is ahead. With 3-5 messages in the small classes a dev
macro-F1 gain of several points can be one message; the "big seven" mean (the types with
at least 14 dev messages) and the interval say whether a gain is more than that.
Prints aggregate numbers only, never a message (nlu/README.md, Honesty notes).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from nlu.client import COMPLAINT_TYPES, OUT_OF_SCOPE_INTENT  # noqa: E402

BIG = ("paspor", "izin_tinggal", "perlintasan", "pungli", "perilaku_petugas", "sistem_online",
       OUT_OF_SCOPE_INTENT)
Stat = Callable[[Sequence[str], Sequence[str], Sequence[int]], float]


def class_f1(gold: Sequence[str], pred: Sequence[str], idx: Sequence[int], label: str) -> float:
    """F1 of one label over the messages ``idx`` (0 when it has no true positive)."""
    tp = sum(1 for i in idx if gold[i] == label and pred[i] == label)
    fp = sum(1 for i in idx if gold[i] != label and pred[i] == label)
    fn = sum(1 for i in idx if gold[i] == label and pred[i] != label)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(gold: Sequence[str], pred: Sequence[str], idx: Sequence[int]) -> float:
    """Mean F1 over the ten complaint types (as nlu.metrics computes it)."""
    return sum(class_f1(gold, pred, idx, t) for t in COMPLAINT_TYPES) / len(COMPLAINT_TYPES)


def big_f1(gold: Sequence[str], pred: Sequence[str], idx: Sequence[int]) -> float:
    """Mean F1 over the seven types with enough dev messages to be measured."""
    return sum(class_f1(gold, pred, idx, t) for t in BIG) / len(BIG)


def in_scope_accuracy(gold: Sequence[str], pred: Sequence[str], idx: Sequence[int]) -> float:
    """Share of immigration messages given their own type."""
    ins = [i for i in idx if gold[i] != OUT_OF_SCOPE_INTENT]
    return sum(1 for i in ins if pred[i] == gold[i]) / len(ins) if ins else 0.0


def oos_recall(gold: Sequence[str], pred: Sequence[str], idx: Sequence[int]) -> float:
    """Share of out-of-scope messages flagged out of scope."""
    oos = [i for i in idx if gold[i] == OUT_OF_SCOPE_INTENT]
    return sum(1 for i in oos if pred[i] == OUT_OF_SCOPE_INTENT) / len(oos) if oos else 0.0


STATS: dict[str, Stat] = {"macro-F1": macro_f1, "big-7 F1": big_f1,
                          "in-scope accuracy": in_scope_accuracy, "OOS recall": oos_recall}


def paired_bootstrap(gold: Sequence[str], base: Sequence[str], cand: Sequence[str], stat: Stat,
                     n: int = 2000, seed: int = 7) -> dict[str, float]:
    """Difference ``stat(cand) - stat(base)``: on all messages, and over ``n`` paired resamples."""
    assert len(gold) == len(base) == len(cand)
    rng = random.Random(seed)
    everything = range(len(gold))
    diffs = []
    for _ in range(n):
        idx = [rng.randrange(len(gold)) for _ in everything]
        diffs.append(stat(gold, cand, idx) - stat(gold, base, idx))
    diffs.sort()
    return {"diff": stat(gold, cand, everything) - stat(gold, base, everything),
            "low": diffs[int(0.025 * n)], "high": diffs[min(n - 1, int(0.975 * n))],
            "p_ahead": sum(1 for d in diffs if d > 0) / n}


def _predictions(model: Path, texts: list[str]) -> list[str]:
    sys.path.insert(0, str(ROOT / "nlu"))
    from evaluate import parse_all  # keeps Rasa's logs (which quote messages) off stdout

    results, _ = parse_all(model, texts)
    return [r.best if r.best in COMPLAINT_TYPES else "(other)" for r in results]


def main(argv: list[str] | None = None) -> int:
    from nlu.metrics import load_jsonl, load_rasa_yaml

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("candidates", type=Path, nargs="+")
    ap.add_argument("-n", type=int, default=2000)
    args = ap.parse_args(argv)
    sets = {"dev": load_jsonl(ROOT / "nlu" / "tests" / "real_dev.jsonl"),
            "held-out": load_rasa_yaml(ROOT / "nlu" / "tests" / "heldout.yml")}
    texts = [t for rows in sets.values() for t, _ in rows]

    def split(preds: list[str]) -> dict[str, list[str]]:
        out, i = {}, 0
        for name, rows in sets.items():
            out[name], i = preds[i:i + len(rows)], i + len(rows)
        return out

    base = split(_predictions(args.base, texts))
    for cand_path in args.candidates:
        cand = split(_predictions(cand_path, texts))
        print(f"## {cand_path.name} against {args.base.name} ({args.n} paired resamples)")
        for name, rows in sets.items():
            gold = [g for _, g in rows]
            changed = sum(1 for a, b in zip(base[name], cand[name]) if a != b)
            print(f"{name} ({len(rows)} messages, {changed} predictions changed):")
            for label, stat in STATS.items():
                r = paired_bootstrap(gold, base[name], cand[name], stat, n=args.n)
                print(f"  {label:<18} base {stat(gold, base[name], range(len(gold))):.3f}  "
                      f"candidate {stat(gold, cand[name], range(len(gold))):.3f}  "
                      f"diff {r['diff']:+.3f}  95% [{r['low']:+.3f}, {r['high']:+.3f}]  "
                      f"ahead in {100 * r['p_ahead']:.0f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
