"""The Flask application factory: health check plus one blueprint per enabled channel."""
from __future__ import annotations

import logging

from flask import Blueprint, Flask, Response, jsonify

from handlers.wiring import Runtime

log = logging.getLogger(__name__)
MAX_REQUEST_BYTES = 256 * 1024


def channel_blueprints() -> dict[str, Blueprint]:
    """Channel name -> its blueprint (webhooks; the web chat's page and API). A new channel is
    one adapter module and one entry."""
    from handlers import telegram_webhook, twilio_status, twilio_webhook, webchat
    return {"twilio": twilio_webhook.blueprint, "twilio_status": twilio_status.blueprint,
            "telegram": telegram_webhook.blueprint, "web": webchat.blueprint}


def create_app(runtime: Runtime) -> Flask:
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES, ADUAN_RUNTIME=runtime)
    for blueprint in channel_blueprints().values():
        app.register_blueprint(blueprint)
    from handlers.twilio_webhook import FastPath
    app.wsgi_app = FastPath(app.wsgi_app, runtime, MAX_REQUEST_BYTES)  # type: ignore[method-assign]

    @app.get("/healthz")
    def healthz() -> tuple[Response, int]:
        ok = runtime.store.ping()
        return jsonify(status="ok" if ok else "unavailable",
                       database="reachable" if ok else "unreachable"), 200 if ok else 503

    @app.errorhandler(403)
    def forbidden(_error: Exception) -> tuple[str, int, dict[str, str]]:
        return "forbidden\n", 403, {"Content-Type": "text/plain"}

    @app.errorhandler(413)
    def too_large(_error: Exception) -> tuple[str, int, dict[str, str]]:
        return "request too large\n", 413, {"Content-Type": "text/plain"}

    @app.errorhandler(405)
    def not_allowed(_error: Exception) -> tuple[str, int, dict[str, str]]:
        return "method not allowed\n", 405, {"Content-Type": "text/plain"}

    return app
