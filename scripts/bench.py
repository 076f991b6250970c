"""`make bench`: every speed figure of issue 13 in one run (figures printed; tests assert behaviour).

1. Webhook turns: 10 and 50 complainants filing at once through signed Twilio webhooks, on
   SQLite and on PostgreSQL (a throwaway cluster), each beside the same gunicorn set-up
   answering a bare route (the ceiling), with one lean load generator (scripts/loadgen.py).
2. With Rasa hanging: an unrelated message's answer time while complaints wait on the NLU.
3. Telegram first reply: webhook POST -> the reply at the (local) Bot API server.
4. Officer alerts while 50 complainants file at once: confirming message -> alert in the group.
5. Soak: 1,000 complainants filing at once; every message counted in the database and at the
   stand-in servers (nothing lost, nothing twice).
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from scripts import loadgen  # noqa: E402
from scripts import bench_webhook  # noqa: E402
from scripts.bench_webhook import Server  # noqa: E402
from tests.fakes import telegram_updates as tu  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramServer  # noqa: E402
from tests.support.postgres import Cluster, find_bin_dir  # noqa: E402

OFFICER_CHAT = -1001500000001
SECRET = "bench-webhook-secret-0123456789abcdef"   # >= 32 characters, as start-up requires


def machine_pace_config(slot_every_minute: bool = False) -> str:
    """config.yml with the complainant flood limit lifted: a simulated complainant answers in
    milliseconds, a person in seconds, and the limit (8 messages in 10 s) would otherwise turn
    most scripted turns into "please slow down" and no complaint would be filed. With
    `slot_every_minute`, an alert slot every minute: the soak's complaints are anonymous, so
    their group alerts wait for the next slot (bot.identity.held_for_slot), and the soak counts
    them at the stand-in after it, not only in the outbox."""
    import yaml
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    config["privacy"]["flood"] = {"messages": 8, "seconds": 0.001}
    if slot_every_minute:
        config["privacy"]["sensitive_alert_slots"] = [f"{h:02d}:{m:02d}" for h in range(24)
                                                      for m in range(60)]
    path = Path(tempfile.mkdtemp(prefix="aduan-bench-config-")) / "config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


BASE_ENV = {"ADUAN_CONFIG": machine_pace_config(),
            "TWILIO_ACCOUNT_SID": loadgen.SID, "TWILIO_AUTH_TOKEN": loadgen.TOKEN,
            "RASA_URL": "http://127.0.0.1:9", "WEB_THREADS": os.environ.get("WEB_THREADS", "8"),
            # as a deployment that follows the README sets it (keyed PIN hashes)
            "PIN_KEY": "bench-pin-key-" + "0123456789" * 3}
ROWS: list[str] = []


def say(line: str = "") -> None:
    print(line, flush=True)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def migrate(url: str) -> None:
    subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "storage.migrate"], cwd=ROOT,
                   env={**os.environ, "DATABASE_URL": url}, check=True, capture_output=True)


TCP = "PostgreSQL over TCP"


class Databases:
    """A fresh SQLite file or PostgreSQL database per measurement."""

    def __init__(self) -> None:
        self.tmp = tempfile.mkdtemp(prefix="aduan-bench-")
        self.cluster = None
        self.count = 0
        bin_dir = find_bin_dir()
        if bin_dir:
            self.cluster = Cluster(bin_dir).start()

    def new(self, kind: str) -> str:
        """`PostgreSQL` is reached over its Unix socket, as an app on the database's machine
        should be; `PostgreSQL over TCP` over 127.0.0.1, as from another machine."""
        self.count += 1
        url = (f"sqlite:///{self.tmp}/bench{self.count}.sqlite3" if kind == "SQLite"
               else self.cluster.create_database(  # type: ignore[union-attr]
                   unix=kind != TCP))
        migrate(url)
        return url

    def kinds(self) -> list[str]:
        return ["SQLite"] + (["PostgreSQL"] if self.cluster else [])

    def stop(self) -> None:
        if self.cluster:
            self.cluster.stop()


def worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = tempfile.NamedTemporaryFile(prefix="aduan-worker-", suffix=".log", delete=False)
    proc = subprocess.Popen([str(ROOT / ".venv/bin/python"), "-m", "handlers.worker"], cwd=ROOT,
                            env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=log)
    return proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


# --- 1. webhook turns against the ceiling ---------------------------------------------------
# The ceiling and the app are measured in turn, REPEATS times each, with both servers up: a
# hiccup of this shared machine then lands on one pass, not on the whole figure (a single short
# pass of the bare route once read anything from 1,560 to 5,476/s within minutes). The bare
# route answers about five times as fast, so it gets CEILING_TURNS times as many turns for
# passes of a similar length. The ratio is the median app pass over the median ceiling pass.
REPEATS = 3
CEILING_TURNS = 4


def turns(dbs: Databases, sizes: list[int], rounds: int) -> dict[str, dict[int, dict]]:
    say("## 1. Webhook turns (signed Twilio webhooks, 12-14 turns per complainant, NLU off)")
    say(f"   {REPEATS} passes of the app and {REPEATS} of the bare route, in turn; medians, and "
        "the passes' range in brackets; p50/p99 over all the app's turns; PostgreSQL over its "
        "Unix socket unless marked")
    say(f"{'set-up':<38}{'turns':>7}{'turns/s':>18}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'peak RSS':>10}{'ceiling/s':>18}{'ratio':>7}")
    figures: dict[str, dict[int, dict]] = {}
    runs = [(kind, n) for kind in dbs.kinds() for n in sizes]
    if dbs.cluster:     # what the socket saves, at the smaller size
        runs.append((TCP, sizes[0]))
    for kind, n in runs:
        url = dbs.new(kind)
        env = {**BASE_ENV, "DATABASE_URL": url}
        bare = Server("scripts.bare_app:app", env)
        server = Server("handlers.wsgi:app", env)
        try:
            loadgen.run(bare.port, n, n, bare=True)                      # warm-up
            loadgen.run(server.port, n, n, prefix="+62813")               # warm-up
            ceilings, passes = [], []
            for _ in range(REPEATS):
                ceilings.append(loadgen.run(bare.port, n * rounds * CEILING_TURNS, n,
                                            bare=True).tps())
                passes.append(loadgen.run(server.port, n * rounds, n))
            peak = server.peak / 1024
        finally:
            bare.stop()
            server.stop()
        result = loadgen.Result(latencies=[x for p in passes for x in p.latencies],
                                errors=[e for p in passes for e in p.errors])
        rates = [p.tps() for p in passes]
        tps, ceiling = statistics.median(rates), statistics.median(ceilings)
        ratio = tps / ceiling
        figures.setdefault(kind, {})[n] = dict(
            tps=tps, p50=result.p50(), p99=result.pct(99), rss=peak, ceiling=ceiling,
            ratio=ratio, tps_range=(min(rates), max(rates)),
            ceiling_range=(min(ceilings), max(ceilings)))
        say(f"{kind + f', {n} complainants':<38}{result.turns:>7}"
            f"{tps:>7.0f} [{min(rates):.0f}-{max(rates):.0f}]"
            f"{result.p50():>9.1f}{result.pct(99):>9.1f}{peak:>8.0f}MB"
            f"{ceiling:>7.0f} [{min(ceilings):.0f}-{max(ceilings):.0f}]{ratio:>7.2f}"
            + (f"  errors {len(result.errors)}: {result.errors[:2]}" if result.errors else ""))
    for n in sizes:
        if n in figures.get("PostgreSQL", {}) and n in figures.get("SQLite", {}):
            share = figures["PostgreSQL"][n]["tps"] / figures["SQLite"][n]["tps"]
            say(f"PostgreSQL at {n} complainants: {share:.0%} of SQLite's turns/s")
    return figures


# --- 2. Rasa hanging --------------------------------------------------------------------------
def hanging_listener() -> tuple[str, threading.Event]:
    """A server that accepts connections and never answers (a hung Rasa)."""
    stop_event = threading.Event()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.2)
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop_event.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue
        for conn in held:
            conn.close()
        listener.close()
    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}", stop_event


def rasa_hanging(dbs: Databases) -> float:
    say("\n## 2. Rasa hanging (accepts, never answers; client timeout 0.5 s)")
    rasa, stop_event = hanging_listener()
    env = {**BASE_ENV, "DATABASE_URL": dbs.new("SQLite"), "RASA_URL": rasa}
    server = Server("handlers.wsgi:app", env)
    url = f"http://127.0.0.1:{server.port}/webhooks/twilio"

    def post(number: str, body: str) -> float:
        form = {"MessageSid": "SM" + os.urandom(16).hex(), "AccountSid": loadgen.SID,
                "From": f"whatsapp:{number}", "To": "whatsapp:+628115773337", "Body": body,
                "NumMedia": "0"}
        started = time.perf_counter()
        requests.post(url, data=form, timeout=30, headers={
            "X-Twilio-Signature": loadgen.twilio_signature(
                f"http://127.0.0.1:{server.port}/webhooks/twilio", form)})
        return time.perf_counter() - started
    try:
        waiting = [f"+6281400000{i:02d}" for i in range(8)]
        for number in waiting:
            for body in ("halo", "1", loadgen.STORIES[0]):
                post(number, body)
        with ThreadPoolExecutor(9) as pool:
            lanjut = [pool.submit(post, n, "lanjut") for n in waiting]
            time.sleep(0.05)
            unrelated = pool.submit(post, "+6281499999999", "halo").result()
            slowest = max(f.result() for f in lanjut)
        say(f"8 concurrent 'lanjut' waiting on the NLU: slowest answered in {slowest * 1000:.0f} ms; "
            f"an unrelated 'halo' meanwhile: {unrelated * 1000:.0f} ms")
    finally:
        server.stop()
        stop_event.set()
    return unrelated


# --- 3. Telegram first reply ------------------------------------------------------------------
def telegram_env(tg: FakeTelegramServer, url: str) -> dict[str, str]:
    return {**BASE_ENV, "DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": tg.token,
            "TELEGRAM_WEBHOOK_SECRET": SECRET, "TELEGRAM_OFFICER_CHAT_ID": str(OFFICER_CHAT),
            "TELEGRAM_API_BASE_URL": tg.root_url, "TELEGRAM_GROUP_PER_MINUTE": "100000",
            "TELEGRAM_GLOBAL_PER_SECOND": "100000", "TELEGRAM_CHAT_PER_SECOND": "1000",
            "WORKER_POLL_SECONDS": "0.2", "SWEEP_INTERVAL_SECONDS": "0"}


def telegram_first_reply(dbs: Databases, count: int) -> dict[str, tuple[float, float]]:
    say("\n## 3. Telegram: webhook POST -> first reply at the Bot API server (local stand-in)")
    out = {}
    for kind in dbs.kinds():
        with FakeTelegramServer() as tg:
            env = telegram_env(tg, dbs.new(kind))
            server = Server("handlers.wsgi:app", env)
            work = worker(env)
            try:
                time.sleep(2.0)
                session = requests.Session()
                latencies, missing = [], 0
                for i in range(count):
                    chat = 700_000 + i
                    update = tu.make_text_update(900_000 + i, chat, chat, "halo")
                    started = time.time()
                    session.post(f"http://127.0.0.1:{server.port}/webhooks/telegram",
                                 json=update, timeout=10,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
                    try:
                        [call] = tg.wait_for_count(
                            lambda c, chat=chat: c.method == "sendMessage"
                            and str(c.params.get("chat_id")) == str(chat), 1, timeout=10)
                        latencies.append(call.at - started)
                    except TimeoutError:
                        missing += 1
                    time.sleep(0.05)
            finally:
                stop(work)
                server.stop()
        if not latencies:
            say(f"{kind}: no reply arrived within 10 s")
            continue
        p50, p99 = pct(latencies, 50) * 1000, pct(latencies, 99) * 1000
        out[kind] = (p50, p99)
        say(f"{kind}: {count} first messages: p50 {p50:.0f} ms, p99 {p99:.0f} ms"
            + (f"; {missing} not there within 10 s" if missing else ""))
    return out


def to_group(call) -> bool:  # type: ignore[no-untyped-def]
    return call.method == "sendMessage" and str(call.params.get("chat_id")) == str(OFFICER_CHAT)


def group_messages(tg: FakeTelegramServer) -> list:
    """What the officers' group received (officers' private pings name the ticket too)."""
    return [call for call in tg.calls_to("sendMessage") if to_group(call)]


def _officer_chats() -> set[str]:
    """The private chats of the shipped roster's officers."""
    import yaml
    roster = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["roster"]
    return {str(o["telegram_id"]) for o in roster}


