"""Benchmark: many complainants filing at once through signed Twilio webhooks over real HTTP.

Runs the production set-up (gunicorn, handlers/gunicorn_conf.py) on SQLite and on PostgreSQL
(a throwaway cluster, when PostgreSQL is installed), and the same server answering a bare route
as the ceiling. Prints turns per second, p50/p99 latency per turn and peak server memory.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.support.postgres import Cluster, find_bin_dir, free_port  # noqa: E402

SID, TOKEN = "AC" + "b" * 32, "bench-token-0123456789"
STORIES = ["sy udh 3 mgg paspor blm jd padahal dijanjikan seminggu",
           "ada calo di depan kantor minta 500rb biar cepat",
           "petugas loket 2 kasar sekali waktu saya tanya syarat",
           "aplikasi m-paspor error terus pas mau pilih jadwal",
           "AC ruang tunggu mati dan toilet kotor"]
TICKET = re.compile(r"TRK-[2-9A-Z]{4}-[2-9A-Z]{4}")


def rss_kb(pid: int) -> int:
    """Resident memory of a process and its children, in KiB."""
    total = 0
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    except FileNotFoundError:
        children = []
    for p in [str(pid), *children]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


class Server:
    """gunicorn with our config on a free port; memory sampled while it runs."""

    def __init__(self, app: str, env: dict[str, str]):
        self.port = free_port()
        env = {**os.environ, **env, "PORT": str(self.port), "HOST": "127.0.0.1",
               "PUBLIC_BASE_URL": f"http://127.0.0.1:{self.port}"}
        self.proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "-c", str(ROOT / "handlers/gunicorn_conf.py"), app],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
            stderr=tempfile.NamedTemporaryFile(prefix="aduan-gunicorn-", suffix=".log",
                                               delete=False))
        self.peak = 0
        self._stop = threading.Event()
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                requests.post(self.url, timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        threading.Thread(target=self._sample, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks/twilio"

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_kb(self.proc.pid))
            time.sleep(0.05)

    def stop(self) -> None:
        self._stop.set()
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(15)


def complainant(url: str, number: str, latencies: list[float], errors: list[str]) -> None:
    session = requests.Session()
    validator = RequestValidator(TOKEN)
    # types 3..10 ask no application number or wished outcome: the script stays the same length
    story = random.choice(STORIES)       # a broker or a rude officer: under its own type
    kind = {1: "4", 2: "5"}.get(STORIES.index(story), str(random.randint(3, 10)))
    script = ["halo", "1", story, "lanjut", kind,
              "kemarin", "1", "lewati", "lanjut", "anonim", "1"]
    ticket = None
    for i, body in enumerate(script + ["status"]):
        if body == "status":
            body = f"status {ticket}"
        form = {"MessageSid": "SM" + os.urandom(16).hex(), "AccountSid": SID,
                "From": f"whatsapp:{number}", "To": "whatsapp:+628115773337", "Body": body,
                "NumMedia": "0", "ProfileName": "Bench"}
        headers = {"X-Twilio-Signature": validator.compute_signature(url, form)}
        start = time.perf_counter()
        response = session.post(url, data=form, headers=headers, timeout=30)
        latencies.append(time.perf_counter() - start)
        if response.status_code != 200:
            errors.append(f"{response.status_code} on {body!r}")
            return
        if "tercatat" in response.text:
            found = TICKET.search(response.text)
            ticket = found.group(0) if found else None


def run_load(server: Server, complainants: int, concurrency: int, bare: bool = False) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        futures = []
        for i in range(complainants):
            number = f"+62812{random.randint(0, 99_999_999):08d}"
            if bare:
                futures.append(pool.submit(bare_client, server.url, latencies))
            else:
                futures.append(pool.submit(complainant, server.url, number, latencies, errors))
        for future in futures:
            if future.exception():
                errors.append(repr(future.exception()))
    elapsed = time.perf_counter() - start
    latencies.sort()
    if not latencies:
        raise SystemExit(f"no turn completed: {errors[:3]}")
    return {"turns": len(latencies), "seconds": elapsed, "tps": len(latencies) / elapsed,
            "p50": statistics.median(latencies) * 1000,
            "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
            "errors": errors, "peak_mb": server.peak / 1024}


def bare_client(url: str, latencies: list[float]) -> None:
    session = requests.Session()
    for _ in range(12):
        start = time.perf_counter()
        session.post(url, data={"Body": "halo"}, timeout=30)
        latencies.append(time.perf_counter() - start)


def report(name: str, result: dict) -> None:
    print(f"{name:<28} {result['turns']:>6} turns  {result['tps']:>8.1f} turns/s  "
          f"p50 {result['p50']:>7.1f} ms  p99 {result['p99']:>7.1f} ms  "
          f"peak RSS {result['peak_mb']:>6.1f} MB  errors {len(result['errors'])}")
    for error in result["errors"][:5]:
        print("    ", error)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--complainants", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()
    env = {"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": TOKEN, "RASA_URL": "http://127.0.0.1:9"}
    print(f"# {args.complainants} complainants, {args.concurrency} at a time, 12-14 turns each; "
          "gunicorn gthread as configured in handlers/gunicorn_conf.py (SQLite: 1 process x 8 "
          "threads; PostgreSQL: a process per core); NLU off (the NLU bench is separate)")
    targets: list[tuple[str, str]] = []
    tmp = tempfile.mkdtemp(prefix="aduan-bench-")
    targets.append(("SQLite", f"sqlite:///{tmp}/bench.sqlite3"))
    cluster = None
    bin_dir = find_bin_dir()
    if bin_dir:
        cluster = Cluster(bin_dir).start()
        targets.append(("PostgreSQL", cluster.create_database()))
    else:
        print("PostgreSQL not installed: skipping it")
    try:
        for name, url in targets:
            server = Server("scripts.bare_app:app", {**env, "DATABASE_URL": url})
            try:
                report(f"ceiling, {name} set-up", run_load(server, args.complainants,
                                                            args.concurrency, bare=True))
            finally:
                server.stop()
            subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "storage.migrate"], cwd=ROOT,
                           env={**os.environ, "DATABASE_URL": url}, check=True, capture_output=True)
            server = Server("handlers.wsgi:app", {**env, "DATABASE_URL": url})
            try:
                report(f"complaint filing, {name}", run_load(server, args.complainants,
                                                             args.concurrency))
            finally:
                server.stop()
    finally:
        if cluster:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
