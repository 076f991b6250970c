"""A database outage degrades the bot without silently dropping what was sent."""
from __future__ import annotations

from tests.fakes import telegram_updates as tu
from tests.support.telegram import TelegramUser, channel_env, next_update_id
from tests.support.twilio_chat import TwilioSender

DOWN = "postgresql://postgres@127.0.0.1:1/nowhere"


def test_whatsapp_sender_is_asked_to_resend_when_nothing_could_be_stored(make_app):
    app, runtime = make_app(DOWN)
    phone = TwilioSender(app.test_client(), runtime.config.settings)
    reply = phone.says("halo, paspor saya belum jadi")
    assert "belum tersimpan" in reply and "kirim ulang" in reply


def test_telegram_is_asked_to_retry_when_nothing_could_be_stored(make_app, tg_server, tw_server):
    app, _ = make_app(DOWN, **channel_env(tg_server, tw_server))
    user = TelegramUser(app.test_client(), 555001)
    response = user.post(tu.make_text_update(next_update_id(), 555001, 555001, "halo"))
    assert response.status_code == 503


def test_the_profile_name_button_label_is_understood(client, runtime):
    phone = TwilioSender(client, runtime.config.settings, profile_name="Siti Aminah")
    for text in ("halo", "1", "petugas loket membentak saya", "lanjut", "5", "1", "1",
                 "lewati", "lanjut", "lewati"):      # the last: what they want done (conduct)
        phone.say(text)
    reply = phone.says('Pakai nama "Siti Aminah"')
    assert "ingin dirahasiakan" in reply and "belum mengerti" not in reply