OFFICER_CHATS = _officer_chats()


def to_officer(call) -> bool:  # type: ignore[no-untyped-def]
    return call.method == "sendMessage" and str(call.params.get("chat_id")) in OFFICER_CHATS


def first_notices(tg: FakeTelegramServer, tickets) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """When the officers first heard of each ticket: the group's alert, or for a complaint
    whose group alert waits for the next of privacy.sensitive_alert_slots (sensitive,
    confidential or anonymous: bot.identity.held_for_slot) the first private message about it,
    sent at once (the leaders' notice, step 2's ping)."""
    arrived: dict[str, float] = {}
    for call in tg.calls_to("sendMessage"):
        if not (to_group(call) or to_officer(call)):
            continue
        text = str(call.params.get("text", ""))
        for ticket in tickets:
            if ticket in text and (ticket not in arrived or call.at < arrived[ticket]):
                arrived[ticket] = call.at
    return arrived


# --- 4. alerts under load ---------------------------------------------------------------------
def alerts_under_load(dbs: Databases, n: int) -> dict[str, tuple[float, float]]:
    say(f"\n## 4. Officer alerts while {n} complainants file at once, by name (WhatsApp "
        "webhooks; confirming message sent -> alert at the Bot API server; a sensitive one's is "
        "the leaders' private notice: its group alert waits for its slot)")
    out = {}
    for kind in dbs.kinds():
        with FakeTelegramServer() as tg:
            url = dbs.new(kind)
            env = telegram_env(tg, url)
            server = Server("handlers.wsgi:app", env)
            work = worker(env)
            try:
                time.sleep(2.0)
                # filed by name: an anonymous complaint reaches no officer before its slot,
                # hours away in the office's configuration (loadgen.NAMED_WORDS)
                result = loadgen.run_apart(server.port, n, n, named=True)
                waiting = held_for_slot(url, result.tickets)
                deadline = time.time() + 60
                while time.time() < deadline and len(first_notices(tg, result.confirmed)) \
                        < len(result.tickets) - len(waiting):
                    time.sleep(0.2)
            finally:
                stop(work)
                server.stop()
        arrived = first_notices(tg, result.confirmed)
        latencies = [arrived[t] - sent for t, sent in result.confirmed.items() if t in arrived]
        after_reply = [arrived[t] - done for t, done in result.answered.items() if t in arrived]
        if not latencies:
            say(f"{kind}: no alert arrived within 60 s ({len(result.confirmed)} filed, "
                f"{len(waiting)} held for their slot, errors {len(result.errors)})")
            continue
        p50, p99 = pct(latencies, 50) * 1000, pct(latencies, 99) * 1000
        out[kind] = (p50, p99)
        missing = set(result.confirmed) - set(arrived) - waiting
        say(f"{kind}: {len(latencies)}/{len(result.confirmed)} alerts, {len(waiting)} held for "
            f"their slot (anonymous or confidential, not sensitive: no officer is told before "
            f"it), {len(missing)} missing: from the confirming "
            f"message sent p50 {p50:.0f} ms, p99 {p99:.0f} ms; from its answer (the filing "
            f"committed) p50 {pct(after_reply, 50) * 1000:.0f} ms, "
            f"p99 {pct(after_reply, 99) * 1000:.0f} ms "
            f"(turns meanwhile: {result.tps():.0f}/s, p99 {result.pct(99):.0f} ms)")
    return out


