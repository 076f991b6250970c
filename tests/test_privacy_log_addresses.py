"""Process logs name a person's address only masked, whatever its length (README, "What is
logged": "delivery attempts and failures (outbox id, kind, channel, masked address, …)").

The log redactor masks phone numbers and digit runs of 9 or more; Telegram accounts made in
its first years have ids of 7 or 8 digits, and a web chat's address is a hash. So the code that
logs an address masks it itself rather than counting on the redactor to recognise it."""
from __future__ import annotations

import logging

import pytest

from bot.identity import log_address
from handlers import logsafe
from tests.fakes.telegram_updates import make_text_update
from tests.support.telegram import TelegramUser, deliver, file_on_telegram

pytestmark = pytest.mark.timeout(120)
OLD_ACCOUNT = 73004005          # an 8-digit Telegram id (accounts from 2013-2014)


@pytest.mark.parametrize(("channel", "address", "hidden"), [
    ("telegram", "73004005", "73004005"), ("telegram", "1234567", "1234567"),
    ("telegram", "7300400511", "7300400511"), ("whatsapp", "+6281290417351", "81290417351"),
    ("sms", "+60128874531", "128874531"), ("web", "ab" * 32, "ab" * 32),
])
def test_a_logged_address_is_masked_whatever_its_form(channel, address, hidden):
    shown = log_address(channel, address)
    assert hidden not in shown.replace(" ", "").replace("-", "")
    assert shown                            # still something to tell rows apart by


def test_an_old_telegram_account_is_never_logged_whole(bot_app, tg_server, caplog):
    app, runtime = bot_app
    logsafe.install(runtime.config.settings)
    caplog.set_level(logging.INFO)
    try:
        person = TelegramUser(app.test_client(), OLD_ACCOUNT, first_name="Opung")
        tg_server.fail_next("sendMessage", status=500, times=3)
        file_on_telegram(person, runtime)
        deliver(runtime)
        # a private chat that is not its sender: refused, and logged
        forged = make_text_update(990001, OLD_ACCOUNT, 61234567, "halo")
        assert person.post(forged).get_json()["result"] == "refused"
        records = caplog.get_records("call")
        logged = "\n".join(caplog.handler.format(r) for r in records)
        assert "attempt" in logged and "refused a Telegram update" in logged
        for whole in (str(OLD_ACCOUNT), "61234567"):
            assert whole not in logged, [ln for ln in logged.splitlines() if whole in ln][:3]
    finally:
        logsafe.uninstall()
