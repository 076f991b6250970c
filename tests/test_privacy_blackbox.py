"""The leak check as a black box: the real gunicorn web server and delivery worker, against the
Telegram and Twilio stand-ins, over real HTTP (scripts/leak_blackbox.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.timeout(300)


def test_the_real_processes_show_no_identity_or_secret_where_they_may_not(tmp_path):
    result = subprocess.run([sys.executable, "scripts/leak_blackbox.py", "--keep", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=280)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-6000:]
    assert "no leak found" in result.stdout and "FAILED" not in result.stdout, out[-6000:]
    for log in ("web.log", "worker.log"):
        assert (tmp_path / log).read_text().strip(), f"{log} is empty"
