"""Bring a database to the newest schema with Alembic (`python -m storage.migrate`)."""
from __future__ import annotations

from alembic import command
from alembic.config import Config

from storage.db import ROOT, normalise_url, url_from_environment


def alembic_config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "storage" / "migrations"))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    command.upgrade(alembic_config(url), "head")


def main() -> int:
    url = url_from_environment()
    if not url.startswith(("sqlite", "postgres")):
        print("environment: DATABASE_URL: must be a sqlite:/// or postgresql:// URL")
        return 2
    upgrade(url)
    print("database is at the newest schema")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
