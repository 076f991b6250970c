"""Train and evaluate several pipelines on the same data, one at a time (`make nlu-eval-compare`).

    python nlu/scripts/compare.py --out nlu/reports/compare NAME=CONFIG [NAME=CONFIG ...]

Runs in the Rasa venv. For each NAME=CONFIG: `rasa train nlu` on nlu/data (wall-clock
time measured), then nlu/evaluate.py on the dev and held-out sets. Writes
``<out>/NAME.{md,json}``, and ``<out>/../compare.md`` with one table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RASA = Path(sys.executable).parent / "rasa"


def run(name: str, config: str, out: Path) -> dict:
    models = out / "models"
    models.mkdir(parents=True, exist_ok=True)
    log = out / f"train-{name}.log"
    started = time.monotonic()
    with open(log, "wb") as fh:
        proc = subprocess.run([str(RASA), "train", "nlu", "--config", config, "--nlu", str(ROOT / "nlu" / "data"),
                               "--out", str(models), "--fixed-model-name", name],
                              cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, env=os.environ.copy())
    seconds = time.monotonic() - started
    if proc.returncode:
        print(log.read_text(errors="replace")[-3000:])
        raise SystemExit(f"training {name} failed")
    print(f"[{name}] trained in {seconds:.0f} s", flush=True)
    subprocess.run([sys.executable, str(ROOT / "nlu" / "evaluate.py"), "--model", str(models / f"{name}.tar.gz"),
                    "--name", name, "--out", str(out)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reports = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    row = {"name": name, "config": config, "train_seconds": seconds, "reports": reports}
    (out / f"{name}.row.json").write_text(json.dumps(row), encoding="utf-8")
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "nlu" / "reports" / "compare")
    ap.add_argument("variants", nargs="+", help="NAME=CONFIG")
    args = ap.parse_args(argv)
    rows = []
    for v in args.variants:
        name, config = v.split("=", 1)
        rows.append(run(name, config, args.out))
    lines = ["| pipeline | dev macro-F1 | dev OOS recall | dev wrong confident | held-out macro-F1 "
             "| held-out wrong confident | training |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        dev, held = r["reports"]
        lines.append(f"| {r['name']} (`{Path(r['config']).name}`) | {dev['macro_f1']:.3f} | {dev['oos_recall']:.3f} | "
                     f"{100 * dev['wrong_confident']:.1f} % | {held['macro_f1']:.3f} | "
                     f"{100 * held['wrong_confident']:.1f} % | {r['train_seconds']:.0f} s |")
    table = "\n".join(lines) + f"\n\nThreshold: {rows[0]['reports'][0]['threshold']:.2f} (config.yml).\n"
    (args.out.parent / "compare.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
