"""Pytest plugin: a real Rasa NLU server for the session.

Register it in tests/conftest.py with ``pytest_plugins = ["tests.support.rasa_server"]``.
The ``rasa_url`` fixture starts ``rasa run --enable-api`` from ``.venv-nlu`` with the
trained model ``nlu/models/aduan-nlu.tar.gz`` on a free port of 127.0.0.1, waits until
``GET /status`` answers 200 (up to ``RASA_BOOT_TIMEOUT`` seconds, default 180), yields the
base URL and stops the server at the end of the session.

Missing venv or model: ``pytest.fail`` when the ``CI`` environment variable is set,
otherwise ``pytest.skip`` (run ``make nlu-train``).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
NLU_VENV = Path(os.environ.get("NLU_VENV", REPO_ROOT / ".venv-nlu"))
RASA_BIN = NLU_VENV / "bin" / "rasa"
MODEL_PATH = Path(os.environ.get("NLU_MODEL", REPO_ROOT / "nlu" / "models" / "aduan-nlu.tar.gz"))
BOOT_TIMEOUT = float(os.environ.get("RASA_BOOT_TIMEOUT", "180"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/status", timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"Rasa NLU server unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"{reason}: run `make nlu-train` (creates .venv-nlu and the model)")


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # the server and any worker it forked
    except (ProcessLookupError, PermissionError):
        proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def rasa_url() -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``) of a running Rasa server with our model."""
    if not RASA_BIN.exists():
        _missing(f"{RASA_BIN} not found")
    if not MODEL_PATH.exists():
        _missing(f"trained model {MODEL_PATH} not found")

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        PYTHONPATH=str(REPO_ROOT),
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        PYTHONWARNINGS="ignore",
    )
    log_file = Path(tempfile.mkstemp(prefix="rasa-server-", suffix=".log")[1])
    with open(log_file, "wb") as log:
        proc = subprocess.Popen(
            [
                str(RASA_BIN), "run", "--enable-api",
                "-m", str(MODEL_PATH),
                "-i", "127.0.0.1", "-p", str(port),
            ],
            cwd=str(REPO_ROOT),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + BOOT_TIMEOUT
        while True:
            if _status_ok(url):
                break
            if proc.poll() is not None:
                pytest.fail(
                    f"Rasa server exited with {proc.returncode} during boot; log tail:\n"
                    + _tail(log_file),
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"Rasa server not ready after {BOOT_TIMEOUT:.0f} s; log tail:\n"
                    + _tail(log_file),
                    pytrace=False,
                )
            time.sleep(0.5)
        yield url
    finally:
        _stop(proc)
        try:
            log_file.unlink()
        except OSError:
            pass
