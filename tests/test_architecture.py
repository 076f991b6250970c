"""The architecture, checked: import contracts, and the declared conversation states."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def test_the_import_contracts_hold():
    """.importlinter declares the layers (handlers -> bot/nlu -> storage), bot's wings, where
    channel SDKs and SQL may be imported, and that no import circles exist."""
    done = subprocess.run([sys.executable, "-c", LINT, "--config", str(ROOT / ".importlinter")], cwd=ROOT, capture_output=True, text=True)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "0 broken" in report and "6 kept" in report, report


def test_every_conversation_state_has_one_declared_step():
    from bot.conversation.engine import REGISTRY
    from bot.conversation.turn import State
    assert set(REGISTRY) == set(State)
    for state, step in REGISTRY.items():
        assert step.goes_to <= set(State), state


def test_readme_diagram_matches_the_declared_states():
    from bot.conversation.diagram import mermaid
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```mermaid\n" + mermaid() + "\n```" in readme
