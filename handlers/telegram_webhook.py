"""The Telegram webhook: secret checked first, update parsed, handed on, always a quick 200."""
from __future__ import annotations

import hmac
import logging

from flask import Blueprint, Response, abort, current_app, jsonify, request
from telegram import Update

from handlers.telegram_inbound import RETRY_LATER, handle_update

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

blueprint = Blueprint("telegram", __name__)


@blueprint.post("/webhooks/telegram")
def webhook() -> tuple[Response, int]:
    """Refuse without the right secret (nothing written); otherwise handle and answer 200."""
    runtime = current_app.config["ADUAN_RUNTIME"]
    secret = runtime.config.settings.telegram_webhook_secret
    given = request.headers.get(SECRET_HEADER, "")
    if not secret:
        log.error("Telegram webhook called but TELEGRAM_WEBHOOK_SECRET is not set")
        abort(403)
    if not hmac.compare_digest(given.encode(), secret.encode()):
        log.warning("refused Telegram webhook with a missing or wrong secret token")
        abort(403)
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        # Answering an error would make Telegram resend it forever: acknowledge and drop.
        log.warning("ignored an unreadable Telegram update")
        return jsonify(ok=True, result="ignored"), 200
    try:
        update = Update.de_json(data, None)
    except Exception:  # noqa: BLE001 - a payload PTB cannot read is dropped, not retried
        log.exception("ignored Telegram update %s that PTB cannot parse", data.get("update_id"))
        return jsonify(ok=True, result="ignored"), 200
    try:
        result = handle_update(runtime, update)
    except RETRY_LATER:
        # Nothing could be stored: a non-2xx answer makes Telegram deliver the update again.
        log.error("database unavailable; asking Telegram to retry update %s", update.update_id)
        return jsonify(ok=False, result="unavailable"), 503
    except Exception:  # noqa: BLE001 - a non-2xx answer would make Telegram resend it forever
        log.exception("telegram update %s failed; acknowledged so it is not resent",
                      update.update_id)
        return jsonify(ok=True, result="failed"), 200
    log.info("telegram update %s: %s", update.update_id, result)
    return jsonify(ok=True, result=result), 200
