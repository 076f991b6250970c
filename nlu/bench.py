"""Parse-latency benchmark of a running Rasa NLU server, through RasaNluClient.

    python nlu/bench.py [URL] [-n 500] [--timeout 2.0]

URL defaults to $RASA_URL, else http://127.0.0.1:5005. Sends N parse requests over a
realistic message mix (the held-out set if present, plus built-in messages), sequentially
on one keep-alive session like the app, and prints p50/p95/p99 latency in ms. Also prints
the complaint-type macro F1 of the latest `make nlu-eval` report if there is one.
Exit status 1 if the server cannot be reached or a request fails.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlu.client import RasaNluClient  # noqa: E402

NLU_DIR = Path(__file__).resolve().parent
P99_TARGET_MS = 50.0

BUILTIN = [
    "paspor sy udh 3 mgg blm jadi, tlg dicek min",
    "ada calo minta 1,6jt biar paspor cepet, katanya ordal",
    "petugas loket kasar bgt, sy dibentak",
    "aplikasi m-paspor error terus, OTP gk masuk",
    "toilet kotor dan AC ruang tunggu mati",
    "antrian cap paspor di malundung 2 jam, hampir ketinggalan kapal ke tawau",
    "perpanjangan ITAS istri sy blm diproses",
    "ada WNA overstay kerja di tambak tanpa izin",
    "syarat bikin paspor anak apa aja ya",
    "e-KTP sy blm jadi di dukcapil",
    "status TRK-7K3Q-9MXA dong",
    "halo min",
    "makasih",
    "batal",
    "The officer at the airport was very rude to my mother and refused to explain why my "
    "departure was delayed; we waited for three hours at Juwata and nobody helped us.",
]


def messages() -> list[str]:
    out = list(BUILTIN)
    heldout = NLU_DIR / "tests" / "heldout.yml"
    if heldout.exists():
        for line in heldout.read_text(encoding="utf-8").splitlines():
            if line.startswith("    - "):
                out.append(line[6:])
    return out


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def latest_macro_f1() -> list[str]:
    """Figures of the last `make nlu-eval` (nlu/reports/ours.json), if any."""
    path = NLU_DIR / "reports" / "ours.json"
    if not path.exists():
        return []
    try:
        reports = json.loads(path.read_text(encoding="utf-8"))
        return [f"  {r['name']}: macro-F1 {r['macro_f1']:.3f}, OOS recall {r['oos_recall']:.3f}, "
                f"wrong confident {100 * r['wrong_confident']:.1f} % @ {r['threshold']:.2f}" for r in reports]
    except (ValueError, KeyError, TypeError):
        return []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Rasa NLU parse latency")
    ap.add_argument("url", nargs="?", default=os.environ.get("RASA_URL", "http://127.0.0.1:5005"))
    ap.add_argument("-n", "--requests", type=int, default=500)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=2.0)
    args = ap.parse_args(argv)

    client = RasaNluClient(args.url, timeout=args.timeout)
    if not client.healthy():
        print(f"bench: no Rasa server ready at {args.url}", file=sys.stderr)
        return 1
    mix = messages()
    for i in range(args.warmup):
        client.parse(mix[i % len(mix)])

    latencies: list[float] = []
    failures = 0
    started = time.perf_counter()
    for i in range(args.requests):
        text = mix[i % len(mix)]
        t0 = time.perf_counter()
        result = client.parse(text)
        latencies.append((time.perf_counter() - t0) * 1000.0)
        if result is None:
            failures += 1
    wall = time.perf_counter() - started
    latencies.sort()
    p50, p95, p99 = (percentile(latencies, q) for q in (0.50, 0.95, 0.99))
    print(f"NLU parse latency over {args.requests} requests ({len(mix)} distinct messages, "
          f"model {client.model_version()}):")
    print(f"  p50 {p50:.1f} ms  p95 {p95:.1f} ms  p99 {p99:.1f} ms  max {latencies[-1]:.1f} ms  "
          f"mean {statistics.fmean(latencies):.1f} ms  ({args.requests / wall:.0f} req/s)")
    print(f"  p99 target {P99_TARGET_MS:.0f} ms: {'met' if p99 <= P99_TARGET_MS else 'MISSED'}")
    if failures:
        print(f"  {failures} requests failed")
    f1 = latest_macro_f1()
    if f1:
        print("Latest evaluation (nlu/reports):")
        print("\n".join(f1))
    else:
        print("No evaluation report yet (run `make nlu-eval`).")
    client.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
