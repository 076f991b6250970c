"""The leak check as a black box: the real gunicorn web server, delivery worker and Telegram
long polling, against the Telegram and Twilio stand-ins, over real HTTP
(scripts/leak_blackbox.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.timeout(400)


def test_the_real_processes_show_no_identity_or_secret_where_they_may_not(tmp_path):
    script = subprocess.Popen([sys.executable, "scripts/leak_blackbox.py", "--keep", str(tmp_path)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = script.communicate(timeout=360)
    except subprocess.TimeoutExpired:
        script.terminate()           # it stops the servers it started (their own sessions)
        stdout, stderr = script.communicate(timeout=30)
        pytest.fail("the black box took too long:\n" + (stdout + stderr)[-6000:])
    out = stdout + stderr
    assert script.returncode == 0, out[-6000:]
    assert "no leak found" in stdout and "FAILED" not in stdout, out[-6000:]
    for log in ("web.log", "worker.log", "polling.log"):
        assert (tmp_path / log).read_text().strip(), f"{log} is empty"
