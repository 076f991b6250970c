"""Database engines and sessions: SQLite (WAL, foreign keys, one writer at a time) or PostgreSQL."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'var' / 'aduan.sqlite3'}"


def url_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """DATABASE_URL from the environment, or the embedded SQLite file under var/."""
    environ = os.environ if environ is None else environ
    return environ.get("DATABASE_URL") or DEFAULT_URL


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs given without a driver."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url[len("postgres://"):]
    return url


DEFAULT_LOCK_TIMEOUT = 5.0   # seconds a transaction waits for a lock before giving up
FALLBACK_CHECKPOINT_PAGES = 10000   # SQLite checkpoints inside a commit only past ~40 MB of WAL


def _configure_sqlite(engine: Engine, lock_timeout: float, begin: str) -> None:
    # Take pysqlite's own transaction handling away and open every write transaction with
    # BEGIN IMMEDIATE, so concurrent turns queue for the write lock (at most `lock_timeout`)
    # instead of failing with "database is locked" when a read transaction tries to upgrade.
    # Read-only engines begin DEFERRED: in WAL mode readers never wait for the writer.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(lock_timeout * 1000)}")
        cursor.execute("PRAGMA synchronous=NORMAL")      # durable at checkpoints; safe in WAL
        cursor.execute("PRAGMA cache_size=-16000")       # 16 MB page cache per connection
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA mmap_size=134217728")     # reads straight from the page cache
        # Checkpoints are run by the Store after a transaction, outside the writer lock
        # (storage.checkpoints); SQLite's own, inside a commit, stays only as a safety net.
        cursor.execute(f"PRAGMA wal_autocheckpoint={FALLBACK_CHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        # on the driver's connection: every transaction pays this, with the writer lock held
        try:
            connection.connection.driver_connection.execute(begin)
        except Exception as exc:  # noqa: BLE001 - SQLAlchemy's handling, as for any statement
            connection._handle_dbapi_exception(exc, begin, (), None, None)


def _configure_postgresql(engine: Engine, lock_timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # A row lock held too long (a stuck turn) fails the waiting statement instead of
        # queueing the next message behind it forever; the caller answers calmly.
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(lock_timeout * 1000)}")
        dbapi_connection.commit()


def make_engine(url: str, lock_timeout: float = DEFAULT_LOCK_TIMEOUT, read_only: bool = False,
                **kwargs) -> Engine:  # type: ignore[no-untyped-def]
    url = normalise_url(url)
    parsed = make_url(url)
    # A failed statement's parameters (a message's text, a number, a name) never go into its
    # exception, so no logged traceback carries them.
    kwargs.setdefault("hide_parameters", True)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": lock_timeout,
                                                  "check_same_thread": False}, **kwargs)
        _configure_sqlite(engine, lock_timeout, "BEGIN" if read_only else "BEGIN IMMEDIATE")
        return engine
    # No pre-ping (a round trip per checkout): a connection found dead invalidates the pool
    # and the unit of work retries once (storage.repo.Store.unit).
    kwargs.setdefault("pool_size", 10)
    engine = create_engine(url, **kwargs)
    _configure_postgresql(engine, lock_timeout)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def ping(engine: Engine) -> bool:
    """True when the database answers a trivial query."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False
