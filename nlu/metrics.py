"""Evaluation measures shared by `make nlu-eval` (nlu/evaluate.py) and the pytest targets.

Pure Python (no Rasa, no numpy). Every measure is computed from ``(gold, NluResult)``
pairs with the decision rules of :class:`nlu.client.NluResult`, so what is measured is
what the app does:

* predicted type = ``NluResult.best`` (top intent other than ``nlu_fallback``); a
  conversational intent counts as "other" (an error for the gold type);
* macro-F1 = mean F1 over the ten complaint types;
* out-of-scope recall = share of gold ``lainnya`` messages with ``out_of_scope`` true;
* wrong confident proposals = messages whose ``proposal(threshold)`` is a type other
  than the gold one, as a share of *all* messages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from nlu.client import COMPLAINT_TYPES, OUT_OF_SCOPE_INTENT, NluResult

OTHER = "(other)"
THRESHOLDS = tuple(round(0.30 + 0.05 * i, 2) for i in range(14))  # 0.30 .. 0.95


def load_jsonl(path: str | Path) -> list[tuple[str, str]]:
    """``(text, label)`` pairs from a JSON-lines file with ``text`` and ``label``."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            rows.append((obj["text"], obj["label"]))
    return rows


def load_rasa_yaml(path: str | Path) -> list[tuple[str, str]]:
    """``(text, intent)`` pairs from a Rasa NLU YAML file (entity markup stripped)."""
    import re

    import yaml

    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rows = []
    for block in doc.get("nlu", []):
        if "intent" not in block:
            continue
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:].strip())
                rows.append((text, block["intent"]))
    return rows


