"""nlu/evaluate.py never shows the texts it parses: the dev set must stay off the screen.

Rasa 3.6's structlog logger writes one debug line per parsed message, with its text, to
stdout; `make nlu-eval` shows stdout, so before this guard a plain evaluation printed the
dev set's texts (nlu/README.md, "Honesty notes"). The evaluation loads the real trained
model in the Rasa venv and parses a marker text; the marker must appear in neither stream.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NLU_PYTHON = Path(os.environ.get("NLU_VENV", ROOT / ".venv-nlu")) / "bin" / "python"
MODEL = Path(os.environ.get("NLU_MODEL", ROOT / "nlu" / "models" / "aduan-nlu.tar.gz"))
MARKER = "zq-marker-7731 paspor saya belum jadi"

SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from nlu.evaluate import parse_all
results, times = parse_all(__import__('pathlib').Path({str(MODEL)!r}), [{MARKER!r}])
assert len(results) == 1 and results[0] is not None and results[0].intent
print("parsed", len(results))
"""


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: run `make nlu-train`", pytrace=False)
    pytest.skip(f"{reason}: run `make nlu-train`")


def test_evaluation_prints_no_parsed_text() -> None:
    if not NLU_PYTHON.exists():
        _missing(f"{NLU_PYTHON} not found")
    if not MODEL.exists():
        _missing(f"trained model {MODEL} not found")
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2",
               PYTHONWARNINGS="ignore", SQLALCHEMY_SILENCE_UBER_WARNING="1", LOG_LEVEL="DEBUG")
    proc = subprocess.run([str(NLU_PYTHON), "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "parsed 1" in proc.stdout
    assert "zq-marker-7731" not in proc.stdout
    assert "zq-marker-7731" not in proc.stderr
    assert "parse_data_text" not in proc.stdout + proc.stderr


def test_guard_is_what_keeps_it_quiet() -> None:
    """Without quiet_rasa_logs() the same structlog call does print the text (the guard is needed)."""
    if not NLU_PYTHON.exists():
        _missing(f"{NLU_PYTHON} not found")
    probe = ("import structlog, sys\n"
             "structlog.get_logger().debug('processor.message.parse', parse_data_text='zq-loud-1')\n"
             f"sys.path.insert(0, {str(ROOT)!r})\n"
             "from nlu.evaluate import quiet_rasa_logs\n"
             "quiet_rasa_logs()\n"
             "structlog.get_logger().debug('processor.message.parse', parse_data_text='zq-quiet-2')\n"
             "structlog.get_logger().warning('still.warns')\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore", TF_CPP_MIN_LOG_LEVEL="2")
    proc = subprocess.run([str(NLU_PYTHON), "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "zq-loud-1" in proc.stdout           # structlog's default: debug lines on stdout
    assert "zq-quiet-2" not in proc.stdout + proc.stderr
    assert "still.warns" in proc.stderr and "still.warns" not in proc.stdout
