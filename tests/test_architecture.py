"""The layering rules, checked: the core never imports a channel SDK; only storage/ talks SQL."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imports(package: str) -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path.name, alias.name.split(".")[0]) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path.name, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize("package", ["bot", "storage"])
def test_core_never_imports_a_channel_sdk_or_the_web_framework(package):
    bad = [(f, m) for f, m in imports(package) if m in {"twilio", "telegram", "flask", "werkzeug"}]
    assert bad == []


@pytest.mark.parametrize("package", ["bot", "handlers", "nlu"])
def test_only_storage_talks_sql(package):
    bad = [(f, m) for f, m in imports(package) if m in {"sqlalchemy", "psycopg", "sqlite3", "alembic"}]
    assert bad == []


def test_every_conversation_state_has_one_declared_step():
    from bot.engine import REGISTRY
    from bot.turn import State
    assert set(REGISTRY) == set(State)
    for state, step in REGISTRY.items():
        assert step.goes_to <= set(State), state


def test_readme_diagram_matches_the_declared_states():
    from bot.diagram import mermaid
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```mermaid\n" + mermaid() + "\n```" in readme