def held_for_slot(url: str, tickets) -> set[str]:  # type: ignore[no-untyped-def]
    """The tickets no officer hears of before their alert slot: anonymous (the leaders too,
    bot.identity.anonymous_to_all), or confidential and not sensitive (bot.identity
    .held_for_slot; a sensitive one's leaders are told at once), whose group alert and step-2
    ping (bot.pings.held_until) wait for the next slot, hours away in the office's
    configuration."""
    from sqlalchemy import select
    from bot.config import load_office_config
    from bot import identity
    from storage.models import Complaint
    from storage.repo import Store
    sensitive = load_office_config().sensitive_types
    store = Store.from_url(url)
    with store.read() as session:
        found = session.scalars(select(Complaint).where(Complaint.ticket.in_(list(tickets))))
        held = {c.ticket for c in found if identity.held_for_slot(c, sensitive)
                and (identity.anonymous_to_all(c) or not identity.is_sensitive(c, sensitive))}
    store.dispose()
    return held


# --- 5. soak ----------------------------------------------------------------------------------
def soak(dbs: Databases, n: int, kind: str) -> bool:
    say(f"\n## 5. Soak: {n} complainants filing at once on {kind} (every alert counted)")
    from sqlalchemy import func, select
    from storage.models import Complaint, Message, OutboxItem
    from storage.repo import Store
    with FakeTelegramServer() as tg:
        url = dbs.new(kind)
        env = {**telegram_env(tg, url), "ADUAN_CONFIG": machine_pace_config(True)}
        server = Server("handlers.wsgi:app", env)
        work = worker(env)
        try:
            time.sleep(2.0)
            result = loadgen.run_apart(server.port, n, n)
            deadline = time.time() + 120
            while time.time() < deadline and len(first_notices(tg, result.tickets)) < n:
                time.sleep(0.5)
            # the held group alerts go at the next minute's slot: wait for every one of them
            deadline = time.time() + 60 - time.time() % 60 + 120
            while time.time() < deadline and len(group_tickets(tg)) < n:
                time.sleep(0.5)
            time.sleep(1.0)                      # anything sent twice would arrive by now
        finally:
            stop(work)
            server.stop()
        store = Store.from_url(url)
        with store.unit() as unit:
            s = unit.session
            complaints = s.scalar(select(func.count(Complaint.id))) or 0
            inbound = s.scalar(select(func.count(Message.id)).where(Message.direction == "in"))
            alerts = dict(s.execute(select(OutboxItem.status, func.count()).where(
                OutboxItem.kind == "alert").group_by(OutboxItem.status)).tuples().all())
        store.dispose()
        seen = group_tickets(tg)
        heard = first_notices(tg, result.tickets)
    tickets = set(result.tickets)
    lost = tickets - set(heard) - set(seen)
    twice = {t for t, c in seen.items() if c > 1}
    ok = (not result.errors and len(tickets) == n and complaints == n and inbound == sum(len(loadgen.plan(i)[2]) for i in range(n))
          and alerts == {"sent": n} and set(seen) == tickets and not lost and not twice)
    say(f"turns {result.turns} in {result.seconds:.1f} s ({result.tps():.0f}/s, p99 "
        f"{result.pct(99):.0f} ms), errors {len(result.errors)}")
    say(f"database: {complaints} complaints, {inbound} inbound messages, alerts {alerts}")
    say(f"Bot API stand-in: {len(heard)} tickets told to officers (a held complaint's first "
        f"private notice: at once when sensitive, else at its slot), then {sum(seen.values())} group alerts for {len(seen)} tickets "
        f"at the next slot; lost {len(lost)}, duplicated {len(twice)} -> "
        f"{'OK' if ok else 'FAILED'}")
    return ok


