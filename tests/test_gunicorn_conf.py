"""handlers/gunicorn_conf.py: the GIL switch interval follows the database engine."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "handlers" / "gunicorn_conf.py"


def _interval_in_a_web_process(env: dict[str, str]) -> float:
    """What a web process runs with: the settings module loaded as gunicorn loads it, then its
    post_fork hook, in a process of its own (the hook renices it)."""
    code = ("import runpy, sys; conf = runpy.run_path(sys.argv[1]); "
            "conf['post_fork'](None, None); print(sys.getswitchinterval())")
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DATABASE_URL", "WEB_SWITCH_INTERVAL")}
    out = subprocess.run([sys.executable, "-c", code, str(CONF)], env={**clean, **env},
                         capture_output=True, text=True, check=True, timeout=60)
    return float(out.stdout.strip())


@pytest.mark.parametrize("env, expected", [
    ({}, 0.0005),                                                   # the embedded SQLite file
    ({"DATABASE_URL": "sqlite:////tmp/aduan.sqlite3"}, 0.0005),
    ({"DATABASE_URL": "postgresql://aduan@localhost/aduan"}, 0.005),  # Python's default
    ({"DATABASE_URL": "postgresql+psycopg://aduan@/aduan?host=/run"}, 0.005),
    ({"DATABASE_URL": "postgres://aduan@db/aduan"}, 0.005),
    ({"DATABASE_URL": "postgresql://aduan@db/aduan", "WEB_SWITCH_INTERVAL": "0.001"}, 0.001),
    ({"DATABASE_URL": "sqlite:////tmp/a.sqlite3", "WEB_SWITCH_INTERVAL": "0"}, 0.005),
])
def test_the_switch_interval_follows_the_engine(env: dict[str, str], expected: float) -> None:
    """SQLite's one writer must get the GIL back soon after each call (0.5 ms); on
    PostgreSQL the short interval only adds hand-overs, so Python's default (5 ms) stays;
    WEB_SWITCH_INTERVAL overrides either, 0 keeping Python's default."""
    assert _interval_in_a_web_process(env) == pytest.approx(expected)
