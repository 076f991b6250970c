"""The production WSGI entry point (`gunicorn handlers.wsgi:app`): config read once at start-up."""
from __future__ import annotations

import logging
import sys

from bot.config import ConfigError, load_config
from handlers import logsafe
from handlers.app import create_app
from handlers.wiring import build_runtime

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _app():  # type: ignore[no-untyped-def]
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"configuration error, not starting:\n{exc}", file=sys.stderr)
        raise SystemExit(2) from None
    logsafe.install(config.settings)      # tokens, numbers and PINs never reach the log
    return create_app(build_runtime(config))


app = _app()
