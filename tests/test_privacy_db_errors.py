"""A database error names no one: SQLAlchemy prints a failed statement's parameters (a message's
text, a number, a name) in the exception, and every logged traceback carries it (README,
"What is logged"). And a message PostgreSQL cannot store as typed (a NUL character, pasted
from somewhere) is kept without it, not refused until the person gives up."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from handlers import logsafe
from storage.models import Message
from tests.support.twilio_chat import TwilioSender

pytestmark = pytest.mark.timeout(120)


def test_a_failed_statement_is_logged_without_its_values(store, caplog):
    """SQLAlchemy's parameter list is hidden at the engine; PostgreSQL's DETAIL line, which
    quotes the refused row, is hidden in the log."""
    logsafe.install()
    caplog.set_level(logging.DEBUG)
    try:
        with pytest.raises(DBAPIError) as failed:
            with store.engine.begin() as connection:   # the engine every unit of work uses
                connection.execute(text(
                    "INSERT INTO messages (direction, provider, channel, address, body,"
                    " created_at) VALUES (:direction, :provider, :channel, :address, :body,"
                    " NULL)"),
                    {"direction": "in", "provider": "twilio", "channel": "whatsapp",
                     "address": "+6281377700555", "body": "nama saya Siti Rahmawati"})
        assert "[SQL parameters hidden" in str(failed.value)
        logging.getLogger("aduan.test").error("turn failed", exc_info=failed.value)
        logged = "\n".join(caplog.handler.format(r) for r in caplog.get_records("call"))
        assert "turn failed" in logged and "created_at" in logged      # the error itself stays
        assert "Rahmawati" not in logged and "77700555" not in logged
    finally:
        logsafe.uninstall()


def test_a_message_with_a_nul_character_is_kept_and_answered(bot_app, caplog):
    app, runtime = bot_app
    logsafe.install(runtime.config.settings)
    caplog.set_level(logging.DEBUG)
    try:
        phone = TwilioSender(app.test_client(), runtime.config.settings,
                             number="+6281377700556", profile_name="Siti Rahmawati")
        phone.say("halo")
        reply = phone.says("1")
        assert "Ceritakan" in reply
        assert phone.says("calo di loket\x00 minta 500rb, saya Siti Rahmawati") == ""
        assert "Pengaduan Anda tentang apa" in phone.says("lanjut")
        with runtime.store.unit() as unit:
            bodies = unit.session.scalars(select(Message.body)).all()
        assert any("calo di loket minta 500rb" in b for b in bodies)
        logged = "\n".join(caplog.handler.format(r) for r in caplog.get_records("call"))
        assert "Rahmawati" not in logged
    finally:
        logsafe.uninstall()
