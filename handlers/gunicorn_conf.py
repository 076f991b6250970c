"""Gunicorn settings for `make web`: threaded workers, sized for the database engine in use."""
import multiprocessing
import os

# SQLite takes one writer at a time: threads of one process queue on an in-process lock,
# while several processes contend in SQLite's busy handler (measured: p99 190 ms with one
# process against ~1 s with four). PostgreSQL scales with processes.
_sqlite = os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite")
bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or (1 if _sqlite else max(2, multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS") or 8)
timeout = 30          # Twilio gives up after 15 s
graceful_timeout = 10
keepalive = 5
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
