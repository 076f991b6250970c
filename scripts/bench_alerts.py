"""Benchmark: from a complaint's confirmation to its alert at the (fake) Telegram server.

Not a test: prints figures. Files complaints through the engine on the WhatsApp channel (so
the only outbound Telegram traffic is the alerts), with a real worker process delivering to a
local fake Bot API server. Run: `.venv/bin/python scripts/bench_alerts.py [--complaints 200]`.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.conversation.engine import utcnow  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.messages import Inbound  # noqa: E402
from handlers.wiring import build_runtime  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramServer  # noqa: E402

OFFICER_CHAT = -1001500000001
INTAKE = ("halo", "1", "Petugas loket minta uang tambahan supaya paspor saya cepat jadi",
          "lanjut", "1", "kemarin", "1", "lewati", "lanjut", "anonim")
_ids = iter(range(10**9))


def say(runtime, number: str, text: str) -> None:  # type: ignore[no-untyped-def]
    runtime.engine.handle(Inbound(channel="whatsapp", address=number, text=text,
                                  provider="bench", provider_id=f"b{next(_ids)}",
                                  received_at=utcnow()))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(n: int, idle_n: int, threads: int, database_url: str, group_per_minute: str) -> None:
    with FakeTelegramServer() as tg:
        env = {"DATABASE_URL": database_url, "TELEGRAM_BOT_TOKEN": tg.token,
               "TELEGRAM_OFFICER_CHAT_ID": str(OFFICER_CHAT), "TELEGRAM_API_BASE_URL": tg.root_url,
               "TELEGRAM_GROUP_PER_MINUTE": group_per_minute, "WORKER_POLL_SECONDS": "0.2"}
        runtime = build_runtime(load_config(environ=env), classifier=None)
        numbers = [f"+62811{i:07d}" for i in range(n)]
        started = time.monotonic()
        with ThreadPoolExecutor(threads) as pool:   # bring every conversation to the summary
            list(pool.map(lambda num: [say(runtime, num, t) for t in INTAKE], numbers))
        print(f"prepared {n} conversations up to the summary in "
              f"{time.monotonic() - started:.1f} s ({len(INTAKE) * n} turns)")
        worker = subprocess.Popen([sys.executable, "-m", "handlers.worker"], cwd=ROOT,
                                  env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            time.sleep(2.0)                     # let the worker start (imports, getMe)
            confirmed: dict[str, float] = {}
            lock = threading.Lock()

            def confirm(number: str) -> None:
                at = time.time()
                say(runtime, number, "1")       # "Kirim pengaduan": files the complaint
                with lock:
                    confirmed[number] = at

            idle = numbers[:idle_n]
            for number in idle:                 # one at a time: the usual day at the office
                confirm(number)
                time.sleep(0.25)
            tg.wait_for_count(lambda c: c.method == "sendMessage", idle_n, timeout=30)
            burst = numbers[idle_n:]
            started = time.monotonic()
            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(confirm, burst))
            filing = time.monotonic() - started
            tg.wait_for_count(lambda c: c.method == "sendMessage", n, timeout=45)
            total = time.monotonic() - started
        finally:
            worker.terminate()
            worker.wait(10)
        with runtime.store.unit() as unit:
            tickets = {c.complainant.address: c.ticket
                       for c in unit.session.query(__import__("storage.models").models.Complaint)}
        arrived = {}
        for call in tg.calls_to("sendMessage"):
            for number, ticket in tickets.items():
                if ticket in str(call.params.get("text")):
                    arrived[number] = call.at
        def report(label: str, group: list[str]) -> None:
            latencies = [arrived[num] - confirmed[num] for num in group if num in arrived]
            assert len(latencies) == len(group), "some alerts never arrived"
            print(f"{label}: confirmation -> alert latency over {len(latencies)}: "
                  f"p50 {percentile(latencies, 50) * 1000:.0f} ms, "
                  f"p90 {percentile(latencies, 90) * 1000:.0f} ms, "
                  f"p99 {percentile(latencies, 99) * 1000:.0f} ms, "
                  f"max {max(latencies) * 1000:.0f} ms, "
                  f"mean {statistics.mean(latencies) * 1000:.0f} ms")

        report("idle (one at a time)", idle)
        print(f"burst: {len(burst)} confirmations from {threads} threads in {filing:.2f} s; "
              f"all alerts at the fake Telegram server after {total:.2f} s")
        report("burst", burst)
        runtime.store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=200)
    parser.add_argument("--idle", type=int, default=20, help="complaints filed one at a time "
                        "before the burst (included in --complaints)")
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--postgres", action="store_true",
                        help="start a throwaway PostgreSQL cluster (needs the server binaries)")
    parser.add_argument("--group-per-minute", default="100000",
                        help="the worker's per-group limit (Telegram's is ~20/min; lifted here "
                             "so the figure measures our pipeline, not Telegram's flood limit)")
    args = parser.parse_args()
    url, cluster = args.database_url, None
    if args.postgres:
        from tests.support.postgres import Cluster, find_bin_dir
        bin_dir = find_bin_dir()
        if bin_dir is None:
            raise SystemExit("PostgreSQL server binaries not found")
        cluster = Cluster(bin_dir).start()
        url = cluster.create_database()
    if url is None:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='aduan-bench-')}/bench.sqlite3"
    try:
        upgrade(url)
        print(f"database: {url.split('://')[0]}; per-group limit {args.group_per_minute}/min")
        run(args.complaints, min(args.idle, args.complaints - 1), args.threads, url,
            args.group_per_minute)
    finally:
        if cluster is not None:
            cluster.stop()
    if float(args.group_per_minute) > 20:
        print(f"note: at Telegram's ~20 messages/min per group, a burst of {args.complaints} "
              f"alerts to one group needs ~{args.complaints / 20:.0f} min to drain.")


if __name__ == "__main__":
    main()