@dataclass
class Report:
    name: str
    n: int
    threshold: float
    per_class: dict[str, dict[str, float]]
    macro_f1: float
    accuracy_in_scope: float  # accuracy on the messages whose gold type is not lainnya
    oos_recall: float
    oos_precision: float
    wrong_confident: float  # share of all messages
    proposed_correct: float  # share of in-scope messages proposed with the right type
    false_oos: float  # share of in-scope messages flagged out of scope
    curve: list[dict[str, float]] = field(default_factory=list)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[dict[str, object]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return self.__dict__.copy()


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def wrong_confident_share(pairs: Sequence[tuple[str, NluResult]], threshold: float) -> float:
    wrong = sum(1 for gold, res in pairs if (p := res.proposal(threshold)) is not None and p != gold)
    return wrong / len(pairs) if pairs else 0.0


def evaluate(name: str, pairs: Sequence[tuple[str, NluResult]], threshold: float,
             texts: Iterable[str] | None = None) -> Report:
    """Measures for ``(gold type, result)`` pairs; gold labels outside the ten are ignored."""
    texts = list(texts) if texts is not None else [""] * len(pairs)
    kept = [(g, r, t) for (g, r), t in zip(pairs, texts) if g in COMPLAINT_TYPES]
    pairs = [(g, r) for g, r, _ in kept]
    n = len(pairs)
    confusion = {g: {p: 0 for p in (*COMPLAINT_TYPES, OTHER)} for g in COMPLAINT_TYPES}
    for gold, res in pairs:
        pred = res.best if res.best in COMPLAINT_TYPES else OTHER
        confusion[gold][pred] += 1

    per_class = {}
    for t in COMPLAINT_TYPES:
        tp = confusion[t][t]
        fp = sum(confusion[g][t] for g in COMPLAINT_TYPES if g != t)
        fn = sum(v for p, v in confusion[t].items() if p != t)
        p, r, f = _prf(tp, fp, fn)
        per_class[t] = {"precision": p, "recall": r, "f1": f, "support": tp + fn}
    macro = sum(c["f1"] for c in per_class.values()) / len(per_class)

    inscope = [(g, r) for g, r in pairs if g != OUT_OF_SCOPE_INTENT]
    oos = [(g, r) for g, r in pairs if g == OUT_OF_SCOPE_INTENT]
    flagged = [(g, r) for g, r in pairs if r.out_of_scope]
    acc_in = sum(1 for g, r in inscope if r.best == g) / len(inscope) if inscope else 0.0
    oos_recall = sum(1 for _, r in oos if r.out_of_scope) / len(oos) if oos else 0.0
    oos_precision = sum(1 for g, _ in flagged if g == OUT_OF_SCOPE_INTENT) / len(flagged) if flagged else 0.0
    false_oos = sum(1 for _, r in inscope if r.out_of_scope) / len(inscope) if inscope else 0.0

    def proposed_ok(th: float) -> float:
        return sum(1 for g, r in inscope if r.proposal(th) == g) / len(inscope) if inscope else 0.0

    curve = [{"threshold": th, "wrong_confident": wrong_confident_share(pairs, th),
              "proposed_correct": proposed_ok(th)} for th in THRESHOLDS]
    errors = [{"text": t, "gold": g, "predicted": r.best, "confidence": round(r.best_confidence, 3),
               "proposed": r.proposal(threshold)}
              for g, r, t in kept if r.best != g]
    return Report(
        name=name, n=n, threshold=threshold, per_class=per_class, macro_f1=macro,
        accuracy_in_scope=acc_in, oos_recall=oos_recall, oos_precision=oos_precision,
        wrong_confident=wrong_confident_share(pairs, threshold),
        proposed_correct=proposed_ok(threshold), false_oos=false_oos,
        curve=curve, confusion=confusion, errors=errors,
    )


def format_report(rep: Report) -> str:
    lines = [
        f"## {rep.name} ({rep.n} messages, threshold {rep.threshold:.2f})",
        "",
        f"- macro-F1 over the ten types: **{rep.macro_f1:.3f}**",
        f"- accuracy on in-scope messages: {rep.accuracy_in_scope:.3f}",
        f"- out-of-scope recall: **{rep.oos_recall:.3f}** (precision {rep.oos_precision:.3f};"
        f" in-scope messages flagged out of scope: {rep.false_oos:.3f})",
        f"- wrong confident proposals: **{100 * rep.wrong_confident:.1f} %** of messages"
        f" (in-scope messages proposed with the right type: {100 * rep.proposed_correct:.1f} %)",
        "",
        "| type | precision | recall | F1 | n |",
        "| --- | --- | --- | --- | --- |",
    ]
    for t, c in rep.per_class.items():
        lines.append(f"| {t} | {c['precision']:.3f} | {c['recall']:.3f} | {c['f1']:.3f} | {c['support']} |")
    lines += ["", "| threshold | wrong confident % | in-scope proposed correctly % |", "| --- | --- | --- |"]
    for pt in rep.curve:
        mark = " ←" if abs(pt["threshold"] - rep.threshold) < 1e-9 else ""
        lines.append(f"| {pt['threshold']:.2f}{mark} | {100 * pt['wrong_confident']:.1f} | "
                     f"{100 * pt['proposed_correct']:.1f} |")
    return "\n".join(lines) + "\n"


def plot_confusion(reports: Sequence[Report], path: str | Path) -> None:
    """One confusion matrix per report, side by side (matplotlib, Agg backend)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cols = (*COMPLAINT_TYPES, OTHER)
    fig, axes = plt.subplots(1, len(reports), figsize=(8.5 * len(reports), 7.5), squeeze=False)
    for ax, rep in zip(axes[0], reports):
        mat = [[rep.confusion[g][p] for p in cols] for g in COMPLAINT_TYPES]
        # row-normalised colour, raw counts as text
        norm = [[v / max(1, sum(row)) for v in row] for row in mat]
        ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
        ax.set_xticks(range(len(cols)))
        ax.set_xticklabels(cols, rotation=45, ha="right")
        ax.set_yticks(range(len(COMPLAINT_TYPES)))
        ax.set_yticklabels([f"{g} ({sum(mat[i])})" for i, g in enumerate(COMPLAINT_TYPES)])
        for i, row in enumerate(mat):
            for j, v in enumerate(row):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center",
                            color="white" if norm[i][j] > 0.5 else "black", fontsize=9)
        ax.set_xlabel("predicted (best intent)")
        ax.set_ylabel("gold")
        ax.set_title(f"{rep.name}\nmacro-F1 {rep.macro_f1:.3f}, OOS recall {rep.oos_recall:.3f}, "
                     f"wrong confident {100 * rep.wrong_confident:.1f} % @ {rep.threshold:.2f}")
    fig.tight_layout()
    fig.savefig(path, dpi=90, bbox_inches="tight")
    plt.close(fig)