def group_tickets(tg: FakeTelegramServer) -> Counter:
    """How many of the group's messages name each ticket."""
    seen: Counter = Counter()
    for call in group_messages(tg):
        for ticket in loadgen.TICKET.findall(str(call.params.get("text", "")).encode()):
            seen[ticket.decode()] += 1
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12,
                        help="scripts per complainant slot (more: steadier figures)")
    parser.add_argument("--soak", type=int, default=1000)
    parser.add_argument("--only", default="", help="comma list of sections 1-5")
    parser.add_argument("--root", help="run the servers and worker of another checkout (the "
                        "figures before a change), e.g. a git worktree of an older commit")
    args = parser.parse_args()
    if args.root:
        global ROOT
        ROOT = Path(args.root).resolve()
        bench_webhook.ROOT = ROOT
        say(f"# servers and worker from {ROOT}")
    only = {int(x) for x in args.only.split(",") if x}
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    say(f"# Aduan bench: {os.cpu_count()} CPUs, load average {' '.join(load)} at the start; "
        f"gunicorn as in handlers/gunicorn_conf.py")
    dbs = Databases()
    summary: dict = {}
    try:
        if not only or 1 in only:
            summary["turns"] = turns(dbs, [10, 50], args.rounds)
        if not only or 2 in only:
            summary["rasa_hanging_ms"] = rasa_hanging(dbs) * 1000
        if not only or 3 in only:
            summary["telegram_first_reply"] = telegram_first_reply(dbs, 40)
        if not only or 4 in only:
            summary["alerts"] = alerts_under_load(dbs, 50)
        if not only or 5 in only:
            summary["soak_ok"] = soak(dbs, args.soak, "SQLite")
    finally:
        dbs.stop()
    with open("/proc/loadavg") as f:
        say(f"\nload average at the end: {' '.join(f.read().split()[:3])}")
    Path(dbs.tmp, "summary.json").write_text(json.dumps(summary, indent=1, default=str))
    return 0 if summary.get("soak_ok", True) else 1


if __name__ == "__main__":
    raise SystemExit(main())
