"""Summarise `rasa test nlu` outputs: per-intent P/R/F1, macro F1, confusion matrix.

Stdlib only (runs with any Python >= 3.8). Usage:

    python nlu/scripts/summarize.py --out nlu/reports/summary.md \
        LABEL=REPORT_DIR [LABEL=REPORT_DIR ...]

Each REPORT_DIR is an ``--out`` folder of ``rasa test nlu`` run with ``--successes``
(``intent_report.json``, ``intent_successes.json``, ``intent_errors.json``). Writes
``report.md`` into every REPORT_DIR, a combined summary to ``--out`` (and ``.json``
beside it), and prints the complaint-type macro F1 of each.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

COMPLAINT_TYPES = (
    "paspor",
    "izin_tinggal",
    "perlintasan",
    "pungli",
    "perilaku_petugas",
    "pengawasan_wna",
    "sistem_online",
    "sarana_prasarana",
    "informasi",
    "lainnya",
)
SHORT = {
    "paspor": "psp",
    "izin_tinggal": "itg",
    "perlintasan": "lin",
    "pungli": "pgl",
    "perilaku_petugas": "plk",
    "pengawasan_wna": "wna",
    "sistem_online": "sys",
    "sarana_prasarana": "sar",
    "informasi": "inf",
    "lainnya": "lai",
}


def _load(path: Path) -> list:
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else []


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def analyse(report_dir: Path) -> dict:
    """Metrics from predictions (successes + errors), restricted to complaint types too."""
    pairs = []  # (gold, predicted)
    for item in _load(report_dir / "intent_successes.json") + _load(
        report_dir / "intent_errors.json"
    ):
        gold = item.get("intent")
        pred = (item.get("intent_prediction") or {}).get("name") or "None"
        if gold:
            pairs.append((gold, pred))
    if not pairs:
        raise SystemExit(f"{report_dir}: no intent_successes.json / intent_errors.json")

    gold_counts = Counter(g for g, _ in pairs)
    labels = sorted(gold_counts)
    per = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        p, r, f = _prf(tp, fp, fn)
        per[label] = {"precision": p, "recall": r, "f1": f, "support": gold_counts[label]}

    complaint = [t for t in COMPLAINT_TYPES if t in per]
    macro_all = sum(per[label]["f1"] for label in labels) / len(labels)
    macro_complaint = (
        sum(per[t]["f1"] for t in complaint) / len(complaint) if complaint else float("nan")
    )
    accuracy = sum(1 for g, p in pairs if g == p) / len(pairs)
    complaint_pairs = [(g, p) for g, p in pairs if g in COMPLAINT_TYPES]
    complaint_acc = (
        sum(1 for g, p in complaint_pairs if g == p) / len(complaint_pairs)
        if complaint_pairs
        else float("nan")
    )
    confusion: dict[str, Counter] = defaultdict(Counter)
    for g, p in pairs:
        confusion[g][p] += 1
    errors = [
        {
            "text": item.get("text"),
            "gold": item.get("intent"),
            "pred": (item.get("intent_prediction") or {}).get("name"),
            "confidence": (item.get("intent_prediction") or {}).get("confidence"),
        }
        for item in _load(report_dir / "intent_errors.json")
    ]
    return {
        "n": len(pairs),
        "accuracy": accuracy,
        "complaint_accuracy": complaint_acc,
        "macro_f1_all": macro_all,
        "macro_f1_complaint": macro_complaint,
        "complaint_types_present": complaint,
        "per_intent": per,
        "confusion": {g: dict(c) for g, c in confusion.items()},
        "errors": errors,
    }


def render(label: str, m: dict) -> str:
    lines = [f"## {label}", ""]
    lines.append(
        f"- examples: {m['n']}; accuracy {m['accuracy']:.3f}; "
        f"complaint-type accuracy {m['complaint_accuracy']:.3f}"
    )
    lines.append(
        f"- **macro F1, ten complaint types: {m['macro_f1_complaint']:.3f}**; "
        f"macro F1, all intents present: {m['macro_f1_all']:.3f}"
    )
    lines += ["", "| intent | precision | recall | F1 | support |", "| --- | --- | --- | --- | --- |"]
    for label_, v in m["per_intent"].items():
        lines.append(
            f"| {label_} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |"
        )
    # confusion matrix: rows gold, columns predicted
    gold_labels = list(m["per_intent"])
    pred_labels = sorted({p for row in m["confusion"].values() for p in row} | set(gold_labels))
    head = [SHORT.get(p, p[:6]) for p in pred_labels]
    lines += ["", "Confusion matrix (rows: true intent, columns: predicted):", "", "```"]
    lines.append(f"{'':>18} " + " ".join(f"{h:>6}" for h in head))
    for g in gold_labels:
        row = m["confusion"].get(g, {})
        lines.append(f"{g[:18]:>18} " + " ".join(f"{row.get(p, 0) or '.':>6}" for p in pred_labels))
    lines.append("```")
    if m["errors"]:
        lines += ["", "Errors:", ""]
        for e in m["errors"]:
            conf = e["confidence"]
            conf_s = f"{conf:.2f}" if isinstance(conf, (int, float)) else "?"
            lines.append(f"- `{e['gold']}` -> `{e['pred']}` ({conf_s}): {e['text']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="combined markdown summary")
    ap.add_argument("runs", nargs="+", help="LABEL=REPORT_DIR")
    args = ap.parse_args(argv)

    summary_md = ["# NLU evaluation summary", ""]
    table = ["| run | examples | accuracy | macro F1 (10 complaint types) | macro F1 (all) |",
             "| --- | --- | --- | --- | --- |"]
    details = []
    results = {}
    for run in args.runs:
        label, _, path = run.partition("=")
        report_dir = Path(path)
        if not (report_dir / "intent_report.json").exists():
            print(f"skip {label}: {report_dir} has no intent_report.json", file=sys.stderr)
            continue
        m = analyse(report_dir)
        results[label] = {k: v for k, v in m.items() if k != "errors"}
        block = render(label, m)
        (report_dir / "report.md").write_text(block, encoding="utf-8")
        details.append(block)
        table.append(
            f"| {label} | {m['n']} | {m['accuracy']:.3f} | {m['macro_f1_complaint']:.3f} | "
            f"{m['macro_f1_all']:.3f} |"
        )
        print(f"{label}: macro F1 (complaint types) = {m['macro_f1_complaint']:.3f}  "
              f"[accuracy {m['accuracy']:.3f}, n={m['n']}]")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(summary_md + table + [""] + details), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"report: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
