"""Bring a database to the newest schema with Alembic (`python -m storage.migrate`)."""
from __future__ import annotations

import sys

from alembic import command
from alembic.config import Config

from bot.config import ROOT, ConfigError, load_settings
from storage.db import normalise_url


def alembic_config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "storage" / "migrations"))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    command.upgrade(alembic_config(url), "head")


def main() -> int:
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    upgrade(settings.database_url)
    print("database is at the newest schema")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
