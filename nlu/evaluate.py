"""Evaluate a trained model on the real-message dev set and the held-out set.

Runs in the Rasa venv (loads the model in-process, no server):

    .venv-nlu/bin/python nlu/evaluate.py [--model nlu/models/aduan-nlu.tar.gz]
        [--name ours] [--threshold 0.6] [--out nlu/reports] [--png]

Prints, for each set: macro-F1 over the ten types, per-class precision/recall,
out-of-scope recall, the share of wrong confident proposals at the threshold (default:
config.yml ``nlu.confidence_threshold``) and the threshold curve. Writes
``<out>/<name>.md``, ``<out>/<name>.json`` and, with ``--png``,
``<out>/<name>-confusion.png``. Measures: nlu/metrics.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from nlu.client import result_from_parse  # noqa: E402
from nlu.metrics import evaluate, format_report, load_jsonl, load_rasa_yaml, plot_confusion  # noqa: E402

DEV = ROOT / "nlu" / "tests" / "real_dev.jsonl"
HELDOUT = ROOT / "nlu" / "tests" / "heldout.yml"


def configured_threshold() -> float:
    import yaml

    cfg = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    return float(cfg["nlu"]["confidence_threshold"])


def quiet_rasa_logs() -> None:
    """Keep Rasa's logs (which quote every parsed message) off stdout and below WARNING."""
    import structlog

    logging.disable(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING),
                        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr))


def parse_all(model: Path, texts: list[str]) -> tuple[list, list[float]]:
    quiet_rasa_logs()
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def run() -> tuple[list, list[float]]:
        await agent.parse_message("warm up")
        out, times = [], []
        for t in texts:
            started = time.perf_counter()
            data = await agent.parse_message(t)
            times.append(time.perf_counter() - started)
            out.append(result_from_parse(data, model.name))
        return out, times

    return asyncio.run(run())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=ROOT / "nlu" / "models" / "aduan-nlu.tar.gz")
    ap.add_argument("--name", default="ours")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "nlu" / "reports")
    ap.add_argument("--png", action="store_true", help="write the confusion-matrix PNG")
    ap.add_argument("--errors", action="store_true", help="print every dev-set error")
    args = ap.parse_args(argv)
    threshold = configured_threshold() if args.threshold is None else args.threshold

    sets = {"dev (real messages)": load_jsonl(DEV), "held-out": load_rasa_yaml(HELDOUT)}
    texts = [t for rows in sets.values() for t, _ in rows]
    results, times = parse_all(args.model, texts)
    reports, i = [], 0
    for set_name, rows in sets.items():
        res = results[i:i + len(rows)]
        i += len(rows)
        reports.append(evaluate(f"{args.name}: {set_name}", [(g, r) for (_, g), r in zip(rows, res)],
                                threshold, [t for t, _ in rows]))

    times_ms = sorted(1000 * t for t in times)
    p50 = times_ms[len(times_ms) // 2]
    p99 = times_ms[min(len(times_ms) - 1, int(0.99 * len(times_ms)))]
    args.out.mkdir(parents=True, exist_ok=True)
    md = [f"# NLU evaluation: {args.name} ({args.model.name})", "",
          f"In-process parse time over {len(times_ms)} messages: p50 {p50:.1f} ms, p99 {p99:.1f} ms", ""]
    md += [format_report(r) for r in reports]
    (args.out / f"{args.name}.md").write_text("\n".join(md), encoding="utf-8")
    (args.out / f"{args.name}.json").write_text(
        json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=1), encoding="utf-8")
    if args.png:
        plot_confusion(reports, args.out / f"{args.name}-confusion.png")

    for r in reports:
        print(format_report(r))
    if args.errors:
        for e in reports[0].errors:
            print(f"  {e['gold']:>16} -> {e['predicted']:<16} {e['confidence']:.2f} "
                  f"{'P' if e['proposed'] else ' '} {str(e['text'])[:150]}")
    print(f"summary {args.name}: " + "; ".join(
        f"{r.name.split(': ')[1]} macro-F1 {r.macro_f1:.3f}, OOS recall {r.oos_recall:.3f}, "
        f"wrong confident {100 * r.wrong_confident:.1f} % @ {threshold:.2f}" for r in reports))
    if args.png:
        print(f"confusion matrix: {args.out / (args.name + '-confusion.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
