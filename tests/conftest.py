"""Shared fixtures: configuration, a controllable clock, and databases on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterator

import pytest

from bot.config import AppConfig, Flood, load_config
from storage.migrate import upgrade
from storage.repo import Store
from tests.support.postgres import Cluster, find_bin_dir

pytest_plugins = ["tests.support.telegram"] + (["tests.support.rasa_server"] if (
    Path(__file__).parent / "support" / "rasa_server.py").exists() else [])

WITA = dt.timezone(dt.timedelta(hours=8))
# Tuesday 1 December 2026, 10:00 WITA: the office is open.
OPEN_TIME = dt.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime = OPEN_TIME):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now.astimezone(dt.timezone.utc)

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


TEST_ENV = {
    "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
    "TWILIO_AUTH_TOKEN": "test-auth-token-0123456789abcdef",
    "TWILIO_WHATSAPP_FROM": "whatsapp:+628115773337",
    "TWILIO_SMS_FROM": "+628115773337",
    "PUBLIC_BASE_URL": "https://aduan.example.go.id",
}


def make_config(database_url: str, human_pace: bool = False, **env: str) -> AppConfig:
    """The shipped config.yml with test credentials. Transcripts run at machine speed on a
    frozen clock, so the complainant flood limit is relaxed unless `human_pace` asks for it."""
    config = load_config(environ={**TEST_ENV, "DATABASE_URL": database_url, **env})
    if not human_pace:
        office = config.office_config
        privacy = office.privacy.model_copy(update={"flood": Flood(messages=100, seconds=0.001)})
        config.office_config = office.model_copy(update={"privacy": privacy})
    return config


# --- databases --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster | None]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        yield None
        return
    cluster = Cluster(bin_dir).start()
    template_url = cluster.create_database()
    upgrade(template_url)
    cluster.template = template_url.rsplit("/", 1)[1]  # type: ignore[attr-defined]
    try:
        yield cluster
    finally:
        cluster.stop()


def _pg_url(cluster: Cluster | None, unix: bool = False) -> str:
    if cluster is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed, and CI must test against it")
        pytest.skip("PostgreSQL is not installed here (CI installs it)")
    return cluster.create_database(template=cluster.template,  # type: ignore[attr-defined]
                                   unix=unix)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'aduan.sqlite3'}"
        upgrade(url)
        return url
    return _pg_url(request.getfixturevalue("pg_cluster"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'aduan.sqlite3'}"
    upgrade(url)
    return url


@pytest.fixture
def pg_url(pg_cluster: Cluster | None) -> str:
    return _pg_url(pg_cluster)


@pytest.fixture
def pg_socket_url(pg_cluster: Cluster | None) -> str:
    """A migrated, empty PostgreSQL database reached over the server's Unix socket."""
    return _pg_url(pg_cluster, unix=True)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store.from_url(db_url)
    yield store
    store.dispose()


# --- the app, as Twilio sees it -----------------------------------------------------------------
@pytest.fixture
def make_app(clock: Clock, tmp_path: Path):
    """Build a fresh app (a new process, as far as state goes) on a given database."""
    from handlers.app import create_app
    from handlers.wiring import build_runtime
    made = []

    def factory(database_url: str, classifier=None, human_pace: bool = False,  # type: ignore[no-untyped-def]
                **env: str):
        env.setdefault("FILES_DIR", str(tmp_path / "files"))   # kept files, per test
        config = make_config(database_url, human_pace, **env)
        runtime = build_runtime(config, classifier=classifier, clock=clock)
        made.append(runtime)
        app = create_app(runtime)
        app.testing = True
        return app, runtime

    yield factory
    for runtime in made:
        runtime.store.dispose()


@pytest.fixture
def app_runtime(make_app, db_url: str):  # type: ignore[no-untyped-def]
    return make_app(db_url)


@pytest.fixture
def runtime(app_runtime):  # type: ignore[no-untyped-def]
    return app_runtime[1]


@pytest.fixture
def client(app_runtime):  # type: ignore[no-untyped-def]
    return app_runtime[0].test_client()


@pytest.fixture
def phone(client, runtime):  # type: ignore[no-untyped-def]
    from tests.support.twilio_chat import TwilioSender
    return TwilioSender(client, runtime.config.settings)
