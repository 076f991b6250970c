"""Gunicorn settings for `make web`: threaded workers, a process per core on either database."""
import multiprocessing
import os
import sys

# A process per core (at least 2) on both engines. On SQLite the writers queue on an advisory
# lock file beside the database (storage.writer_lock), not in SQLite's sleeping busy
# handler, so several processes cost no tail latency and the turn's non-database work (HTTP,
# signature, rendering) runs on both cores. WEB_CONCURRENCY and WEB_THREADS override.
bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, multiprocessing.cpu_count()))
# gthread, sharing kept-alive connections evenly between the processes (handlers/gunicorn_worker.py)
worker_class = "handlers.gunicorn_worker.FairThreadWorker"
threads = int(os.environ.get("WEB_THREADS") or 8)
timeout = 30          # Twilio gives up after 15 s
graceful_timeout = 10
keepalive = 5
accesslog = os.environ.get("ACCESS_LOG") or None
# When an access log is kept, it names no one: no client address (a web chat whistleblower's IP
# is personal data) and no query string; method, path, status, size and duration only.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"

# Alerts first, down to the CPU: web processes run a little nicer than the delivery worker, so
# when complainants keep both cores busy the worker still gets its share at once and officer
# alerts are not queued behind the chatter (WEB_NICE=0 turns it off).
web_nice = int(os.environ.get("WEB_NICE") or 5)


def default_switch_interval(database_url: str) -> float:
    """On SQLite a turn's transaction releases the GIL at every call and must get it back
    before its next statement; with Python's default 5 ms switch interval a busy sibling
    thread keeps it that long, and the database's one writer waits with it: 0.5 ms keeps the
    writer's transaction short. PostgreSQL has no one writer, and there the short interval
    only adds forced GIL hand-overs between the threads; it keeps Python's default (0).
    Measured 2026-12-07 at 10 complainants (README, Benchmarks): in three alternating runs of
    `make bench`'s section 1, 67-85 % of the same run's SQLite rate against 58-64 %."""
    return 0.0 if database_url.startswith(("postgresql", "postgres:")) else 0.0005


# WEB_SWITCH_INTERVAL (seconds) overrides it; 0 keeps Python's default.
switch_interval = float(os.environ.get("WEB_SWITCH_INTERVAL")
                        or default_switch_interval(os.environ.get("DATABASE_URL", "")))


def post_fork(_server, _worker):  # type: ignore[no-untyped-def]
    if web_nice:
        os.nice(web_nice)
    if switch_interval > 0:
        sys.setswitchinterval(switch_interval)


def post_worker_init(_worker):  # type: ignore[no-untyped-def]
    """The app is loaded: move everything alive now (modules, config, SQLAlchemy's mappers and
    compiled statements, ~140,000 objects) out of the garbage collector's sight. Full
    collections then walk only what requests create: they cost about 0.2 ms of every turn and
    pauses of tens of milliseconds, some with the database writer lock held (GC_FREEZE=0
    turns it off)."""
    if os.environ.get("GC_FREEZE", "1") != "0":
        import gc
        gc.collect()
        gc.freeze()
